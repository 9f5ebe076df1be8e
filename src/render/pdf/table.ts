/**
 * A table's sizing, shared by the layout engine (engine/table.ts): the type size and column widths
 * that fit the page (figures never broken), the header tree as merged cells, balanced label lines,
 * and the grid's measures (padding, rules, line height, the subtotal shade).
 */
import type { HeaderNode, Table } from '../../document/model.js';
import { charEm, textEms } from './measure.js';

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
 * short, so that the layout never has to break a balanced line again. `ems`: a unit's width in ems
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
  // no cut without a lone unit: plain breaking is no worse
  if (best === undefined || best.bad > 0) return text;
  const all = [0, ...best.cuts, us.length];
  return all
    .slice(0, -1)
    .map((a, k) => us.slice(a, all[k + 1]).join('').trim())
    .join('\n');
}

/**
 * The shade of 'subtotal' rows (类 rows): light enough to print as a pale grey on any office
 * printer and to leave black text fully legible, dark enough to group each 类 with its 款/项
 * below at a glance. Total rows (合计) are bold instead.
 */
export const SUBTOTAL_FILL = '#f0f0f0';

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
