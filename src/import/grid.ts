import { type Dec, add, parseDec, round, ZERO } from '../money/decimal.js';
import { columnLetters, splitRef } from './xlsx.js';

/**
 * A sheet as the import sees it, whatever it was read from (an XLSX worksheet or a CSV file): cells
 * by A1 address, merged ranges, hidden rows. `Grid` resolves what a cell shows — a covered cell of a
 * merged range shows its master's value, a formula its cached result (or, for a plain sum of cells
 * without one, the sum) — and reads amounts and texts the tolerant way (issue 12).
 */

export interface RawCell {
  /** A number is kept as the text the file stores ("1234", "0.1"), never through a float. */
  readonly value: string | boolean | { readonly number: string } | { readonly error: string } | undefined;
  /** The formula without "=", when the cell has one. */
  readonly formula?: string;
  /** Decimals of the cell's number format (#,##0.00 → 2). */
  readonly decimals: number;
}

export interface RawSheet {
  readonly name: string;
  readonly hidden: boolean;
  readonly cells: ReadonlyMap<string, RawCell>;
  readonly hiddenRows: ReadonlySet<number>;
  /** "A1:D1" */
  readonly merges: readonly string[];
}

/** What went wrong reading one cell: where, what was found, what was expected. */
export interface CellProblem {
  readonly sheet: string;
  readonly cell: string;
  readonly found: string;
  readonly expected: { readonly zh: string; readonly en: string };
}

export class CellError extends Error {
  constructor(readonly problem: CellProblem) {
    super(`${problem.sheet}!${problem.cell}: ${problem.found}`);
  }
}

export function address(row: number, col: number): string {
  return `${columnLetters(col)}${row}`;
}

const FULL_WIDTH = /[\uff10-\uff19\uff0c\uff0e\uff0d\uff0b\uff05]/g;

