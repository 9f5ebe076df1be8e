import { Document, Scalar, YAMLMap, YAMLSeq, type Node as YNode, type Pair } from 'yaml';
import { keyText, parseFile } from '../source/parse.js';
import type { MapNode, Node } from '../source/tree.js';
import { parseDec } from '../money/decimal.js';
import { Amount, type Obj, type Val } from './assemble.js';

/**
 * The sections as YAML a person would have written (block style, key order as in data/<year>,
 * classification rows, items and indicators one flow mapping per line), into the files of an
 * existing directory where they were: a section whose values changed but whose shape did not gets
 * its figures replaced in place (comments and layout kept); one whose shape changed is written
 * anew where it stood; a section the directory lacks goes to the file the reference data keeps it in.
 */

/** Where each section goes when the directory does not have it yet (docs/format.md, "Files and sections"). */
export const SECTION_FILES: readonly (readonly [string, readonly string[]])[] = [
  ['department.yaml', ['department', 'prose', 'prior_year', 'comparison']],
  ['income.yaml', ['income', 'expenditure']],
  ['functional.yaml', ['functional']],
  ['economic.yaml', ['economic', 'summary']],
  ['projects.yaml', ['projects']],
  ['other.yaml', ['procurement', 'three_public', 'running_cost', 'assets']],
  ['performance.yaml', ['performance']],
];

const SECTION_ORDER = SECTION_FILES.flatMap(([, s]) => s);

export interface ExistingFile {
  readonly name: string;
  readonly text: string;
}

/** The existing files parsed once (with the program's own YAML reader: positions, exact figures). */
export interface ParsedExisting {
  readonly files: readonly { readonly name: string; readonly text: string; readonly root?: MapNode }[];
  readonly sections: Obj;
}

/** YAML of the existing files as the import's values: figures exactly as written. */
export function valuesOf(files: readonly ExistingFile[]): ParsedExisting | { error: { file: string; message: string } } {
  const sections: Obj = {};
  const parsed: { name: string; text: string; root?: MapNode }[] = [];
  for (const f of files) {
    const r = parseFile(f.name, f.text);
    if (!r.root) {
      const d = r.diagnostics[0];
      return { error: { file: f.name, message: d ? `${d.span ? `${d.span.line}:${d.span.col}: ` : ''}${d.message.zh}` : 'unreadable' } };
    }
    parsed.push({ name: f.name, text: f.text, root: r.root });
    for (const e of r.root.entries) sections[keyText(e.key)] = fromNode(e.value);
  }
  return { files: parsed, sections };
}

const GROUPED = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

function fromNode(n: Node | undefined): Val {
  if (!n) return null;
  if (n.kind === 'scalar') {
    if (!n.quoted && (typeof n.value === 'number' || GROUPED.test(n.source))) {
      const d = parseDec(n.source);
      if (d) return new Amount(d);
    }
    if (n.value === null) return null;
    return typeof n.value === 'boolean' ? n.value : String(n.value);
  }
  if (n.kind === 'seq') return n.items.map(fromNode);
  const o: Obj = {};
  for (const e of n.entries) o[keyText(e.key)] = fromNode(e.value);
  return o;
}

/** Rows, items, indicators, by-source maps and small figure groups print on one line each. */
function flowish(path: readonly string[], v: Obj): boolean {
  const last = path[path.length - 1];
  const inList = /^\d+$/.test(last);
  const parent = path[path.length - 2];
  if (inList && (parent === 'rows' || parent === 'items' || parent === 'indicators')) return !Object.values(v).some((x) => typeof x === 'object' && x !== null && !(x instanceof Amount) && !isFlowPart(x));
  const leaves = Object.values(v).every((x) => x instanceof Amount || typeof x === 'string' || isFlowPart(x));
  if (['procurement', 'by_source', 'ref', 'total'].includes(last) && path.length >= 2 && leaves) return path.length > 2 || last !== 'total';
  if (path.includes('by_source')) return true;
  return false;
}

