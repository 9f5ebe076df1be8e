/**
 * BUDGET_TRACE=1: one line on stderr per phase of a build, with the milliseconds since the process
 * started, on every thread (the render thread's clock is the same: each line is absolute time
 * minus the main thread's start). For finding a build's critical path (docs/benchmarks-history.md);
 * off, it costs one property read per phase.
 */
import { performance } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';
import { readFileSync } from 'node:fs';

const on = Boolean(process.env.BUDGET_TRACE);
// A worker thread gets a copy of the environment as it was when it started: the main thread puts its start there.
if (on && isMainThread) process.env.BUDGET_TRACE_ORIGIN = String(performance.timeOrigin);
const origin = Number(process.env.BUDGET_TRACE_ORIGIN ?? performance.timeOrigin);

export function trace(label: string): void {
  if (!on) return;
  const t = performance.timeOrigin + performance.now() - origin;
  process.stderr.write(`[trace] ${isMainThread ? 'main  ' : 'render'} ${t.toFixed(1).padStart(7)} ${label}${threadCpu()}\n`);
}

/** This thread's CPU time so far (Linux: /proc/thread-self/stat, 10 ms ticks), the steadier figure on a loaded machine. */
function threadCpu(): string {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'latin1');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ` (cpu ${(Number(f[11]) + Number(f[12])) * 10})`;
  } catch {
    return '';
  }
}
