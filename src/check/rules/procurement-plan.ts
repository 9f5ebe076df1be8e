import { ZERO } from '../../money/decimal.js';
import type { Fig } from '../../model/budget.js';
import type { RuleCtx, Term } from '../context.js';
import { L, cellLabel } from '../labels.js';
import type { Rule } from '../rule.js';
import { sumDec, tolOf } from '../tolerance.js';
import { COL_PROC_TOTAL, leaves } from '../view.js';

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
  const t = (k: keyof typeof NAMES, f: Fig, tol = tolOf(f, () => ZERO)): Term => ({
    fig: f,
    tol,
    label: { zh: `第四部分${NAMES[k].zh}`, en: `Part 4 ${NAMES[k].en}` },
    short: NAMES[k],
  });
  const parts = [t('goods', p.goods), t('works', p.works), t('services', p.services)];
  const total = t('total', p.total, tolOf(p.total, () => sumDec(parts.map((x) => x.tol))));
  if (p.total.span) ctx.sum(total, parts, { subject: L('第四部分政府采购', 'Part 4 procurement'), feeds: ['第四部分'] });
  const root = v.functional;
  const declared = COL_PROC_TOTAL.get(root.row);
  const table3: Term = declared
    ? { fig: declared, tol: v.cellTol(root, COL_PROC_TOTAL), label: cellLabel(root, COL_PROC_TOTAL, ctx.dept), at: root.row.span }
    : (() => {
        const ls = leaves(root);
        return {
          fig: { value: sumDec(ls.map((n) => COL_PROC_TOTAL.get(n.row)?.value ?? ZERO)) },
          tol: sumDec(ls.map((n) => v.cellTol(n, COL_PROC_TOTAL))),
          label: L('表3 各科目政府采购小计合计', 'Table 3 procurement over all rows'),
        };
      })();
  // Only where the layout writes procurement per functional row (profile checks: procurement-by-row).
  if (ctx.holds('procurement-by-row')) ctx.same(total, table3, { feeds: ['第四部分', '表3'] });
}

export const PROCUREMENT_PLAN: Rule = {
  run: procurementPlan,
  doc: {
    id: 'cross/procurement-plan',
    severity: 'error',
    title: L('第四部分：货物 + 工程 + 服务 = 采购共计 = 表3 政府采购小计', 'Part 4: goods + works + services = plan total = Table 3 procurement'),
    explain: L(
      '第四部分“政府采购预算情况”写明纳入部门预算的政府采购共计及其中货物、工程、服务采购；三者之和必须等于共计，共计又必须等于表3 部门合计行的“<年度> 年政府采购项目 小计”。',
      'Part 4 states the procurement total and its goods, works and services shares; they must add up to the total, which must equal the procurement subtotal of Table 3\'s department row.',
    ),
    example: L('procurement: {total: 512, goods: 0, works: 0, services: 521}  # 521 ≠ 512：错误', 'procurement: {total: 512, goods: 0, works: 0, services: 521}  # 521 ≠ 512: error'),
  },
};
