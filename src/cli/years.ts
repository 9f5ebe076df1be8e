import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic, Lang } from '../diagnostics/diagnostic.js';
import { EXIT } from '../diagnostics/result.js';
import { UsageError } from './usage.js';
import { discover, latestPerDepartment } from '../batch/discover.js';
import { WorldError, type World } from '../world/index.js';
import { diffBudgets, diffJson, formatDiff } from '../years/diff.js';
import { planInit } from '../years/init.js';
import { skeletonFiles } from '../years/skeleton.js';
import { loadBudget } from '../model/index.js';

/** `budget init` and `budget diff`, as the command line calls them: each returns an exit code. */

export interface InitFlags {
  readonly from?: string;
  readonly to?: string;
  readonly lang: Lang;
  /** Last year's figures as this year's draft, instead of empty amounts. */
  readonly keepAmounts?: boolean;
  /** A brand-new department: a skeleton of every file from the format's schema. */
  readonly new?: boolean;
}

/** The package's JSON Schema, as a path relative to `dir` for the yaml-language-server line. */
function schemaFor(dir: string): string {
  const abs = fileURLToPath(new URL('../../schema/budget.schema.json', import.meta.url));
  return relative(dir, abs).split(sep).join('/');
}

export function initCommand(yearText: string, f: InitFlags, world: World, root = 'data'): number {
  return inLang(f.lang, () => init(yearText, f, world, root));
}

function init(yearText: string, f: InitFlags, world: World, root: string): number {
  if (!/^\d{4}$/.test(yearText))
    throw new UsageError(`年度“${yearText}”无效：应为四位数字，例如 budget init 2024。`, `invalid year "${yearText}": expected four digits, e.g. budget init 2024.`);
  const year = Number(yearText);
  if (f.new) return initNew(year, f, world, root);
  const from = f.from ?? latestOf(world, root);
  const loaded = loadBudget(world, from);
  if (!loaded.budget) return cannotLoad(from, loaded.diagnostics, f.lang, 'init');
  const fromYear = loaded.budget.department.year;
  if (year <= fromYear)
    throw new UsageError(
      `新年度 ${year} 应晚于起始数据 ${from} 的年度 ${fromYear}。`,
      `the new year ${year} must come after the year of ${from} (${fromYear}).`,
    );
  const to = f.to ?? join(dirname(from.replace(/[\\/]+$/, '') || '.'), String(year));
  if (world.listYamlFiles(to).files.length)
    throw new UsageError(`${to} 已有数据文件，不会覆盖。换一个目录（--to），或先移走它们。`, `${to} already holds data files; nothing is overwritten. Choose another directory (--to) or move them away.`);

  const plan = planInit(loaded.budget, loaded.files, year, { keepAmounts: f.keepAmounts, schema: schemaFor(to) });
  for (const file of plan.files) world.writeAtomic(join(to, file.name), file.text);
  const zh = f.lang === 'zh';
  const review = plan.review ?? 0;
  process.stdout.write(
    (zh
      ? f.keepAmounts
        ? `已由 ${from}（${fromYear} 年）生成 ${to}（${year} 年）草稿：${plan.files.length} 个文件；本年金额暂沿用 ${fromYear} 年的数字，填入了 ${plan.filled} 个上年比较数，${review} 段沿用的文字待复核。\n` +
          `下一步：逐项更新金额和文字，运行 budget check ${to}。\n`
        : `已由 ${from}（${fromYear} 年）生成 ${to}（${year} 年）：${plan.files.length} 个文件；清空了 ${plan.cleared} 个本年金额，填入了 ${plan.filled} 个上年比较数，${review} 段沿用的文字待复核。\n` +
          `下一步：填写清空的金额，运行 budget check ${to} 查看还缺哪些。\n`
      : f.keepAmounts
        ? `Started a draft of ${to} (${year}) from ${from} (${fromYear}): ${plan.files.length} files; this year's amounts are ${fromYear}'s for now, ${plan.filled} prior-year figures filled in, ${review} carried-over texts to review.\n` +
          `Next: update the amounts and texts; budget check ${to}.\n`
        : `Started ${to} (${year}) from ${from} (${fromYear}): ${plan.files.length} files; ${plan.cleared} amounts of this year cleared, ${plan.filled} prior-year figures filled in, ${review} carried-over texts to review.\n` +
          `Next: fill in the cleared amounts; budget check ${to} lists what is still missing.\n`) +
      plan.files.map((x) => `  ${join(to, x.name)}\n`).join(''),
  );
  return EXIT.ok;
}

