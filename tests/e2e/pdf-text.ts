/**
 * Reading a built PDF back as text with poppler (pdftotext), a different tool from the one that
 * wrote it, and cutting the text into the document's parts. Knows nothing of the budget model.
 */
import { execFileSync } from 'node:child_process';

function run(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** A footer line ("- 7 -", "-7-"). */
export const FOOTER = /^\s*-\s*\d+\s*-\s*$/;

/** `pdftotext -layout` (or raw reading order with `raw`), footer lines removed. */
export function pdfText(file: string, mode: 'layout' | 'raw' = 'layout'): string {
  const args = mode === 'layout' ? ['-layout', '-enc', 'UTF-8', file, '-'] : ['-enc', 'UTF-8', file, '-'];
  return run('pdftotext', args)
    .split('\n')
    .filter((l) => !FOOTER.test(l))
    .join('\n');
}

/** `pdfinfo -isodates` as key → value. */
export function pdfInfo(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of run('pdfinfo', ['-isodates', file]).split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m) out[m[1].trim()] = m[2].trim();
  }
  return out;
}

/** `pdffonts`: name and the emb column of each font. */
export function pdfFonts(file: string): { name: string; emb: string }[] {
  return run('pdffonts', [file])
    .split('\n')
    .slice(2)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const m = /^(\S+)\s+.+?\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.exec(l);
      if (!m) throw new Error(`unexpected pdffonts line: ${l}`);
      return { name: m[1], emb: m[2] };
    });
}

/** The comparison normal form: compatibility forms folded (⒉ → 2., ， → ,), all whitespace removed. */
export const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

/** A figure as printed: 1,234.50, -7, 0 (a code such as 201 or a year such as 2023 reads as one too). */
const FIGURE = /^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/;

/** The figure tokens of a line of text, left to right. */
export function figures(line: string): string[] {
  return line.split(/\s+/).filter((t) => FIGURE.test(t));
}

/** The lines of the document body: from the line that is just `一、文字部分` (the 目录 entry carries a page number). */
export function bodyLines(text: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.trim() === '一、文字部分');
  if (start < 0) throw new Error('no body heading 一、文字部分 in the PDF text');
  return lines.slice(start);
}

export interface TableText {
  readonly caption: string;
  /** The first non-empty line after the caption. */
  readonly title: string;
  /** The lines from the title to the next table's caption. */
  readonly lines: string[];
}

/** The body's tables: each starts at a line that is only its caption (表1 … 表十二). */
export function tableTexts(body: string[]): TableText[] {
  const out: { caption: string; title: string; lines: string[] }[] = [];
  for (const l of body) {
    const m = /^\s*(表(\d+|十二))\s*$/.exec(l);
    if (m) out.push({ caption: m[1], title: '', lines: [] });
    else if (out.length > 0) {
      const t = out[out.length - 1];
      if (t.title === '' && l.trim() !== '') t.title = l.trim();
      else t.lines.push(l);
    }
  }
  return out;
}

/**
 * Where each expected row's figures appear, in order, as the complete figure list of one line:
 * returns the rows not found (an empty list when every row is there, in order).
 */
export function missingRows(lines: string[], rows: readonly string[][]): string[][] {
  const missing: string[][] = [];
  let at = 0;
  for (const want of rows) {
    const k = lines.findIndex((l, i) => i >= at && sameList(figures(l), want));
    if (k < 0) missing.push(want);
    else at = k + 1;
  }
  return missing;
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
