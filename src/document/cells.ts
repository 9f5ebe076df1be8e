import { InternalError } from '../diagnostics/diagnostic.js';
import type { Cell, CellRef, NumberCell, Row, TextCell } from './model.js';
import { type Dec, dec, eq, format, sum, sub, toPlain } from '../money/decimal.js';

/**
 * Cell construction shared by the tables. A table is built as mutable rows, then `linkSum` marks
 * each total cell with the cells it totals; the checker decides whether a difference is an error,
 * this module only records the exact parts sum when it differs from the published figure.
 */

export type MutCell = (NumberCell | TextCell) & { colSpan?: number; rowSpan?: number; shade?: boolean };
export interface MutRow {
  cells: (MutCell | null)[];
  style?: 'total' | 'subtotal';
  repeat?: boolean;
}

/** Formatting context: the unit and the decimals every figure of this document prints with. */
export interface NumFormat {
  readonly decimals: number;
  readonly unit: string;
}

/** A figure of the table; `facts` are the addresses of the budget's figures it shows (none for a zero nothing pays). */
export function num(value: Dec, f: NumFormat, facts?: readonly string[]): MutCell {
  return facts?.length
    ? { kind: 'number', value: toPlain(value), decimals: f.decimals, text: format(value, f.decimals), facts }
    : { kind: 'number', value: toPlain(value), decimals: f.decimals, text: format(value, f.decimals) };
}

/** A figure with the facts it shows, as the table kinds compute them. */
export interface Shown {
  readonly value: Dec;
  readonly facts: readonly string[];
}

export const shown = (value: Dec, ...facts: string[]): Shown => ({ value, facts });

export const numOf = (s: Shown, f: NumFormat): MutCell => num(s.value, f, s.facts);

export function text(t: string, extra: Partial<Omit<TextCell, 'kind' | 'text'>> & { colSpan?: number; rowSpan?: number } = {}): MutCell {
  return { kind: 'text', text: t, ...extra };
}

export const blank = (): MutCell => text('');

/**
 * Marks `target` as the sum of `parts` (same table, body coordinates). A cell can be the total of
 * more than one set of parts (a 类 row's 支出总计 is both the sum of its 款 rows and 基本支出 +
 * 项目支出); `sumOf` keeps the first set that adds up exactly, so the XLSX formula reproduces the
 * published figure wherever it can. A set that does not add up (尾数误差) is worded in `note`; when
 * no set adds up, `sumOf` is the first one and `partsSum` its exact sum.
 */
export function linkSum(rows: MutRow[], target: CellRef, parts: readonly CellRef[], unit: string, what = '各组成项之和'): void {
  if (parts.length === 0) return;
  const cell = rows[target.row]?.cells[target.col];
  if (!cell || cell.kind !== 'number') throw new InternalError(`sum target ${target.row},${target.col} is not a number cell`);
  const values: Dec[] = parts.map((p) => {
    const c = rows[p.row]?.cells[p.col];
    if (!c || c.kind !== 'number') throw new InternalError(`sum part ${p.row},${p.col} is not a number cell`);
    return dec(c.value);
  });
  const total = sum(values);
  const published = dec(cell.value);
  const exact = eq(total, published);
  const refs = parts.map((p) => ({ row: p.row, col: p.col }));
  const next: NumberCell & { colSpan?: number; rowSpan?: number } = { ...cell };
  const hadExact = cell.sumOf !== undefined && cell.partsSum === undefined;
  if (!exact) {
    const d = Math.max(published.scale, total.scale);
    const diff = sub(published, total);
    const abs = diff.coef < 0n ? { ...diff, coef: -diff.coef } : diff;
    const line = `公布数 ${format(published, d)} ${unit}，${what} ${format(total, d)} ${unit}，相差 ${format(abs, d)} ${unit}（尾数误差）。`;
    Object.assign(next, { note: cell.note ? `${cell.note}\n${line}` : line });
  }
  if (cell.sumOf === undefined) {
    Object.assign(next, { sumOf: refs }, exact ? {} : { partsSum: toPlain(total) });
  } else if (exact && !hadExact) {
    Object.assign(next, { sumOf: refs });
    delete (next as { partsSum?: string }).partsSum;
  }
  rows[target.row].cells[target.col] = next;
}

/** Links every column in `cols` of `target` row to the same columns of `partRows`. */
export function linkColumns(rows: MutRow[], target: number, partRows: readonly number[], cols: readonly number[], unit: string, what = '下级各行之和'): void {
  if (partRows.length === 0) return;
  for (const col of cols) linkSum(rows, { row: target, col }, partRows.map((row) => ({ row, col })), unit, what);
}

export function freeze(rows: MutRow[]): Row[] {
  return rows.map((r) => ({ cells: r.cells as Cell[], ...(r.style ? { style: r.style } : {}), ...(r.repeat ? { repeat: true } : {}) }));
}

/** Chinese ordinal for headings and 类 rows: 1 → 一, 12 → 十二, 21 → 二十一. */
export function cnNumber(n: number): string {
  const digits = '零一二三四五六七八九';
  if (n < 10) return digits[n];
  if (n < 20) return '十' + (n % 10 ? digits[n % 10] : '');
  if (n < 100) return digits[Math.floor(n / 10)] + '十' + (n % 10 ? digits[n % 10] : '');
  return String(n);
}
