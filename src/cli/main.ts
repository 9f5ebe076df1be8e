import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import type { Lang } from '../diagnostics/diagnostic.js';
import { EXIT, exitCodeOf, type DirResult } from '../diagnostics/result.js';
import { nodeWorld, WorldError, type World } from '../world/index.js';
import { report, colorLevel, type Format } from './report.js';
import { UsageError } from './usage.js';
import type { BuildFonts, FontFace, OutputFormat } from '../compile.js';
import type { Span } from '../source/span.js';
import type { ReportCommand } from './rules.js';
import { TOOL_VERSION } from '../version.js';
import { localizeHelp, langOfArgv, usageMessage } from './lang.js';
import { noDataResult, projectOf, type Project } from './project.js';
import { trace } from '../world/trace.js';
import type { EarlyThread } from './early.js';

const FORMATS: readonly Format[] = ['human', 'json', 'github', 'junit'];
const LANGS: readonly Lang[] = ['zh', 'en'];

interface CommonOpts {
  templates?: string;
  strict?: boolean;
  format: Format;
  lang: Lang;
  color?: boolean;
  all?: boolean;
  jobs?: string;
  shard?: string;
  maxErrors?: string;
}

/**
 * `budget` — the command line. Commander parses; each action returns an exit code; everything the
 * user can get wrong ends as a message and exit 2, never a stack trace. Only a bug (any other
 * exception) prints a stack, with exit 70. Heavy modules (PDFKit, exceljs, fonts) load only in `build`.
 */
export async function main(argv: readonly string[], world?: World, early?: EarlyThread): Promise<number> {
  trace('cli loaded');
  process.once('exit', () => trace('exit'));
  quietOnClosedPipe();
  let code: number;
  const lang = { current: langOfArgv(argv) };
  try {
    // The render thread bin/budget.js started (early.ts) goes to the build through the world.
    code = await run(argv, world ?? nodeWorld(early ? { started: early } : {}), lang);
  } catch (e) {
    code = fail(e, lang.current);
  } finally {
    early?.drop();
  }
  process.exitCode = code;
  return code;
}

let pipesGuarded = false;

/**
 * `budget check | head -1`: once the reader has gone, a write fails with EPIPE, reported as an
 * 'error' event which, unhandled, would crash the process with a stack. Nobody is left to read the
 * rest, so the failed write is dropped and the command ends as it would have, with its own exit code.
 */
function quietOnClosedPipe(): void {
  if (pipesGuarded) return;
  pipesGuarded = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') return;
      throw e;
    });
  }
}

