import type { Localized } from '../../diagnostics/diagnostic.js';
import type { RuleCtx, Term } from '../context.js';
import { L } from '../labels.js';
import { GENERAL_KINDS } from '../../model/budget.js';
import { GENERAL_KIND_NAMES as GK, GOVERNMENT_NAME, SOURCE_NAMES as S, sourceHeading, UNIT_FUNDS_NAME } from '../../model/index.js';

import type { Rule } from '../rule.js';
import { incomeFig, type IncomeKey } from '../view.js';
import { expenditureFact, incomeFact, type Fact } from '../../model/facts.js';
import { GOVERNMENT_SOURCES, sumsOf, UNIT_FUND_SOURCES as UNIT_SOURCES } from '../../model/identities.js';
import type { Source } from '../../model/budget.js';

export const INCOME_NAMES: Record<IncomeKey, Localized> = {
  total: L('收入总计', 'total income'),
  current_total: L('本年收入合计', 'income of the year'),
  government: GOVERNMENT_NAME,
  general: S.general,
  'general.basic': L(`一般公共预算 ${GK.basic.zh}`, 'general appropriation for basic expenditure'),
  'general.performance': L(`一般公共预算 ${GK.performance.zh}`, 'general appropriation for duty projects'),
  'general.special': L(`一般公共预算 ${GK.special.zh}`, 'general appropriation for special funds'),
  'general.investment': L(`一般公共预算 ${GK.investment.zh}`, 'general appropriation for government investment'),
  gov_fund: S.gov_fund,
  soe: S.soe,
  special_account: S.special_account,
  unit_funds: UNIT_FUNDS_NAME,
  'unit.business': unitSource('unit_business'),
  'unit.operating': unitSource('unit_operating'),
  'unit.superior': unitSource('unit_superior'),
  'unit.affiliated': unitSource('unit_affiliated'),
  'unit.other': unitSource('unit_other'),
  carryover: S.carryover,
};

/** 单位资金 事业收入: a unit-funds source named with its group. */
function unitSource(s: Source): Localized {
  return L(`${UNIT_FUNDS_NAME.zh} ${sourceHeading(s)}`, S[s].en);
}

export function incomeTerm(ctx: RuleCtx, key: IncomeKey): Term {
  return { fig: incomeFig(ctx.view.b.income, key), tol: ctx.view.incomeTol(key), label: INCOME_NAMES[key], facts: [incomeFact(key)] };
}

export const EXPENDITURE_NAMES = {
  total: L('支出总计', 'total expenditure'),
  current_total: L('本年支出合计', 'expenditure of the year'),
  carry_forward: L('结转下年', 'carried forward to next year'),
} as const;

export function expenditureTerm(ctx: RuleCtx, key: keyof typeof EXPENDITURE_NAMES): Term {
  return { fig: ctx.view.b.expenditure[key], tol: ctx.view.expenditureTol(key), label: EXPENDITURE_NAMES[key], facts: [expenditureFact(key)] };
}

/** An income or expenditure figure by its fact address (`income.general`, `expenditure.total`). */
function term(ctx: RuleCtx, f: Fact): Term {
  return f.startsWith('income.') ? incomeTerm(ctx, f.slice(7) as IncomeKey) : expenditureTerm(ctx, f.slice(12) as keyof typeof EXPENDITURE_NAMES);
}

/** The income lines' subtotals and the expenditure side's 本年支出合计 + 结转下年 = 支出总计 (src/model/identities.ts). */
function income(ctx: RuleCtx): void {
  for (const id of sumsOf('sum/income')) {
    const t = term(ctx, id.total);
    if (!t.fig?.span) continue; // computed from exactly these parts
    ctx.sum(t, id.parts.map((p) => term(ctx, p)), {});
  }
}

export const INCOME: Rule = {
  run: income,
  doc: {
    id: 'sum/income',
    severity: 'error',
    title: L('收入各级小计相加正确；本年支出合计 + 结转下年 = 支出总计', 'Income subtotals add up; expenditure of the year + carried forward = total expenditure'),
    explain: L(
      `收入是分层小计：${S.general.zh} = ${GENERAL_KINDS.map((k) => GK[k].zh).join(' + ')}；` +
        `${GOVERNMENT_NAME.zh} = ${GOVERNMENT_SOURCES.map((s) => S[s].zh).join(' + ')}；` +
        `${UNIT_FUNDS_NAME.zh} = ${UNIT_SOURCES.map(sourceHeading).join(' + ')}；` +
        `本年收入合计 = ${GOVERNMENT_NAME.zh} + ${S.special_account.zh} + ${UNIT_FUNDS_NAME.zh}；收入总计 = 本年收入合计 + ${S.carryover.zh}。` +
        '支出栏：支出总计 = 本年支出合计 + 结转下年。写出的小计逐一核对，未写的由各项计算。',
      'Income is a hierarchy of subtotals: general appropriation = basic + duty projects + special funds + investment; government appropriations = general + government funds + state capital; unit funds = its five kinds; income of the year = government appropriations + special account + unit funds; total income = income of the year + carry-over. On the expenditure side, total = expenditure of the year + carried forward. Written subtotals are checked; omitted ones are computed.',
    ),
    example: L(
      'income:\n  general: {total: 1234, basic: 300, performance: 916, special: 0, investment: 0}  # 1,216 ≠ 1,234：错误',
      'income:\n  general: {total: 1234, basic: 300, performance: 916, special: 0, investment: 0}  # 1,216 ≠ 1,234: error',
    ),
  },
};
