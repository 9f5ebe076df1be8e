/**
 * The V8 interrupt budget of a command, and when it is set.
 *
 * V8 optimises a function with TurboFan once it has spent an "interrupt budget" of bytecode
 * (67,584 by default on Node 20). A build is short and runs most of its code a few times: at the
 * default, TurboFan compiled ~3.2 G of the PDF build's 7.3 G instructions (callgrind) on background
 * threads that take the second core from the render thread, and the code it made was mostly thrown
 * away at exit. Seven times the budget leaves the truly hot loops to TurboFan and the rest to
 * Sparkplug: the reference year's build 0.75 → 0.57 s (CPU 1.30 → 0.85 s), a 2,000-row build
 * 3.2 → 2.9 s, `check` of 10,000 rows unchanged or faster (docs/benchmarks-history.md, 2026-12-02).
 *
 * A flag is the process's, so the threads have it too; but any V8 flag away from its default also
 * changes V8's flag hash, and a code cache made under another hash is refused: Node's own code
 * cache of its internal modules is made with the default flags, so every internal module an
 * isolate loads after the change is compiled from source. A new thread loads some hundred of them
 * as it boots (the render thread of a single build: ~25 ms more from `new Worker` to its first
 * line, on the build's critical path). So bin/budget.js sets the budget at once only when it
 * starts no render thread ahead (src/cli/early.ts); when it does, the thread sets it for the whole
 * process as its first line (src/render/render-worker.ts), once it has booted and loaded what it
 * loads from Node with the default flags. The main thread runs its first few tens of milliseconds
 * (loading the CLI: top-level code, run once) at the default budget, which that code never spends.
 */
import { setFlagsFromString } from 'node:v8';

/** The budget of a single command (the batch sets its own for its workers: src/batch/run.ts). */
export const INTERRUPT_BUDGET = 500_000;

/** Sets the budget for the process (a no-op where V8 refuses the flag: only a speed-up). */
export function useInterruptBudget(): void {
  try {
    setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
  } catch {
    // only a speed-up
  }
}