function program(world: World, done: (code: number) => void, project: Project, lang: Lang): Command {
  const config = project.config;
  const p = new Command('budget');
  localizeHelp(p, lang);
  p
    .description('部门预算公开编译器：检查预算数据，生成 PDF 与 XLSX。\nCompiler for department budget disclosures: checks the figures, builds the PDF and XLSX.')
    .version(VERSION, '-V, --version', 'output the version number / 显示版本号')
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (s) => process.stdout.write(s),
      writeErr: (s) => process.stderr.write(s),
      outputError: (s, write) => write(usageMessage(s, lang)),
    });

  const common = (c: Command) =>
    c
      .option('--strict', 'rounding notes (尾数误差) and warnings fail too / 尾数误差也视为不通过')
      .option('--no-strict', 'not strict, whatever budget.config.yaml says / 不严格检查（覆盖配置文件）')
      .addOption(new Option('--format <format>', 'output format / 输出格式').choices([...FORMATS]).default('human'))
      .addOption(new Option('--lang <lang>', 'message language / 语言').choices([...LANGS]).default(config.lang ?? 'zh'))
      .option('--all', 'every department-year under data/ (data/<year>/, data/<department>/<year>/) / data/ 下所有部门年度')
      .option('-j, --jobs <n>', 'worker threads for several directories (default: the number of cores) / 并行线程数')
      .option('--shard <i/n>', 'take the i-th of n slices of the sorted list (CI matrix jobs) / 只处理第 i 片（共 n 片）')
      .option('--templates <dir>', "narrative templates (default: the profile's, e.g. the package's templates/) / 模板目录")
      .option('--max-errors <n>', 'list at most n errors in full (the rest are counted) / 最多列出 n 个错误')
      .option('--color', 'force colour (also FORCE_COLOR=1) / 强制彩色输出')
      .option('--no-color', 'no colour (also NO_COLOR=1, or when not a terminal) / 不用彩色')
      .exitOverride();

  common(
    p
      .command('check')
      .description('check department-years (default: the latest data/<year>/) / 检查预算数据')
      .argument('[dir...]', 'department-year directories, e.g. data/2031 / 部门年度目录，例如 data/2031'),
  )
    .option('-v, --verbose', 'list every rule that ran and what it checked / 列出运行的每条规则')
    .option('-w, --watch', 're-check whenever a file is saved (Ctrl-C ends) / 文件保存后自动重新检查')
    .action(async (dirs: string[], o: CommonOpts & { verbose?: boolean; watch?: boolean }) => {
      const { runMany, targetsOf } = await import('./batch.js');
      o.strict ??= config.strict;
      let targets: string[];
      try {
        targets = targetsOf(world, dirs.length || o.all || !project.here ? dirs : [project.here], o, project.data);
      } catch (e) {
        // No data at all: a machine format still gets its report (with the error) on stdout.
        if (!(e instanceof UsageError) || o.format === 'human') throw e;
        process.stderr.write(`budget: ${e[o.lang]}\n`);
        done(await emit([noDataResult(project.data, e)], o, world, { command: 'check', verbose: false, strict: Boolean(o.strict) }));
        return;
      }
      const opts = { strict: Boolean(o.strict), templates: o.templates, profiles: packageDir('profiles') };
      if (o.watch) {
        const { watchCheck } = await import('./watch.js');
        done(await watchCheck(targets, opts, world, { format: o.format, lang: o.lang, color: colorLevel(o.color, world), verbose: Boolean(o.verbose), maxErrors: maxErrorsOf(o.maxErrors) }));
        return;
      }
      const batch = await runMany(targets, { kind: 'check', opts }, world, o);
      done(batch.close(await emit(batch.results, o, world, { command: 'check', verbose: Boolean(o.verbose), strict: Boolean(o.strict) })));
    });

  common(
    p
      .command('build')
      .description('check, then write the PDF and XLSX / 检查并生成 PDF 与 XLSX')
      .argument('[dir...]', 'department-year directories, e.g. data/2031 / 部门年度目录，例如 data/2031'),
  )
    .option('-o, --out <dir>', 'output directory (at the project root) / 输出目录（位于项目根目录）', config.out ?? project.out)
    .option('--name <pattern>', 'file name pattern ({department}, {year}) / 文件名格式', config.name ?? '{department}-{year}-部门预算')
    .option('--font-body <file>', 'PDF body font (TTF/OTF), e.g. 仿宋_GB2312 / 正文字体')
    .option('--font-bold <file>', 'PDF bold body font / 正文粗体')
    .option('--font-heading <file>', 'PDF heading font, e.g. 黑体 / 标题字体')
    .option('--font-title <file>', 'PDF title font (cover, part and table titles), e.g. 方正小标宋 / 大标题字体')
    .option('--font-subheading <file>', 'PDF section heading font, e.g. 楷体 / 小标题字体')
    .addOption(new Option('--only <format>', 'write only this file (default both) / 只生成一种文件').choices(['pdf', 'xlsx']))
    .action(async (dirs: string[], o: CommonOpts & { out: string; name: string; fontBody?: string; fontBold?: string; fontHeading?: string; fontTitle?: string; fontSubheading?: string; only?: OutputFormat }) => {
      const { runMany, targetsOf } = await import('./batch.js');
      // A mistyped placeholder ({deparment}) would otherwise be copied into every file name as is.
      const stray = [...o.name.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]).find((x) => x !== 'department' && x !== 'year');
      if (stray !== undefined) {
        throw new UsageError(
          `文件名格式 --name 中的“{${stray}}”不是可用的占位符：只有 {department}（部门名称）和 {year}（年度）。`,
          `--name: "{${stray}}" is not a placeholder of the file name pattern; the placeholders are {department} and {year}.`,
        );
      }
      o.strict ??= config.strict;
      const targets = targetsOf(world, dirs.length || o.all || !project.here ? dirs : [project.here], o, project.data);
      const opts = {
        strict: Boolean(o.strict),
        templates: o.templates,
        profiles: packageDir('profiles'),
        out: o.out,
        name: o.name,
        fonts: buildFonts(o, config),
        formats: o.only ? [o.only] : undefined,
      };
      const batch = await runMany(targets, { kind: 'build', opts }, world, o);
      done(batch.close(await emit(batch.results, o, world, { command: 'build', verbose: false, strict: Boolean(o.strict) })));
    });

  p.command('fix')
    .description('rewrite every written total that is derivable from its parts, print the diff / 按组成项修正各合计并显示差异')
    .argument('[dir]', 'the department-year directory, e.g. data/2031 / 部门年度目录，例如 data/2031')
    .option('--dry-run', 'print the diff only, write nothing / 只显示差异，不写入')
    .option('--templates <dir>', "narrative templates (default: the profile's) / 模板目录")
    .addOption(new Option('--lang <lang>', 'language / 语言').choices([...LANGS]).default(config.lang ?? 'zh'))
    .exitOverride()
    .action(async (dir: string | undefined, o: { dryRun?: boolean; templates?: string; lang: Lang }) => {
      const { fixCommand } = await import('./fix.js');
      const { targetsOf } = await import('./batch.js');
      const dirs = dir ? [dir] : project.here ? [project.here] : targetsOf(world, [], {}, project.data);
      done(fixCommand(dirs, { dryRun: o.dryRun, lang: o.lang, templates: o.templates, profiles: packageDir('profiles') }, world));
    });

  p.command('init')
    .description('start a new year from the latest one: figures cleared, prior-year figures filled in / 由最近一年生成新年度')
    .argument('<year>', 'the new year, e.g. 2024 / 新年度，例如 2024')
    .option('--from <dir>', 'the department-year to start from (default: the latest under data/) / 起始目录')
    .option('--to <dir>', 'where to write (default: <year> next to --from) / 输出目录')
    .option('--keep-amounts', "keep last year's figures as this year's draft (default: empty) / 本年金额暂沿用上年数字（草稿）")
    .option('--new', 'a new department without an earlier year: a skeleton of every file and key / 新部门：生成含全部键的骨架')
    .addOption(new Option('--lang <lang>', 'language / 语言').choices([...LANGS]).default(config.lang ?? 'zh'))
    .exitOverride()
    .action(async (year: string, o: { from?: string; to?: string; lang: Lang; keepAmounts?: boolean; new?: boolean }) => {
      const { initCommand } = await import('./years.js');
      done(initCommand(year, o, world, project.data));
    });

  p.command('import')
    .description('read a workbook laid out as the tables (the XLSX budget build writes) back into YAML sources / 由工作簿导入数据')
    .argument('<files...>', 'one .xlsx workbook, or one .csv file per table / 一个 .xlsx 文件，或每表一个 .csv 文件')
    .option('--to <dir>', 'the department-year directory to write; files already there are updated, not replaced / 写入的部门年度目录')
    .option('--profile <profile>', 'the layout the workbook follows (default: shenzhen) / 工作簿所依据的版式')
    .option('--dry-run', 'read and report, write nothing / 只读取并报告，不写入')
    .addOption(new Option('--lang <lang>', 'language / 语言').choices([...LANGS]).default(config.lang ?? 'zh'))
    .exitOverride()
    .action(async (files: string[], o: { to?: string; profile?: string; lang: Lang; dryRun?: boolean }) => {
      const { importCommand } = await import('./import.js');
      done(importCommand(files, o, world, packageDir('profiles')));
    });

  p.command('template')
    .description('an empty workbook laid out as the tables, to fill in and import / 生成空白填报模板')
    .option('--out <file>', 'the workbook to write, e.g. blank.xlsx / 输出文件')
    .option('--profile <profile>', 'the layout (default: shenzhen) / 版式')
    .option('--year <year>', 'the budget year printed in the headers (default 2031) / 年度')
    .option('--unit <unit>', '万元 or 元 (default 万元) / 金额单位')
    .addOption(new Option('--lang <lang>', 'language / 语言').choices([...LANGS]).default(config.lang ?? 'zh'))
    .exitOverride()
    .action(async (o: { out?: string; profile?: string; year?: string; unit?: string; lang: Lang }) => {
      const { templateCommand } = await import('./template.js');
      done(await templateCommand(o, world, packageDir('profiles')));
    });

  p.command('diff')
    .description('compare two department-years row by row (figure, change, percent) / 逐行比较两个年度')
    .argument('<dirA>', 'the earlier department-year, e.g. data/2030')
    .argument('<dirB>', 'the later one, e.g. data/2031')
    .addOption(new Option('--format <format>', 'output format / 输出格式').choices(['human', 'json']).default('human'))
    .addOption(new Option('--lang <lang>', 'language / 语言').choices([...LANGS]).default(config.lang ?? 'zh'))
    .option('--changed', 'only rows that changed / 只列出有变化的行')
    .exitOverride()
    .action(async (a: string, b: string, o: { format: 'human' | 'json'; lang: Lang; changed?: boolean }) => {
      const { diffCommand } = await import('./years.js');
      done(diffCommand(a, b, o, world));
    });

  p.command('profiles')
    .description('list the document layouts (profiles) with their parts and tables; or show one, or check a profile file / 列出文档版式及其部分与表格')
    .argument('[profile]', 'a profile name (e.g. shenzhen) or a profile file')
    .addOption(new Option('--format <format>', 'output format').choices(['human', 'json']).default('human'))
    .addOption(new Option('--lang <lang>', 'language / 语言').choices([...LANGS]).default('zh'))
    .exitOverride()
    .action(async (ref: string | undefined, o: { format: 'human' | 'json'; lang: Lang }) => {
      const { profilesCommand } = await import('./profiles.js');
      done(profilesCommand(ref, o, packageDir('profiles'), world));
    });

  p.command('explain')
    .description('explain a rule, with an example; without one, list every rule / 解释一条规则；不带参数时列出所有规则')
    .argument('[rule]', 'rule id, e.g. sum/row-split')
    .addOption(new Option('--lang <lang>', 'language / 语言').choices([...LANGS]).default(config.lang ?? 'zh'))
    .exitOverride()
    .action(async (id: string | undefined, o: { lang: Lang }) => {
      const { explain } = await import('./explain.js');
      done(explain(id, o.lang));
    });

  return p;
}

