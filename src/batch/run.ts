import { Worker } from 'node:worker_threads';
import { setFlagsFromString } from 'node:v8';
import { performance } from 'node:perf_hooks';
import { writeBuilt, type BuildOptions, type CheckOptions, type PendingWrite } from '../compile.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { COLLISION_RULE, INTERNAL_RULE } from './rules.js';
import type { DirResult } from '../diagnostics/result.js';
import type { World } from '../world/index.js';
import { defaultFonts } from '../render/pdf/fonts.js';
import { runJob } from './job.js';
import type { Booted, Job, Reply, WorkerData } from './protocol.js';
import { useInterruptBudget } from '../world/interrupt-budget.js';

/**
 * Runs many department-years: in parallel on worker threads (one job at a time per worker, the
 * next item handed to whichever worker is free), or in this thread for a single item or `--jobs 1`.
 * One item's failure, even a bug, is that item's result; the others go on. Results come back in
 * the order of `dirs`, whatever order they finish in.
 */

export interface BatchItem {
  readonly dir: string;
  readonly result: DirResult;
  readonly ms: number;
  /** A bug's stack, when the item hit an internal error (the batch then exits 70). */
  readonly internal?: string;
}

export interface BatchHooks {
  /** Called as each item finishes, in finishing order; `done` counts finished items. */
  readonly onDone?: (item: BatchItem, done: number, total: number) => void;
}

export type BatchKind = { kind: 'check'; opts: CheckOptions } | { kind: 'build'; opts: BuildOptions };

export { INTERNAL_RULE, COLLISION_RULE, BATCH_RULES } from './rules.js';

export async function runBatch(dirs: readonly string[], what: BatchKind, world: World, jobs: number, hooks: BatchHooks = {}): Promise<BatchItem[]> {
  const items: (BatchItem | undefined)[] = new Array(dirs.length);
  let done = 0;
  const finish = (i: number, reply: Reply) => {
    const item = toItem(dirs[i], reply);
    items[i] = item;
    done++;
    hooks.onDone?.(item, done, dirs.length);
  };
  // A single build may use a second core for its own files (src/render/thread.ts); a batch's builds
  // do not: its workers use the cores, and --jobs 1 asks for one thread.
  const alone = what.kind === 'build' && dirs.length === 1 && jobs > 1;
  const n = Math.max(1, Math.min(jobs, dirs.length));
  // On worker threads a build's files are written here (writeBuilt): the writer's fsyncs, some 30 ms
  // a report, then wait in this otherwise idle thread while the worker renders its next report.
  const job = (i: number): Job =>
    what.kind === 'check'
      ? { id: i, kind: 'check', dir: dirs[i], opts: what.opts }
      : { id: i, kind: 'build', dir: dirs[i], opts: alone ? { ...what.opts, secondThread: true } : n > 1 ? { ...what.opts, deferWrite: true } : what.opts };

  if (n === 1) {
    // bin/budget.js left the budget to a build that starts no thread ahead (src/cli/early.ts).
    useInterruptBudget();
    for (let i = 0; i < dirs.length; i++) finish(i, await runJob(job(i), world, () => performance.now()));
  } else {
    const written = (reply: Reply): Reply => (!('pending' in reply) || !reply.pending ? reply : writePending(reply, reply.pending, world));
    await runOnWorkers(dirs.length, n, job, (i, reply) => finish(i, written(reply)), { fontFiles: what.kind === 'build' ? sharedFonts(world, what.opts) : [] }, what.kind);
  }
  return flagCollisions(items as BatchItem[]);
}

/** A worker's rendered build, written here; a bug in the writing is the item's internal error. */
function writePending(reply: Reply, pending: PendingWrite, world: World): Reply {
  const t0 = performance.now();
  try {
    return { id: reply.id, result: writeBuilt(pending, world), ms: reply.ms + (performance.now() - t0) };
  } catch (e) {
    return { id: reply.id, internal: e instanceof Error ? (e.stack ?? e.message) : String(e), ms: reply.ms + (performance.now() - t0) };
  }
}

/**
 * Two items that wrote the same output file (the same department and year in two directories):
 * the later in list order is marked unusable, naming the earlier one, since its file may have been
 * overwritten by the other.
 */
