import { SOURCES } from '../../model/budget.js';
import type { RuleCtx, Term } from '../context.js';
import { L, cellLabel, columnName, nodeName } from '../labels.js';
import type { Rule } from '../rule.js';
import { COL_BASIC, COL_PROJECT, COL_TOTAL, cellFactOf, sourceCol, splitFig, walk, type ClassNode, type Column } from '../view.js';

function term(ctx: RuleCtx, n: ClassNode, col: Column): Term {
  return {
    fig: col.get(n.row),
    tol: ctx.view.cellTol(n, col),
    get label() {
      return cellLabel(n, col, ctx.dept);
    },
    get short() {
      return columnName(col);
    },
    at: n.row.span,
    get facts() {
      return [cellFactOf(n, col)];
    },
  };
}

/** Every row, the department row included: total = basic + project. */
function rowSplit(ctx: RuleCtx): void {
  for (const cls of ['functional', 'economic'] as const) {
    for (const n of walk(ctx.view[cls])) {
      // (three variables, not an array made by map: run on every row, and once this loop is
      // optimized its map makes holey arrays where the interpreter's made packed ones, which threw
      // the optimized code away)
      const total = COL_TOTAL.get(n.row);
      const basic = COL_BASIC.get(n.row);
      const project = COL_PROJECT.get(n.row);
      if (!total?.span && !basic?.span && !project?.span) continue; // all computed: proven where they were computed from
      if (ctx.exact(total?.value, [basic?.value, project?.value])) continue;
      const dept = ctx.dept;
      ctx.sum(term(ctx, n, COL_TOTAL), [term(ctx, n, COL_BASIC), term(ctx, n, COL_PROJECT)], {
        get subject() {
          return nodeName(n, dept);
        },
      });
    }
  }
}

export const ROW_SPLIT: Rule = {
  run: rowSplit,
  doc: {
    id: 'sum/row-split',
    severity: 'error',
    title: L('每一行的支出总计等于基本支出加项目支出', 'Each row: total = basic + project'),
    explain: L(
      '功能分类和经济分类的每一行（含部门合计行）：支出总计 = 基本支出 + 项目支出。三个数字各自四舍五入，允许的尾数误差为三者各半个末位单位之和（整数万元时为 1.5 万元）；在此范围内列为注记，超出为错误。修正：若基本支出和项目支出无误，把支出总计改为两者之和；否则改正写错的那一列。',
      'In every row of the functional and economic classifications (the department row included), total = basic + project. Each of the three is rounded on its own, so the allowed rounding difference is half a unit of each (1.5 when written in whole 万元); within it the finding is a note, beyond it an error. Fix: if basic and project are right, set the total to their sum; otherwise correct the wrong column.',
    ),
    example: L(
      '- {code: 201, name: 一般公共服务支出, total: 1100, basic: 300, project: 801}\n# 300 + 801 = 1,101，与 1,100 相差 1：尾数误差（注记）',
      '- {code: 201, name: 一般公共服务支出, total: 1100, basic: 300, project: 801}\n# 300 + 801 = 1,101 against 1,100: a rounding note',
    ),
  },
};

/** Rows that split by funding source: basic = Σ sources' basic, project = Σ sources' project. */
function rowSources(ctx: RuleCtx): void {
  for (const cls of ['functional', 'economic'] as const) {
    for (const n of ctx.view.splitRows(ctx.view[cls])) {
      for (const [whole, part] of [
        [COL_BASIC, 'basic'],
        [COL_PROJECT, 'project'],
      ] as const) {
        const cols = SOURCES.map((s) => sourceCol(s, part));
        if (!SOURCES.some((s) => splitFig(n.row, s, part))) continue; // omitted: the whole row is general
        ctx.sum(
          term(ctx, n, whole),
          cols.filter((c) => c.get(n.row)).map((c) => term(ctx, n, c)),
          { subject: nodeName(n, ctx.dept), partsName: L('各资金来源', 'funding sources') },
        );
      }
    }
  }
}

export const ROW_SOURCES: Rule = {
  run: rowSources,
  doc: {
    id: 'sum/row-sources',
    severity: 'error',
    title: L('按资金来源拆分的行：各来源之和等于基本支出、项目支出', 'Rows split by funding source add up to their basic and project columns'),
    explain: L(
      '写出了 by_source（按资金来源拆分）的科目行，各资金来源（一般公共预算拨款、政府性基金、财政专户、单位资金各项、上年结转等）的基本支出之和必须等于该行的基本支出，项目支出同理。这些拆分进入按资金来源的基本支出表和项目支出表。未写 by_source 的行全部视为一般公共预算拨款，不作检查。',
      'Rows that write by_source (the split by funding source) must have their sources\' basic expenditure add up to the row\'s basic column, and the same for projects. These splits feed the basic expenditure and project tables by source. A row without by_source is wholly general public budget and is not checked.',
    ),
    example: L(
      '- code: 2010350\n  basic: 300\n  by_source: {general: {basic: 250}, unit_business: {basic: 40}}  # 290 ≠ 300：错误',
      '- code: 2010350\n  basic: 300\n  by_source: {general: {basic: 250}, unit_business: {basic: 40}}  # 290 ≠ 300: error',
    ),
  },
};
