/**
 * Pure layout helpers for the workbook: where header cells go, A1 addresses, SUM formulas over
 * cell references, display widths of Chinese text, and Excel-safe sheet names. No exceljs here,
 * so each piece is testable on its own.
 */
import type { CellRef, HeaderNode } from '../../document/model.js';

/** One header cell placed on the grid (0-based, relative to the first header row and column A). */
export interface PlacedHeader {
  readonly label: string;
  readonly row: number;
  readonly col: number;
  readonly rowSpan: number;
  readonly colSpan: number;
}

export interface HeaderLayout {
  /** Number of header rows (the depth of the tree). */
  readonly depth: number;
  /** Number of leaf columns. */
  readonly width: number;
  readonly cells: readonly PlacedHeader[];
  /** The leaf label of each column (for width estimation). */
  readonly leaves: readonly string[];
}

function depthOf(node: HeaderNode): number {
  if (!node.children || node.children.length === 0) return 1;
  let d = 0;
  for (const c of node.children) d = Math.max(d, depthOf(c));
  return d + 1;
}

/**
 * Lays out a header tree: an inner node spans its leaves' columns on its own row; a leaf spans
 * down to the last header row (so a leaf at a shallower depth covers the rows under it).
 */
export function layoutHeader(roots: readonly HeaderNode[]): HeaderLayout {
  let depth = 0;
  for (const r of roots) depth = Math.max(depth, depthOf(r));
  const cells: PlacedHeader[] = [];
  const leaves: string[] = [];
  const place = (node: HeaderNode, row: number): number => {
    const col = leaves.length;
    if (!node.children || node.children.length === 0) {
      leaves.push(node.label);
      cells.push({ label: node.label, row, col, rowSpan: depth - row, colSpan: 1 });
      return 1;
    }
    let span = 0;
    for (const c of node.children) span += place(c, row + 1);
    cells.push({ label: node.label, row, col, rowSpan: 1, colSpan: span });
    return span;
  };
  for (const r of roots) place(r, 0);
  cells.sort((a, b) => a.row - b.row || a.col - b.col);
  return { depth, width: leaves.length, cells, leaves };
}

/** 0-based column index → letters (0 → A, 25 → Z, 26 → AA). */
export function colLetters(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A1 address from a 1-based row and a 0-based column. */
export function a1(row: number, col: number): string {
  return `${colLetters(col)}${row}`;
}

/**
 * The formula (without "=") that sums the referenced body cells. Contiguous runs become ranges
 * (down a column first, then along a row); a few scattered cells are written as A+B+C, more as
 * SUM(A,B:C,…). `bodyRow` maps a body row index to its 1-based sheet row. Returns undefined for
 * an empty reference list.
 */
export function sumFormula(refs: readonly CellRef[], bodyRow: (row: number) => number): string | undefined {
  // A cell by one number (a sheet has at most 16,384 columns): no string made per reference.
  const seen = new Set<number>();
  const cells: { row: number; col: number }[] = [];
  for (const r of refs) {
    const key = r.row * 0x10000 + r.col;
    if (seen.has(key)) continue;
    seen.add(key);
    cells.push({ row: bodyRow(r.row), col: r.col });
  }
  if (cells.length === 0) return undefined;

  interface Run {
    r0: number;
    c0: number;
    r1: number;
    c1: number;
  }
  // Vertical runs: consecutive rows within one column.
  cells.sort((a, b) => a.col - b.col || a.row - b.row);
  const vertical: Run[] = [];
  for (const c of cells) {
    const last = vertical[vertical.length - 1];
    if (last && last.c0 === c.col && last.r1 === c.row - 1) last.r1 = c.row;
    else vertical.push({ r0: c.row, c0: c.col, r1: c.row, c1: c.col });
  }
  // A run of two reads better as A+B: keep ranges for three cells or more.
  const split = (runs: Run[], vertical: boolean): Run[] =>
    runs.flatMap((r) =>
      (vertical ? r.r1 - r.r0 : r.c1 - r.c0) === 1
        ? [
            { r0: r.r0, c0: r.c0, r1: r.r0, c1: r.c0 },
            { r0: r.r1, c0: r.c1, r1: r.r1, c1: r.c1 },
          ]
        : [r],
    );
  const vruns = split(vertical, true);
  // Single cells left over: horizontal runs along a row.
  const long = vruns.filter((r) => r.r0 !== r.r1);
  const singles = vruns.filter((r) => r.r0 === r.r1).sort((a, b) => a.r0 - b.r0 || a.c0 - b.c0);
  const horizontal: Run[] = [];
  for (const s of singles) {
    const last = horizontal[horizontal.length - 1];
    if (last && last.r0 === s.r0 && last.c1 === s.c0 - 1) last.c1 = s.c0;
    else horizontal.push({ ...s });
  }
  const runs = [...long, ...split(horizontal, false)];
  runs.sort((a, b) => a.r0 - b.r0 || a.c0 - b.c0);
  const terms = runs.map((r) =>
    r.r0 === r.r1 && r.c0 === r.c1 ? a1(r.r0, r.c0) : `${a1(r.r0, r.c0)}:${a1(r.r1, r.c1)}`,
  );
  const allSingle = runs.every((r) => r.r0 === r.r1 && r.c0 === r.c1);
  if (terms.length === 1 && allSingle) return terms[0];
  if (allSingle && terms.length <= 4) return terms.join('+');
  return `SUM(${terms.join(',')})`;
}

/**
 * Display width in Excel column units: East Asian wide characters (CJK ideographs, full-width
 * forms and punctuation) count 2, everything else 1.
 */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    w += isWide(cp) ? 2 : 1;
  }
  return w;
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd) ||
    cp === 0x201c || cp === 0x201d || cp === 0x2018 || cp === 0x2019 || cp === 0x2026 || cp === 0x2014
  );
}

