/**
 * One share of the mutation test on a worker thread (tests/check/mutation.test.ts bundles this file
 * with rolldown and starts it). It builds the same Harness and mutation list as the test, runs the
 * mutations of every `stride`-th amount starting at `first` (all of one amount's mutations stay on
 * one thread, where equal texts are run once), and posts back each one's index and outcome.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Harness, mutations, type Result } from './mutation.js';

export interface Share {
  readonly dir: string;
  readonly first: number;
  readonly stride: number;
}

export type Outcomes = [index: number, outcome: Result['outcome'], rules: string[]][];

const { dir, first, stride } = workerData as Share;
const h = new Harness(dir);
const out: Outcomes = [];
let index = 0;
h.amounts().forEach((a, k) => {
  for (const m of mutations(a)) {
    if (k % stride === first) {
      const r = h.mutate(m);
      out.push([index, r.outcome, r.rules]);
    }
    index++;
  }
});
parentPort!.postMessage(out);
