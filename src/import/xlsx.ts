import { strFromU8, unzipSync } from 'fflate';
import type { RawCell, RawSheet } from './grid.js';

/**
 * A small reader of the parts of an XLSX package the import needs: sheet names and order, hidden
 * sheets and rows, cell values (shared and inline strings, numbers, booleans, errors), formulas with
 * their cached results, merged ranges and each cell's number format decimals. Not exceljs: loading
 * exceljs alone takes longer than the whole import may (issue 12: under 0.5 s), and the import
 * needs none of its object model. The XML is the narrow, machine-written subset of SpreadsheetML
 * every writer (Excel, WPS, LibreOffice, exceljs) produces, read with regular expressions.
 */

/** Why a file could not be read as a workbook (not a zip, or a zip without a workbook). */
export class NotAWorkbook extends Error {}

/** The most one XML part of a workbook may unpack to (a sheet of a large budget is a few MiB). */
export const MAX_PART_BYTES = 64 * 2 ** 20;

export function readXlsx(bytes: Uint8Array): RawSheet[] {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        const wanted = (f.name.startsWith('xl/') && f.name.endsWith('.xml')) || f.name.endsWith('.rels');
        // A part that inflates past any real workbook's (a zip bomb, a runaway export) would take
        // minutes and gigabytes before the first cell is read: refused before it is inflated.
        if (wanted && f.originalSize > MAX_PART_BYTES) throw new Error(`${f.name} unpacks to ${Math.round(f.originalSize / 2 ** 20)} MiB, more than ${MAX_PART_BYTES / 2 ** 20} MiB`);
        return wanted;
      },
    });
  } catch (e) {
    throw new NotAWorkbook(e instanceof Error ? e.message : String(e));
  }
  const text = (name: string): string | undefined => (files[name] ? strFromU8(files[name]) : undefined);
  const workbook = text('xl/workbook.xml');
  if (!workbook) throw new NotAWorkbook('no xl/workbook.xml');
  const rels = new Map<string, string>();
  for (const m of (text('xl/_rels/workbook.xml.rels') ?? '').matchAll(/<Relationship\b([^>]*)\/?>/g)) {
    const id = attr(m[1], 'Id');
    const target = attr(m[1], 'Target');
    if (id && target) rels.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const strings = sharedStrings(text('xl/sharedStrings.xml') ?? '');
  const decimals = styleDecimals(text('xl/styles.xml') ?? '');
  const sheets: RawSheet[] = [];
  for (const m of workbook.matchAll(/<sheet\b([^>]*)\/?>/g)) {
    const name = unescape(attr(m[1], 'name') ?? '');
    const state = attr(m[1], 'state');
    const rid = attr(m[1], 'r:id') ?? attr(m[1], 'id');
    const path = rid ? rels.get(rid) : undefined;
    const xml = path ? text(path) : undefined;
    if (xml === undefined) continue; // a chart sheet or a dangling entry: no cells
    sheets.push(readSheet(name, state === 'hidden' || state === 'veryHidden', xml, strings, decimals));
  }
  return sheets;
}

