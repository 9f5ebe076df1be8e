/**
 * A document `Table` → a pdfmake table node: the header tree becomes merged header rows, body cells
 * keep their spans, number cells are right-aligned, text cells indented by level.
 */
import type { Cell, HeaderNode, Row, Table } from '../../document/model.js';
import { charEm, estimateLines, textEms } from './measure.js';
import { FONT_HEADING, type Geometry, type Metrics } from './style.js';

/** Cell padding and rule width shared by the layout and the width computation. */
export const PAD_X = 3;
/**
 * Room a figure keeps beyond the padding, on the side it is set against (right for a figure, left
 * for a code): with the padding alone its ink stood 2.5 pt from the rule, which read as touching
 * it (issue 13 point 7). A margin on those cells rather than more padding everywhere: the text
 * columns keep their width, so labels break where they did.
 */
export const FIGURE_ROOM = 1;
export const PAD_Y = 2.5;
export const RULE = 0.6;
/** Line spacing inside table cells (a multiple of the font's own line height). */
export const CELL_LINE_HEIGHT = 1.15;

/** Thin black rules on every cell edge, as printed budget tables have. */
const GRID_LAYOUT = {
  hLineWidth: () => RULE,
  vLineWidth: () => RULE,
  hLineColor: () => '#000000',
  vLineColor: () => '#000000',
  paddingLeft: () => PAD_X,
  paddingRight: () => PAD_X,
  paddingTop: () => PAD_Y,
  paddingBottom: () => PAD_Y,
};

/** Font size of a table: smaller for wide tables so that 15 figure columns fit a landscape page. */
export function tableFontSize(t: Table): number {
  const n = t.columns.length;
  if (n <= 8) return 10.5; // 五号
  if (n <= 13) return 9.5;
  if (n <= 17) return 9; // 小五
  return 8;
}

function depth(n: HeaderNode): number {
  return n.children && n.children.length > 0 ? 1 + Math.max(...n.children.map(depth)) : 1;
}

function leafCount(n: HeaderNode): number {
  return n.children && n.children.length > 0 ? n.children.reduce((s, c) => s + leafCount(c), 0) : 1;
}

/** A merged header cell: its label and the grid positions it covers. */
export interface HeaderCell {
  readonly label: string;
  readonly row: number;
  readonly col: number;
  readonly colSpan: number;
  readonly rowSpan: number;
}

/**
 * The header tree as merged cells of a grid of `rows` rows: an inner node spans its leaves
 * (colSpan); a leaf shallower than the deepest branch spans down to the last header row (rowSpan).
 * In document order (row by row within each root's subtree).
 */
export function headerCells(t: Table): { rows: number; cells: HeaderCell[] } {
  const roots = t.header;
  if (roots.length === 0) return { rows: 0, cells: [] };
  const rows = Math.max(...roots.map(depth));
  const cols = roots.reduce((s, r) => s + leafCount(r), 0);
  if (cols !== t.columns.length) {
    throw new Error(
      `table ${t.id}: the header tree has ${cols} leaf columns but the table declares ${t.columns.length} columns`,
    );
  }
  const cells: HeaderCell[] = [];
  const place = (n: HeaderNode, row: number, col: number): void => {
    const isLeaf = !(n.children && n.children.length > 0);
    cells.push({ label: n.label, row, col, colSpan: leafCount(n), rowSpan: isLeaf ? rows - row : 1 });
    if (!isLeaf) {
      let c = col;
      for (const child of n.children!) {
        place(child, row + 1, c);
        c += leafCount(child);
      }
    }
  };
  let col = 0;
  for (const r of roots) {
    place(r, 0, col);
    col += leafCount(r);
  }
  return { rows, cells };
}

/**
 * The header tree as rows of a grid (headerCells), as pdfmake wants them: covered positions are `{}`.
 */
export function headerRows(t: Table, fontSize: number): Record<string, unknown>[][] {
  const { rows, cells } = headerCells(t);
  if (rows === 0) return [];
  const grid: Record<string, unknown>[][] = Array.from({ length: rows }, () => Array.from({ length: t.columns.length }, () => ({})));
  for (const h of cells) {
    const cell: Record<string, unknown> = {
      text: h.label,
      font: FONT_HEADING,
      fontSize,
      alignment: 'center',
      verticalAlignment: 'middle',
    };
    if (h.colSpan > 1) cell.colSpan = h.colSpan;
    if (h.rowSpan > 1) cell.rowSpan = h.rowSpan;
    grid[h.row][h.col] = cell;
  }
  return grid;
}

