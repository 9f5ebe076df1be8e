#!/usr/bin/env node
// Runs the bundled CLI; `npm install` builds dist/bundle/ through the `prepare` script.
// A single `budget build` has its render thread started first (early.js, src/cli/early.ts), so that
// the thread loads the PDF renderer while this one loads the CLI; without it the build starts its own.
import { setFlagsFromString } from 'node:v8';

// V8 optimises a function with TurboFan once it has spent an "interrupt budget" of bytecode
// (67,584 by default on Node 20). A build is short and runs most of its code a few times: at the
// default, TurboFan compiled ~3.2 G of the PDF build's 7.3 G instructions (callgrind) on background
// threads that take the second core from the render thread, and the code it made was mostly thrown
// away at exit. Seven times the budget leaves the truly hot loops to TurboFan and the rest to
// Sparkplug: `budget build data/2023` 0.75 → 0.57 s (CPU 1.30 → 0.85 s), a 2,000-row build
// 3.2 → 2.9 s, `check` of 10,000 rows unchanged or faster (docs/benchmarks-history.md, 2026-12-02).
// Set here, before any module of the CLI loads; flags are the process's, so the threads have it too.
try {
  setFlagsFromString('--interrupt-budget=500000');
} catch {
  // only a speed-up
}
const early = import('../dist/bundle/early.js')
  .then((e) => e.startEarly(process.argv, new URL('../dist/bundle/render-worker.js', import.meta.url)))
  .catch(() => undefined);
early
  .then((thread) => import('../dist/bundle/main.js').then((m) => m.main(process.argv, undefined, thread)))
  .catch((err) => {
    process.stderr.write(`budget: internal error: ${err && err.stack ? err.stack : err}\n`);
    process.exit(70);
  });
