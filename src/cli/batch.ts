import type { Lang } from '../diagnostics/diagnostic.js';
import { EXIT, type DirResult } from '../diagnostics/result.js';
import { UsageError } from './usage.js';
import type { World } from '../world/index.js';
import { discover, latestPerDepartment } from '../batch/discover.js';
import { createProgress, progressMode } from '../batch/progress.js';
import { runBatch, type BatchItem, type BatchKind } from '../batch/run.js';
import { parseShard, shardOf } from '../batch/shard.js';
import { formatSummary } from '../batch/summary.js';

/**
 * The glue between the command line and the batch runner: which directories (named, `--all`,
 * the default), `--shard`, `--jobs`, progress on stderr, and the closing summary table.
 */

export interface BatchFlags {
  readonly all?: boolean;
  readonly shard?: string;
  readonly jobs?: string;
  readonly format: string;
  readonly lang: Lang;
}

/**
 * Named directories as given; else `--all`: every department-year under `data/` (sorted); else the
 * latest year of each department. Then `--shard i/n` takes its slice. No directory at all is a
 * usage error; an empty shard is not (a CI matrix may have more jobs than items).
 */
export function targetsOf(world: Pick<World, 'listDir'>, dirs: readonly string[], f: Pick<BatchFlags, 'all' | 'shard'>, root = 'data'): string[] {
  const shard = f.shard !== undefined ? parseShard(f.shard) : undefined;
  if (shard && 'error' in shard) throw new UsageError(shard.error.zh, shard.error.en);
  let list: string[];
  if (dirs.length) list = [...dirs];
  else {
    const found = discover(world, root);
    list = f.all ? found : latestPerDepartment(found);
    if (!list.length)
      throw new UsageError(
        `没有给出目录，且 ${root}/ 下没有部门年度目录（${root}/<年度>/ 或 ${root}/<部门>/<年度>/）。用法：budget check data/2031`,
        `no directory given and no department-year under ${root}/ (${root}/<year>/ or ${root}/<department>/<year>/). Usage: budget check data/2031`,
      );
  }
  return shard ? shardOf(list, shard) : list;
}

/** `--jobs N`: a whole number ≥ 1; default the number of cores. */
export function jobsOf(flag: string | undefined, world: World): number {
  if (flag === undefined) return world.cpuCount;
  const n = Number(flag);
  if (!/^\s*\d+\s*$/.test(flag) || !Number.isSafeInteger(n) || n < 1)
    throw new UsageError(`--jobs 的值“${flag}”无效：应为不小于 1 的整数。`, `invalid --jobs "${flag}": expected a whole number ≥ 1.`);
  return n;
}

export interface BatchRun {
  readonly results: DirResult[];
  readonly items: BatchItem[];
  /**
   * Ends the run after the report: for a batch (more than one item) writes the summary table (to
   * stdout under the human format, to stderr under machine formats so their output stays
   * parseable), and returns the exit code: the report's, or 70 when an item hit a bug.
   */
  close(reportCode: number): number;
}

export async function runMany(dirs: readonly string[], what: BatchKind, world: World, f: BatchFlags): Promise<BatchRun> {
  const jobs = jobsOf(f.jobs, world);
  const many = dirs.length > 1;
  const progress = createProgress({
    mode: many ? progressMode({ isTTY: world.isTTY('stderr'), ci: Boolean(world.env('CI')) }) : 'off',
    lang: f.lang,
    write: (s) => process.stderr.write(s),
    columns: process.stderr.columns,
  });
  if (dirs.length === 0)
    process.stderr.write(
      f.lang === 'zh' ? 'budget: 本分片没有要处理的目录。\n' : 'budget: this shard has no directories to process.\n',
    );
  const items = await runBatch(dirs, what, world, jobs, { onDone: (item, done, total) => progress.done(item, done, total) });
  progress.end();
  const internal = items.filter((i) => i.internal);
  return {
    results: items.map((i) => i.result),
    items,
    close(reportCode) {
      for (const i of internal) process.stderr.write(`budget: internal error in ${i.dir}:\n${i.internal}\n`);
      if (many) {
        const table = '\n' + formatSummary(items, f.lang);
        if (f.format === 'human') process.stdout.write(table);
        else process.stderr.write(table);
      }
      return internal.length ? EXIT.internal : reportCode;
    },
  };
}