async function run(argv: readonly string[], world: World, lang: { current?: Lang }): Promise<number> {
  let code: number = EXIT.ok;
  const project = projectOf(world);
  lang.current ??= project.config.lang ?? 'zh';
  if (project.configResult) {
    // A mistake in budget.config.yaml: reported like one in the data (file:line:column, code frame), exit 2.
    process.stderr.write(report([project.configResult], { format: 'human', lang: lang.current, color: colorLevel(undefined, world, 'stderr'), verbose: false, strict: false, rules: [] }));
    return EXIT.unusable;
  }
  const p = program(world, (c) => (code = c), project, lang.current);
  try {
    await p.parseAsync([...argv]);
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here with exitCode 0; every parse error is a usage error.
      return e.exitCode === 0 ? EXIT.ok : EXIT.unusable;
    }
    throw e;
  }
  return code;
}

/** A folder of the package (profiles/), shown relative to the working directory so diagnostics stay short. */
function packageDir(name: string): string {
  const abs = fileURLToPath(new URL(`../../${name}/`, import.meta.url));
  const rel = relative(process.cwd(), abs);
  return rel && !rel.startsWith('..' + sep + '..' + sep + '..') ? rel : abs;
}

async function emit(results: readonly DirResult[], o: CommonOpts, world: World, x: { command: ReportCommand; verbose: boolean; strict: boolean }): Promise<number> {
  const { rulesFor } = await import('./rules.js');
  const text = report(results, {
    format: o.format,
    lang: o.lang,
    color: colorLevel(o.color, world),
    verbose: x.verbose,
    strict: x.strict,
    rules: rulesFor(x.command),
    maxErrors: maxErrorsOf(o.maxErrors),
  });
  process.stdout.write(text);
  return exitCodeOf(results);
}

