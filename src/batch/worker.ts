import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { nodeWorld } from '../world/index.js';
import { useFontFile } from '../render/pdf/files.js';
import { runJob } from './job.js';
import type { Job, WorkerData } from './protocol.js';

/**
 * A batch worker: takes jobs one at a time until the pool closes it. Modules (pdfmake, exceljs) and
 * fonts are loaded once per worker and reused for every report it renders: the font files come
 * from the main thread in shared memory (one copy for all workers), and the PDF renderer keeps
 * what it parsed of them (src/render/pdf/patches.ts).
 */
for (const [path, bytes] of (workerData as WorkerData | undefined)?.fontFiles ?? []) useFontFile(path, new Uint8Array(bytes));
const world = nodeWorld();
parentPort?.on('message', (job: Job) => {
  void runJob(job, world, () => performance.now()).then((reply) => parentPort?.postMessage(reply));
});
