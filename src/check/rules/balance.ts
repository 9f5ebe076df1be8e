import type { RuleCtx } from '../context.js';
import { L, cellLabel } from '../labels.js';
import type { Rule } from '../rule.js';
import { COL_TOTAL, cellFactOf } from '../view.js';
import { sumsOf } from '../../model/identities.js';
import { InternalError } from '../../diagnostics/diagnostic.js';
import { expenditureTerm, incomeTerm } from './income.js';

/** The headline balance: 收入总计 = 支出总计. */
function balance(ctx: RuleCtx): void {
  ctx.same(incomeTerm(ctx, 'total'), expenditureTerm(ctx, 'total'), {
    help: {
      error: {
        zh: '部门预算收支必须平衡：核对收入总计与支出总计，找出漏记或多记的收入或支出。',
        en: 'A department budget must balance: compare total income with total expenditure and find the missing or extra item.',
      },
    },
  });
}

export const BALANCE: Rule = {
  run: balance,
  doc: {
    id: 'balance/income-expenditure',
    severity: 'error',
    title: L('收支平衡：收入总计 = 支出总计', 'The balance: total income = total expenditure'),
    explain: L(
      '部门预算收支平衡：收支表和财政拨款收支表的收入总计必须等于支出总计，说明文字中的收入、支出总额也据此叙述。不平衡说明某项收入或支出漏记、多记或写错。',
      'A department budget balances: the total income of the summary and of the fiscal summary must equal the total expenditure, and the narrative states both. An imbalance means an income or expenditure item is missing, doubled or mistyped.',
    ),
    example: L('income: {total: 1234}\nexpenditure: {total: 1243}  # 相差 9：错误', 'income: {total: 1234}\nexpenditure: {total: 1243}  # differ by 9: error'),
  },
};

/** 本年支出合计 is the department row of the functional classification (Tables 1, 3, 6, 7). */
function expenditureTotal(ctx: RuleCtx): void {
  const v = ctx.view;
  // expenditure.current_total = functional.total.total (src/model/identities.ts), written or not
  for (const id of sumsOf('cross/expenditure-total')) {
    if (id.total !== 'expenditure.current_total' || id.parts.join() !== 'functional.total.total') throw new InternalError(`cross/expenditure-total: ${id.total}`);
    ctx.same(
      expenditureTerm(ctx, 'current_total'),
      { fig: COL_TOTAL.get(v.functional.row), tol: v.factTol(id.parts[0]!), label: cellLabel(v.functional, COL_TOTAL, ctx.dept), at: v.functional.row.span, facts: [cellFactOf(v.functional, COL_TOTAL)] },
      {},
    );
  }
}

export const EXPENDITURE_TOTAL: Rule = {
  run: expenditureTotal,
  doc: {
    id: 'cross/expenditure-total',
    severity: 'error',
    title: L('本年支出合计等于功能分类的部门合计', 'Expenditure of the year equals the functional classification\'s department total'),
    explain: L(
      '收支表的本年支出合计就是功能分类部门合计行的支出总计（各功能科目之和）。两处不同说明支出栏或功能分类有一处写错。',
      'The expenditure of the year in the summaries is the department row of the functional classification (the sum of the functional classes). If they differ, one of them is wrong.',
    ),
    example: L('expenditure: {current_total: 1244}\nfunctional: {total: {total: 1234}}  # 错误', 'expenditure: {current_total: 1244}\nfunctional: {total: {total: 1234}}  # error'),
  },
};
