import { dirname, resolve } from 'node:path';
import type { Lang } from '../diagnostics/diagnostic.js';
import { exitCodeOf } from '../diagnostics/result.js';
import { checkDir, type CheckOptions } from '../compile.js';
import type { World } from '../world/index.js';
import { report, type Format } from './report.js';
import { rulesFor } from './rules.js';
import { UsageError } from './usage.js';

/**
 * `budget check --watch`: check, then re-check each time a file is saved, clearing the screen and
 * printing the new result. Runs in this process (no worker threads), over a world that remembers
 * what it read: a re-check reads again only the files that changed (the data, the prior year, the
 * templates), so it costs the pipeline's pure stages only.
 */

export interface WatchOptions {
  readonly format: Format;
  readonly lang: Lang;
  readonly color: 0 | 1 | 2 | 3;
  readonly verbose: boolean;
  readonly maxErrors?: number;
  /** Quiet time after the last change before re-checking (editors write a file in several steps). */
  readonly debounceMs?: number;
  /** Ends the watch (tests); otherwise Ctrl-C (SIGINT) ends it. */
  readonly signal?: AbortSignal;
  /** Called after each round's report is written (tests, the bench). */
  readonly onRound?: (round: number, code: number) => void;
}

/** Clears the terminal and moves the cursor home (ED 2 + CUP), as `tsc --watch` does. */
export const CLEAR = '\u001b[2J\u001b[3J\u001b[H';

export function watchCheck(targets: readonly string[], opts: CheckOptions, world: World, o: WatchOptions): Promise<number> {
  const cache = cachingWorld(world);
  let round = 0;
  let code = 0;
  const extra = new Set<string>();
  const once = () => {
    round++;
    const results = targets.map((dir) => checkDir(dir, cache.world, opts));
    // The templates and the profile a department names are known only once it is read.
    for (const r of results) for (const t of r.templates) extra.add(dirname(t.path));
    if (opts.templates) extra.add(opts.templates);
    code = exitCodeOf(results);
    const text = report(results, { format: o.format, lang: o.lang, color: o.color, verbose: o.verbose, strict: opts.strict, rules: rulesFor('check'), maxErrors: o.maxErrors });
    const clear = o.format === 'human' && world.isTTY('stdout') ? CLEAR : '';
    const tail =
      o.format === 'human'
        ? o.lang === 'zh'
          ? `\n正在监视 ${targets.join('、')} 的改动（Ctrl-C 退出）…\n`
          : `\nWatching ${targets.join(', ')} for changes (Ctrl-C to stop)…\n`
        : '';
    process.stdout.write(clear + text + tail);
    o.onRound?.(round, code);
  };
  once();

  // The data, the year before each (its figures are compared), and the templates.
  const dirs = new Set<string>();
  for (const t of targets) {
    dirs.add(t);
    const prior = priorDir(t);
    if (prior && world.kind?.(prior) === 'dir') dirs.add(prior);
  }
  for (const d of extra) dirs.add(d);
  return new Promise((done) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    if (!world.watch) throw new UsageError('此环境不支持 --watch。', 'this environment cannot --watch.');
    const watcher = world.watch([...dirs], (path) => {
      cache.forget(path);
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        once();
      }, o.debounceMs ?? 60);
    });
    const stop = () => {
      if (timer) clearTimeout(timer);
      watcher.close();
      process.off('SIGINT', stop);
      done(code);
    };
    if (o.signal) {
      if (o.signal.aborted) return stop();
      o.signal.addEventListener('abort', stop, { once: true });
    }
    process.once('SIGINT', stop);
  });
}

/** data/2031 → data/2030 (the layout resolvePrior reads); undefined when the folder is not a year. */
function priorDir(dir: string): string | undefined {
  const m = /^(.*?)(\d{4})[\\/]*$/.exec(dir);
  return m ? `${m[1]}${Number(m[2]) - 1}` : undefined;
}

/**
 * A world that keeps what it read until told a path changed: `forget(path)` drops that file and the
 * listing of its directory (a saved file may be new or renamed).
 */
export function cachingWorld(world: World): { world: World; forget(path: string): void } {
  const bytes = new Map<string, Uint8Array>();
  const texts = new Map<string, string>();
  const lists = new Map<string, ReturnType<World['listYamlFiles']>>();
  const key = (p: string) => resolve(p);
  return {
    world: {
      ...world,
      listYamlFiles(dir) {
        const k = key(dir);
        let r = lists.get(k);
        if (!r) lists.set(k, (r = world.listYamlFiles(dir)));
        return r;
      },
      readFile(file) {
        const k = key(file);
        let b = bytes.get(k);
        if (!b) bytes.set(k, (b = world.readFile(file)));
        return b;
      },
      readText(file) {
        const k = key(file);
        let t = texts.get(k);
        if (t === undefined) texts.set(k, (t = world.readText(file)));
        return t;
      },
    },
    forget(path) {
      const k = key(path);
      bytes.delete(k);
      texts.delete(k);
      lists.delete(k);
      lists.delete(dirname(k));
    },
  };
}
