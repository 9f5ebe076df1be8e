import { Chalk, type ChalkInstance } from 'chalk';
import type { Diagnostic, Lang, RuleDoc, Severity } from './diagnostic.js';
import { codeFrames, splitLines, type Mark, type SourceLines } from './codeframe.js';
import { countSeverities, sortDiagnostics, type DirResult } from './result.js';
import { balanceText, countsText, figureText, originText, severityWord, signed, withOrigin, word } from './text.js';
import { ruleTable } from './rules-table.js';

export interface HumanOptions {
  readonly lang: Lang;
  /** chalk level: 0 = no colour (NO_COLOR, not a TTY, --no-color). */
  readonly color: 0 | 1 | 2 | 3;
  /** Full frames for notes too, and the table of rules that ran. */
  readonly verbose?: boolean;
  /** Every known rule, so `--verbose` can list the ones that did not run. */
  readonly rules?: readonly RuleDoc[];
  /**
   * Per result: findings to leave out of the listing (still counted) and lines to print before the
   * summary — the CLI's to-do list of a draft and `--max-errors` (src/cli/todo.ts).
   */
  readonly view?: (r: DirResult) => { readonly hide: ReadonlySet<Diagnostic>; readonly lines: readonly string[] };
}

/** More related places than this are listed as `= 另见` lines instead of frames. */
const MAX_FRAMED_RELATED = 12;
/** Figures shown on a compact note's line. */
const COMPACT_FIGURES = 4;

/**
 * The terminal report (rustc / codespan style): each finding with its code frame, figures,
 * difference and help; notes (尾数误差) compactly, one finding per block so each can be read;
 * then the balance and the counts.
 */
export function formatHuman(results: readonly DirResult[], opts: HumanOptions): string {
  const chalk = new Chalk({ level: opts.color });
  const out: string[] = [];
  for (const r of results) {
    if (results.length > 1) out.push(chalk.bold(heading(r, opts.lang)), '');
    const lines: Map<string, readonly string[]> = new Map(r.sources.map((f) => [f.path, splitLines(f.text)]));
    const view = opts.view?.(r);
    for (const d of sortDiagnostics(r.diagnostics, 'last')) {
      if (view?.hide.has(d)) continue;
      const compact = d.severity === 'note' && !opts.verbose;
      out.push(...formatDiagnostic(d, lines, { chalk, lang: opts.lang, compact }), '');
    }
    if (opts.verbose) out.push(...ruleTable(r, opts.rules ?? [], opts.lang, chalk), '');
    if (view) out.push(...view.lines);
    out.push(...summary(r, opts.lang, chalk));
    if (results.length > 1) out.push('');
  }
  if (results.length > 1) out.push(chalk.bold(overall(results, opts.lang)));
  return out.join('\n').replace(/\n*$/, '\n');
}

function heading(r: DirResult, lang: Lang): string {
  const who = r.department ? (lang === 'zh' ? `${r.department} ${r.year ?? ''} 年` : `${r.department} ${r.year ?? ''}`) : '';
  return `== ${r.dir}${who ? ' · ' + who.trim() : ''} ==`;
}

export interface DiagStyle {
  readonly chalk: ChalkInstance;
  readonly lang: Lang;
  readonly compact: boolean;
}

export function severityPaint(chalk: ChalkInstance, s: Severity): (t: string) => string {
  return s === 'error' ? chalk.red.bold : s === 'warning' ? chalk.yellow.bold : chalk.cyan.bold;
}