function readSheet(name: string, hidden: boolean, xml: string, strings: readonly string[], decimals: readonly number[]): RawSheet {
  const cells = new Map<string, RawCell>();
  const hiddenRows = new Set<number>();
  const shared = new Map<string, { formula: string; row: number; col: number }>();
  for (const rm of xml.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const r = Number(attr(rm[1], 'r'));
    const h = attr(rm[1], 'hidden');
    if (h === '1' || h === 'true') hiddenRows.add(r);
    if (!rm[2]) continue;
    for (const cm of rm[2].matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const ref = attr(cm[1], 'r');
      if (!ref) continue;
      const t = attr(cm[1], 't') ?? 'n';
      const s = Number(attr(cm[1], 's') ?? 0);
      const body = cm[2] ?? '';
      const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      const fm = /<f\b([^>]*?)(?:\/>|>([\s\S]*?)<\/f>)/.exec(body);
      let formula: string | undefined;
      if (fm) {
        formula = fm[2] !== undefined ? unescape(fm[2]) : undefined;
        const si = attr(fm[1], 'si');
        const [row, col] = splitRef(ref);
        if (si !== undefined && formula) shared.set(si, { formula, row, col });
        else if (si !== undefined && shared.has(si)) {
          const base = shared.get(si)!;
          formula = shiftFormula(base.formula, row - base.row, col - base.col);
        }
        formula ??= '';
      }
      let value: RawCell['value'];
      if (t === 's' && v !== undefined) value = strings[Number(v)] ?? '';
      else if (t === 'inlineStr') value = textOf(/<is>([\s\S]*?)<\/is>/.exec(body)?.[1] ?? '');
      else if (t === 'str') value = v !== undefined ? unescape(v) : undefined;
      else if (t === 'b') value = v === undefined ? undefined : v === '1';
      else if (t === 'e') value = { error: unescape(v ?? '#N/A') };
      else value = v !== undefined ? { number: v.trim() } : undefined;
      cells.set(ref, { value, formula, decimals: decimals[s] ?? 0 });
    }
  }
  const merges = [...xml.matchAll(/<mergeCell\b[^>]*\bref="([^"]+)"/g)].map((m) => m[1]);
  return { name, hidden, cells, hiddenRows, merges };
}

/** "B12" → [12, 1] (1-based row, 0-based column). */
export function splitRef(ref: string): [number, number] {
  const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(ref);
  if (!m) return [0, -1];
  let col = 0;
  for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
  return [Number(m[2]), col - 1];
}

/** A shared formula as it reads in a cell `dr` rows and `dc` columns from its anchor (relative references move). */
function shiftFormula(f: string, dr: number, dc: number): string {
  return f.replace(/(\$?)([A-Z]{1,3})(\$?)(\d+)/g, (all, dc$: string, col: string, dr$: string, row: string) => {
    const [, c] = splitRef(`${col}1`);
    const nc = dc$ ? c : c + dc;
    const nr = dr$ ? Number(row) : Number(row) + dr;
    return `${dc$}${columnLetters(nc)}${dr$}${nr}`;
  });
}

/** 0-based column index → letters (0 → A, 26 → AA). */
export function columnLetters(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function sharedStrings(xml: string): string[] {
  return [...xml.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => textOf(m[1]));
}

/** The text of a string item: its <t> runs, without phonetic guides (<rPh>). */
function textOf(xml: string): string {
  const plain = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
  return [...plain.matchAll(/<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/g)].map((m) => unescape(m[1] ?? '')).join('');
}

const BUILTIN_DECIMALS: Record<number, number> = { 2: 2, 4: 2, 10: 2, 11: 2, 39: 2, 40: 2, 44: 2 };

/** Decimals each cell style (cellXfs index) shows, from its number format ("#,##0.00" → 2). */
function styleDecimals(xml: string): number[] {
  const custom = new Map<number, number>();
  for (const m of xml.matchAll(/<numFmt\b([^>]*)\/?>/g)) {
    const id = Number(attr(m[1], 'numFmtId'));
    const code = unescape(attr(m[1], 'formatCode') ?? '');
    const first = code.split(';')[0].replace(/"[^"]*"/g, '');
    custom.set(id, /\.(0+)/.exec(first)?.[1].length ?? 0);
  }
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? '';
  return [...xfs.matchAll(/<xf\b([^>]*)\/?>/g)].map((m) => {
    const id = Number(attr(m[1], 'numFmtId') ?? 0);
    return custom.get(id) ?? BUILTIN_DECIMALS[id] ?? 0;
  });
}

function attr(attrs: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name.replace(':', '\\:')}="([^"]*)"`).exec(attrs);
  return m ? m[1] : undefined;
}

function unescape(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-fA-F]+|#\d+);/g, (_, e: string) => {
    switch (e) {
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'amp':
        return '&';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      default: {
        // a reference past Unicode (&#99999999;) is no character: shown as U+FFFD, not a crash
        const cp = e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1));
        return cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
      }
    }
  }).replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}
