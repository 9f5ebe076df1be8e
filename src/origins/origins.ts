import type { Diagnostic, Localized, Origin } from '../diagnostics/diagnostic.js';
import { eq, parseDec, toPlain, type Dec } from '../money/decimal.js';
import { keyText, type MapNode, type Node } from '../source/index.js';

/**
 * Where each imported figure came from (issue 12): `budget import` writes, next to the YAML, the
 * workbook cell of every figure it read (`import-origins.json`); `budget check` reads it back and
 * names that cell beside the figure in its findings. The file is the import's record, not a
 * source: the loader lists only `*.yaml` / `*.yml`, so it is never parsed as data, and it is not
 * among the inputs the build identity hashes (it changes nothing in the PDF or the XLSX).
 *
 * A figure is found again by what survives the officer editing the YAML: its path with every list
 * item named by its `code` (a classification row), else its `name` (a project, a task), else its
 * index — `functional.rows[code=2010350].basic` — not by line or column. Moving a row, inserting
 * comments or blank lines, or moving a section to another file keeps the path.
 */

export const ORIGINS_FILE = 'import-origins.json';
/** The `format` field: a JSON file of this name written by something else is told apart from ours. */
export const ORIGINS_FORMAT = 'budget-import-origins';
export const ORIGINS_VERSION = 1;

export interface OriginEntry {
  /** The YAML file the import wrote the figure to (for the reader; matching is by path). */
  readonly file: string;
  /** `functional.rows[code=2010350].basic` */
  readonly path: string;
  /** The value read from the cell, exact decimal text. */
  readonly value: string;
  /** The sheet as named in the workbook, or the CSV file's name. */
  readonly sheet: string;
  /** A1 address. */
  readonly cell: string;
}

export interface OriginsFile {
  readonly format: typeof ORIGINS_FORMAT;
  readonly version: number;
  /** The workbook's file name, or the CSV files' names joined by ", ". */
  readonly workbook: string;
  readonly csv: boolean;
  readonly figures: readonly OriginEntry[];
}

/** One step of a path: a key of a map, or an item of a list named by its code or name. */
export type Step = { readonly key: string } | { readonly code?: string; readonly name?: string; readonly index: number };

/** The path as the file writes it: `functional.rows[code=2010350].basic`. */
export function pathKey(steps: readonly Step[]): string {
  let out = '';
  for (const s of steps) {
    if ('key' in s) out += (out ? '.' : '') + s.key;
    else out += s.code ? `[code=${s.code}]` : s.name ? `[name=${s.name}]` : `[${s.index}]`;
  }
  return out;
}

/** The file's text: one figure per line, so that a diff of two imports reads figure by figure. */
export function originsText(o: Omit<OriginsFile, 'format' | 'version'>): string {
  const head = { format: ORIGINS_FORMAT, version: ORIGINS_VERSION, workbook: o.workbook, csv: o.csv };
  const lines = o.figures.map((f) => '    ' + JSON.stringify({ file: f.file, path: f.path, value: f.value, sheet: f.sheet, cell: f.cell }));
  return `${JSON.stringify(head, null, 2).replace(/\n}$/, '')},\n  "figures": [\n${lines.join(',\n')}${lines.length ? '\n' : ''}  ]\n}\n`;
}

/** The file read back; anything else (a damaged file, another program's JSON) is the reason why not. */
export function parseOrigins(text: string): { origins: OriginsFile } | { problem: Localized } {
  let v: unknown;
  try {
    v = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { problem: { zh: `不是有效的 JSON（${why}）`, en: `it is not valid JSON (${why})` } };
  }
  const o = v as Partial<Record<keyof OriginsFile, unknown>>;
  if (typeof v !== 'object' || v === null || Array.isArray(v) || o.format !== ORIGINS_FORMAT)
    return { problem: { zh: `不是 budget import 写的来源记录（缺少 "format": "${ORIGINS_FORMAT}"）`, en: `it is not an origins record written by budget import (no "format": "${ORIGINS_FORMAT}")` } };
  if (o.version !== ORIGINS_VERSION)
    return { problem: { zh: `格式版本 ${JSON.stringify(o.version)} 不是本程序能读的 ${ORIGINS_VERSION}`, en: `its version ${JSON.stringify(o.version)} is not ${ORIGINS_VERSION}, the one this program reads` } };
  if (typeof o.workbook !== 'string' || !Array.isArray(o.figures))
    return { problem: { zh: '缺少 workbook 或 figures', en: 'it lacks workbook or figures' } };
  const figures: OriginEntry[] = [];
  for (let i = 0; i < o.figures.length; i++) {
    const f = o.figures[i] as Partial<Record<keyof OriginEntry, unknown>> | null;
    const ok = f && typeof f === 'object' && (['file', 'path', 'value', 'sheet', 'cell'] as const).every((k) => typeof f[k] === 'string') && parseDec(f.value as string);
    if (!ok) return { problem: { zh: `figures 的第 ${i + 1} 项不完整（应有 file、path、value、sheet、cell，value 为数字文本）`, en: `item ${i + 1} of figures is incomplete (it needs file, path, value, sheet and cell, value a decimal)` } };
    figures.push(f as OriginEntry);
  }
  return { origins: { format: ORIGINS_FORMAT, version: ORIGINS_VERSION, workbook: o.workbook, csv: o.csv === true, figures } };
}

