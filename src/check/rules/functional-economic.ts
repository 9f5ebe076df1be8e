import { SOURCES } from '../../model/budget.js';
import type { RuleCtx, Term } from '../context.js';
import { L, cellLabel, columnName } from '../labels.js';
import type { Rule } from '../rule.js';
import { COL_BASIC, COL_PROJECT, COL_TOTAL, cellFactOf, sourceCol } from '../view.js';

/** Both classifications classify the same money: their department rows agree column by column. */
function functionalEconomic(ctx: RuleCtx): void {
  const v = ctx.view;
  // Without project spending in the economic classification, only the basic column is the same money.
  const covers = ctx.holds('economic-covers-projects');
  const parts = covers ? (['basic', 'project'] as const) : (['basic'] as const);
  for (const col of covers ? [COL_TOTAL, COL_BASIC, COL_PROJECT] : [COL_BASIC]) {
    const t = (cls: 'functional' | 'economic'): Term => ({
      fig: col.get(v[cls].row),
      tol: v.cellTol(v[cls], col),
      label: {
        zh: `${cls === 'functional' ? '功能分类' : '经济分类'}${cellLabel(v[cls], col, ctx.dept).zh}`,
        en: `${cls} classification: ${cellLabel(v[cls], col, ctx.dept).en}`,
      },
      at: v[cls].row.span,
      facts: [cellFactOf(v[cls], col)],
    });
    ctx.same(t('economic'), t('functional'), {});
  }
  if (!v.multiSource) return; // one source: the source columns are the columns above
  for (const s of SOURCES) {
    for (const part of parts) {
      const f = v.sourceSum(v.functional, s, part);
      const e = v.sourceSum(v.economic, s, part);
      if (!f.written && !e.written) continue;
      const name = columnName(sourceCol(s, part));
      ctx.same(
        { fig: { value: e.value }, tol: e.tol, label: { zh: `经济分类各科目${name.zh}合计`, en: `economic rows' ${name.en}` }, at: e.at ?? f.at, get facts() { return e.facts; } },
        { fig: { value: f.value }, tol: f.tol, label: { zh: `功能分类各科目${name.zh}合计`, en: `functional rows' ${name.en}` }, at: f.at ?? e.at, get facts() { return f.facts; } },
        {},
      );
    }
  }
}

export const FUNCTIONAL_ECONOMIC: Rule = {
  run: functionalEconomic,
  doc: {
    id: 'cross/functional-economic',
    severity: 'error',
    title: L('功能分类与经济分类的合计相同（逐列）', 'The functional and economic classifications give the same totals, column by column'),
    explain: L(
      '功能分类（钱用于什么事务）和经济分类（钱花在什么类别）是同一笔支出的两种分法，部门合计行的支出总计、基本支出、项目支出必须相同；有多个资金来源时，各来源的基本支出、项目支出也必须相同。',
      'The functional (what the money is for) and economic (what it is spent on) classifications split the same expenditure two ways: their department rows must agree on total, basic and project; with several funding sources, each source\'s basic and project amounts must agree too.',
    ),
    example: L('functional: {total: {basic: 300}}\neconomic: {total: {basic: 330}}  # 错误', 'functional: {total: {basic: 300}}\neconomic: {total: {basic: 330}}  # error'),
  },
};
