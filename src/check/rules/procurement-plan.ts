import { ZERO } from '../../money/decimal.js';
import type { Fig } from '../../model/budget.js';
import type { RuleCtx, Term } from '../context.js';
import { L, cellLabel } from '../labels.js';
import type { Rule } from '../rule.js';
import { sumsOf } from '../../model/identities.js';
import { sumDec, tolOf } from '../tolerance.js';
import { COL_PROC_TOTAL, cellFactOf, leaves } from '../view.js';

const NAMES = {
  total: L('政府采购预算共计', 'procurement plan total'),
  goods: L('货物采购', 'goods'),
  works: L('工程采购', 'works'),
  services: L('服务采购', 'services'),
} as const;

/** Part 4: goods + works + services = the plan total = Table 3's procurement total. */
function procurementPlan(ctx: RuleCtx): void {
  const v = ctx.view;
  const p = v.b.procurement;
  const t = (k: keyof typeof NAMES, f: Fig): Term => ({
    fig: f,
    tol: v.factTol(`procurement.${k}`),
    label: k === 'total' ? NAMES.total : { zh: `政府采购预算${NAMES[k].zh}`, en: `procurement plan ${NAMES[k].en}` },
    short: NAMES[k],
    facts: [`procurement.${k}`],
  });
  const at = (f: string): Term => {
    const k = f.slice('procurement.'.length) as keyof typeof NAMES;
    return t(k, p[k]);
  };
  const total = t('total', p.total);
  // goods + works + services (src/model/identities.ts)
  for (const id of sumsOf('cross/procurement-plan'))
    if (at(id.total).fig?.span) ctx.sum(at(id.total), id.parts.map(at), { subject: L('政府采购预算', 'procurement plan') });
  // the plan's total is the rows' procurement where the layout splits procurement per row
  if (!ctx.holds('procurement-by-row')) return;
  const root = v.functional;
  const declared = COL_PROC_TOTAL.get(root.row);
  const table3: Term = declared
    ? { fig: declared, tol: v.cellTol(root, COL_PROC_TOTAL), label: cellLabel(root, COL_PROC_TOTAL, ctx.dept), at: root.row.span, facts: [cellFactOf(root, COL_PROC_TOTAL)] }
    : (() => {
        const ls = leaves(root);
        return {
          fig: { value: sumDec(ls.map((n) => COL_PROC_TOTAL.get(n.row)?.value ?? ZERO)) },
          tol: sumDec(ls.map((n) => v.cellTol(n, COL_PROC_TOTAL))),
          label: L('各科目政府采购小计合计', 'procurement over all rows'),
          facts: ls.map((n) => cellFactOf(n, COL_PROC_TOTAL)),
        };
      })();
  ctx.same(total, table3, {});
}

export const PROCUREMENT_PLAN: Rule = {
  run: procurementPlan,
  doc: {
    id: 'cross/procurement-plan',
    severity: 'error',
    title: L('政府采购预算：货物 + 工程 + 服务 = 采购共计 = 功能分类的政府采购小计', 'Procurement plan: goods + works + services = plan total = the functional classification\'s procurement'),
    explain: L(
      '说明文字“政府采购预算情况”写明纳入部门预算的政府采购共计及其中货物、工程、服务采购；三者之和必须等于共计，共计又必须等于功能分类部门合计行的“<年度> 年政府采购项目 小计”。',
      'The narrative states the procurement total and its goods, works and services shares; they must add up to the total, which must equal the procurement subtotal of the functional classification\'s department row.',
    ),
    example: L('procurement: {total: 512, goods: 0, works: 0, services: 521}  # 521 ≠ 512：错误', 'procurement: {total: 512, goods: 0, works: 0, services: 521}  # 521 ≠ 512: error'),
  },
};
