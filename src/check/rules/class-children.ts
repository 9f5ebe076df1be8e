import { L, cellLabel, columnName, nodeName } from '../labels.js';
import type { RuleCtx, Term } from '../context.js';
import type { Rule } from '../rule.js';
import { cellFactOf, columnOf, splitFig, walk, type ClassNode, type Column } from '../view.js';
import type { Source } from '../../model/budget.js';
import type { Dec } from '../../money/decimal.js';
import { rollUpColumns } from '../../model/identities.js';

const RULE = 'sum/class-children';

/** Each 类/款 row, and the department row, is the sum of its children, column by column. */
function classChildren(ctx: RuleCtx): void {
  for (const cls of ['functional', 'economic'] as const) {
    const tree = ctx.view[cls];
    // the columns of the classification's roll-up this rule tests (src/model/identities.ts)
    const cols: readonly Column[] = rollUpColumns(cls, RULE).map(columnOf);
    for (const n of walk(tree)) {
      if (!n.children.length) continue;
      for (const col of cols) {
        const f = col.get(n.row);
        // A computed parent is the sum of its children by construction: nothing to prove.
        if (!f?.span) continue;
        const src = /^by_source\.(\w+)\.(basic|project)$/.exec(col.id);
        if (src && !splitFig(n.row, src[1] as Source, src[2] as 'basic' | 'project')) continue;
        // (listed by push: map's list is packed or holey depending on whether this loop is optimized yet)
        const parts: (Dec | undefined)[] = [];
        for (const c of n.children) parts.push(col.get(c.row)?.value);
        if (ctx.exact(f.value, parts)) continue;
        // names are built only when there is something to say (the check runs on every row)
        const term = (x: ClassNode): Term => ({
          fig: col.get(x.row),
          tol: ctx.view.cellTol(x, col),
          get label() {
            return cellLabel(x, col, ctx.dept);
          },
          get short() {
            return nodeName(x, ctx.dept);
          },
          at: x.row.span,
          get facts() {
            return [cellFactOf(x, col)];
          },
        });
        const dept = ctx.dept;
        ctx.sum(term(n), n.children.map(term), {
          get subject() {
            return columnName(col);
          },
          subjectStyle: 'colon',
          get partsName() {
            return n.root ? L('各类科目', 'top-level (类) rows') : L(`${nodeName(n, dept).zh} 的下级科目`, `children of ${nodeName(n, dept).en}`);
          },
        });
      }
    }
  }
}

export const CLASS_CHILDREN: Rule = {
  run: classChildren,
  doc: {
    id: RULE,
    severity: 'error',
    title: L('每个类、款科目等于其下级科目之和（逐列）', 'Each 类/款 row equals the sum of its children, column by column'),
    explain: L(
      '功能分类和经济分类都是树：类（3 位）下有款（5 位），款下有项（7 位）。每个上级科目的支出总计、基本支出、项目支出、政府采购各列，以及按资金来源的各列，都必须等于其直接下级科目同一列之和；部门合计行等于各类之和。各数字按万元取整后分别四舍五入，所以允许尾数误差：|合计 − 各项之和| 不超过合计与各项各自半个末位单位之和（XBRL Calculations 1.1）。在此范围内的差额列为注记（尾数误差），超出范围则为错误。修正：核对上级科目与下级科目的数字，改正写错的一处；未写出的上级合计由下级自动计算，不作检查。',
      'The functional and economic classifications are trees: 类 (3 digits) contain 款 (5 digits), which contain 项 (7 digits). Every column of a parent row (total, basic, project, procurement, and each funding source) must equal the sum of the same column over its direct children; the department row equals the sum of the 类 rows. Figures are rounded one by one, so a rounding difference is allowed: |total − Σ parts| may be at most half a unit of the total plus half a unit of each part (XBRL Calculations 1.1). Within that it is a note (尾数误差); beyond, an error. Fix: compare the parent and child rows and correct the wrong figure. A parent total that is not written is computed from its children and not checked.',
    ),
    example: L(
      'economic:\n  rows:\n    - {code: 302, name: 商品和服务支出, total: 828, basic: 27, project: 801}\n    - {code: 30201, name: 办公费, total: 8, basic: 8, project: 0}\n    ...  # 下级基本支出合计 28，与 27 相差 1：尾数误差（注记）',
      'economic:\n  rows:\n    - {code: 302, name: 商品和服务支出, total: 828, basic: 27, project: 801}\n    - {code: 30201, name: 办公费, total: 8, basic: 8, project: 0}\n    ...  # the children\'s basic column adds up to 28, not 27: a rounding note',
    ),
  },
};