export function flagCollisions(items: readonly BatchItem[]): BatchItem[] {
  const first = new Map<string, string>();
  return items.map((it) => {
    const clashes = (it.result.outputs ?? []).filter((f) => first.has(f));
    for (const f of it.result.outputs ?? []) if (!first.has(f)) first.set(f, it.dir);
    if (!clashes.length) return it;
    const other = first.get(clashes[0])!;
    const d: Diagnostic = {
      severity: 'error',
      rule: COLLISION_RULE,
      message: {
        zh: `${it.dir} 与 ${other} 写出了同一个文件 ${clashes.join('、')}（同一部门同一年度），其中一个覆盖了另一个`,
        en: `${it.dir} and ${other} wrote the same file ${clashes.join(', ')} (the same department and year): one overwrote the other`,
      },
      related: [],
      figures: [],
      help: { zh: '删去重复的目录，或用 --name 区分输出文件名。', en: 'Remove the duplicate directory, or tell the outputs apart with --name.' },
    };
    return {
      ...it,
      result: { ...it.result, status: 'unusable', diagnostics: [...it.result.diagnostics, d], runs: [...it.result.runs, { id: COLLISION_RULE, checked: 1, findings: 1 }] },
    };
  });
}

/**
 * The packaged font files a build's PDFs use (the faces the department does not replace with its
 * own), read once into shared memory for all workers: ~40 MB held once instead of once per worker.
 */
function sharedFonts(world: World, opts: BuildOptions): WorkerData['fontFiles'] {
  if (opts.formats && !opts.formats.includes('pdf')) return [];
  const own = opts.fonts ?? {};
  const faces = defaultFonts();
  const out: [string, SharedArrayBuffer][] = [];
  for (const face of ['body', 'bodyBold', 'heading'] as const) {
    const path = faces[face];
    if (own[face] || typeof path !== 'string' || out.some(([p]) => p === path)) continue;
    const bytes = world.readShared(path);
    if (bytes) out.push([path, bytes]);
  }
  return out;
}

/**
 * V8 lets a heap grow up to 4x what survived its last full collection before collecting again
 * (the factor for a large machine): each worker's heap rose to ~150 MB around ~30 MB of live
 * data, and the batch's peak RSS to 470-520 MB. At most +250% keeps two workers' heaps ~30 MB
 * smaller each with no measurable CPU cost (measured: +200% saves more but costs ~4% CPU, and
 * full collections forced between reports cost far more: V8 starts over optimising after them).
 * The flag is process-wide and read at each collection; a value given on the command line or in
 * NODE_OPTIONS wins.
 *
 * These flags are set once the first workers have booted (`runOnWorkers`): any V8 flag away from
 * its default makes V8 refuse Node's code cache of its internal modules (src/world/interrupt-budget.ts),
 * so a worker started after a change compiled them from source as it booted: ~20 ms more CPU a
 * worker (a bare worker, `new Worker` to exit: 23 → 45 ms). Both flags still take effect when
 * set later: the growing factor is read at each collection, the budget each time a function's is
 * reset.
 */
const HEAP_GROWING_PERCENT = 250;

/**
 * How much a function runs before V8 considers optimising it (bytes of bytecode executed; V8 11's
 * default is 67,584): four times the default. Each worker is a fresh isolate that optimises the
 * renderer's code anew, on V8's background threads, and in a batch of 40 reports on 2 workers
 * those threads took ~45 % of the process's CPU (per-thread CPU from /proc: ~9.5 s of ~21 s; ~8.5 s
 * still with --single-threaded-gc, so it is the optimising compiler, not the collector): some
 * 1,300 TurboFan compilations, 20–40 per report long after the first. With the larger budget only
 * the code that stays hot is optimised. Read by V8 as the functions run, so it applies to the
 * workers started after it is set; a value given on the command line or in NODE_OPTIONS wins.
 */
const INTERRUPT_BUDGET = 4 * 67_584;

