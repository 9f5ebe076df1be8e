/**
 * Document → XLSX bytes. A second writer over the renderer-neutral document model (like a pandoc
 * writer: one function per kind of block); it knows nothing of budgets.
 *
 * Workbook layout:
 *   目录      the cover lines and one linked row per listed heading and per captioned table;
 *   文字部分  the narrative (headings, paragraphs, lists, in-text tables), one block per row;
 *   one sheet per captioned table, named by its shortName.
 * Every word the workbook prints comes from the document: the sheet names from `tocTitle` and
 * `labels.narrative`, the pointers to table sheets from `labels.seeTable`, the page footer from
 * `labels.pageFooter`, cell notes from `NumberCell.note`.
 * Each table sheet: title, header line, header tree as merged cells, body, notes. Totals whose
 * parts add up are SUM formulas with cached results; totals that differ from their parts only by
 * rounding keep the published figure and carry a note.
 *
 * Determinism: workbook dates come from DocMeta.created (exceljs would use the clock), and the
 * zip is re-packed with fixed entry dates and order (see zip.ts).
 */
import { InternalError } from '../../diagnostics/diagnostic.js';
import { trace } from '../../world/trace.js';
import type { Cell as XCell, Style, Workbook, Worksheet } from 'exceljs';
import WorkbookClass from 'exceljs/lib/doc/workbook.js';
import type {
  Block,
  Cell,
  CellContent,
  Document,
  NumberCell,
  Table,
  TextCell,
} from '../../document/model.js';
import { standsAlone } from '../../document/model.js';
import {
  a1,
  displayWidth,
  layoutHeader,
  pageFooter,
  sheetName,
  sheetRef,
  sumFormula,
  wrappedLines,
  type HeaderLayout,
} from './layout.js';
import { repack } from './zip.js';

// exceljs's package entry also loads its streaming reader and writer (unzipper, archiver), which
// the renderer never uses; the Workbook class alone loads in about half the time. This module is
// itself loaded lazily (compile.ts imports it only to write a workbook), so commands that never
// write one do not pay for it. A static import, so that the bundle (scripts/bundle.mjs) carries
// exceljs's code and an install need not hold the package (issue "A lean install").
function newWorkbook(): Workbook {
  return new WorkbookClass();
}

// ---------------------------------------------------------------------------------------------
// Styles. exceljs shares style objects by reference, so each is built once and never mutated.

const SONG = '宋体';
const HEI = '黑体';
const GB2312 = 134; // font charset: tells Excel the font is Chinese
const BODY_SIZE = 10;
const LINE_PT = 13.5; // height of one wrapped line of 10 pt text
const THIN = { style: 'thin' as const };
const BOX = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const LINK_COLOR = { argb: 'FF0563C1' };

type HAlign = 'left' | 'center' | 'right';

interface StyleSpec {
  readonly font?: string;
  readonly size?: number;
  readonly bold?: boolean;
  readonly link?: boolean;
  readonly h?: HAlign;
  readonly v?: 'top' | 'middle';
  readonly wrap?: boolean;
  readonly indent?: number;
  readonly numFmt?: string;
  readonly border?: boolean;
}

class Styles {
  private readonly cache = new Map<string, Partial<Style>>();
  // The two styles written once per body cell (a report has some thousands), looked up by a small
  // number instead of the general key string: building that string was ~8 % of the workbook's time.
  private readonly numbers = new Map<number, Partial<Style>>();
  private readonly texts = new Map<number, Partial<Style>>();

  /** A figure's cell: bold or not, `decimals` places. */
  number(bold: boolean, decimals: number): Partial<Style> {
    const k = decimals * 2 + (bold ? 1 : 0);
    let st = this.numbers.get(k);
    if (!st) this.numbers.set(k, (st = this.get({ bold, h: 'right', numFmt: numFmt(decimals), border: true })));
    return st;
  }

  /** A text cell of a table's body: wrapped and bordered. */
  text(bold: boolean, h: HAlign, indent: number | undefined): Partial<Style> {
    const ind = indent && indent > 0 ? indent : 0;
    const k = ind * 8 + (h === 'left' ? 0 : h === 'center' ? 2 : 4) + (bold ? 1 : 0);
    let st = this.texts.get(k);
    if (!st) this.texts.set(k, (st = this.get({ bold, h, wrap: true, indent: ind || undefined, border: true })));
    return st;
  }

