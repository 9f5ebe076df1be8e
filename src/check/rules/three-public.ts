import type { ThreePublicYear } from '../../model/budget.js';
import { THREE_PUBLIC_NAMES as NAMES } from '../../model/index.js';
import type { RuleCtx, Term } from '../context.js';
import { sumsOf, THREE_PUBLIC_ROWS, type ThreePublicRow } from '../../model/identities.js';
import { L, unitWord } from '../labels.js';
import type { Rule } from '../rule.js';


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
    label: { zh: `“三公”经费 ${yl.zh}${NAMES[k].zh}`, en: `three-public ${yl.en} ${NAMES[k].en}` },
    short: NAMES[k],
    ...(sign ? { sign } : {}),
    facts: [`three_public.${y === tp.this_year ? 'this_year' : y === tp.last_year ? 'last_year' : 'change'}.${k}`],
  });
  // A fact three_public.<row>.<key>, as a term of the row's year.
  const at = (f: string, sign?: -1): Term => {
    const [, row, k] = f.split('.') as [string, ThreePublicRow, keyof ThreePublicYear];
    const [y, yl] = years[THREE_PUBLIC_ROWS.indexOf(row)]!;
    return term(y, yl, k, sign);
  };
  for (const id of sumsOf('sum/three-public')) {
    if (!at(id.total).fig?.span) continue; // computed from exactly these parts
    const [, row] = id.total.split('.') as [string, ThreePublicRow];
    const yl = years[THREE_PUBLIC_ROWS.indexOf(row)]![1];
    // a row's subtotal is about that row; the change of one line spans the rows
    const rowSum = !id.less;
    ctx.sum(at(id.total), [...id.parts.map((p) => at(p)), ...(id.less ?? []).map((p) => at(p, -1))], rowSum ? { subject: L(`“三公”经费 ${yl.zh}`, `three-public ${yl.en}`), unit: unitWord(tp.unit) } : { unit: unitWord(tp.unit) });
  }
}

export const THREE_PUBLIC: Rule = {
  run: threePublic,
  doc: {
    id: 'sum/three-public',
    severity: 'error',
    title: L('“三公”经费：小计、合计与增减变化', '"Three public" expenses: subtotals, totals and the change'),
    explain: L(
      `“三公”经费（表格和说明文字）：${NAMES.vehicles.zh} = ${NAMES.vehicle_purchase.zh} + ${NAMES.vehicle_running.zh}；` +
        `${NAMES.total.zh} = ${NAMES.abroad.zh} + ${NAMES.reception.zh} + ${NAMES.vehicles.zh}；增减变化金额 = 本年数 − 上年数（逐列）。`,
      'Three public expenses (table and narrative): vehicles = purchase + running; the total = travel abroad + reception + vehicles; the change = this year − last year, column by column.',
    ),
    example: L(
      'three_public:\n  this_year: {total: 10, abroad: 0, reception: 3, vehicles: 6}  # 9 ≠ 10：错误',
      'three_public:\n  this_year: {total: 10, abroad: 0, reception: 3, vehicles: 6}  # 9 ≠ 10: error',
    ),
  },
};
