import type { Span } from './span.js';

/**
 * A line-start table over one file's text (after eemeli/yaml's LineCounter): offsets are computed
 * by the parser, lines and columns late, by binary search. Lines and columns are 1-based; a column
 * counts Unicode code points (a CJK character is one column), so `\r` of a CRLF line end, which sits
 * after the last character, never moves a column. Offsets and lengths are UTF-16 indices into the
 * text, so `text.slice(span.offset, span.offset + span.length)` is the spanned source.
 */
export class LineIndex {
  readonly starts: number[];
  private lastLine = 0;
  /** Whether the text has characters outside the BMP (surrogate pairs): only then count code points. */
  private readonly astral: boolean;

  constructor(
    readonly file: string,
    readonly text: string,
  ) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.starts = starts;
    this.astral = /[\ud800-\udfff]/.test(text);
  }

  /** The 1-based line and column of a UTF-16 offset. */
  position(offset: number): { line: number; col: number } {
    const o = this.clamp(offset);
    const l = this.lineIndexOf(o);
    return { line: l + 1, col: this.colOf(l, o) };
  }

  /** The span of text[start, end). */
  span(start: number, end: number): Span {
    const s = this.clamp(start);
    const e = Math.max(s, this.clamp(end));
    const a = this.lineIndexOf(s);
    const col = this.colOf(a, s);
    const b = this.lineIndexOf(e);
    const endCol = this.colOf(b, e);
    return { file: this.file, line: a + 1, col, endLine: b + 1, endCol, offset: s, length: e - s };
  }

  private clamp(o: number): number {
    return o < 0 ? 0 : o > this.text.length ? this.text.length : o;
  }

  /** The 0-based line holding offset o. */
  private lineIndexOf(o: number): number {
    const starts = this.starts;
    // Spans are mostly asked for in text order: try the line of the last answer first.
    const last = this.lastLine;
    if (starts[last] <= o && (last + 1 >= starts.length || o < starts[last + 1])) return last;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    this.lastLine = lo;
    return lo;
  }

  private colOf(line: number, o: number): number {
    const start = this.starts[line];
    return (this.astral ? codePoints(this.text, start, o) : o - start) + 1;
  }

  /** The text of a 1-based line, without its line end ('' past the end). */
  line(line: number): string {
    return lineOf(this.text, this.starts, line);
  }
}

function codePoints(text: string, from: number, to: number): number {
  let n = to - from;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) n--; // the second half of a surrogate pair
  }
  return n;
}

function lineOf(text: string, starts: readonly number[], line: number): string {
  if (line < 1 || line > starts.length) return '';
  const start = starts[line - 1];
  let end = line < starts.length ? starts[line] - 1 : text.length;
  if (end > start && text.charCodeAt(end - 1) === 13) end--; // CRLF
  return text.slice(start, end);
}

/** The text of a 1-based line of a file, without its line end, for code frames ('' past the end). */
export function lineText(file: { readonly text: string }, line: number): string {
  if (line < 1) return '';
  let start = 0;
  for (let l = 1; l < line; l++) {
    const nl = file.text.indexOf('\n', start);
    if (nl === -1) return '';
    start = nl + 1;
  }
  let end = file.text.indexOf('\n', start);
  if (end === -1) end = file.text.length;
  if (end > start && file.text.charCodeAt(end - 1) === 13) end--;
  return file.text.slice(start, end);
}
