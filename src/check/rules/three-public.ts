import type { ThreePublicYear } from '../../model/budget.js';
import { THREE_PUBLIC_NAMES as NAMES } from '../../model/names.js';
import type { RuleCtx, Term } from '../context.js';
import { L, unitWord } from '../labels.js';
import type { Rule } from '../rule.js';

const KEYS = Object.keys(NAMES) as (keyof ThreePublicYear)[];
const FEEDS = ['表9', '第五部分'];

/** Table 9: subtotals per year, and 增减变化 = this year − last year. */
function threePublic(ctx: RuleCtx): void {
  const v = ctx.view;
  const tp = v.b.three_public;
  const year = v.b.department.year;
  const years: [ThreePublicYear, { zh: string; en: string }][] = [
    [tp.this_year, L(`${year} 年`, `${year}`)],
    [tp.last_year, L(`${year - 1} 年`, `${year - 1}`)],
    [tp.change, L('增减变化金额', 'change')],
  ];
  const term = (y: ThreePublicYear, yl: { zh: string; en: string }, k: keyof ThreePublicYear, sign?: -1): Term => ({
    fig: y[k],
    tol: v.threePublicTol(y, k),
    label: { zh: `表9 ${yl.zh}${NAMES[k].zh}`, en: `Table 9 ${yl.en} ${NAMES[k].en}` },
    short: NAMES[k],
    ...(sign ? { sign } : {}),
  });
  for (const [y, yl] of years) {
    if (y.vehicles.span) ctx.sum(term(y, yl, 'vehicles'), [term(y, yl, 'vehicle_purchase'), term(y, yl, 'vehicle_running')], { subject: L(`表9 ${yl.zh}`, `Table 9 ${yl.en}`), feeds: FEEDS, unit: unitWord(tp.unit) });
    if (y.total.span) ctx.sum(term(y, yl, 'total'), [term(y, yl, 'abroad'), term(y, yl, 'reception'), term(y, yl, 'vehicles')], { subject: L(`表9 ${yl.zh}`, `Table 9 ${yl.en}`), feeds: FEEDS, unit: unitWord(tp.unit) });
  }
  for (const k of KEYS) {
    if (!tp.change[k].span) continue;
    ctx.sum(term(tp.change, years[2][1], k), [term(tp.this_year, years[0][1], k), term(tp.last_year, years[1][1], k, -1)], { feeds: FEEDS, unit: unitWord(tp.unit) });
  }
}

export const THREE_PUBLIC: Rule = {
  run: threePublic,
  doc: {
    id: 'sum/three-public',
    severity: 'error',
    title: L('“三公”经费：小计、合计与增减变化', '"Three public" expenses: subtotals, totals and the change'),
    explain: L(
      `表9 和第五部分：${NAMES.vehicles.zh} = ${NAMES.vehicle_purchase.zh} + ${NAMES.vehicle_running.zh}；` +
        `${NAMES.total.zh} = ${NAMES.abroad.zh} + ${NAMES.reception.zh} + ${NAMES.vehicles.zh}；增减变化金额 = 本年数 − 上年数（逐列）。`,
      'Table 9 and Part 5: vehicles = purchase + running; the total = travel abroad + reception + vehicles; the change = this year − last year, column by column.',
    ),
    example: L(
      'three_public:\n  this_year: {total: 10, abroad: 0, reception: 3, vehicles: 6}  # 9 ≠ 10：错误',
      'three_public:\n  this_year: {total: 10, abroad: 0, reception: 3, vehicles: 6}  # 9 ≠ 10: error',
    ),
  },
};
