import { isScalar, Schema } from 'yaml';
import type { LineIndex } from './lines.js';
import type { MapEntry, MapNode, Node, ScalarNode, SeqNode } from './tree.js';

/**
 * A fast path for the plain YAML that budget files are made of: block mappings and sequences,
 * one-line flow collections (`{code: 201, total: 1100}`), plain and simply quoted one-line
 * scalars, comments. The `yaml` package takes about a second for a 10,000-row department; this
 * takes a small fraction of it.
 *
 * It is an accelerator, never a second opinion: whenever the text holds anything outside that
 * subset, or anything that could be an error (a tab, an anchor, a block scalar, a multi-line
 * scalar, a duplicate key, odd indentation...), it gives up (returns undefined) and the file goes
 * through `yaml`, which parses or reports it. When it succeeds it builds exactly the tree the
 * `yaml` path builds (same values, sources and spans): tests/source/fast.test.ts compares them.
 */

/** Characters that cannot start a plain scalar (or start something else): - ? : , [ ] { } # & * ! | > ' " % @ ` */
const INDICATOR = new Uint8Array(128);
for (const ch of '-?:,[]{}#&*!|>\'"%@`') INDICATOR[ch.charCodeAt(0)] = 1;

class GiveUp {}
const GIVE_UP = new GiveUp();

/** Anything that needs the full parser: tabs, control characters, a BOM inside the text. */
const UNSUPPORTED_CHARS = /[\t\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufeff\u0085\u2028\u2029]/;

const schema = new Schema({ schema: 'core', merge: false });
const PLAIN_TAGS = schema.tags.filter((t) => t.default === true && 'test' in t && t.test instanceof RegExp) as {
  test: RegExp;
  resolve: (s: string, onError: (m: string) => void, options: object) => unknown;
}[];

/**
 * The first characters a core-schema null, boolean or number can start with (~ n N t T f F 0-9
 * + - .); a plain scalar starting with anything else (every name and text in Chinese) is a string
 * without trying each tag's pattern. tests/source/fast.test.ts checks this against the tags.
 */
const MAY_RESOLVE = /^[~nNtTfF0-9+\-.]/;

/**
 * A plain scalar of 1 to 15 decimal digits, nothing else: what most of a budget's scalars are. The
 * core schema reads it by its decimal int tag (`[-+]?[0-9]+`, parseInt base 10; the null, bool
 * and octal tags before it cannot match digits alone), and a number of 15 digits or fewer is exact
 * either way, so it is read here without trying each tag's pattern in turn.
 */