/** One diagnostic as lines: header, frames (or the bare position), then the `=` lines. */
export function formatDiagnostic(d: Diagnostic, lines: SourceLines, st: DiagStyle): string[] {
  const { chalk, lang } = st;
  const paint = severityPaint(chalk, d.severity);
  const out = [`${paint(`${severityWord(d.severity, lang)}[${d.rule}]`)}${chalk.bold(': ' + d.message[lang])}`];

  const framed = st.compact ? [] : d.related.slice(0, MAX_FRAMED_RELATED);
  const unframed = st.compact ? [] : d.related.slice(MAX_FRAMED_RELATED);
  const marks: Mark[] = [];
  // A place's workbook cell goes on its label unless a figure at that place names it already.
  const shown = st.compact && d.figures.length > COMPACT_FIGURES ? d.figures.slice(0, COMPACT_FIGURES) : d.figures;
  const named = new Set(shown.filter((f) => f.origin && f.span).map((f) => `${f.span!.file}\0${f.span!.offset}`));
  const cell = (span: { file: string; offset: number }, o: Diagnostic['origin']) => (named.has(`${span.file}\0${span.offset}`) ? undefined : o);
  if (d.span) marks.push({ span: d.span, label: withLabelOrigin(d.label?.[lang] ?? '', cell(d.span, d.origin), lang), primary: true });
  for (const r of framed) marks.push({ span: r.span, label: withOrigin(r.label[lang], cell(r.span, r.origin), lang), primary: false });

  const gw = Math.max(1, ...marks.map((m) => String(m.span.line).length));
  const eq = (k: string, v: string) => `${' '.repeat(gw)} ${chalk.blue('=')} ${chalk.bold(k + (lang === 'zh' ? '：' : ': '))}${v}`;

  if (st.compact) {
    if (d.span) out.push(`${' '.repeat(gw)}${chalk.blue('-->')} ${withLabelOrigin(`${d.span.file}:${d.span.line}:${d.span.col}`, cell(d.span, d.origin), lang)}`);
  } else {
    out.push(...codeFrames(marks, lines, { chalk, primary: paint }));
    if (marks.length && (d.figures.length || d.difference || d.feeds?.length || d.help || unframed.length))
      out.push(chalk.blue(`${' '.repeat(gw)} |`));
  }

  const sep = lang === 'zh' ? '；' : '; ';
  if (d.figures.length) {
    // `shown`: compact notes show the first figures only (the message states the sum); --verbose shows all.
    const more = d.figures.length - shown.length;
    const figs =
      shown.map((f) => figureText(f, lang)).join(sep) +
      (more ? `${sep}${lang === 'zh' ? `……另 ${more} 项` : `… ${more} more`}` : '');
    const diff = st.compact && d.difference !== undefined ? `${sep}${lang === 'zh' ? '差额' : 'difference'} ${signed(d.difference)}` : '';
    out.push(eq(word('figures', lang), figs + diff));
  }
  if (d.difference !== undefined && !(st.compact && d.figures.length)) out.push(eq(word('difference', lang), signed(d.difference)));
  if (!st.compact) {
    for (const r of unframed) out.push(eq(word('also', lang), withOrigin(`${r.span.file}:${r.span.line}:${r.span.col} ${r.label[lang]}`, cell(r.span, r.origin), lang)));
    if (d.feeds?.length) out.push(eq(word('feeds', lang), d.feeds.join(lang === 'zh' ? '、' : ', ')));
    if (d.help) out.push(`${' '.repeat(gw)} ${chalk.blue('=')} ${chalk.green.bold(word('help', lang) + (lang === 'zh' ? '：' : ': '))}${d.help[lang]}`);
  }
  return out;
}

/** A label that may be empty: the origin alone, without the parentheses. */
function withLabelOrigin(label: string, o: Diagnostic['origin'], lang: Lang): string {
  return label ? withOrigin(label, o, lang) : o ? originText(o, lang) : label;
}

function summary(r: DirResult, lang: Lang, chalk: ChalkInstance): string[] {
  const out: string[] = [];
  if (r.balance) out.push(chalk.bold(balanceText(r.balance, lang)));
  const c = countSeverities(r.diagnostics);
  const status = word(r.buildFailed ? 'buildFailed' : r.status === 'ok' ? 'passed' : r.status === 'failed' ? 'failed' : 'unusable', lang);
  const paint = r.status === 'ok' ? chalk.green.bold : chalk.red.bold;
  out.push(`${paint(status)}${lang === 'zh' ? '：' : ': '}${r.dir}${lang === 'zh' ? '，' : ', '}${countsText(c, lang)}`);
  if (r.outputs?.length) for (const f of r.outputs) out.push(`${word('written', lang)} ${f}`);
  else if (r.outputs && r.status !== 'ok') out.push(word('nothingWritten', lang));
  return out;
}

function overall(results: readonly DirResult[], lang: Lang): string {
  const c = countSeverities(results.flatMap((r) => r.diagnostics));
  const ok = results.filter((r) => r.status === 'ok').length;
  return lang === 'zh'
    ? `${word('total', lang)}：${results.length} 个目录，${ok} 个通过；${countsText(c, lang)}`
    : `${word('total', lang)}: ${results.length} directories, ${ok} passed; ${countsText(c, lang)}`;
}
