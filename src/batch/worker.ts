import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { nodeWorld } from '../world/index.js';
import { useFontFile } from '../render/pdf/files.js';
import { runJob } from './job.js';
import type { Booted, Job, WorkerData } from './protocol.js';

/**
 * A batch worker: takes jobs one at a time until the pool closes it. Modules (PDFKit, exceljs) and
 * fonts are loaded once per worker and reused for every report it renders: the font files come
 * from the main thread in shared memory (one copy for all workers), and the PDF renderer keeps
 * what it parsed of them (src/render/pdf/faces.ts). A build's files are written by the main
 * thread (run.ts), so that this one goes on with the next report meanwhile.
 */
// Booted, with Node's code cache of its internal modules: the main thread may now change V8's flags (run.ts).
parentPort?.postMessage({ booted: true } satisfies Booted);
for (const [path, bytes] of (workerData as WorkerData | undefined)?.fontFiles ?? []) useFontFile(path, new Uint8Array(bytes));
const world = nodeWorld();
parentPort?.on('message', (job: Job) => {
  void runJob(job, world, () => performance.now()).then((reply) => {
    // A build's files go to the main thread, which writes them: handed over, not copied.
    const files = 'pending' in reply && reply.pending ? reply.pending.files.map((f) => f.bytes) : [];
    const whole = files.filter((b) => b.buffer instanceof ArrayBuffer && b.byteOffset === 0 && b.byteLength === b.buffer.byteLength);
    parentPort?.postMessage(reply, whole.length === files.length ? whole.map((b) => b.buffer as ArrayBuffer) : []);
  });
});
