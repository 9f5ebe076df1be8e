/**
 * The render thread's entry (src/render/thread.ts): a single build's PDF is rendered here while
 * the thread that started it writes the XLSX.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { nodeWorld } from '../world/index.js';
import { serveRenders, type RenderThreadData } from './thread.js';

if (parentPort) serveRenders(parentPort, workerData as RenderThreadData, nodeWorld());
