/**
 * The young generation of a render thread's heap, set before the thread starts.
 *
 * Laying out and drawing the PDF allocates a great many short-lived objects (the layout's lines and items,
 * lines and positions, PDFKit's operators), and V8 starts a new isolate with 1 MB semi-spaces that
 * grow only as scavenges find survivors: the reference year's render thread ran ~20 scavenges, some
 * 10 % of its time, on the build's critical path (`node --trace-gc`). V8 reads the semi-space
 * flags when it creates an isolate's heap, so setting them before `new Worker` gives that thread
 * 32 MB semi-spaces from the start: 5–6 scavenges, about half the time in them, ~30 MB more peak
 * memory. The main thread's heap, made before this runs, keeps its sizes; so do the batch's
 * workers, started after it only in a process that builds one department-year, which never has any.
 * (`resourceLimits.maxYoungGenerationSizeMb` raises only the ceiling, not where the heap starts.)
 * The ceiling stays at the start size: with 64 MB a 2,000-row department's build peaked at
 * ~557 MB against ~470 MB without these flags; with 32 MB at ~516 MB.
 * Not for the thread bin/budget.js starts ahead: that one boots with V8's default flags
 * (src/cli/early.ts says why).
 */
import { setFlagsFromString } from 'node:v8';

let set = false;

export function renderThreadHeap(): void {
  if (set) return;
  set = true;
  try {
    setFlagsFromString('--min-semi-space-size=32');
    setFlagsFromString('--max-semi-space-size=32');
  } catch {
    // only a speed-up
  }
}