  get(s: StyleSpec): Partial<Style> {
    const key = `${s.font ?? SONG}|${s.size ?? BODY_SIZE}|${s.bold ? 1 : 0}|${s.link ? 1 : 0}|${s.h ?? ''}|${s.v ?? 'middle'}|${s.wrap ? 1 : 0}|${s.indent ?? 0}|${s.numFmt ?? ''}|${s.border ? 1 : 0}`;
    let st = this.cache.get(key);
    if (!st) {
      const style: Partial<Style> = {
        font: {
          name: s.font ?? SONG,
          size: s.size ?? BODY_SIZE,
          charset: GB2312,
          // The font's family class: where 宋体/黑体 is missing (LibreOffice on Linux, Numbers) the
          // viewer substitutes a Chinese serif (roman, 1) or sans (swiss, 2) rather than a Latin face.
          family: (s.font ?? SONG) === HEI ? 2 : 1,
          ...(s.bold ? { bold: true } : {}),
          ...(s.link ? { color: LINK_COLOR, underline: true } : {}),
        },
        alignment: {
          vertical: s.v ?? 'middle',
          ...(s.h ? { horizontal: s.h } : {}),
          ...(s.wrap ? { wrapText: true } : {}),
          ...(s.indent ? { indent: s.indent } : {}),
        },
      };
      if (s.numFmt) style.numFmt = s.numFmt;
      if (s.border) style.border = BOX;
      st = style;
      this.cache.set(key, st);
    }
    return st;
  }
}

function numFmt(decimals: number): string {
  return decimals > 0 ? `#,##0.${'0'.repeat(decimals)}` : '#,##0';
}

// ---------------------------------------------------------------------------------------------
// Entry point.

export async function renderXlsx(doc: Document): Promise<Uint8Array> {
  const created = new Date(doc.meta.created);
  if (Number.isNaN(created.getTime())) {
    throw new InternalError(`DocMeta.created is not a date: ${JSON.stringify(doc.meta.created)}`);
  }
  const wb = newWorkbook();
  setProperties(wb, doc, created);
  const styles = new Styles();

  const blocks: Block[] = doc.sections.flatMap((s) => s.blocks);
  const taken = new Set<string>();
  const tocName = sheetName(doc.tocTitle, taken);
  const hasNarrative = blocks.some((b) => b.kind === 'heading' || b.kind === 'paragraph' || b.kind === 'list');
  const narrativeName = hasNarrative ? sheetName(doc.labels.narrative, taken) : undefined;
  const tables = blocks.filter((b): b is Table => b.kind === 'table' && standsAlone(b));
  const tableSheets = new Map<Table, string>();
  for (const t of tables) tableSheets.set(t, sheetName(t.shortName || `${t.caption} ${t.title}`, taken));

  // Sheets are added in tab order; the 目录 is filled last, once the link targets are known.
  const footer = pageFooter(doc.labels.pageFooter);
  const tocSheet = wb.addWorksheet(tocName, sheetOptions('portrait', footer));
  const narrativeSheet = narrativeName ? wb.addWorksheet(narrativeName, sheetOptions('portrait', footer)) : undefined;
  const headingRows = new Map<string, number>();
  if (narrativeSheet) writeNarrative(narrativeSheet, blocks, tableSheets, headingRows, styles, doc.labels.seeTable);
  for (const t of tables) {
    const ws = wb.addWorksheet(tableSheets.get(t)!, sheetOptions(t.orientation, footer));
    writeTableSheet(ws, t, styles);
  }
  writeToc(tocSheet, doc, blocks, tableSheets, narrativeName, headingRows, styles);

  trace('xlsx sheets');
  // STORE here; repack() compresses once, with fixed dates and order.
  const stored = (await wb.xlsx.writeBuffer({ zip: { compression: 'STORE' } } as never)) as unknown as Uint8Array;
  trace('xlsx written (stored)');
  return repack(new Uint8Array(stored), created, doc.meta.build ? { BudgetBuild: doc.meta.build } : {});
}

