import { parentPort } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { nodeWorld } from '../world/index.js';
import { runJob } from './job.js';
import type { Job } from './protocol.js';

/**
 * A batch worker: takes jobs one at a time until the pool closes it. Modules (pdfmake, exceljs) and
 * font files are loaded once per worker and reused for every report it renders (the PDF renderer
 * caches font bytes by path).
 */
const world = nodeWorld();
parentPort?.on('message', (job: Job) => {
  void runJob(job, world, () => performance.now()).then((reply) => parentPort?.postMessage(reply));
});