/**
 * Units a line may not break inside: a run of digits, Latin letters and their punctuation, or one
 * character; an opening bracket or quote stays with what follows it, closing punctuation (、。）”)
 * with what precedes it, so that no line starts with "、" (the 禁则 of Chinese typesetting).
 */
function units(text: string): string[] {
  return text.match(/[（“《‘(]*(?:[0-9A-Za-z.,%·'\-]+|[^\s])[、。，；：！？）》”’)]*|\s+/gu) ?? [];
}

/**
 * The text with explicit line breaks that share it evenly among the lines it needs in `width`
 * points at `fontSize`, so that no line is left with a single character ("支出总 / 计" becomes
 * "支出 / 总计", "其他社会保障和就业支 / 出" two lines of five and six). Text that fits on one
 * line, or that already breaks by itself, is returned as it is. Widths are estimated a point
 * short, so that pdfmake never has to break a balanced line again. `ems`: a unit's width in ems
 * (default: the rough estimate of measure.ts; the engine passes its face's real widths).
 */
export function balanceLines(text: string, width: number, fontSize: number, ems: (unit: string) => number = textEms): string {
  if (text.includes('\n') || text.length < 2) return text;
  const room = width - 1;
  const us = units(text);
  const w = us.map((u) => ems(u) * fontSize);
  if (w.some((x) => x > room)) return text;
  const total = w.reduce((a, b) => a + b, 0);
  if (total <= room) return text;
  const greedy = (max: number): string[] => {
    const lines: string[] = [];
    let line = '';
    let x = 0;
    us.forEach((u, i) => {
      if (x > 0 && x + w[i] > max + 0.01) {
        lines.push(line);
        line = '';
        x = 0;
      }
      if (x === 0 && /^\s+$/.test(u)) return; // no line starts with a space
      line += u;
      x += w[i];
    });
    lines.push(line);
    return lines;
  };
  // The best way to cut the units into n lines (or n + 1): every line fits, as few lines as can be
  // hold a single unit (one character, or one number), and the longest line is as short as can be
  // (10 characters in 4 lines: 3, 2, 3, 2 — never 3, 3, 3, 1). Labels are short: all the cuts are tried.
  const solid = us.map((u) => !/^\s+$/.test(u));
  if (solid.filter(Boolean).length > 24) return text;
  const n = greedy(room).length;
  if (n > 5) return text;
  let best: { bad: number; max: number; cuts: number[] } | undefined;
  const tryCuts = (lines: number): void => {
    const cuts: number[] = [];
    const walk = (from: number, left: number): void => {
      if (left === 1) {
        const all = [0, ...cuts, us.length];
        let bad = 0;
        let max = 0;
        for (let k = 0; k + 1 < all.length; k++) {
          let lw = 0;
          let units = 0;
          let chars = 0;
          for (let i = all[k]; i < all[k + 1]; i++) if (solid[i]) (lw += w[i]), units++, (chars += [...us[i]].length);
          if (units === 0 || lw > room + 0.01) return;
          // a line of one character, or a number alone (第 / 11栏 / 收入 reads as a figure)
          if (chars === 1 || (units === 1 && /^[0-9]/.test(us[all[k]]))) bad++;
          max = Math.max(max, lw);
        }
        if (!best || bad < best.bad || (bad === best.bad && max < best.max - 0.01)) best = { bad, max, cuts: [...cuts] };
        return;
      }
      for (let c = from + 1; c < us.length; c++) {
        cuts.push(c);
        walk(c, left - 1);
        cuts.pop();
      }
    };
    walk(0, lines);
  };
  tryCuts(n);
  if (best === undefined || best.bad > 0) tryCuts(n + 1);
  // no cut without a lone unit: pdfmake's own breaking is no worse
  if (best === undefined || best.bad > 0) return text;
  const all = [0, ...best.cuts, us.length];
  return all
    .slice(0, -1)
    .map((a, k) => us.slice(a, all[k + 1]).join('').trim())
    .join('\n');
}

/**
 * Balances the lines of the grid's text cells in their columns: every header cell, and a body
 * cell whose last line would otherwise hold a single character.
 */
function balanceGrid(grid: Record<string, unknown>[][], widths: readonly number[], fontSize: number, header: boolean): void {
  const gap = 2 * PAD_X + RULE;
  for (const row of grid) {
    row.forEach((cell, c) => {
      if (typeof cell.text !== 'string' || cell.alignment === 'right') return;
      const span = typeof cell.colSpan === 'number' ? cell.colSpan : 1;
      let width = -gap;
      for (let k = c; k < Math.min(widths.length, c + span); k++) width += widths[k] + gap;
      const margin = Array.isArray(cell.margin) ? (cell.margin as number[]) : [0, 0, 0, 0];
      width -= margin[0] + margin[2];
      const size = typeof cell.fontSize === 'number' ? cell.fontSize : fontSize;
      const text = cell.text;
      // a short label in the body: balanced when it wraps (a paragraph in a cell is left alone)
      if (!header && ![2, 3].includes(estimateLines(text, width, size))) return;
      cell.text = balanceLines(text, width, size);
    });
  }
}

/**
 * The shade of 'subtotal' rows (类 rows): light enough to print as a pale grey on any office
 * printer and to leave black text fully legible, dark enough to group each 类 with its 款/项
 * below at a glance. Total rows (合计) are bold instead.
 */
export const SUBTOTAL_FILL = '#f0f0f0';

function bodyCell(cell: Cell, row: Row, fontSize: number, code = false): Record<string, unknown> {
  if (cell === null) return {};
  const out: Record<string, unknown> = { verticalAlignment: 'middle' };
  if (row.style === 'subtotal' || cell.shade === true) out.fillColor = SUBTOTAL_FILL;
  if (cell.colSpan !== undefined && cell.colSpan > 1) out.colSpan = cell.colSpan;
  if (cell.rowSpan !== undefined && cell.rowSpan > 1) out.rowSpan = cell.rowSpan;
  const bold = row.style === 'total' || (cell.kind === 'text' && cell.bold === true);
  if (bold) out.bold = true;
  if (cell.kind === 'number') {
    out.text = cell.text;
    out.alignment = 'right';
    out.margin = [0, 0, FIGURE_ROOM, 0];
    return out;
  }
  out.text = cell.text;
  // A text cell is left-aligned wherever it stands (a label in a figure column of a form, too),
  // unless the document says otherwise; a code column is left-aligned as well.
  out.alignment = cell.align ?? 'left';
  const indent = cell.indent !== undefined && cell.indent > 0 ? cell.indent * fontSize : 0;
  const room = code && out.alignment === 'left' ? FIGURE_ROOM : 0;
  if (indent + room > 0) out.margin = [indent + room, 0, 0, 0];
  return out;
}

function bodyRows(t: Table, fontSize: number): Record<string, unknown>[][] {
  const n = t.columns.length;
  return t.rows.map((row, r) => {
    if (row.cells.length !== n) {
      throw new Error(`table ${t.id}: row ${r} has ${row.cells.length} cells, the table has ${n} columns`);
    }
    return row.cells.map((c, k) => bodyCell(c, row, fontSize, t.columns[k].kind === 'code'));
  });
}

/**
 * Column widths from the relative `ColumnSpec.width`s, scaled so that the table (contents, padding
 * and rules) fills the text width exactly.
 */
export function columnWidths(t: Table, textWidth: number): number[] {
  const n = t.columns.length;
  const total = t.columns.reduce((s, c) => s + c.width, 0);
  const content = textWidth - n * 2 * PAD_X - (n + 1) * RULE;
  // Rounded to 1/100 pt: the same table always gets the same widths, whatever the float noise.
  return t.columns.map((c) => Math.floor(((total > 0 ? c.width / total : 1 / n) * content) * 100) / 100);
}

/** The smallest type a table shrinks to so that its figures fit their columns (小六 is 6.5 pt). */
export const MIN_TABLE_FONT_SIZE = 6.5;
/** A figure column never gets narrower than this many ems: its header label keeps two characters a line. */
const MIN_FIGURE_EMS = 2;
/** A text column gives up room to the figures only down to this many ems (a name wraps, it does not vanish). */
const MIN_TEXT_EMS = 6;

/**
 * Width of a figure in ems, generously: digits 0.6 em and separators 0.35 em cover the serif and
 * sans faces, regular and bold (Noto Sans SC Bold's digits are 0.59 em), and most office fonts.
 */
export function figureEms(text: string): number {
  let w = 0;
  for (const ch of text) w += /[0-9]/.test(ch) ? 0.6 : /[,.'·]/.test(ch) ? 0.35 : ch === '-' ? 0.4 : charEm(ch);
  return w;
}

/**
 * The room each column needs so that no figure (and no classification code) breaks inside: the
 * widest single-column number or code cell, plus its indent; 0 for columns with none.
 */
function figureNeeds(t: Table, fontSize: number): number[] {
  const need = t.columns.map(() => 0);
  for (const row of t.rows) {
    row.cells.forEach((cell, c) => {
      if (cell === null || (cell.colSpan ?? 1) > 1) return;
      const figure = cell.kind === 'number' || (t.columns[c].kind === 'code' && /^[0-9]+$/.test(cell.text));
      if (!figure) return;
      const indent = cell.kind === 'text' && cell.indent !== undefined ? cell.indent * fontSize : 0;
      // Half a point of slack for rounding in the real layout, and the figure's own room.
      need[c] = Math.max(need[c], figureEms(cell.text) * fontSize + indent + FIGURE_ROOM + 0.5);
    });
  }
  return need;
}

/**
 * Widths that keep every figure whole: unchanged when the figures fit the proportional widths;
 * otherwise each figure column gets just what its figures need (and two ems for its header) and the
 * text columns share the rest in their proportions. Undefined when that leaves the text columns
 * less than `textEms` each (or their proportional width, if smaller) at this size.
 */
function widthsForFigures(base: readonly number[], need: readonly number[], fontSize: number, textEms: number): number[] | undefined {
  if (need.every((n, c) => n <= base[c])) return [...base];
  const figure = need.map((n) => n > 0);
  const fixed = need.map((n, c) => (figure[c] ? Math.max(n, MIN_FIGURE_EMS * fontSize) : 0));
  const textBase = base.reduce((s, b, c) => s + (figure[c] ? 0 : b), 0);
  const rest = base.reduce((s, b) => s + b, 0) - fixed.reduce((s, f) => s + f, 0);
  const least = base.reduce((s, b, c) => s + (figure[c] ? 0 : Math.min(b, textEms * fontSize)), 0);
  if (rest < least || (textBase === 0 && rest < 0)) return undefined;
  return base.map((b, c) => Math.floor((figure[c] ? fixed[c] : (b / textBase) * rest) * 100) / 100);
}

/**
 * Below MIN_TABLE_FONT_SIZE only as a last resort (fifteen figure columns of hundreds of millions
 * of 元 with cents), and never below this: a whole figure in tiny type beats a broken one.
 */
export const LAST_RESORT_FONT_SIZE = 4;
/** The text columns' minimum when the figures alone nearly fill the page. */
const SQUEEZED_TEXT_EMS = 2;

/**
 * The table's type size and column widths. A table whose figures fit the proportional widths at
 * its normal size keeps them (the reference year's tables all do). Otherwise the figure columns
 * take what their figures need and the text columns the rest; when that leaves the text columns
 * too narrow (a 元 department's 16-column Table 2, a portrait Table 3), the type shrinks half a
 * point at a time down to MIN_TABLE_FONT_SIZE, so that a figure is never broken across lines
 * ("3,341,357.8 / 2"). Past that floor the text columns are squeezed to two ems, then the type
 * shrinks further down to LAST_RESORT_FONT_SIZE; only figures too long even for that are left to
 * wrap, in columns scaled to the page.
 */
export function fitTable(t: Table, textWidth: number): { fontSize: number; widths: number[] } {
  const base = columnWidths(t, textWidth);
  const normal = tableFontSize(t);
  for (let size = normal; size >= MIN_TABLE_FONT_SIZE; size -= 0.5) {
    const widths = widthsForFigures(base, figureNeeds(t, size), size, MIN_TEXT_EMS);
    if (widths) return { fontSize: size, widths };
  }
  for (let size = Math.min(normal, MIN_TABLE_FONT_SIZE); size >= LAST_RESORT_FONT_SIZE; size -= 0.5) {
    const widths = widthsForFigures(base, figureNeeds(t, size), size, SQUEEZED_TEXT_EMS);
    if (widths) return { fontSize: size, widths };
  }
  // Nothing fits: the needs at the last-resort size, scaled down to the page.
  const size = LAST_RESORT_FONT_SIZE;
  const need = figureNeeds(t, size).map((n, c) => (n > 0 ? Math.max(n, MIN_FIGURE_EMS * size) : Math.min(base[c], SQUEEZED_TEXT_EMS * size)));
  const room = base.reduce((a, b) => a + b, 0);
  const total = need.reduce((a, b) => a + b, 0);
  return { fontSize: size, widths: need.map((w) => Math.floor(((w * room) / total) * 100) / 100) };
}

/** A label up to this many ems wide is kept on one line ("2031 年", "增减变化金额"). */
const SHORT_LABEL_EMS = 6;
/** A text column gives room to another's short labels down to this many ems (its long names wrap). */
const DONOR_EMS = 4;
/** A figure column is widened to this many ems for its header when a text column can spare the room. */
const SOFT_FIGURE_EMS = 3.5;

/**
 * Text columns at least as wide as their short labels, so that "2031 年" never breaks into
 * "2031 / 年": a column short of its labels takes the room from the text column with the most to
 * spare above its own labels and MIN_TEXT_EMS (a mostly empty 预算单位 column gives way first).
 */
export function widenForLabels(t: Table, widths: readonly number[], fontSize: number): number[] {
  const out = [...widths];
  const need = t.columns.map(() => 0);
  for (const row of t.rows) {
    row.cells.forEach((cell, c) => {
      if (cell === null || cell.kind !== 'text' || (cell.colSpan ?? 1) > 1) return;
      const ems = textEms(cell.text);
      if (ems > SHORT_LABEL_EMS || cell.text.includes('\n')) return;
      need[c] = Math.max(need[c], (ems + (cell.indent ?? 0)) * fontSize + 1);
    });
  }
  // A figure column with little in it (all zeros) would stack its header two characters a line:
  // it gets up to SOFT_FIGURE_EMS, from a text column that keeps MIN_TEXT_EMS or a figure column
  // that keeps its figures.
  t.columns.forEach((col, c) => {
    if (col.kind === 'number') need[c] = SOFT_FIGURE_EMS * fontSize;
  });
  // Figure columns with room beyond their figures and SOFT_FIGURE_EMS give it too.
  const figures = figureNeeds(t, fontSize);
  out.forEach((w, c) => {
    const keep = (t.columns[c].kind === 'number' ? MIN_TEXT_EMS : DONOR_EMS) * fontSize;
    const floor = (k: number) => (t.columns[k].kind === 'number' ? Math.max(need[k], figures[k] + 1) : Math.max(need[k], keep));
    const deficit = need[c] - w;
    if (deficit <= 0) return;
    let donor = -1;
    out.forEach((d, k) => {
      if (k === c) return;
      if (d - deficit >= floor(k) && (donor < 0 || d - floor(k) > out[donor] - floor(donor))) donor = k;
    });
    if (donor < 0) return;
    out[donor] = Math.floor((out[donor] - deficit) * 100) / 100;
    out[c] = Math.floor((out[c] + deficit) * 100) / 100;
  });
  return out;
}

/** Room taken above a page-starting table's grid: caption, title, header line (estimated generously). */
const TITLE_BLOCK = 120;

/**
 * The pdfmake node of the table grid. `startsPage`: the table is the first thing on its page (a
 * captioned table), which lets spans near its top be centred safely. `breakRows`: a row may run on
 * to the next page (an in-text table whose rows are paragraphs, such as a project's goals; a row
 * half a page tall would otherwise leave half a page empty above it). Such a table does not keep
 * its first row with the header in pdfmake (that would make the row unbreakable again); instead
 * its `table.keepTop` is the room the header and the first two lines of its first row need, which
 * the document's pageBreakBefore (definition.ts) uses to move the table to the next page when less
 * is left.
 */
export function tableGrid(
  t: Table,
  geo: Geometry,
  metrics: Metrics,
  startsPage: boolean,
  breakRows = false,
  place?: Placement,
): Record<string, unknown> {
  const landscape = t.orientation === 'landscape';
  const textWidth = landscape ? geo.landscapeTextWidth : geo.portraitTextWidth;
  const fitted = fitTable(t, textWidth);
  const fontSize = fitted.fontSize;
  const widths = widenForLabels(t, fitted.widths, fontSize);
  const head = headerRows(t, fontSize);
  const rows = bodyRows(t, fontSize);
  balanceGrid(head, widths, fontSize, true);
  balanceGrid(rows, widths, fontSize, false);
  if (head.length + rows.length === 0) {
    throw new Error(`table ${t.id}: no header and no rows`);
  }
  const pageHeight = landscape ? geo.landscapeTextHeight : geo.portraitTextHeight;
  const headHeight = gridHeight(centreRowSpans(head, widths, fontSize, metrics, Infinity));
  const grid = (body: Record<string, unknown>[][], room: number, first: boolean): Record<string, unknown> => {
    const header = first ? head : head.map((r) => r.map((c) => ({ ...c })));
    const bodyHeights = centreRowSpans(body, widths, fontSize, metrics, room);
    const kept = header.length > 0 && !breakRows ? keptRows(body, bodyHeights, pageHeight - TITLE_BLOCK - headHeight) : 0;
    const twoLines = 2 * Math.max(metrics.body, metrics.heading) * CELL_LINE_HEIGHT * fontSize + 2 * PAD_Y + RULE;
    const keepTop = headHeight + Math.min(bodyHeights[0] ?? 0, twoLines);
    return {
      table: {
        headerRows: header.length,
        // The header never ends a page alone: it goes to the next page with the first row (and with
        // the rows of any span that starts there, see keptRows).
        ...(kept > 0 ? { keepWithHeaderRows: kept } : {}),
        ...(breakRows && header.length > 0 && body.length > 0 ? { keepTop: Math.ceil(keepTop) } : {}),
        dontBreakRows: !breakRows,
        widths,
        body: [...header, ...(breakRows ? body.map((r) => r.map(markStart)) : body)],
      },
      layout: GRID_LAYOUT,
      fontSize,
      lineHeight: CELL_LINE_HEIGHT,
    };
  };
  const cuts =
    startsPage && place !== undefined && !breakRows && rows.length > 0
      ? planCuts(t, centreRowSpans(copyGrid(rows), widths, fontSize, metrics, -1), place, headHeight, pageHeight)
      : [];
  if (cuts.length === 0) return grid(rows, startsPage ? 0.9 * (pageHeight - TITLE_BLOCK - headHeight) : 0, true);
  const bounds = [0, ...cuts, rows.length];
  const repeat = t.rows.map((r) => r.repeat === true);
  const chunks = bounds.slice(0, -1).map((a, k) => {
    const node = grid(sliceRows(rows, a, bounds[k + 1], repeat), 0.9 * (pageHeight - (k === 0 ? TITLE_BLOCK : 0) - headHeight), k === 0);
    if (k > 0) {
      node.pageBreak = 'before';
      node.pageOrientation = t.orientation;
    }
    return node;
  });
  return { stack: chunks };
}

/** Where a page-starting table stands: the room taken above its grid, and the notes below it. */
export interface Placement {
  /** Height of what precedes the grid on the table's first page (caption, title, header line). */
  readonly top: number;
  /** Height of the notes that follow the grid. */
  readonly tail: number;
}

const copyGrid = (rows: Record<string, unknown>[][]) => rows.map((r) => r.map((c) => ({ ...c })));

/**
 * The rows where pdfmake will start a new page, estimated: `from` starts `y0` below the page's top;
 * a continuation page starts below the repeated header.
 */
function pageStarts(heights: readonly number[], from: number, y0: number, headHeight: number, cap: number): { starts: number[]; end: number } {
  const starts: number[] = [];
  let y = y0;
  for (let r = from; r < heights.length; r++) {
    const h = heights[r] + RULE;
    if (y + h > cap && r > from) {
      starts.push(r);
      y = headHeight + h;
    } else y += h;
  }
  return { starts, end: y };
}

/**
 * The body rows before which the table is cut onto a new page (its header repeated), so that no
 * page carries a table's total row without two body rows, a single continued row, or notes parted
 * from the table's end. A form whose spans cross a page (Table 12) is cut at every page, so that
 * each page restates the labels of its spans (sliceRows). The page breaks are estimated from the
 * rows' heights, under a tighter and a looser page, and a cut is made when either calls for it.
 */
function planCuts(t: Table, heights: readonly number[], place: Placement, headHeight: number, pageHeight: number): number[] {
  const n = heights.length;
  const spans = t.rows.some((r) => r.cells.some((c) => c !== null && (c.rowSpan ?? 1) > 1));
  const cuts = spans ? pageStarts(heights, 0, place.top + headHeight, headHeight, 0.95 * pageHeight).starts : [];
  const from = cuts.length > 0 ? cuts[cuts.length - 1] : 0;
  const y0 = cuts.length > 0 ? headHeight : place.top + headHeight;
  // The tail that must stay together: back from the end until two rows that are not totals.
  let tailStart = n;
  for (let body = 0; tailStart > from && body < 2; ) if (t.rows[--tailStart].style !== 'total') body++;
  const starts: number[] = [...cuts];
  let need = false;
  for (const f of spans ? [0.95] : [0.96, 1]) {
    const cap = f * pageHeight;
    const { starts: s, end } = pageStarts(heights, from, y0, headHeight, cap);
    starts.push(...s);
    const last = s.length > 0 ? s[s.length - 1] : from;
    if (last > tailStart || end + place.tail > cap) need = true;
  }
  if (!need) return cuts;
  // Never leave fewer than two rows on the page before the cut.
  let c = tailStart;
  while (c > from && starts.some((p) => c - p > 0 && c - p < 2)) c--;
  return c > from ? [...cuts, c] : cuts;
}

/**
 * Body rows a ≤ r < b as a table of their own: spans that run past b end at b; spans that started
 * before a are restated in the first row (a group label 产出 / 数量 printed again), and a `repeat`
 * row whose span runs on is printed again above them (一级指标 | 二级指标 | … on a continuation page).
 */
function sliceRows(rows: Record<string, unknown>[][], a: number, b: number, repeat: readonly boolean[]): Record<string, unknown>[][] {
  const out = copyGrid(rows.slice(a, b));
  const span = (c: Record<string, unknown>) => (typeof c.rowSpan === 'number' ? c.rowSpan : 1);
  const setSpan = (c: Record<string, unknown>, k: number) => {
    if (k > 1) c.rowSpan = k;
    else delete c.rowSpan;
  };
  if (a > 0) {
    const carried: { r: number; c: number; left: number }[] = [];
    for (let r = 0; r < a; r++) rows[r].forEach((cell, c) => span(cell) > 1 && r + span(cell) > a && carried.push({ r, c, left: r + span(cell) - a }));
    const heads = carried.filter((x) => repeat[x.r]).map((x) => x.r);
    const hr = heads.length > 0 ? Math.max(...heads) : undefined;
    for (const x of carried) {
      if (x.r === hr) continue;
      const cell = { ...rows[x.r][x.c] };
      setSpan(cell, x.left);
      out[0][x.c] = cell;
    }
    if (hr !== undefined) {
      const copy = rows[hr].map((c) => ({ ...c }));
      copy.forEach((cell, c) => {
        const left = hr + span(cell) - a;
        if (span(cell) > 1) setSpan(cell, left > 0 ? left + 1 : 1);
        // the cell the repeated row's span restates is covered in the first row
        if (left > 0 && span(cell) > 1) out[0][c] = {};
      });
      out.unshift(copy);
    }
  }
  out.forEach((row, r) => row.forEach((cell) => span(cell) > 1 && r + span(cell) > out.length && setSpan(cell, out.length - r)));
  return out;
}

/**
 * How many body rows go with the header: the first, and every row of a span that starts in a kept
 * row. pdfmake 0.3 lays the header and these rows out in one unbreakable block, and a row-spanned
 * cell that starts inside that block but ends after it is measured from the block's own origin
 * (its `_startingRowSpanY` is on the block's page, not the table's, so the `discountY` of
 * dontBreakRows is skipped): the span's last row then grows by the header's and the earlier rows'
 * height (表9's 增减变化金额 row was four rows tall). Keeping the whole span in the block measures
 * it in one frame. Only as long as the kept rows surely fit on a page (`room`, estimated).
 */
function keptRows(rows: Record<string, unknown>[][], heights: readonly number[], room: number): number {
  if (rows.length === 0) return 0;
  let keep = 1;
  for (let r = 0; r < keep && r < rows.length; r++) {
    for (const cell of rows[r]) {
      if (typeof cell.rowSpan === 'number' && cell.rowSpan > 1) keep = Math.max(keep, Math.min(rows.length, r + cell.rowSpan));
    }
  }
  if (keep === 1) return 1;
  return gridHeight(heights.slice(0, keep)) <= 0.9 * room ? keep : 1;
}

/**
 * pdfmake 0.3 mis-centres a cell that spans rows when `dontBreakRows` is on (the text drifts down
 * by a row), so spanned cells are centred here instead: estimate each row's height from its
 * single-row cells, then give each spanned cell the top margin that centres it.
 *
 * A span may only be centred where it cannot cross a page break: pdfmake draws a spanned cell's
 * text where its margin puts it, even below the page's bottom margin. So a span is centred only if
 * it ends within `limit` points from the top of the grid (the header always; the body while it is
 * surely still on the table's first page); later spans stay top-aligned.
 * Returns the estimated height of each row.
 */
function centreRowSpans(
  grid: Record<string, unknown>[][],
  widths: number[],
  fontSize: number,
  metrics: Metrics,
  limit: number,
): number[] {
  const rows = grid.length;
  if (rows === 0) return [];
  const cols = widths.length;
  const gap = 2 * PAD_X + RULE;
  const cellHeight = (cell: Record<string, unknown>, c: number): number => {
    const span = typeof cell.colSpan === 'number' ? cell.colSpan : 1;
    let width = -gap;
    for (let k = c; k < Math.min(cols, c + span); k++) width += widths[k] + gap;
    const margin = Array.isArray(cell.margin) ? (cell.margin as number[]) : [0, 0, 0, 0];
    const size = typeof cell.fontSize === 'number' ? cell.fontSize : fontSize;
    const em = cell.font === FONT_HEADING ? metrics.heading : metrics.body;
    const text = String(cell.text ?? '');
    const room = width - margin[0] - margin[2];
    // A figure is measured as its column was sized for it (figureEms: one line, never broken),
    // not as text whose separators count 0.6 em: that made every 1,234,567.89 two lines tall,
    // and a split table left a quarter of its page empty.
    const lines = cell.alignment === 'right' && !text.includes('\n') ? Math.max(1, Math.ceil((figureEms(text) * size) / Math.max(1, room) - 0.01)) : estimateLines(text, room, size);
    return lines * em * CELL_LINE_HEIGHT * size + margin[1] + margin[3];
  };
  const heights = new Array<number>(rows).fill(0);
  const spanned: { r: number; c: number; span: number; h: number }[] = [];
  grid.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (cell.text === undefined) return;
      const h = cellHeight(cell, c) + 2 * PAD_Y;
      const span = typeof cell.rowSpan === 'number' ? Math.min(cell.rowSpan, rows - r) : 1;
      if (span > 1) spanned.push({ r, c, span, h });
      else heights[r] = Math.max(heights[r], h);
    }),
  );
  spanned.sort((a, b) => a.r + a.span - (b.r + b.span));
  const spanHeight = (s: { r: number; span: number }): number =>
    heights.slice(s.r, s.r + s.span).reduce((a, b) => a + b, 0) + (s.span - 1) * RULE;
  for (const s of spanned) {
    const deficit = s.h - spanHeight(s);
    if (deficit > 0) heights[s.r + s.span - 1] += deficit;
  }
  const bottom = (row: number): number => heights.slice(0, row).reduce((a, b) => a + b + RULE, 0);
  for (const s of spanned) {
    const cell = grid[s.r][s.c];
    delete cell.verticalAlignment;
    if (bottom(s.r + s.span) > limit) continue;
    const total = spanHeight(s);
    const top = Math.floor(Math.max(0, (total - s.h) / 2) * 100) / 100;
    const margin = Array.isArray(cell.margin) ? [...(cell.margin as number[])] : [0, 0, 0, 0];
    margin[1] += top;
    cell.margin = margin;
  }
  return heights;
}

/**
 * What keeps a centred cell of a breakable table whole when its row starts at the foot of a page
 * and all its lines go to the next one (tests/render/pdf/rowsplit.test.ts). pdfmake 0.3 writes a
 * `middle` cell's save and shift (q, translate) on the page where the row starts, and its restore
 * (Q) on the page where the cell's content ends; it leaves out both only when that content lies on
 * more than one page (LayoutBuilder.processRow's `isCellContentMultiPage`, from the cell's
 * `positions`). A row moved whole has its content on one page, the next, so the q and shift went
 * to the first page (moving what followed there) and the Q to the next, where it popped PDFKit's
 * page transform: every cell drawn after it fell off the page (only the row's first cell was
 * printed; poppler: "Restoring state when no valid states to pop").
 *
 * A zero-height canvas at the top of the cell, holding a zero-length line, is content placed where
 * the row starts: a row that starts on one page and is printed on the next then counts as on two
 * pages, and pdfmake draws it top-aligned (as it draws a cell that runs across a break) with its
 * q and Q both left out. A row on one page is centred as before. The line paints nothing (a
 * degenerate path with butt caps paints no pixel) and costs a few bytes per cell once compressed
 * (the sample year: 68 bytes in all). Only the body of a breakable table needs it: a row of a
 * `dontBreakRows` table, and the header rows, move as one block. (The upstream report, and the
 * fix to take instead when pdfmake has one: docs/pdfmake-notes.md.)
 */
function markStart(cell: Record<string, unknown>): Record<string, unknown> {
  if (cell.verticalAlignment === undefined || (cell.text === undefined && cell.stack === undefined)) return cell;
  const { text, stack, ...rest } = cell;
  const content = stack !== undefined ? (stack as unknown[]) : [{ text }];
  // A new node each time: pdfmake writes its layout state into the nodes it is given.
  const start = { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 0, y2: 0, lineWidth: RULE, lineColor: '#000000' }] };
  return { ...rest, stack: [start, ...content] };
}

/** Estimated height of rows of the given heights, with their rules. */
function gridHeight(heights: readonly number[]): number {
  return heights.reduce((a, b) => a + b + RULE, 0);
}
