import type { RuleCtx, Term } from '../context.js';
import { L, cellLabel } from '../labels.js';
import type { Rule } from '../rule.js';
import { COL_PROC_MICRO, COL_PROC_SME, COL_PROC_TOTAL, COL_TOTAL, cellFactOf, walk, type ClassNode, type Column } from '../view.js';

/** Government procurement shares: micro ≤ SME ≤ procurement ≤ the row's total. */
function procurement(ctx: RuleCtx): void {
  const t = (n: ClassNode, col: Column): Term => ({
    fig: col.get(n.row),
    tol: ctx.view.cellTol(n, col),
    label: cellLabel(n, col, ctx.dept),
    at: n.row.span,
    facts: [cellFactOf(n, col)],
  });
  for (const n of walk(ctx.view.functional)) {
    if (!n.row.procurement) continue;
    const pr = n.row.procurement;
    if (!pr.total.span && !pr.sme.span && !pr.micro.span) continue; // nothing written for this row
    ctx.atMost(t(n, COL_PROC_SME), t(n, COL_PROC_TOTAL), {});
    ctx.atMost(t(n, COL_PROC_MICRO), t(n, COL_PROC_SME), {});
    ctx.atMost(t(n, COL_PROC_TOTAL), t(n, COL_TOTAL), {});
  }
}

export const PROCUREMENT: Rule = {
  run: procurement,
  doc: {
    id: 'sum/procurement',
    severity: 'error',
    title: L('政府采购：小微企业份额 ≤ 中小企业份额 ≤ 采购小计 ≤ 支出总计', 'Procurement: micro ≤ SME ≤ procurement ≤ the row total'),
    explain: L(
      '政府采购三列是“其中”关系：面向小型、微型企业的采购是面向中小企业采购的一部分，面向中小企业的采购是采购小计的一部分，采购小计又是该科目支出总计的一部分。任何一项大于它所属的数字都说明写错了列或多写了位数。',
      'The procurement columns nest: procurement reserved for small and micro firms is part of that reserved for SMEs, which is part of the procurement subtotal, which is part of the row\'s total expenditure. A share larger than its whole means a figure was put in the wrong column or mistyped.',
    ),
    example: L(
      '- {code: 201, total: 1100, procurement: {total: 512, sme: 600, micro: 0}}  # 600 > 512：错误',
      '- {code: 201, total: 1100, procurement: {total: 512, sme: 600, micro: 0}}  # 600 > 512: error',
    ),
  },
};