function digitsOnly(s: string): boolean {
  const n = s.length;
  if (n === 0 || n > 15) return false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** The core-schema value of a plain scalar, resolved by yaml's own tags. */
export function resolvePlain(s: string): string | number | boolean | null {
  if (digitsOnly(s)) return Number(s);
  if (!MAY_RESOLVE.test(s)) return s;
  for (const tag of PLAIN_TAGS) {
    if (!tag.test.test(s)) continue;
    let failed = false;
    const v = tag.resolve(s, () => (failed = true), { intAsBigInt: false });
    if (failed) throw GIVE_UP;
    const value = isScalar(v) ? v.value : v;
    if (value === null || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
    throw GIVE_UP;
  }
  return s;
}

export function fastParse(lines: LineIndex): Node | undefined {
  const text = lines.text;
  if (UNSUPPORTED_CHARS.test(text)) return undefined;
  try {
    return new FastParser(lines).document();
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  }
}

interface Line {
  readonly start: number; // offset of the line
  readonly indent: number; // spaces before content
  readonly end: number; // offset of the line end (before \r\n or \n)
}

class FastParser {
  private readonly text: string;
  private readonly all: Line[] = [];
  /** Indices of content lines (not blank, not comment-only). */
  private readonly content: number[] = [];
  private i = 0; // position in `content`

  constructor(private readonly lines: LineIndex) {
    this.text = lines.text;
    const starts = lines.starts;
    const text = this.text;
    for (let k = 0; k < starts.length; k++) {
      const start = starts[k];
      let end = k + 1 < starts.length ? starts[k + 1] - 1 : text.length;
      if (end > start && text.charCodeAt(end - 1) === 13) end--;
      let p = start;
      while (p < end && text.charCodeAt(p) === 32) p++;
      this.all.push({ start, indent: p - start, end });
      if (p < end && text.charCodeAt(p) !== 35 /* # */) this.content.push(k);
    }
    // a \r that does not end a line, or anything YAML treats as a document marker or directive
    if (/\r(?!\n)/.test(text)) throw GIVE_UP;
    for (const k of this.content) {
      const l = this.all[k];
      const c = text.charCodeAt(l.start);
      if (l.indent === 0 && (c === 37 /* % */ || text.startsWith('---', l.start) || text.startsWith('...', l.start))) throw GIVE_UP;
    }
  }

  document(): Node {
    if (this.content.length === 0) throw GIVE_UP; // empty: the full path reports it
    const first = this.line();
    if (first.indent !== 0) throw GIVE_UP;
    const node = this.blockAt(0, first.start);
    if (this.i < this.content.length) throw GIVE_UP; // something left over: an error
    return node;
  }

  private line(): Line {
    return this.all[this.content[this.i]];
  }

  /** A block node whose first token is at `at` (on the current line) with indentation `indent`. */
  private blockAt(indent: number, at: number): Node {
    const t = this.text;
    if (t.charCodeAt(at) === 45 /* - */ && this.isSep(at + 1)) return this.seq(indent);
    return this.map(indent, at);
  }

  private isSep(p: number): boolean {
    const l = this.line();
    return p >= l.end || this.text.charCodeAt(p) === 32;
  }

  /** A block mapping with keys at column `indent`; its first key starts at `at` on the current line. */
  private map(indent: number, at: number): MapNode {
    const entries: MapEntry[] = [];
    const seen = new Set<string>();
    let pos = at;
    for (;;) {
      const key = this.key(pos);
      const k = typeof key.value === 'string' ? key.value : key.source;
      const k2 = typeof key.value === 'string' ? undefined : `\0${String(key.value)}`;
      if (seen.has(k) || (k2 !== undefined && seen.has(k2))) throw GIVE_UP;
      seen.add(k);
      if (k2 !== undefined) seen.add(k2);
      if (!key.quoted && key.source === '<<') throw GIVE_UP;
      const colon = key.span.offset + key.span.length; // the key is followed directly by ':'
      const value = this.valueAfter(indent, colon + 1, false);
      entries.push({ key, value });
      if (this.i >= this.content.length) break;
      const next = this.line();
      if (next.indent < indent) break;
      if (next.indent > indent) throw GIVE_UP;
      pos = next.start + next.indent;
      if (this.text.charCodeAt(pos) === 45 && this.isSep(pos + 1)) throw GIVE_UP; // "- " among keys
    }
    const first = entries[0].key.span.offset;
    const last = entries[entries.length - 1].value.span;
    return { kind: 'map', span: this.lines.span(first, last.offset + last.length), entries };
  }

  /** A block sequence with its dashes at column `indent`, starting on the current line. */
  private seq(indent: number): SeqNode {
    const first = this.line().start + indent;
    const items = this.seqItems(indent);
    const last = items[items.length - 1].span;
    return { kind: 'seq', span: this.lines.span(first, last.offset + last.length), items };
  }

  /**
   * The items of `seq`, in a function of their own that ends with its loop: V8 compiles a long
   * sequence's loop while it runs (on-stack replacement), before the code after the loop has ever
   * run, and that code, reached without type feedback, then threw the compiled code away at the end
   * of every long sequence (a hundred times in some runs of a 10,000-row check, a few in others).
   */
  private seqItems(indent: number): Node[] {
    const items: Node[] = [];
    for (;;) {
      const l = this.line();
      const dash = l.start + l.indent;
      items.push(this.valueAfter(indent, dash + 1, true));
      if (this.i >= this.content.length) break;
      const next = this.line();
      if (next.indent < indent) break;
      if (next.indent > indent) throw GIVE_UP;
      const p = next.start + next.indent;
      if (!(this.text.charCodeAt(p) === 45 && this.isSep(p + 1))) break; // a key of the parent map
    }
    return items;
  }

  /**
   * The value after `key:` or `-` (at `from`, on the current line) of a collection at `indent`.
   * Consumes the current line and the lines of a nested block.
   */
  private valueAfter(indent: number, from: number, inSeq: boolean): Node {
    const t = this.text;
    const l = this.line();
    let p = from;
    while (p < l.end && t.charCodeAt(p) === 32) p++;
    if (p < l.end && t.charCodeAt(p) !== 35) {
      if (p === from) throw GIVE_UP; // "key:value" or "-x": not ours
      // `- key: value` (a mapping inside a sequence item), `- - x` is not ours
      if (inSeq) {
        const c = t.charCodeAt(p);
        if (c === 45 && this.isSep(p + 1)) throw GIVE_UP;
        if (this.looksLikeKey(p, l.end)) {
          const col = p - l.start;
          return this.map(col, p);
        }
      }
      const node = this.inline(p, l.end);
      this.i++;
      // a deeper line after an inline value: a multi-line scalar or an error
      if (this.i < this.content.length && this.line().indent > indent) throw GIVE_UP;
      return node;
    }
    // Nothing (or a comment) after the indicator: the value is a nested block on the next lines.
    const hasComment = p < l.end;
    this.i++;
    if (this.i < this.content.length) {
      const next = this.line();
      const at = next.start + next.indent;
      const isDash = t.charCodeAt(at) === 45 && this.isSep(at + 1);
      if (next.indent > indent || (!inSeq && next.indent === indent && isDash)) {
        return this.blockAt(next.indent, at);
      }
    }
    // An empty value: null, positioned right after the indicator (as yaml does) when nothing follows.
    if (hasComment || from !== l.end || inSeq) throw GIVE_UP;
    return { kind: 'scalar', span: this.lines.span(from, from), value: null, source: '', quoted: false };
  }

  /** Whether the text at p starts an implicit key: a plain or quoted scalar followed by ": " or ":" at the end. */
  private looksLikeKey(p: number, end: number): boolean {
    const t = this.text;
    const c = t.charCodeAt(p);
    if (c === 34 || c === 39) {
      const close = this.quotedEnd(p, end);
      return close !== -1 && t.charCodeAt(close) === 58 && (close + 1 >= end || t.charCodeAt(close + 1) === 32);
    }
    if (c === 123 || c === 91) return false; // a flow collection
    const colon = this.plainKeyColon(p, end);
    return colon !== -1;
  }

  /** The offset of the ':' ending a plain implicit key that starts at p, or -1. */
  private plainKeyColon(p: number, end: number): number {
    const t = this.text;
    for (let q = p; q < end; q++) {
      const c = t.charCodeAt(q);
      if (c === 58 && (q + 1 >= end || t.charCodeAt(q + 1) === 32)) return q;
      if (c === 35 && t.charCodeAt(q - 1) === 32) return -1; // a comment
    }
    return -1;
  }

  /** An implicit key at p on the current line, directly followed by ':'. */
  private key(p: number): ScalarNode {
    const l = this.line();
    const t = this.text;
    const c = t.charCodeAt(p);
    if (c === 34 || c === 39) {
      const close = this.quotedEnd(p, l.end);
      if (close === -1 || t.charCodeAt(close) !== 58 || !(close + 1 >= l.end || t.charCodeAt(close + 1) === 32)) throw GIVE_UP;
      // yaml (strict) refuses an implicit key whose ':' is more than 1024 characters after its start
      if (close - p > 1024) throw GIVE_UP;
      return this.quoted(p, close);
    }
    const colon = this.plainKeyColon(p, l.end);
    if (colon === -1) throw GIVE_UP;
    let e = colon;
    while (e > p && t.charCodeAt(e - 1) === 32) e--;
    if (e === p || colon - p > 1024) throw GIVE_UP;
    return this.plain(p, e, false);
  }

  /** A value on one line: a flow collection, a quoted or a plain scalar, then only a comment. */
  private inline(p: number, end: number): Node {
    const t = this.text;
    const c = t.charCodeAt(p);
    let node: Node;
    let after: number;
    if (c === 123 || c === 91) {
      node = this.flow(p, end);
      after = this.after;
    } else if (c === 34 || c === 39) {
      const close = this.quotedEnd(p, end);
      if (close === -1) throw GIVE_UP;
      node = this.quoted(p, close);
      after = close;
    } else {
      let e = p;
      for (; e < end; e++) {
        const d = t.charCodeAt(e);
        if (d === 35 && t.charCodeAt(e - 1) === 32) break;
        if (d === 58 && (e + 1 >= end || t.charCodeAt(e + 1) === 32)) throw GIVE_UP; // "a: b: c"
      }
      while (e > p && t.charCodeAt(e - 1) === 32) e--;
      node = this.plain(p, e, false);
      after = e;
    }
    this.restIsComment(after, end);
    return node;
  }

  private restIsComment(p: number, end: number): void {
    const t = this.text;
    let q = p;
    while (q < end && t.charCodeAt(q) === 32) q++;
    if (q < end && !(t.charCodeAt(q) === 35 && q > p)) throw GIVE_UP;
  }

  /** The offset just after the closing quote of a one-line quoted scalar at p, or -1. */
  private quotedEnd(p: number, end: number): number {
    const t = this.text;
    const q = t.charCodeAt(p);
    for (let k = p + 1; k < end; k++) {
      const c = t.charCodeAt(k);
      if (q === 34 && c === 92) return -1; // a backslash escape: leave it to yaml
      if (c === q) {
        if (q === 39 && t.charCodeAt(k + 1) === 39 && k + 1 < end) {
          k++; // '' inside single quotes
          continue;
        }
        return k + 1;
      }
    }
    return -1;
  }

  private quoted(p: number, close: number): ScalarNode {
    const source = this.text.slice(p, close);
    const inner = source.slice(1, -1);
    const value = source.charCodeAt(0) === 39 ? inner.replace(/''/g, "'") : inner;
    // leading or trailing spaces inside quotes are kept by YAML; so are we (no folding on one line)
    return { kind: 'scalar', span: this.lines.span(p, close), value, source, quoted: true };
  }

  /** A plain scalar text[p, e). Gives up on anything that is not a simple plain scalar. */
  private plain(p: number, e: number, inFlow: boolean): ScalarNode {
    const t = this.text;
    if (e <= p) throw GIVE_UP;
    const c = t.charCodeAt(p);
    if (c < 128 && INDICATOR[c] === 1) {
      // "-5", "-0.5" are plain scalars; "-" followed by a space is not
      if (!(c === 45 && p + 1 < e && t.charCodeAt(p + 1) !== 32)) throw GIVE_UP;
    }
    // (inside flow collections the callers stop at , [ ] { } before calling this)
    void inFlow;
    const source = t.slice(p, e);
    return { kind: 'scalar', span: this.lines.span(p, e), value: resolvePlain(source), source, quoted: false };
  }

  /**
   * Where the last flow collection, flow key or flow value read ended (`flow`, `flowKey` and
   * `flowValue` return their node and leave their end here: no pair object per node, which on a
   * 10,000-row department was an object per key and per value of every row).
   */
  private after = 0;

  /** A flow collection that opens at p and closes on the same line; its end is left in `after`. */
  private flow(p: number, end: number): Node {
    const t = this.text;
    const open = t.charCodeAt(p);
    const isMap = open === 123;
    const close = isMap ? 125 : 93;
    let q = this.skipSpaces(p + 1, end);
    const entries: MapEntry[] = [];
    const items: Node[] = [];
    if (t.charCodeAt(q) === close) {
      q++;
    } else {
      for (;;) {
        if (isMap) {
          const key = this.flowKey(q, end);
          const keyEnd = this.after;
          if (this.seenIn(entries, key)) throw GIVE_UP;
          if (!key.quoted && key.source === '<<') throw GIVE_UP;
          // after "key:" a space then a value (an empty value is yaml's to judge)
          const v = this.skipSpaces(keyEnd + 1, end);
          if (v === keyEnd + 1) throw GIVE_UP;
          const value = this.flowValue(v, end);
          entries.push({ key, value });
        } else {
          items.push(this.flowValue(q, end));
        }
        q = this.skipSpaces(this.after, end);
        const c = t.charCodeAt(q);
        if (c === close) {
          q++;
          break;
        }
        if (c !== 44 /* , */) throw GIVE_UP;
        q = this.skipSpaces(q + 1, end);
        if (t.charCodeAt(q) === close || t.charCodeAt(q) === 44) throw GIVE_UP; // trailing or empty entry
      }
    }
    const span = this.lines.span(p, q);
    this.after = q;
    return isMap ? { kind: 'map', span, entries } : { kind: 'seq', span, items };
  }

  /**
   * Whether a flow mapping's entries so far have this key (a duplicate: yaml's to report), by the
   * same test as a block mapping's `seen` set: the same text, or the same value for a key that is
   * not a string (`1` and `1.0`). A row has a handful of keys: a scan, not a set per row.
   */
  private seenIn(entries: readonly MapEntry[], key: ScalarNode): boolean {
    const k = typeof key.value === 'string' ? key.value : key.source;
    const k2 = typeof key.value === 'string' ? undefined : `\0${String(key.value)}`;
    for (const e of entries) {
      const x = e.key;
      const xk = typeof x.value === 'string' ? x.value : x.source;
      if (xk === k) return true;
      if (k2 !== undefined && typeof x.value !== 'string' && `\0${String(x.value)}` === k2) return true;
    }
    return false;
  }

  private skipSpaces(p: number, end: number): number {
    let q = p;
    while (q < end && this.text.charCodeAt(q) === 32) q++;
    if (q >= end) throw GIVE_UP; // a flow collection continued on the next line
    return q;
  }

  /** A key inside a flow mapping; the offset of its ':' is left in `after`. */
  private flowKey(p: number, end: number): ScalarNode {
    const t = this.text;
    const c = t.charCodeAt(p);
    if (c === 34 || c === 39) {
      const close = this.quotedEnd(p, end);
      if (close === -1 || t.charCodeAt(close) !== 58) throw GIVE_UP;
      this.after = close;
      return this.quoted(p, close);
    }
    let q = p;
    for (; q < end; q++) {
      const d = t.charCodeAt(q);
      if (d === 58) {
        const n = t.charCodeAt(q + 1);
        if (n === 32) break;
        if (n === 44 || n === 125 || n === 93 || n === 123 || n === 91) throw GIVE_UP;
      }
      if (d === 44 || d === 123 || d === 125 || d === 91 || d === 93 || d === 35) throw GIVE_UP;
    }
    if (q >= end) throw GIVE_UP;
    let e = q;
    while (e > p && t.charCodeAt(e - 1) === 32) e--;
    if (e - p > 1024) throw GIVE_UP;
    this.after = q;
    return this.plain(p, e, true);
  }

  /** A value inside a flow collection: a nested flow collection, a quoted or a plain scalar; its end is left in `after`. */
  private flowValue(p: number, end: number): Node {
    const t = this.text;
    const c = t.charCodeAt(p);
    if (c === 123 || c === 91) return this.flow(p, end);
    if (c === 34 || c === 39) {
      const close = this.quotedEnd(p, end);
      if (close === -1) throw GIVE_UP;
      this.after = close;
      return this.quoted(p, close);
    }
    let q = p;
    for (; q < end; q++) {
      const d = t.charCodeAt(q);
      if (d === 44 || d === 125 || d === 93) break;
      if (d === 123 || d === 91) throw GIVE_UP;
      if (d === 35 && t.charCodeAt(q - 1) === 32) throw GIVE_UP;
      if (d === 58) {
        const n = t.charCodeAt(q + 1);
        if (n === 32 || n === 44 || n === 125 || n === 93) throw GIVE_UP; // a pair inside a sequence, or an error
      }
    }
    let e = q;
    while (e > p && t.charCodeAt(e - 1) === 32) e--;
    this.after = e;
    return this.plain(p, e, true);
  }
}
