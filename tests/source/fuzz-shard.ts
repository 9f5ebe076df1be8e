// Typos never crash the check: thousands of random edits of the reference year and the fixtures'
// department-years (tests/source/fuzz.ts says which edits) each end as exit 0, 1 or 2 with
// diagnostics that say something at a real place, and the fast parser agrees with yaml on every
// edited file, whichever of them refuses it. `npm run fuzz` runs the same with more edits and any
// seed (FUZZ_COUNT, FUZZ_SEED); a failure prints the seed, the case and its edits.
//
// The seed's cases are cut into SHARDS consecutive runs, one test file each
// (tests/source/fuzz-shard-<k>.test.ts): together they are exactly the cases one run of all of them
// would make (case #i is the same case, with the same edits and the same full or fast check, in
// whichever file runs it). Vitest spreads test files over the cores, not the tests of one file,
// and one file of 5,000 cases (some 25 s) started last kept one core busy long after the other
// had finished.
import { describe, expect, it } from 'vitest';
import { cases, describeCase, loadCorpora, runCase } from './fuzz.js';

const COUNT = Number(process.env.FUZZ_COUNT ?? 5000);
const SEED = Number(process.env.FUZZ_SEED ?? 20231);
/** Every n-th case runs `checkDir` itself, rendering the narrative templates too (the slowest stage). */
const FULL_EVERY = Number(process.env.FUZZ_FULL_EVERY ?? 50);
/** Stop after this many failures (each is printed whole). */
const MAX_FAILURES = Number(process.env.FUZZ_MAX_FAILURES ?? 5);
/** How many files share the cases (tests/source/fuzz-shard-1.test.ts … -4). */
export const SHARDS = 4;

function withStackTraces<T>(limit: number, f: () => T): T {
  const before = Error.stackTraceLimit;
  Error.stackTraceLimit = limit;
  try {
    return f();
  } finally {
    Error.stackTraceLimit = before;
  }
}

/** Cases [from, to) of the seed's COUNT: shard `k` (1-based) of SHARDS. */
export function shardRange(k: number, count = COUNT): [number, number] {
  return [Math.floor(((k - 1) * count) / SHARDS), Math.floor((k * count) / SHARDS)];
}

/** Declares the test of shard `k` (1-based) of SHARDS in the calling test file. */
export function fuzzShard(k: number): void {
  const [from, to] = shardRange(k);
  const corpora = loadCorpora();
  const byDir = new Map(corpora.map((c) => [c.dir, c]));
  describe(`${COUNT} random typos (seed ${SEED}), cases ${from}–${to - 1}`, () => {
    it('each ends as exit 0, 1 or 2 with diagnostics that say what and where; fast.ts and yaml agree on each edited file', () => {
      const failures: string[] = [];
      const exits = [0, 0, 0];
      let i = 0;
      // yaml makes an Error for each problem it finds; capturing thousands of stacks would cost more
      // than the parsing. A failing case is run again with stacks for the report.
      withStackTraces(0, () => {
        // the cases before this shard's are drawn (the generator is sequential) but not run
        for (const c of cases(corpora, SEED, to)) {
          if (i >= from) {
            const full = i % FULL_EVERY === 0;
            const o = runCase(byDir.get(c.corpus)!, c, full);
            if (o.exit <= 2) exits[o.exit]++;
            if (o.problem || o.disagreement) {
              const again = withStackTraces(20, () => runCase(byDir.get(c.corpus)!, c, full));
              const what = [again.problem ?? o.problem, again.disagreement ?? o.disagreement].filter(Boolean).join('\n');
              failures.push(describeCase(SEED, i, c, what));
              if (failures.length >= MAX_FAILURES) break;
            }
          }
          i++;
        }
      });
      expect(failures.join('\n\n')).toBe('');
      // the edits reach every outcome: clean files, broken arithmetic, unusable input (in each shard)
      if (COUNT >= 1000) for (const n of exits) expect(n).toBeGreaterThan((to - from) / 200);
      // (about 4–5 ms of CPU a case, some 5 s a shard; a machine shared with other work may take
      // several times as long)
    }, 900_000);
  });
}