function setProperties(wb: Workbook, doc: Document, created: Date): void {
  const m = doc.meta;
  wb.title = m.title;
  wb.subject = m.subject;
  wb.creator = m.author;
  wb.lastModifiedBy = m.author;
  wb.company = m.author;
  wb.keywords = m.keywords.join(', ');
  wb.description = doc.cover.title;
  wb.created = created;
  wb.modified = created;
  (wb as unknown as { language: string }).language = m.lang;
  // Excel recomputes every formula on open, so what an auditor sees is always the formulas' result.
  wb.calcProperties = { fullCalcOnLoad: true };
}

function sheetOptions(orientation: 'portrait' | 'landscape', footer: string) {
  return {
    views: [{ state: 'normal' as const, showGridLines: false }],
    pageSetup: {
      paperSize: 9, // A4
      orientation,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0, // as many pages down as needed
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    ...(footer ? { headerFooter: { oddFooter: footer } } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Tables.

interface TableGeometry {
  readonly header: HeaderLayout;
  readonly cols: number;
  readonly widths: number[];
}

function tableGeometry(t: Table): TableGeometry {
  const header = layoutHeader(t.header);
  let cols = Math.max(header.width, t.columns.length, 1);
  for (const r of t.rows) cols = Math.max(cols, r.cells.length);
  return { header, cols, widths: columnWidths(t, header, cols) };
}

/**
 * Column widths in Excel units: fit the longest single-column content, CJK counting double.
 * Figures are capped narrower than text, which wraps beyond the cap.
 */
function columnWidths(t: Table, header: HeaderLayout, cols: number): number[] {
  const widths: number[] = [];
  for (let c = 0; c < cols; c++) {
    const kind = t.columns[c]?.kind ?? 'text';
    let w = kind === 'number' ? 9 : 6;
    const leaf = header.leaves[c];
    // Header labels wrap, so a long label only widens its column up to a point.
    if (leaf !== undefined) w = Math.max(w, Math.min(displayWidth(leaf) + 2, 14));
    let num = 0;
    let text = 0;
    for (const row of t.rows) {
      const cell = row.cells[c];
      if (!cell || (cell.colSpan ?? 1) > 1) continue;
      if (cell.kind === 'number') num = Math.max(num, displayWidth(cell.text) + 3);
      else text = Math.max(text, displayWidth(cell.text) + 2 * (cell.indent ?? 0) + 2);
    }
    widths.push(Math.max(w, Math.min(num, 20), Math.min(text, 44)));
  }
  // Short text spanning several columns (a form's labels) widens them evenly; long text wraps.
  const spans: { col: number; span: number; need: number }[] = [];
  for (const row of t.rows) {
    row.cells.forEach((cell, c) => {
      const span = Math.min(cell?.colSpan ?? 1, cols - c);
      if (!cell || span < 2) return;
      const need = cell.kind === 'number' ? displayWidth(cell.text) + 3 : displayWidth(cell.text) + 2 * (cell.indent ?? 0) + 2;
      if (need <= 48) spans.push({ col: c, span, need });
    });
  }
  spans.sort((a, b) => a.span - b.span || a.col - b.col);
  for (const s of spans) {
    const have = spanWidth(widths, s.col, s.span);
    if (s.need <= have) continue;
    const extra = (s.need - have) / s.span;
    for (let i = s.col; i < s.col + s.span; i++) widths[i] = Math.ceil(widths[i] + extra);
  }
  return widths;
}

function spanWidth(widths: readonly number[], col: number, span: number): number {
  let w = 0;
  for (let i = col; i < col + span && i < widths.length; i++) w += widths[i];
  return w;
}

/** Row heights to set after a block is written: row → points. */
type Heights = Map<number, number>;

function need(heights: Heights, row: number, pt: number): void {
  heights.set(row, Math.max(heights.get(row) ?? 0, pt));
}

function merge(ws: Worksheet, top: number, left: number, bottom: number, right: number): void {
  if (bottom > top || right > left) ws.mergeCells(top, left + 1, bottom, right + 1);
}

/** exceljs cell at a 1-based row and 0-based column. */
function cellAt(ws: Worksheet, row: number, col: number): XCell {
  return ws.getRow(row).getCell(col + 1);
}

function writeTableSheet(ws: Worksheet, t: Table, styles: Styles): void {
  const geo = tableGeometry(t);
  geo.widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const placed = writeTable(ws, t, 1, geo, styles, true);
  ws.views = [
    {
      state: 'frozen',
      xSplit: 0,
      ySplit: placed.headerLast,
      topLeftCell: a1(placed.headerLast + 1, 0),
      activeCell: a1(placed.headerLast + 1, 0),
      showGridLines: false,
    } as never,
  ];
  // Each printed page starts with the table's head: its title and header rows, or, for a form
  // whose head row stands inside the body (Table 12's 一级指标 | 二级指标 | … below its task
  // rows), that row, which Excel and LibreOffice repeat on the pages after the one it is on.
  ws.pageSetup.printTitlesRow = placed.repeatRow !== undefined ? `${placed.repeatRow}:${placed.repeatRow}` : `1:${placed.headerLast}`;
  // No print area: exceljs writes it as $A1:$D26 (rows not absolute), which a defined name reads
  // relative to the active cell; the used range is the table and its notes anyway.
}

interface Placed {
  readonly headerLast: number;
  /** The sheet row of the body's first `repeat` row (a form's head row), if any. */
  readonly repeatRow?: number;
  readonly lastRow: number;
}

/**
 * Writes a table from `start` (1-based row): title, header line, header tree, body, notes.
 * Returns the last header row and the last row written.
 */
function writeTable(
  ws: Worksheet,
  t: Table,
  start: number,
  geo: TableGeometry,
  styles: Styles,
  withTitle: boolean,
): Placed {
  const { cols, widths, header } = geo;
  const heights: Heights = new Map();
  const total = spanWidth(widths, 0, cols);
  let r = start;

  if (withTitle && t.title) {
    const c = cellAt(ws, r, 0);
    c.value = t.title;
    c.style = styles.get({ font: HEI, size: 16, bold: true, h: 'center', wrap: true });
    merge(ws, r, 0, r, cols - 1);
    need(heights, r, Math.max(30, wrappedLines(t.title, total / 1.6) * 22 + 8));
    r++;
  }

  if (t.headerLine) {
    const { left, right } = t.headerLine;
    if (cols === 1) {
      const c = cellAt(ws, r, 0);
      c.value = right ? `${left}　　${right}` : left;
      c.style = styles.get({ h: 'left' });
    } else {
      const split = Math.ceil(cols / 2);
      const l = cellAt(ws, r, 0);
      l.value = left;
      l.style = styles.get({ h: 'left' });
      merge(ws, r, 0, r, split - 1);
      const rc = cellAt(ws, r, split);
      rc.value = right;
      rc.style = styles.get({ h: 'right' });
      merge(ws, r, split, r, cols - 1);
    }
    need(heights, r, 20);
    r++;
  }

  // Header tree: merged cells, every cell of the block bordered.
  const headerFirst = r;
  const depth = header.depth;
  const headStyle = styles.get({ bold: true, h: 'center', wrap: true, border: true });
  for (let hr = 0; hr < depth; hr++) for (let c = 0; c < cols; c++) cellAt(ws, r + hr, c).style = headStyle;
  for (const h of header.cells) {
    const top = r + h.row;
    const c = cellAt(ws, top, h.col);
    c.value = h.label;
    merge(ws, top, h.col, top + h.rowSpan - 1, h.col + h.colSpan - 1);
    const lines = wrappedLines(h.label, spanWidth(widths, h.col, h.colSpan));
    need(heights, top + h.rowSpan - 1, Math.max(20, Math.ceil(lines / h.rowSpan) * LINE_PT + 6));
  }
  r += depth;
  const headerLast = Math.max(headerFirst, r) - 1;

  // Body.
  const bodyStart = r;
  const bodyRow = (i: number) => bodyStart + i;
  const empty = styles.get({ border: true });
  t.rows.forEach((row, i) => {
    const sr = bodyRow(i);
    const rowBold = row.style === 'total';
    need(heights, sr, 18);
    for (let c = 0; c < cols; c++) {
      const cell: Cell | undefined = row.cells[c];
      const xc = cellAt(ws, sr, c);
      if (cell === null && xc.isMerged) continue; // covered by a span already written
      if (cell === null || cell === undefined) {
        // null: covered by a span from this row, restyled by the merge below; undefined: a short row.
        xc.style = empty;
        continue;
      }
      writeCell(xc, cell, t, c, rowBold, bodyRow, styles);
      const rs = Math.max(1, Math.min(cell.rowSpan ?? 1, t.rows.length - i));
      const cs = Math.max(1, Math.min(cell.colSpan ?? 1, cols - c));
      if (rs > 1 || cs > 1) {
        merge(ws, sr, c, sr + rs - 1, c + cs - 1);
        // exceljs copies the master's style into the covered cells at merge time; restate it so
        // the border is on every cell of the range whatever the merge did.
        for (let rr = sr; rr < sr + rs; rr++)
          for (let cc = c; cc < c + cs; cc++) if (rr !== sr || cc !== c) cellAt(ws, rr, cc).style = xc.style;
      }
      if (cell.kind === 'text') {
        const text = cell.text;
        const lines = wrappedLines(text, spanWidth(widths, c, cs) - 2 * (cell.indent ?? 0));
        if (lines > 1) need(heights, sr + rs - 1, Math.ceil(lines / rs) * LINE_PT + 6);
      }
    }
  });
  r += t.rows.length;

  // Notes under the table, each on its own merged, wrapped row.
  for (const note of t.notes) {
    const c = cellAt(ws, r, 0);
    c.value = note;
    c.style = styles.get({ h: 'left', wrap: true, v: 'top' });
    merge(ws, r, 0, r, cols - 1);
    need(heights, r, Math.max(18, wrappedLines(note, total) * LINE_PT + 5));
    r++;
  }

  for (const [row, pt] of heights) ws.getRow(row).height = pt;
  const repeat = t.rows.findIndex((row) => row.repeat === true);
  return { headerLast, lastRow: r - 1, ...(repeat >= 0 ? { repeatRow: bodyRow(repeat) } : {}) };
}

function writeCell(
  xc: XCell,
  cell: CellContent,
  t: Table,
  col: number,
  rowBold: boolean,
  bodyRow: (i: number) => number,
  styles: Styles,
): void {
  if (cell.kind === 'number') {
    writeNumber(xc, cell, rowBold, bodyRow, styles);
    return;
  }
  const text: TextCell = cell;
  const kind = t.columns[col]?.kind ?? 'text';
  const h: HAlign = text.align ?? (kind === 'number' ? 'center' : 'left');
  xc.value = text.text;
  xc.style = styles.text(Boolean(rowBold || text.bold), h, text.indent);
}

/**
 * The one place a figure becomes a JS number: a spreadsheet stores a cell's value as a double.
 * `n.value` is the document's exact plain decimal text ("-1234.50"), which Number() reads to the
 * nearest double; nothing is computed with the result (totals are SUM formulas over the cells).
 */
function cellNumber(n: NumberCell): number {
  return Number(n.value);
}

function writeNumber(
  xc: XCell,
  n: NumberCell,
  rowBold: boolean,
  bodyRow: (i: number) => number,
  styles: Styles,
): void {
  const value = cellNumber(n);
  const formula = n.sumOf && n.partsSum === undefined ? sumFormula(n.sumOf, bodyRow) : undefined;
  xc.value = formula ? { formula, result: value } : value;
  xc.style = styles.number(rowBold, n.decimals);
  if (n.note) xc.note = n.note;
}

// ---------------------------------------------------------------------------------------------
// The narrative sheet (文字部分).

const NARRATIVE_WIDTH = 96;

function writeNarrative(
  ws: Worksheet,
  blocks: readonly Block[],
  tableSheets: ReadonlyMap<Table, string>,
  headingRows: Map<string, number>,
  styles: Styles,
  seeTable: string,
): void {
  // In-text tables (no caption) are laid out on the same columns as the prose, so the sheet's
  // columns are the widest in-text table's, stretched to a readable line length.
  const inText = blocks.filter((b): b is Table => b.kind === 'table' && !standsAlone(b));
  const geos = new Map(inText.map((t) => [t, tableGeometry(t)] as const));
  let cols = 1;
  for (const g of geos.values()) cols = Math.max(cols, g.cols);
  const widths = new Array<number>(cols).fill(0);
  for (const g of geos.values()) g.widths.forEach((w, i) => (widths[i] = Math.max(widths[i], w)));
  if (cols === 1) widths[0] = NARRATIVE_WIDTH;
  else {
    const sum = widths.reduce((a, b) => a + b, 0);
    if (sum < NARRATIVE_WIDTH) for (let i = 0; i < cols; i++) widths[i] = Math.round((widths[i] * NARRATIVE_WIDTH) / sum);
  }
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const total = spanWidth(widths, 0, cols);

  let r = 1;
  const line = (text: string, spec: StyleSpec, lineHeight: number, link?: string): void => {
    const c = cellAt(ws, r, 0);
    c.value = link ? { text, hyperlink: link } : text;
    c.style = styles.get({ ...spec, wrap: true });
    merge(ws, r, 0, r, cols - 1);
    const lines = wrappedLines(text, total * (BODY_SIZE / (spec.size ?? BODY_SIZE)));
    ws.getRow(r).height = lines * lineHeight + 6;
    r++;
  };

  for (const b of blocks) {
    switch (b.kind) {
      case 'heading': {
        if (b.level < 3 && r > 1) r++; // a blank row before parts
        headingRows.set(b.id, r);
        const size = b.level === 1 ? 14 : b.level === 2 ? 12 : 11;
        line(b.text, { font: b.level < 3 ? HEI : SONG, size, bold: true, h: 'left' }, size * 1.45);
        break;
      }
      case 'paragraph':
        line(b.indent ? `　　${b.text}` : b.text, { size: 11, bold: b.bold, h: b.align ?? 'left' }, 15);
        break;
      case 'list':
        for (const item of b.items) line(`　　${item}`, { size: 11, h: 'left' }, 15);
        break;
      case 'table': {
        const sheet = tableSheets.get(b);
        if (sheet !== undefined) {
          line(seeTable.replace(/\{name\}/g, () => sheet), { size: 11, h: 'left', link: true }, 15, sheetRef(sheet, 'A1'));
        } else {
          const geo = geos.get(b)!;
          const placed = writeTable(ws, b, r, { ...geo, widths }, styles, b.title !== '');
          r = placed.lastRow + 2;
        }
        break;
      }
      case 'pagebreak':
        break;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The 目录 sheet.

function writeToc(
  ws: Worksheet,
  doc: Document,
  blocks: readonly Block[],
  tableSheets: ReadonlyMap<Table, string>,
  narrativeName: string | undefined,
  headingRows: ReadonlyMap<string, number>,
  styles: Styles,
): void {
  ws.getColumn(1).width = 72;
  let r = 1;
  const put = (text: string, spec: StyleSpec, height: number, link?: string): void => {
    const c = cellAt(ws, r, 0);
    c.value = link ? { text, hyperlink: link } : text;
    c.style = styles.get({ wrap: true, ...spec });
    ws.getRow(r).height = height;
    r++;
  };
  put(doc.cover.title, { font: HEI, size: 16, bold: true, h: 'center' }, 36);
  for (const l of doc.cover.lines) put(l, { size: 11, h: 'center' }, 18);
  r++;
  put(doc.tocTitle, { font: HEI, size: 14, bold: true, h: 'center' }, 26);
  for (const b of blocks) {
    if (b.kind === 'heading' && b.toc && narrativeName !== undefined && headingRows.has(b.id)) {
      const indent = b.level - 1;
      put(b.tocText ?? b.text, { size: 11, h: 'left', indent: indent || undefined, link: true }, 18, sheetRef(narrativeName, a1(headingRows.get(b.id)!, 0)));
    } else if (b.kind === 'table' && tableSheets.has(b)) {
      const name = tableSheets.get(b)!;
      const text = b.caption && b.title ? `${b.caption} ${b.title}` : b.page && b.title ? b.shortName : name;
      put(text, { size: 11, h: 'left', indent: 1, link: true }, 18, sheetRef(name, 'A1'));
    }
  }
}
