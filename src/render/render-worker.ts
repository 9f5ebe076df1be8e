/**
 * The render thread's entry (src/render/thread.ts): a single build's PDF is rendered here while
 * the thread that started it writes the XLSX.
 */
import { fileURLToPath } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { nodeWorld } from '../world/index.js';
import { serveRenders, type RenderThreadData } from './thread.js';
import { useCodeCache } from '../world/code-cache.js';
import { useInterruptBudget } from '../world/interrupt-budget.js';

if (parentPort) {
  // Booted with V8's default flags, so with Node's code cache of its internal modules: the
  // interrupt budget is set now, for this thread and the one that started it (interrupt-budget.ts).
  useInterruptBudget();
  const world = nodeWorld();
  // The PDF stack compiled from V8's code cache, kept next to this file (src/world/code-cache.ts); BUDGET_CODE_CACHE=0 turns it off.
  const cache = world.env('BUDGET_CODE_CACHE') === '0' ? undefined : useCodeCache(fileURLToPath(new URL('./render-code-cache.bin', import.meta.url)));
  serveRenders(parentPort, workerData as RenderThreadData, world, cache);
}
