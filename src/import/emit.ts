import { Document, isMap, isPair, isScalar, isSeq, parseDocument, Scalar, YAMLMap, YAMLSeq, type Node as YNode, type Pair } from 'yaml';
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

/** YAML of an existing file as the import's values: figures exactly as written. */
export function valuesOf(files: readonly ExistingFile[]): { sections: Obj; where: Map<string, string> } | { error: { file: string; message: string } } {
  const sections: Obj = {};
  const where = new Map<string, string>();
  for (const f of files) {
    const doc = parseDocument(f.text);
    if (doc.errors.length) return { error: { file: f.name, message: doc.errors[0].message } };
    if (!isMap(doc.contents)) continue;
    for (const p of doc.contents.items) {
      const k = isScalar(p.key) ? String(p.key.value) : '';
      sections[k] = fromNode(p.value as YNode | null);
      where.set(k, f.name);
    }
  }
  return { sections, where };
}

const GROUPED = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

function fromNode(n: YNode | null | undefined): Val {
  if (!n) return null;
  if (isScalar(n)) {
    const src = (n as Scalar & { source?: string }).source ?? '';
    const plain = n.type === 'PLAIN';
    if (plain && (typeof n.value === 'number' || GROUPED.test(src))) {
      const d = parseDec(src);
      if (d) return new Amount(d);
    }
    if (n.value === null) return null;
    return typeof n.value === 'boolean' ? n.value : String(n.value);
  }
  if (isSeq(n)) return n.items.map((x) => fromNode(x as YNode));
  if (isMap(n)) {
    const o: Obj = {};
    for (const p of n.items) o[isScalar(p.key) ? String(p.key.value) : String(p.key)] = fromNode(p.value as YNode);
    return o;
  }
  return null;
}

/** Rows, items, indicators, by-source maps and small figure groups print on one line each. */
function flowish(path: readonly string[], v: Obj): boolean {
  const last = path[path.length - 1];
  const inList = /^\d+$/.test(last);
  const parent = path[path.length - 2];
  if (inList && (parent === 'rows' || parent === 'items' || parent === 'indicators')) return !Object.values(v).some((x) => typeof x === 'object' && x !== null && !(x instanceof Amount) && !isFlowPart(x));
  if (['procurement', 'by_source', 'ref', 'total'].includes(last) && Object.values(v).every((x) => !(typeof x === 'object' && x !== null && !(x instanceof Amount)) || isFlowPart(x))) return path.length > 2 || last !== 'total';
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
export function planFiles(sections: Obj, existing: readonly ExistingFile[], comments: ReadonlyMap<string, string>, header: string): Planned[] {
  const texts = new Map(existing.map((f) => [f.name, f.text]));
  const docs = new Map(existing.map((f) => [f.name, parseDocument(f.text)]));
  const out = new Map<string, string>();
  const placed = new Set<string>();
  for (const [file, doc] of docs) {
    let text = texts.get(file)!;
    if (!isMap(doc.contents)) continue;
    // Edits from the end, so earlier offsets stay valid.
    const edits: { from: number; to: number; text: string }[] = [];
    for (const p of doc.contents.items) {
      const name = isScalar(p.key) ? String(p.key.value) : '';
      if (!(name in sections)) continue;
      placed.add(name);
      const now = sections[name];
      const splices = diff(p.value as YNode | null, now, text);
      if (splices === 'same') continue;
      if (splices !== 'shape') {
        edits.push(...splices);
        continue;
      }
      const key = p.key as Scalar;
      const end = (p.value as YNode | null)?.range?.[1] ?? key.range![1];
      const fresh = sectionText(name, now).replace(/\n$/, '');
      edits.push({ from: key.range![0], to: end, text: fresh });
      const c = comments.get(name);
      if (c) edits.push(...commentEdit(text, key.range![0], c));
    }
    if (!edits.length) continue;
    edits.sort((a, b) => b.from - a.from);
    for (const e of edits) text = text.slice(0, e.from) + e.text + text.slice(e.to);
    out.set(file, text);
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

type Splice = { from: number; to: number; text: string };

/** The edits that turn a node into the value: 'same', in-place scalar edits, or 'shape' when keys or lengths differ. */
function diff(n: YNode | null | undefined, v: Val, text: string): 'same' | 'shape' | Splice[] {
  const out: Splice[] = [];
  const walk = (n: YNode | null | undefined, v: Val): boolean => {
    if (v instanceof Amount || typeof v === 'string' || typeof v === 'boolean' || v === null) {
      if (!n || !isScalar(n)) return v === null && !n;
      const was = fromNode(n);
      if (same(was, v)) return true;
      if (v === null || typeof v === 'boolean') return false;
      const [from, to] = n.range!;
      const prefix = from === to && text[from - 1] === ':' ? ' ' : '';
      out.push({ from, to, text: prefix + scalarText(v) });
      return true;
    }
    if (Array.isArray(v)) {
      if (!isSeq(n) || n.items.length !== v.length) return false;
      return v.every((x, i) => walk(n.items[i] as YNode, x));
    }
    if (!isMap(n)) return false;
    const keys = n.items.map((p) => (isPair(p) && isScalar(p.key) ? String(p.key.value) : ''));
    const want = Object.keys(v);
    if (keys.length !== want.length || keys.some((k, i) => k !== want[i])) return false;
    return n.items.every((p, i) => walk(p.value as YNode, v[want[i]]));
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