/** `--max-errors N`: a whole number ≥ 1. */
/**
 * The build's font files: a --font-* flag wins over the config file's fonts.<key>; a path from the
 * config keeps its position there, so a missing or wrong font is reported at that line.
 */
function buildFonts(
  o: { fontBody?: string; fontBold?: string; fontHeading?: string; fontTitle?: string; fontSubheading?: string },
  config: Project['config'],
): BuildFonts {
  const faces = { body: ['body', o.fontBody], bodyBold: ['bold', o.fontBold], heading: ['heading', o.fontHeading], title: ['title', o.fontTitle], subheading: ['subheading', o.fontSubheading] } as const;
  const fonts: { -readonly [F in FontFace]?: string } = {};
  const origins: { [F in FontFace]?: Span } = {};
  for (const face of Object.keys(faces) as FontFace[]) {
    const [key, flag] = faces[face];
    const fromConfig = config.fonts?.[key];
    const path = flag ?? fromConfig;
    if (path === undefined) continue;
    fonts[face] = path;
    const span = config.fontSpans?.[key];
    if (flag === undefined && span) origins[face] = span;
  }
  return { ...fonts, origins };
}

function maxErrorsOf(flag: string | undefined): number | undefined {
  if (flag === undefined) return undefined;
  if (!/^\s*\d+\s*$/.test(flag) || Number(flag) < 1)
    throw new UsageError(`--max-errors 的值“${flag}”无效：应为不小于 1 的整数。`, `invalid --max-errors "${flag}": expected a whole number ≥ 1.`);
  return Number(flag);
}

function fail(e: unknown, lang: Lang = 'zh'): number {
  if (e instanceof UsageError) {
    process.stderr.write(`budget: ${e[lang]}\n`);
    return EXIT.unusable;
  }
  if (e instanceof WorldError) {
    const d = e.diagnostic;
    process.stderr.write(`budget: ${d.rule}: ${d.message[lang]}\n${d.help ? `budget: ${d.help[lang]}\n` : ''}`);
    return EXIT.unusable;
  }
  const stack = e instanceof Error ? (e.stack ?? String(e)) : String(e);
  process.stderr.write(
    `budget: internal error (a bug in budget, not in your data: please report it with the output below)\n` +
      `budget: 内部错误（程序缺陷，并非数据问题，请附上以下信息报告）\n${stack}\n`,
  );
  return EXIT.internal;
}

const VERSION = TOOL_VERSION;
