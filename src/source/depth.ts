import type { LineIndex } from './lines.js';

/**
 * How deep a file may nest. Budget data needs fewer than ten levels; both parsers recurse once
 * per level, and how many levels overflow the stack depends on whether V8 has optimised them yet
 * (a cold process overflowed at ~1,000 nested "- " where a warm batch worker parsed them whole).
 * Refusing past a fixed depth, before either parser runs, makes the answer the same in every
 * process: `check`, a batch worker and `--watch` agree on the same file.
 */
export const MAX_DEPTH = 128;

const SPACE = 0x20;
const DASH = 0x2d;
const HASH = 0x23;
const LF = 0x0a;
const CR = 0x0d;
const TAB = 0x09;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;
const BACKSLASH = 0x5c;

/**
 * The offset of the first line nesting deeper than `limit` levels, or -1. The depth counted is an
 * upper bound of the file's true nesting: the block indentation levels open at the line, plus its
 * compact "- " entries, plus the flow collections (`[`, `{`) open at it. A bracket counts only
 * where a YAML node can start (after a line's indentation, ": ", "- ", "[", "{" or ","), so one
 * inside a plain scalar (`项目[一]`) or a quoted one does not.
 */
export function tooDeepAt(lines: LineIndex, limit = MAX_DEPTH): number {
  const text = lines.text;
  const starts = lines.starts;
  const indents: number[] = [];
  let flow = 0;
  const next = new NextOpen(text);
  for (let l = 0; l < starts.length; l++) {
    const start = starts[l];
    const end = l + 1 < starts.length ? starts[l + 1] - 1 : text.length;
    let i = start;
    while (i < end && text.charCodeAt(i) === SPACE) i++;
    if (i === end || text.charCodeAt(i) === HASH || text.charCodeAt(i) === CR) {
      if (flow === 0 || next.after(i) >= end) continue;
    }
    const indent = i - start;
    // the block levels the line sits in (inside an open flow collection, the ones open before it)
    let base = indents.length;
    if (flow === 0) {
      while (indents.length > 0 && indents[indents.length - 1] >= indent) indents.pop();
      indents.push(indent);
      base = indents.length;
      // compact sequences: `- - - x` opens one level per dash
      while (i < end && text.charCodeAt(i) === DASH && (i + 1 === end || isBlank(text.charCodeAt(i + 1)))) {
        if (++base + flow > limit) return i;
        i += 2;
        while (i < end && text.charCodeAt(i) === SPACE) i++;
      }
    }
    if (base + flow > limit) return i < end ? i : start;
    if (flow === 0 && next.after(i) >= end) continue;
    // flow collections on this line
    let nodeStart = true;
    // By character code, compared with literals: a constant of the module is read from its context
    // at each comparison (on the 10,000-row department this loop took 20 ms with named constants,
    // 16 with one-character strings, 14 with literals)
    for (let j = i; j < end; j++) {
      const c = text.charCodeAt(j);
      if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
        if (!nodeStart && flow === 0) continue;
        flow++;
        if (base + flow > limit) return j;
        nodeStart = true;
      } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
        if (flow > 0) flow--;
        nodeStart = false;
      } else if (c === 0x2c /* , */) {
        nodeStart = true;
      } else if (c === 0x3a /* : */ || c === 0x2d /* - */) {
        nodeStart = j + 1 === end || isBlank(text.charCodeAt(j + 1)) || flow > 0;
      } else if ((c === 0x22 /* " */ || c === 0x27 /* ' */) && nodeStart) {
        j = closingQuote(text, j, end);
        nodeStart = false;
      } else if (c === 0x23 /* # */ && j > start && isBlank(text.charCodeAt(j - 1))) {
        break;
      } else if (c !== 0x20 && c !== 0x09) {
        nodeStart = false;
      }
    }
  }
  return -1;
}

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB || c === LF || c === CR;
}

/** The offset after a quoted scalar's closing quote on this line (or the line's end). */
function closingQuote(text: string, open: number, end: number): number {
  const q = text.charCodeAt(open);
  for (let k = open + 1; k < end; k++) {
    const c = text.charCodeAt(k);
    if (q === DOUBLE_QUOTE && c === BACKSLASH) k++;
    else if (c === q) {
      if (q === SINGLE_QUOTE && text.charCodeAt(k + 1) === SINGLE_QUOTE) k++;
      else return k;
    }
  }
  return end;
}

/**
 * The first `[` or `{` at or after an offset, for offsets that only grow: each is searched for
 * again only once passed, so the whole file is searched once (a search per line from that line
 * to the end made a file without `{` quadratic).
 */
class NextOpen {
  private square = -1;
  private curly = -1;
  constructor(private readonly text: string) {}

  after(from: number): number {
    if (this.square !== Infinity && this.square < from) this.square = found(this.text.indexOf('[', from));
    if (this.curly !== Infinity && this.curly < from) this.curly = found(this.text.indexOf('{', from));
    return Math.min(this.square, this.curly);
  }
}

function found(at: number): number {
  return at === -1 ? Infinity : at;
}
