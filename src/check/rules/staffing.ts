import { ZERO } from '../../money/decimal.js';
import type { Staffing } from '../../model/budget.js';
import type { RuleCtx, Term } from '../context.js';
import { L } from '../labels.js';
import type { Rule } from '../rule.js';
import { STAFFING_SUM } from '../../model/identities.js';

const NAMES: Record<keyof Staffing, { zh: string; en: string }> = {
  admin_quota: L('行政编制数', 'administrative quota'),
  admin_actual: L('行政实有在编人数', 'administrative staff in post'),
  inst_quota: L('事业编制数', 'institutional quota'),
  inst_actual: L('事业实有在编人数', 'institutional staff in post'),
  retired_veteran: L('离休人数', 'veteran retirees'),
  retired: L('退休人数', 'retirees'),
};

/** Part 1: the department's staffing totals = Σ its units. Head counts are exact (no rounding). */
function staffing(ctx: RuleCtx): void {
  const d = ctx.view.b.department;
  const total = d.staffing_total;
  if (!total) return;
  // the declared sums (src/model/identities.ts): each total = Σ the units' same head count, exact
  for (const k of STAFFING_SUM.columns) {
    if (!total[k].span) continue; // computed from the units
    const t: Term = { fig: total[k], tol: ZERO, label: L(`部门${NAMES[k].zh}合计`, `department ${NAMES[k].en}`), short: L(`${NAMES[k].zh}合计`, `${NAMES[k].en}`), facts: [STAFFING_SUM.total(k)] };
    ctx.sum(
      t,
      d.units.map((u) => ({ fig: u.staffing?.[k], tol: ZERO, label: L(`${u.name.text}${NAMES[k].zh}`, `${u.name.text} ${NAMES[k].en}`), at: u.name.span, facts: [STAFFING_SUM.member(u.name.text, k)] })),
      { unit: L('人', 'people'), partsName: L(`各基层单位${NAMES[k].zh}`, `units' ${NAMES[k].en}`) },
    );
  }
}

export const STAFFING: Rule = {
  run: staffing,
  doc: {
    id: STAFFING_SUM.rule,
    severity: 'error',
    title: L('部门编制与人数合计等于各基层单位之和', 'Department staffing totals equal the sum over units'),
    explain: L(
      '说明文字“机构设置情况”先写全部门的行政编制、实有在编人数、事业编制、离休、退休人数，再逐个基层单位写明。写出的部门合计必须等于各基层单位之和。人数是精确的整数，不允许尾数误差。',
      'The narrative first states the department\'s staffing (quotas, staff in post, retirees), then each unit\'s. Declared department totals must equal the sum over units. Head counts are exact: no rounding allowance.',
    ),
    example: L('staffing_total: {inst_quota: 19}\nunits: [{staffing: {inst_quota: 18}}]  # 错误', 'staffing_total: {inst_quota: 19}\nunits: [{staffing: {inst_quota: 18}}]  # error'),
  },
};