/**
 * The young generation of a build's worker: 96 MB, three 32 MB semi-spaces, instead of V8's
 * ceiling of 16 MB semi-spaces. A report allocates some 35 MB of short-lived objects (the model,
 * the layout's lines and items, PDFKit's operators, exceljs's cell model and XML); with 16 MB
 * semi-spaces a worker scavenged ~2.4 times a report (241 scavenges, 1.22 s for 100 reports,
 * `--trace-gc`), each copying the report in progress; with 32 MB, 144 scavenges in 0.75 s. The
 * batch's CPU ~4 % less (paired runs, 10.6 → 10.3 s for 100 reports), peak memory ~50 MB more
 * (~370 → ~420 MB; 128 MB, 43 MB semi-spaces, went past 500 MB). A Worker's resource limit, not
 * a V8 flag: the worker still boots with Node's code cache of its internal modules.
 */
const BUILD_YOUNG_GENERATION_MB = 96;

function tuneV8(kind: BatchKind['kind']): void {
  const given = (flag: string) => [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((a) => a.includes(flag));
  if (!given('--heap-growing-percent')) setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  // Measured for builds only: a check's report is ~20 ms, too short to say what the budget does to it.
  if (kind === 'build' && !given('--interrupt-budget')) setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
}

function runOnWorkers(count: number, size: number, job: (i: number) => Job, finish: (i: number, r: Reply) => void, data: WorkerData, kind: BatchKind['kind']): Promise<void> {
  return new Promise((resolve) => {
    let next = 0;
    let finished = 0;
    let live = 0;
    // The first workers boot with V8's default flags; the flags are set once all have (or have
    // died), a few milliseconds into their first jobs. A worker started later, in place of one
    // that died, boots with the flags set.
    let booting = size;
    const booted = () => {
      if (--booting === 0) tuneV8(kind);
    };
    const url = new URL('./worker.js', import.meta.url);
    const start = () => {
      const w = new Worker(url, { workerData: data, ...(kind === 'build' ? { resourceLimits: { maxYoungGenerationSizeMb: BUILD_YOUNG_GENERATION_MB } } : {}) });
      live++;
      let current: { i: number; t0: number } | undefined;
      let retired = false;
      let up = false;
      const feed = () => {
        if (next >= count) {
          retired = true;
          void w.terminate();
          return;
        }
        current = { i: next++, t0: performance.now() };
        w.postMessage(job(current.i));
      };
      w.on('message', (reply: Reply | Booted) => {
        if ('booted' in reply) {
          if (!up) booted();
          up = true;
          return;
        }
        const c = current;
        current = undefined;
        // The next item first: the worker starts on it while this thread finishes the last (writes its files).
        feed();
        if (c) {
          finished++;
          finish(c.i, reply);
        }
      });
      // A worker that dies (out of memory, a native crash) takes only its current item with it;
      // a fresh worker takes over the rest of the queue.
      const died = (why: string) => {
        const c = current;
        current = undefined;
        if (!c) return;
        finished++;
        finish(c.i, { id: c.i, internal: why, ms: performance.now() - c.t0 });
      };
      w.on('error', (e) => died(e instanceof Error ? (e.stack ?? e.message) : String(e)));
      w.on('exit', (code) => {
        died(`worker exited with code ${code}`);
        if (!up) booted();
        up = true;
        live--;
        if (!retired && next < count) start();
        if (live === 0 && finished >= count) resolve();
      });
      feed();
    };
    for (let k = 0; k < size; k++) start();
  });
}

function toItem(dir: string, reply: Reply): BatchItem {
  if ('result' in reply) return { dir, result: reply.result, ms: reply.ms };
  const first = reply.internal.split('\n')[0];
  const d: Diagnostic = {
    severity: 'error',
    rule: INTERNAL_RULE,
    message: {
      zh: `处理 ${dir} 时发生程序内部错误（程序缺陷，并非数据问题）：${first}`,
      en: `Internal error while processing ${dir} (a bug in budget, not in your data): ${first}`,
    },
    related: [],
    figures: [],
    help: { zh: '请附上错误信息报告；其余各项已照常处理。', en: 'Please report it with the stack; the other items were processed as usual.' },
  };
  return {
    dir,
    ms: reply.ms,
    internal: reply.internal,
    result: { dir, status: 'unusable', diagnostics: [d], runs: [{ id: INTERNAL_RULE, checked: 1, findings: 1 }], sources: [] },
  };
}
