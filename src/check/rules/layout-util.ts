import type { ClassRow, Source } from '../../model/budget.js';
import { type Dec, ZERO, halfUnit, sum } from '../../money/decimal.js';

/**
 * What a row spends from the given sources, with its tolerance: a row paid from 一般公共预算 alone
 * (no split, or one naming only it) spends its own total from it; else the sum of its split.
 */
export function amountOf(r: ClassRow, sources: readonly Source[]): { value: Dec; tol: Dec } {
  const keys = (Object.keys(r.by_source) as Source[]).filter((k) => r.by_source[k] !== undefined);
  if (keys.every((k) => k === 'general')) {
    const whole = sources.includes('general');
    return { value: whole ? r.total.value : ZERO, tol: whole && r.total.span ? halfUnit(r.total.value) : ZERO };
  }
  const parts = sources.flatMap((s) => (r.by_source[s] ? [r.by_source[s]!.basic, r.by_source[s]!.project] : []));
  return { value: sum(parts.map((p) => p.value)), tol: sum(parts.map((p) => (p.span ? halfUnit(p.value) : ZERO))) };
}
