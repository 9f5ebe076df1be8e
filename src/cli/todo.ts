import type { Diagnostic, Lang } from '../diagnostics/diagnostic.js';
import { sortDiagnostics, type DirResult } from '../diagnostics/result.js';

/**
 * What the terminal shows of a draft (issue 11 §4): a year started by `budget init` has its amounts
 * empty (`total:`), each one a `shape/missing-value` — 233 findings with code frames for the
 * reference year. Those are one task, not 233 mistakes: in the human report they become a short
 * to-do list, per file (how many, and on which lines), while every other finding is shown as
 * usual. `--max-errors N` bounds the listing: at most N errors in full, at most N files in the
 * list, and a line saying how many were left out. Machine formats (json, github, junit) keep every
 * finding.
 */

export interface DraftView {
  /** Findings not to print in full (still counted in the summary line). */
  readonly hide: ReadonlySet<Diagnostic>;
  /** Lines to print before the summary. */
  readonly lines: string[];
}

/** How many line numbers a to-do row lists before "…". */
const LINES_PER_FILE = 8;

export function draftView(r: DirResult, lang: Lang, maxErrors?: number): DraftView {
  const texts = new Map(r.sources.map((f) => [f.path, f.text.split(/\r?\n/)]));
  const empties = r.diagnostics.filter((d) => d.rule === 'shape/missing-value' && d.span && isEmptyValue(texts.get(d.span.file), d.span.line, d.span.col));
  const hide = new Set<Diagnostic>();
  const lines: string[] = [];
  const zh = lang === 'zh';
  if (empties.length >= 2) {
    for (const d of empties) hide.add(d);
    const byFile = new Map<string, number[]>();
    for (const d of empties) {
      const l = byFile.get(d.span!.file) ?? [];
      if (!l.includes(d.span!.line)) l.push(d.span!.line);
      byFile.set(d.span!.file, l);
    }
    const counts = new Map<string, number>();
    for (const d of empties) counts.set(d.span!.file, (counts.get(d.span!.file) ?? 0) + 1);
    const files = [...byFile.keys()].sort();
    const width = Math.max(...files.map((f) => f.length));
    const shown = maxErrors !== undefined ? files.slice(0, maxErrors) : files;
    lines.push(
      zh
        ? `待填写：${empties.length} 个金额还没有填写（空值），分布在 ${files.length} 个文件中：`
        : `To fill in: ${empties.length} amounts are still empty, in ${files.length} files:`,
    );
    for (const f of shown) {
      const ls = byFile.get(f)!.sort((a, b) => a - b);
      const list = ls.slice(0, LINES_PER_FILE).join(zh ? '、' : ', ') + (ls.length > LINES_PER_FILE ? (zh ? ' …' : ', …') : '');
      const n = counts.get(f)!;
      lines.push(zh ? `  ${f.padEnd(width)}  ${String(n).padStart(4)} 个  第 ${list} 行` : `  ${f.padEnd(width)}  ${String(n).padStart(4)}  line${ls.length > 1 ? 's' : ''} ${list}`);
    }
    if (shown.length < files.length)
      lines.push(zh ? `  ……另有 ${files.length - shown.length} 个文件（--max-errors ${maxErrors}）` : `  … ${files.length - shown.length} more files (--max-errors ${maxErrors})`);
    lines.push(
      zh
        ? '  在每个空的键后填写数字（不适用的部分写 0）；JSON 等格式（--format json）列出每一个。'
        : '  Write a figure after each empty key (0 for a part that does not apply); --format json lists each one.',
      '',
    );
  }
  if (maxErrors !== undefined) {
    const errors = sortDiagnostics(r.diagnostics.filter((d) => d.severity === 'error' && !hide.has(d)), 'first');
    const over = errors.slice(maxErrors);
    for (const d of over) hide.add(d);
    if (over.length)
      lines.push(
        zh ? `另有 ${over.length} 个错误未列出（--max-errors ${maxErrors}）。` : `${over.length} more error${over.length > 1 ? 's' : ''} not shown (--max-errors ${maxErrors}).`,
        '',
      );
  }
  return { hide, lines };
}

/** Whether the key at line:col has no value: `total:` then nothing, a comma, a brace or a comment. */
function isEmptyValue(lines: readonly string[] | undefined, line: number, col: number): boolean {
  const text = lines?.[line - 1];
  if (text === undefined) return false;
  return /^["']?[^\s:"',{}[\]]+["']?:[ \t]*(?:[,}]|#|$)/.test(text.slice(col - 1));
}