/** Lines a text needs when wrapped in a cell `width` units wide (at least 1; explicit newlines count). */
export function wrappedLines(text: string, width: number): number {
  const usable = Math.max(1, width - 1.5);
  let lines = 0;
  for (const part of text.split('\n')) lines += Math.max(1, Math.ceil(displayWidth(part) / usable));
  return lines;
}

const FORBIDDEN = /[\[\]:*?/\\]/g;

/**
 * Excel's sheet-name rules: at most 31 characters, none of [ ] : * ? / \, not starting or ending
 * with an apostrophe (we replace every apostrophe with ’ so formulas and links can quote the name),
 * not empty, not "History", unique ignoring case.
 */
export function sheetName(wanted: string, taken: Set<string>): string {
  // '!' is legal in Excel but breaks exceljs's test for links within the workbook.
  let base = wanted.replace(FORBIDDEN, '_').replace(/'/g, '’').replace(/!/g, '！').replace(/[\u0000-\u001f]/g, ' ').trim();
  if (base === '' || base.toLowerCase() === 'history') base = base === '' ? 'Sheet' : `${base}_`;
  base = truncate(base, 31);
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) {
    const suffix = ` (${i})`;
    name = truncate(base, 31 - suffix.length) + suffix;
  }
  taken.add(name.toLowerCase());
  return name;
}

/** Truncates to at most `n` UTF-16 units without splitting a surrogate pair. */
function truncate(s: string, n: number): string {
  if (s.length <= n) return s;
  let out = s.slice(0, n);
  const last = out.charCodeAt(out.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) out = out.slice(0, -1);
  return out.trimEnd();
}

/** A quoted sheet reference for formulas and links: '表1 收支总表'!A1. */
export function sheetRef(name: string, address: string): string {
  return `'${name.replace(/'/g, "''")}'!${address}`;
}

/**
 * The document's footer wording as an Excel header/footer string, centred: {page} and {pages}
 * become the page number and count fields, a literal & is doubled. Empty: no footer.
 */
export function pageFooter(label: string): string {
  if (label === '') return '';
  return '&C' + label.replace(/&/g, '&&').replace(/\{pages\}/g, '&N').replace(/\{page\}/g, '&P');
}