/** `budget init <year> --new`: the skeleton of a department without an earlier year. */
function initNew(year: number, f: InitFlags, world: World, root: string): number {
  if (f.from)
    throw new UsageError('--new 与 --from 不能同时使用：--new 用于没有上一年数据的新部门。', '--new and --from exclude each other: --new is for a department without an earlier year.');
  const to = f.to ?? join(root, String(year));
  if (world.listYamlFiles(to).files.length)
    throw new UsageError(`${to} 已有数据文件，不会覆盖。换一个目录（--to），或先移走它们。`, `${to} already holds data files; nothing is overwritten. Choose another directory (--to) or move them away.`);
  const line = `# yaml-language-server: $schema=${schemaFor(to)}\n`;
  const files = skeletonFiles(year);
  for (const file of files) world.writeAtomic(join(to, file.name), line + file.text);
  process.stdout.write(
    (f.lang === 'zh'
      ? `已生成新部门 ${to}（${year} 年）的骨架：${files.length} 个文件，列出格式的每一个键。\n下一步：填写各项，运行 budget check ${to} 查看还缺哪些。\n`
      : `Wrote a skeleton of ${to} (${year}) for a new department: ${files.length} files with every key of the format.\nNext: fill them in; budget check ${to} lists what is still missing.\n`) +
      files.map((x) => `  ${join(to, x.name)}\n`).join(''),
  );
  return EXIT.ok;
}

export interface DiffFlags {
  readonly format: 'human' | 'json';
  readonly lang: Lang;
  readonly changed?: boolean;
}

export function diffCommand(a: string, b: string, f: DiffFlags, world: World): number {
  return inLang(f.lang, () => diff(a, b, f, world));
}

function diff(a: string, b: string, f: DiffFlags, world: World): number {
  const A = loadBudget(world, a);
  if (!A.budget) return cannotLoad(a, A.diagnostics, f.lang, 'diff');
  const B = loadBudget(world, b);
  if (!B.budget) return cannotLoad(b, B.diagnostics, f.lang, 'diff');
  const d = diffBudgets(A.budget, B.budget);
  process.stdout.write(f.format === 'json' ? diffJson(d) : formatDiff(d, { lang: f.lang, changedOnly: f.changed }));
  return EXIT.ok;
}

/**
 * A usage mistake or an unreadable/unwritable path, said once in the language asked for (--lang),
 * exit 2; the generic handler in src/cli would print both languages.
 */
function inLang(lang: Lang, run: () => number): number {
  try {
    return run();
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`budget: ${e[lang]}\n`);
      return EXIT.unusable;
    }
    if (e instanceof WorldError) {
      const d = e.diagnostic;
      const at = d.span ? `${d.span.file}:${d.span.line}:${d.span.col}: ` : '';
      process.stderr.write(`budget: ${at}${d.rule}: ${d.message[lang]}\n${d.help ? `budget: ${d.help[lang]}\n` : ''}`);
      return EXIT.unusable;
    }
    throw e;
  }
}

/** The latest department-year under data/ (one department only; several need --from). */
function latestOf(world: World, root: string): string {
  const latest = latestPerDepartment(discover(world, root));
  if (latest.length === 1) return latest[0];
  if (!latest.length)
    throw new UsageError(`${root}/ 下没有部门年度目录：用 --from 指定起始目录。`, `no department-year under ${root}/: name the starting directory with --from.`);
  throw new UsageError(
    `${root}/ 下有多个部门（${latest.join('、')}）：用 --from 指定起始目录。`,
    `${root}/ holds several departments (${latest.join(', ')}): name the starting directory with --from.`,
  );
}

function cannotLoad(dir: string, diags: readonly Diagnostic[], lang: Lang, what: 'init' | 'diff'): number {
  const errors = diags.filter((d) => d.severity === 'error');
  const first = errors
    .slice(0, 3)
    .map((d) => `budget:   ${d.span ? `${d.span.file}:${d.span.line}:${d.span.col}: ` : ''}${d.message[lang]}\n`)
    .join('');
  process.stderr.write(
    (lang === 'zh'
      ? `budget: ${what === 'init' ? '无法由' : '无法比较'} ${dir}${what === 'init' ? ' 开始' : ''}：它有 ${errors.length} 个错误，先运行 budget check ${dir}。\n`
      : `budget: cannot ${what === 'init' ? 'start from' : 'compare'} ${dir}: it has ${errors.length} error(s); run budget check ${dir} first.\n`) + first,
  );
  return EXIT.unusable;
}
