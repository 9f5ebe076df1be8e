/**
 * The render thread of a single `budget build`, started by bin/budget.js before it loads the CLI.
 *
 * A build renders its PDF on a second thread (src/render/thread.ts), and that thread's work —
 * starting a V8 isolate, loading PDFKit and fontkit, then laying the document out — is
 * the longest path of the build: the main thread has checked the data and written the XLSX long
 * before the PDF comes back. Started from compile.ts, the thread began only once the CLI bundle
 * was loaded (~80 ms of a ~1.1 s build, idle machine); started here, the thread loads its renderer
 * while the main thread loads the CLI and checks. This file is a bundle entry of its own
 * (dist/bundle/early.js) that imports nothing of the CLI, so that starting the thread costs
 * loading a few lines.
 *
 * Which command will run is only known once commander has parsed the arguments and the batch has
 * found its directories, so this guesses from the arguments: `build` with at most one directory
 * and neither --all, --only nor --jobs 1. The guess only decides when the thread starts: the build
 * takes the thread through `World.thread` (src/world/world.ts) when it asks for exactly this one,
 * and starts its own otherwise; a thread nobody took is ended when the command ends (`drop`), and
 * never keeps the process alive.
 */
import { availableParallelism, cpus } from 'node:os';
import { Worker } from 'node:worker_threads';
import { useInterruptBudget } from '../world/interrupt-budget.js';
import type { StartedThread } from '../world/world.js';

/** A thread started ahead, for the first `World.thread(entry, data)` with this entry and data. */
export interface EarlyThread extends StartedThread {
  /** Ends the thread unless it was taken. */
  drop(): void;
}

/** What the render thread is started with (src/render/thread.ts `RenderThreadData`): the PDF renderer. */
export const EARLY_DATA = { preload: 'pdf' } as const;

/** Options of `budget build` that take a value (src/cli/main.ts), so that their values are not counted as directories. */
export const VALUED = new Set(['-o', '--out', '--name', '--font-body', '--font-bold', '--font-heading', '--font-title', '--font-subheading', '--templates', '--format', '--lang', '-j', '--jobs', '--shard', '--max-errors', '--only']);

/** Whether the arguments (after `node budget.js`) look like a build of a single department-year with both files. */
export function looksLikeSingleBuild(args: readonly string[]): boolean {
  if (args[0] !== 'build') return false;
  let dirs = 0;
  for (let i = 1; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      dirs += args.length - i - 1;
      break;
    }
    const name = a.startsWith('--') ? a.split('=')[0] : a.startsWith('-') ? a.slice(0, 2) : undefined;
    if (name === undefined) {
      dirs++;
      continue;
    }
    if (name === '--all' || name === '--only' || name === '--shard' || name === '-h' || name === '--help') return false;
    const inline = a.includes('=') || (name.length === 2 && a.length > 2);
    const value = VALUED.has(name) && !inline ? args[++i] : inline ? (a.includes('=') ? a.slice(a.indexOf('=') + 1) : a.slice(2)) : undefined;
    if ((name === '-j' || name === '--jobs') && Number(value) <= 1) return false;
  }
  return dirs <= 1;
}

/**
 * Starts the render thread now when `argv` (process.argv) looks like a single build on a machine
 * with a core to spare; undefined otherwise, or when the thread cannot be started. Sets the
 * process's V8 interrupt budget (src/world/interrupt-budget.ts): at once without a thread, else
 * the thread sets it once it has booted (or this one, should the thread fail); for any other
 * build, the batch sets its flags (src/batch/run.ts `runBatch`), after its workers have booted.
 *
 * The thread's heap keeps V8's default sizes: 32 MB semi-spaces from the start
 * (src/world/thread-heap.ts, for a thread the build starts itself) are V8 flags too, set before the
 * thread exists, and the ~25 ms of Node's internal modules compiled from source that they cost the
 * thread as it boots are more than the ~5 ms of scavenges they save it (`--trace-gc`: 4 scavenges
 * of ~8 ms against 17 of ~2 ms).
 */
export function startEarly(argv: readonly string[], entry: URL): EarlyThread | undefined {
  const cores = typeof availableParallelism === 'function' ? availableParallelism() : cpus().length;
  if (cores < 2 || !looksLikeSingleBuild(argv.slice(2))) {
    // A build that starts no thread here sets its flags itself (src/batch/run.ts): a batch's
    // workers boot first, with the default flags.
    if (argv[2] !== 'build') useInterruptBudget();
    return undefined;
  }
  let worker: Worker | undefined;
  try {
    worker = new Worker(entry, { workerData: EARLY_DATA });
  } catch {
    useInterruptBudget();
    return undefined;
  }
  // Until a build takes it, the thread must not keep the process alive (a check that fails ends here).
  worker.unref();
  // Not taken yet, its error must not end the process; and a thread that has already failed or
  // ended is not handed out (whoever takes it would wait for an answer that never comes).
  let gone = false;
  worker.on('error', () => {
    gone = true;
    useInterruptBudget();
  });
  worker.on('exit', () => (gone = true));
  return {
    entry: entry.href,
    data: JSON.stringify(EARLY_DATA),
    take() {
      const w = gone ? undefined : worker;
      worker = undefined;
      return w;
    },
    drop() {
      const w = worker;
      worker = undefined;
      void w?.terminate().catch(() => undefined);
    },
  };
}
