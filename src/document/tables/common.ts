import type { Budget, ClassRow, Source } from '../../model/budget.js';
import { SOURCES } from '../../model/budget.js';
import { type Dec, ZERO, add, sum } from '../../money/decimal.js';
import type { NumFormat } from '../cells.js';

/** What every table builder gets: the budget and how to print its figures. */
export interface TableCtx {
  readonly budget: Budget;
  readonly f: NumFormat;
  readonly dept: string;
  readonly year: number;
}

export function headerLine(ctx: TableCtx): { left: string; right: string } {
  return { left: `部门名称：${ctx.dept}`, right: `单位：${ctx.f.unit}` };
}

export const GOVERNMENT: readonly Source[] = ['general', 'gov_fund', 'soe'];
export const UNIT_SOURCES: readonly Source[] = ['unit_business', 'unit_operating', 'unit_superior', 'unit_affiliated', 'unit_other'];

export type Part = 'basic' | 'project' | 'total';

/**
 * A classification row's amounts by funding source. A row funded only by 一般公共预算 (its
 * `by_source` omitted or holding only `general`) prints its own published figures, so a parent
 * whose children add up to one more by rounding still prints the declared figure.
 */
export function bySource(row: ClassRow, part: Part): Record<Source, Dec> {
  const out = Object.fromEntries(SOURCES.map((s) => [s, ZERO])) as Record<Source, Dec>;
  const keys = (Object.keys(row.by_source) as Source[]).filter((k) => row.by_source[k] !== undefined);
  if (keys.every((k) => k === 'general')) {
    out.general = row[part].value;
    return out;
  }
  for (const k of keys) {
    const bp = row.by_source[k]!;
    out[k] = part === 'total' ? add(bp.basic.value, bp.project.value) : bp[part].value;
  }
  return out;
}

/** The part of a row paid from the given sources (the row's own figure when it is all from them). */
export function amountFrom(row: ClassRow, part: Part, sources: readonly Source[]): Dec {
  const keys = (Object.keys(row.by_source) as Source[]).filter((k) => row.by_source[k] !== undefined);
  const all = keys.length === 0 ? ['general' as Source] : keys;
  if (all.every((k) => sources.includes(k))) return row[part].value;
  const by = bySource(row, part);
  return sum(sources.map((s) => by[s]));
}

/** Whether any money of the row comes from the given sources. */
export function fundedFrom(row: ClassRow, sources: readonly Source[]): boolean {
  const keys = (Object.keys(row.by_source) as Source[]).filter((k) => row.by_source[k] !== undefined);
  const all = keys.length === 0 ? ['general' as Source] : keys;
  return all.some((k) => sources.includes(k));
}

/**
 * Indices (into `rows`) of the direct children of rows[i] in a list in classification order: the
 * following rows one level deeper, up to the next row at the same level or above.
 */
export function childIndices(rows: readonly { level: number }[], i: number): number[] {
  const out: number[] = [];
  const lvl = rows[i].level;
  for (let j = i + 1; j < rows.length && rows[j].level > lvl; j++) {
    if (rows[j].level === lvl + 1) out.push(j);
  }
  return out;
}

/** Indices of the top-level rows (类) of a list. */
export function topIndices(rows: readonly { level: number }[]): number[] {
  if (rows.length === 0) return [];
  const top = Math.min(...rows.map((r) => r.level));
  return rows.flatMap((r, i) => (r.level === top ? [i] : []));
}