/** A list item's name in a path: its code, else its name, as written. */
function itemStep(n: Node, index: number): Step {
  if (n.kind !== 'map') return { index };
  const text = (k: string): string | undefined => {
    const e = n.entries.find((x) => keyText(x.key) === k)?.value;
    if (!e || e.kind !== 'scalar' || e.value === null || e.value === '') return undefined;
    return typeof e.value === 'string' ? e.value : e.source;
  };
  const code = text('code');
  return code !== undefined ? { code, index } : { name: text('name'), index };
}

/** Every scalar of the tree by file and offset, with its path. */
function scalarPaths(root: MapNode): Map<string, { path: string; source: string }> {
  const out = new Map<string, { path: string; source: string }>();
  const walk = (n: Node, steps: Step[]) => {
    if (n.kind === 'scalar') {
      out.set(`${n.span.file}\0${n.span.offset}`, { path: pathKey(steps), source: n.source });
      return;
    }
    if (n.kind === 'seq') n.items.forEach((x, i) => walk(x, [...steps, itemStep(x, i)]));
    else for (const e of n.entries) walk(e.value, [...steps, { key: keyText(e.key) }]);
  };
  walk(root, []);
  return out;
}

/**
 * The findings with the workbook cell of each figure they point at: the primary span, the related
 * places and the figures that carry a span, resolved span → YAML path → the import's record. A
 * figure whose text is no longer the imported value carries the cell with `edited` set (the
 * formatters say "imported as X, edited since"): the workbook and the data now disagree, and the
 * officer sees both.
 */
export function annotateOrigins(diagnostics: readonly Diagnostic[], root: MapNode, origins: OriginsFile): Diagnostic[] {
  if (!origins.figures.length || !diagnostics.some((d) => d.span || d.related.length)) return [...diagnostics];
  const byPath = new Map<string, OriginEntry>();
  for (const f of origins.figures) byPath.set(f.path, f);
  const scalars = scalarPaths(root);
  const cache = new Map<string, Origin | null>();
  const originOf = (span: { file: string; offset: number } | undefined): Origin | undefined => {
    if (!span) return undefined;
    const k = `${span.file}\0${span.offset}`;
    let o = cache.get(k);
    if (o === undefined) {
      const s = scalars.get(k);
      const f = s && byPath.get(s.path);
      const now = s && parseDec(s.source);
      const was = f && parseDec(f.value);
      o = f && was ? { workbook: origins.workbook, csv: origins.csv, sheet: f.sheet, cell: f.cell, imported: toPlain(was), edited: !now || !same(now, was) } : null;
      cache.set(k, o);
    }
    return o ?? undefined;
  };
  return diagnostics.map((d) => {
    const primary = originOf(d.span);
    const related = d.related.map((r) => {
      const o = originOf(r.span);
      return o ? { ...r, origin: o } : r;
    });
    const figures = d.figures.map((f) => {
      const o = originOf(f.span);
      return o ? { ...f, origin: o } : f;
    });
    if (!primary && related.every((r, i) => r === d.related[i]) && figures.every((f, i) => f === d.figures[i])) return d;
    return { ...d, ...(primary ? { origin: primary } : {}), related, figures };
  });
}

function same(a: Dec, b: Dec): boolean {
  return eq(a, b);
}