/** Full-width digits and punctuation (０１２，．－) as their ASCII forms. */
export function halfWidth(s: string): string {
  return s.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** Text compared loosely: no white space of any width, full-width digits as ASCII. */
export function loose(s: string): string {
  return halfWidth(s).replace(/[\s\u3000\u00a0]+/g, '');
}

export class Grid {
  private readonly master = new Map<string, string>();
  /** Visible rows holding anything, in order (1-based sheet rows). */
  readonly rows: readonly number[];

  constructor(
    readonly raw: RawSheet,
    /** The department's unit, once known: a trailing unit on a figure must be this one. */
    private readonly unit?: () => string | undefined,
  ) {
    for (const m of raw.merges) {
      const [a, b] = m.split(':');
      const [r0, c0] = splitRef(a);
      const [r1, c1] = splitRef(b ?? a);
      for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) if (r !== r0 || c !== c0) this.master.set(address(r, c), address(r0, c0));
    }
    const used = new Set<number>();
    for (const [ref, cell] of raw.cells) {
      if (cell.value === undefined || cell.value === '') {
        if (cell.formula === undefined) continue;
      }
      const [r] = splitRef(ref);
      if (!raw.hiddenRows.has(r) && !this.master.has(ref)) used.add(r);
    }
    this.rows = [...used].sort((a, b) => a - b);
  }

  get name(): string {
    return this.raw.name;
  }

  /** The cell whose value `ref` shows: itself, or the master of the merged range covering it. */
  masterOf(ref: string): string {
    return this.master.get(ref) ?? ref;
  }

  /** Whether `ref` is covered by a merged range starting at another cell. */
  covered(ref: string): boolean {
    return this.master.has(ref);
  }

  /** The cell's text as shown ('' for an empty cell); a number as written. */
  text(row: number, col: number): string {
    const ref = this.masterOf(address(row, col));
    const v = this.value(ref, 0);
    if (v === undefined) return '';
    if (typeof v === 'string') return v.replace(/\r\n?/g, '\n').trim();
    if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
    if ('number' in v) return v.number;
    return v.error;
  }

  /**
   * An amount in a figure column: a number cell, a number stored as text (thousands separators,
   * full-width digits, a trailing unit), a formula's cached result or the sum a plain sum formula
   * stands for. An empty cell is 0 (spreadsheets leave zeros blank). Anything else is a CellError.
   */
  amount(row: number, col: number, maxScale: number): Dec {
    const ref = this.masterOf(address(row, col));
    const cell = this.raw.cells.get(ref);
    const v = this.value(ref, 0);
    const found = (what: string): never => {
      throw new CellError({ sheet: this.name, cell: address(row, col), found: what, expected: { zh: '一个金额（数字）', en: 'an amount (a number)' } });
    };
    let d: Dec | undefined;
    if (v === undefined || v === '') d = ZERO;
    else if (typeof v === 'boolean') found(`逻辑值 ${v ? 'TRUE' : 'FALSE'}`);
    else if (typeof v === 'string') d = this.parseText(v, row, col);
    else if ('error' in v) found(cell?.formula !== undefined ? `公式 =${cell.formula} 的结果是错误值 ${v.error}` : `错误值 ${v.error}`);
    else d = numberText(v.number) ?? found(`数字 ${v.number}`);
    // A double's shortest text can carry float noise from a spreadsheet's own arithmetic (0.1+0.2):
    // no figure has more decimals than the unit can mean (元 2, 万元 4).
    if (d!.scale > maxScale) d = round(d!, maxScale);
    const shown = cell?.decimals ?? 0;
    if (d!.scale < shown) d = { coef: d!.coef * 10n ** BigInt(shown - d!.scale), scale: shown };
    return d!;
  }

  private parseText(raw: string, row: number, col: number): Dec {
    let t = halfWidth(raw).replace(/[\s\u3000\u00a0]+/g, '');
    const unit = /(万元|元)$/.exec(t)?.[1];
    if (unit) {
      const want = this.unit?.();
      if (want && unit !== want)
        throw new CellError({
          sheet: this.name,
          cell: address(row, col),
          found: `“${raw}”（单位 ${unit}）`,
          expected: { zh: `以${want}为单位的金额（本表单位：${want}）`, en: `an amount in ${want} (the table's unit)` },
        });
      t = t.slice(0, -unit.length);
    }
    if (t === '' || t === '-' || t === '—') return ZERO;
    const neg = /^\((.*)\)$/.exec(t);
    const d = parseDec(neg ? `-${neg[1]}` : t);
    if (!d)
      throw new CellError({
        sheet: this.name,
        cell: address(row, col),
        found: `文字“${raw}”`,
        expected: { zh: '一个金额（数字，可带千位分隔符或单位）', en: 'an amount (a number, thousands separators or a unit allowed)' },
      });
    return d;
  }

  /** A cell's value, a formula's cached result, or the evaluated sum of a plain sum formula. */
  private value(ref: string, depth: number): RawCell['value'] {
    const cell = this.raw.cells.get(ref);
    if (!cell) return undefined;
    if (cell.formula === undefined || cell.value !== undefined) return cell.value;
    // No cached result: writers that do not calculate (exceljs for a zero result) leave it out.
    const sum = depth < 64 ? this.evaluate(cell.formula, depth + 1) : undefined;
    if (sum === undefined) {
      const [row, col] = splitRef(ref);
      throw new CellError({
        sheet: this.name,
        cell: address(row, col),
        found: `公式 =${cell.formula}，没有保存计算结果`,
        expected: { zh: '数值，或带计算结果的公式（在 Excel/WPS 中打开后保存一次即可写入结果）', en: 'a value, or a formula with its cached result (open and save the file in Excel or WPS once)' },
      });
    }
    return { number: sum };
  }

  /** SUM(A1:B2,C3)+D4 and the like, over cells of this sheet; undefined for anything else. */
  private evaluate(formula: string, depth: number): string | undefined {
    const f = formula.replace(/\s+/g, '').replace(/^=/, '');
    const terms = f.split('+');
    let total = ZERO;
    for (const term of terms) {
      const inner = /^SUM\((.*)\)$/i.exec(term)?.[1] ?? term;
      for (const part of inner.split(',')) {
        const m = /^(\$?[A-Z]{1,3}\$?\d+)(?::(\$?[A-Z]{1,3}\$?\d+))?$/.exec(part);
        if (!m) return undefined;
        const [r0, c0] = splitRef(m[1]);
        const [r1, c1] = splitRef(m[2] ?? m[1]);
        for (let r = Math.min(r0, r1); r <= Math.max(r0, r1); r++)
          for (let c = Math.min(c0, c1); c <= Math.max(c0, c1); c++) {
            const v = this.value(address(r, c), depth);
            if (v === undefined || v === '') continue;
            if (typeof v !== 'object' || !('number' in v)) return undefined;
            const d = numberText(v.number);
            if (!d) return undefined;
            total = add(total, d);
          }
      }
    }
    return plain(total);
  }
}

/** A number as a file stores it ("1234", "0.30000000000000004", "1E-3") → exact decimal. */
function numberText(s: string): Dec | undefined {
  const d = parseDec(s);
  if (d) return d;
  const m = /^([+-]?)(\d+)(?:\.(\d+))?[eE]([+-]?\d+)$/.exec(s.trim());
  if (!m) return undefined;
  // No amount needs an exponent past ±100; 1E999999999 would be a billion-digit BigInt (a hang),
  // so it is refused as the number it is.
  if (Math.abs(Number(m[4])) > 100) return undefined;
  const digits = m[2] + (m[3] ?? '');
  let scale = (m[3]?.length ?? 0) - Number(m[4]);
  let coef = BigInt(digits);
  if (scale < 0) {
    coef *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { coef: m[1] === '-' ? -coef : coef, scale };
}

function plain(d: Dec): string {
  const neg = d.coef < 0n;
  let s = (neg ? -d.coef : d.coef).toString();
  if (d.scale > 0) {
    s = s.padStart(d.scale + 1, '0');
    s = `${s.slice(0, -d.scale)}.${s.slice(-d.scale)}`;
  }
  return (neg ? '-' : '') + s;
}