function isFlowPart(x: Val): boolean {
  return typeof x === 'object' && x !== null && !(x instanceof Amount) && !Array.isArray(x) && Object.values(x).every((y) => y instanceof Amount);
}

function toNode(doc: Document, v: Val, path: string[]): YNode | null {
  if (v instanceof Amount) {
    const s = new Scalar(Number(v.toString()));
    s.minFractionDigits = v.dec.scale;
    // Beyond a double's 15 significant digits the number form would round: keep the text.
    if (Number(v.toString()).toFixed(v.dec.scale) !== v.toString()) return new Scalar(v.toString());
    return s;
  }
  if (v === null) return new Scalar(null);
  if (typeof v !== 'object') return doc.createNode(v) as YNode;
  if (Array.isArray(v)) {
    const seq = new YAMLSeq();
    v.forEach((x, i) => seq.items.push(toNode(doc, x, [...path, String(i)])));
    return seq as YNode;
  }
  const map = new YAMLMap();
  for (const [k, x] of Object.entries(v)) map.items.push(doc.createPair(k, null) as Pair<unknown, unknown>), ((map.items[map.items.length - 1] as Pair<unknown, unknown>).value = toNode(doc, x, [...path, k]));
  if (flowish(path, v)) map.flow = true;
  return map as YNode;
}

type Splice = { from: number; to: number; text: string };

const OPTIONS = { lineWidth: 0, flowCollectionPadding: false, nullStr: '', indentSeq: true } as const;

/** One section as YAML text, with the comment naming where it came from. */
export function sectionText(name: string, v: Val, comment?: string): string {
  const doc = new Document({});
  const map = new YAMLMap();
  const pair = doc.createPair(name, null) as Pair<unknown, unknown>;
  pair.value = toNode(doc, v, [name]);
  map.items.push(pair);
  doc.contents = map as never;
  const text = doc.toString(OPTIONS).replace(/: $/gm, ':').replace(/- $/gm, '-');
  return (comment ? `# ${comment}\n` : '') + text;
}

export interface Planned {
  readonly name: string;
  readonly text: string;
}

/**
 * The files to write: only those whose text changed. `comments` holds, per section, where the
 * workbook had it (表3 支出总表!A5:I22).
 */
export function planFiles(sections: Obj, existing: ParsedExisting | undefined, comments: ReadonlyMap<string, string>, header: string): Planned[] {
  const texts = new Map((existing?.files ?? []).map((f) => [f.name, f.text]));
  const out = new Map<string, string>();
  const placed = new Set<string>();
  for (const f of existing?.files ?? []) {
    let text = f.text;
    if (!f.root) continue;
    const edits: Splice[] = [];
    for (const e of f.root.entries) {
      const name = keyText(e.key);
      if (!(name in sections)) continue;
      placed.add(name);
      const now = sections[name];
      const splices = diff(e.value, now, text);
      if (splices === 'same') continue;
      if (splices !== 'shape') {
        edits.push(...splices);
        continue;
      }
      const from = e.key.span.offset;
      const to = e.value.span.offset + e.value.span.length;
      edits.push({ from, to, text: sectionText(name, now).replace(/\n$/, '') });
      const c = comments.get(name);
      if (c) edits.push(...commentEdit(text, from, c));
    }
    if (!edits.length) continue;
    // Edits from the end, so earlier offsets stay valid.
    edits.sort((a, b) => b.from - a.from);
    for (const x of edits) text = text.slice(0, x.from) + x.text + text.slice(x.to);
    out.set(f.name, text);
  }
  // Sections the directory does not have: in the reference data's files, in its order.
  const missing = Object.keys(sections)
    .filter((n) => !placed.has(n))
    .sort((a, b) => idx(a) - idx(b));
  for (const name of missing) {
    const file = SECTION_FILES.find(([, s]) => s.includes(name))?.[0] ?? 'other.yaml';
    const before = out.get(file) ?? texts.get(file) ?? header;
    const sep = before === '' || before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
    out.set(file, before + sep + sectionText(name, sections[name], comments.get(name)));
  }
  return [...out].map(([name, text]) => ({ name, text }));
}

