import type { Source } from '../../model/budget.js';
import { SPLIT_SUMS } from '../../model/identities.js';
import { type Dec, ZERO, sum } from '../../money/decimal.js';
import { sumDec } from '../tolerance.js';
import { COL_TOTAL, sourceCol, type BudgetView, type ClassNode } from '../view.js';

/**
 * What a row spends from the given sources, with its tolerance: a row paid from 一般公共预算 alone
 * (no split, or one naming only it) spends its own total from it; else the sum of its split. The
 * tolerance is the figures' own (`BudgetView.cellTol`): half a unit where written, the summed
 * tolerance of their parts where the model computed them.
 */
export function amountOf(view: BudgetView, n: ClassNode, sources: readonly Source[]): { value: Dec; tol: Dec } {
  const r = n.row;
  const keys = (Object.keys(r.by_source) as Source[]).filter((k) => r.by_source[k] !== undefined);
  if (keys.every((k) => k === 'general')) {
    const whole = sources.includes('general');
    return { value: whole ? r.total.value : ZERO, tol: whole ? view.cellTol(n, COL_TOTAL) : ZERO };
  }
  const named = sources.filter((s) => r.by_source[s]);
  return {
    value: sum(named.flatMap((s) => SPLIT_SUMS.map((p) => r.by_source[s]![p].value))),
    tol: sumDec(named.flatMap((s) => SPLIT_SUMS.map((p) => view.cellTol(n, sourceCol(s, p))))),
  };
}
