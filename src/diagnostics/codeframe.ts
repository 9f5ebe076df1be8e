import type { ChalkInstance } from 'chalk';
import type { Span } from '../source/span.js';
import { displayWidth } from './text.js';

/** A labelled place to show: the primary span (`^^^`) or a related one (`---`). */
export interface Mark {
  readonly span: Span;
  readonly label: string;
  readonly primary: boolean;
}

export interface FrameStyle {
  readonly chalk: ChalkInstance;
  /** Colours the primary underline and its label (the severity's colour). */
  readonly primary: (s: string) => string;
}

/** Source lines by file, split once per run. */
export type SourceLines = ReadonlyMap<string, readonly string[]>;

export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/**
 * codespan-style frames: one group per file (the primary's first), each line printed once with
 * one underline row per mark on it. Lines between marks are elided with `...` unless the gap is
 * a single line. Multi-line spans are underlined to the end of their first line.
 */
export function codeFrames(marks: readonly Mark[], lines: SourceLines, style: FrameStyle): string[] {
  if (marks.length === 0) return [];
  const { chalk } = style;
  const gw = Math.max(...marks.map((m) => String(m.span.line).length));
  const pad = ' '.repeat(gw);
  const bar = chalk.blue(`${pad} |`);
  const out: string[] = [];

  const files: string[] = [];
  for (const m of marks) if (!files.includes(m.span.file)) files.push(m.span.file);

  files.forEach((file, fi) => {
    const group = marks.filter((m) => m.span.file === file);
    const first = group.find((m) => m.primary) ?? group[0];
    const arrow = fi === 0 ? '-->' : ':::';
    const text = lines.get(file);
    const where = `${file}:${first.span.line}:${first.span.col}`;
    if (!text || group.every((m) => m.span.line > text.length)) {
      // No text to show (an undecodable file): the position alone, with the labels.
      for (const m of group) {
        const lab = m.label ? ` ${m.primary ? style.primary(m.label) : chalk.blue(m.label)}` : '';
        out.push(`${pad}${chalk.blue(arrow)} ${m.span.file}:${m.span.line}:${m.span.col}${lab}`);
      }
      return;
    }
    out.push(`${pad}${chalk.blue(arrow)} ${where}`);
    out.push(bar);
    const lineNos = [...new Set(group.map((m) => m.span.line))].sort((a, b) => a - b);
    let prev = 0;
    for (const ln of lineNos) {
      if (prev && ln - prev === 2) out.push(sourceRow(prev + 1, text, gw, chalk));
      else if (prev && ln - prev > 2) out.push(chalk.blue('...'));
      out.push(sourceRow(ln, text, gw, chalk));
      const here = group
        .filter((m) => m.span.line === ln)
        .sort((a, b) => Number(b.primary) - Number(a.primary) || a.span.col - b.span.col);
      for (const m of here) out.push(underline(m, text[ln - 1] ?? '', gw, style));
      prev = ln;
    }
  });
  return out;
}

function sourceRow(ln: number, text: readonly string[], gw: number, chalk: ChalkInstance): string {
  const src = (text[ln - 1] ?? '').replace(/\t/g, '    ');
  return `${chalk.blue(String(ln).padStart(gw) + ' |')} ${src}`.trimEnd();
}

function underline(m: Mark, line: string, gw: number, style: FrameStyle): string {
  const s = m.span;
  // Columns count code points (src/source/lines.ts), so index the line by code point too.
  const cps = Array.from(line);
  const start = Math.max(0, s.col - 1);
  let end: number;
  if (s.endLine === s.line && s.endCol > s.col) end = s.endCol - 1;
  else if (s.endLine === s.line && s.length > 0) end = start + s.length;
  else end = cps.length; // spans several lines, or empty: to the end of the first
  end = Math.min(Math.max(end, start + 1), Math.max(cps.length, start + 1));
  const lead = displayWidth(cps.slice(0, start).join(''));
  const width = Math.max(1, displayWidth(cps.slice(start, end).join('')));
  const marks = (m.primary ? '^' : '-').repeat(width) + (m.label ? ' ' + m.label : '');
  const paint = m.primary ? style.primary : style.chalk.blue;
  return `${style.chalk.blue(' '.repeat(gw) + ' |')} ${' '.repeat(lead)}${paint(marks)}`;
}