/** The file a section is written to: where the directory has it, else where the reference data keeps it (as planFiles places it). */
export function sectionFile(name: string, existing: ParsedExisting | undefined): string {
  const f = existing?.files.find((x) => x.root?.entries.some((e) => keyText(e.key) === name));
  return f?.name ?? SECTION_FILES.find(([, s]) => s.includes(name))?.[0] ?? 'other.yaml';
}

function idx(s: string): number {
  const i = SECTION_ORDER.indexOf(s);
  return i < 0 ? SECTION_ORDER.length : i;
}

/** The line before a rewritten section names the workbook cells it came from (replacing an earlier such line). */
function commentEdit(text: string, keyStart: number, comment: string): { from: number; to: number; text: string }[] {
  const lineStart = text.lastIndexOf('\n', keyStart - 1) + 1;
  const prevStart = text.lastIndexOf('\n', lineStart - 2) + 1;
  const prev = lineStart > 0 ? text.slice(prevStart, lineStart - 1) : '';
  const line = `# ${comment}\n`;
  if (prev.startsWith('# 导入自')) return [{ from: prevStart, to: lineStart, text: line }];
  return [{ from: lineStart, to: lineStart, text: line }];
}


/** The edits that turn a node into the value: 'same', in-place scalar edits, or 'shape' when keys or lengths differ. */
function diff(n: Node | undefined, v: Val, text: string): 'same' | 'shape' | Splice[] {
  const out: Splice[] = [];
  const walk = (n: Node | undefined, v: Val): boolean => {
    if (v instanceof Amount || typeof v === 'string' || typeof v === 'boolean' || v === null) {
      if (!n || n.kind !== 'scalar') return false;
      const was = fromNode(n);
      if (same(was, v)) return true;
      if (v === null || typeof v === 'boolean') return false;
      const from = n.span.offset;
      const to = from + n.span.length;
      const prefix = from === to && text[from - 1] === ':' ? ' ' : '';
      out.push({ from, to, text: prefix + scalarText(v) });
      return true;
    }
    if (Array.isArray(v)) {
      if (!n || n.kind !== 'seq' || n.items.length !== v.length) return false;
      return v.every((x, i) => walk(n.items[i], x));
    }
    if (!n || n.kind !== 'map') return false;
    const want = Object.keys(v);
    if (n.entries.length !== want.length || n.entries.some((e, i) => keyText(e.key) !== want[i])) return false;
    return n.entries.every((e, i) => walk(e.value, v[want[i]]));
  };
  if (!walk(n, v)) return 'shape';
  return out.length ? out : 'same';
}

function same(a: Val, b: Val): boolean {
  if (a instanceof Amount && b instanceof Amount) return a.dec.coef * 10n ** BigInt(Math.max(0, b.dec.scale - a.dec.scale)) === b.dec.coef * 10n ** BigInt(Math.max(0, a.dec.scale - b.dec.scale)) && a.dec.scale === b.dec.scale;
  if (a instanceof Amount || b instanceof Amount) return String(a) === String(b);
  return a === b;
}

/** A scalar as it may stand in a block or a flow mapping: plain when safe, else double-quoted. */
function scalarText(v: Amount | string): string {
  if (v instanceof Amount) return v.toString();
  const plainSafe = /^[^\s#:,[\]{}&*!|>'"%@`?-][^#:,[\]{}\n]*$/.test(v) && !/\s$/.test(v) && !/^(true|false|null|~|[-+]?\d[\d.,_eE+-]*)$/i.test(v) && !/: /.test(v);
  return plainSafe ? v : JSON.stringify(v);
}
