import type { Localized } from '../../diagnostics/diagnostic.js';
import type { RuleCtx, Term } from '../context.js';
import { L } from '../labels.js';
import type { Rule } from '../rule.js';
import { incomeFig, type IncomeKey } from '../view.js';

export const INCOME_NAMES: Record<IncomeKey, Localized> = {
  total: L('收入总计', 'total income'),
  current_total: L('本年收入合计', 'income of the year'),
  government: L('政府预算拨款', 'government appropriations'),
  general: L('一般公共预算拨款', 'general public budget appropriation'),
  'general.basic': L('一般公共预算 基本支出拨款', 'general appropriation for basic expenditure'),
  'general.performance': L('一般公共预算 履职类项目拨款', 'general appropriation for duty projects'),
  'general.special': L('一般公共预算 财政专项资金拨款', 'general appropriation for special funds'),
  'general.investment': L('一般公共预算 政府投资项目拨款', 'general appropriation for government investment'),
  gov_fund: L('政府性基金预算拨款', 'government fund appropriation'),
  soe: L('国有资本经营预算拨款', 'state capital operation appropriation'),
  special_account: L('财政专户管理资金', 'special fiscal account funds'),
  unit_funds: L('单位资金', 'unit funds'),
  'unit.business': L('单位资金 事业收入', 'unit funds: business income'),
  'unit.operating': L('单位资金 事业单位经营收入', 'unit funds: operating income'),
  'unit.superior': L('单位资金 上级补助收入', 'unit funds: subsidies from superiors'),
  'unit.affiliated': L('单位资金 附属单位上缴收入', 'unit funds: remittances from affiliates'),
  'unit.other': L('单位资金 其他收入', 'unit funds: other income'),
  carryover: L('上年结余、结转', 'carry-over from last year'),
};

export function incomeTerm(ctx: RuleCtx, key: IncomeKey): Term {
  return { fig: incomeFig(ctx.view.b.income, key), tol: ctx.view.incomeTol(key), label: INCOME_NAMES[key] };
}

export const EXPENDITURE_NAMES = {
  total: L('支出总计', 'total expenditure'),
  current_total: L('本年支出合计', 'expenditure of the year'),
  carry_forward: L('结转下年', 'carried forward to next year'),
} as const;

export function expenditureTerm(ctx: RuleCtx, key: keyof typeof EXPENDITURE_NAMES): Term {
  return { fig: ctx.view.b.expenditure[key], tol: ctx.view.expenditureTol(key), label: EXPENDITURE_NAMES[key] };
}

const SPLITS: [IncomeKey, IncomeKey[], string[]][] = [
  ['general', ['general.basic', 'general.performance', 'general.special', 'general.investment'], ['表2']],
  ['government', ['general', 'gov_fund', 'soe'], ['表1', '表2', '表6']],
  ['unit_funds', ['unit.business', 'unit.operating', 'unit.superior', 'unit.affiliated', 'unit.other'], ['表1', '表2']],
  ['current_total', ['government', 'special_account', 'unit_funds'], ['表1', '表2', '表6']],
  ['total', ['current_total', 'carryover'], ['表1', '表2', '表6']],
];

/** Table 2's income splits and the expenditure side's 本年支出合计 + 结转下年 = 支出总计. */
function income(ctx: RuleCtx): void {
  for (const [total, parts, feeds] of SPLITS) {
    const t = incomeTerm(ctx, total);
    if (!t.fig?.span) continue; // computed from exactly these parts
    ctx.sum(t, parts.map((p) => incomeTerm(ctx, p)), { feeds });
  }
  const e = expenditureTerm(ctx, 'total');
  if (e.fig?.span)
    ctx.sum(e, [expenditureTerm(ctx, 'current_total'), expenditureTerm(ctx, 'carry_forward')], { feeds: ['表1', '表6'] });
}

export const INCOME: Rule = {
  run: income,
  doc: {
    id: 'sum/income',
    severity: 'error',
    title: L('收入各级小计相加正确；本年支出合计 + 结转下年 = 支出总计', 'Income subtotals add up; expenditure of the year + carried forward = total expenditure'),
    explain: L(
      '表1、表2、表6 的收入栏是分层小计：一般公共预算拨款 = 基本支出拨款 + 履职类项目拨款 + 财政专项资金拨款 + 政府投资项目拨款；政府预算拨款 = 一般公共预算拨款 + 政府性基金预算拨款 + 国有资本经营预算拨款；单位资金 = 事业收入 + 事业单位经营收入 + 上级补助收入 + 附属单位上缴收入 + 其他收入；本年收入合计 = 政府预算拨款 + 财政专户管理资金 + 单位资金；收入总计 = 本年收入合计 + 上年结余、结转。支出栏：支出总计 = 本年支出合计 + 结转下年。写出的小计逐一核对，未写的由各项计算。',
      'The income side of Tables 1, 2 and 6 is a hierarchy of subtotals: general appropriation = basic + duty projects + special funds + investment; government appropriations = general + government funds + state capital; unit funds = its five kinds; income of the year = government appropriations + special account + unit funds; total income = income of the year + carry-over. On the expenditure side, total = expenditure of the year + carried forward. Written subtotals are checked; omitted ones are computed.',
    ),
    example: L(
      'income:\n  general: {total: 5158, basic: 994, performance: 4146, special: 0, investment: 0}  # 5,140 ≠ 5,158：错误',
      'income:\n  general: {total: 5158, basic: 994, performance: 4146, special: 0, investment: 0}  # 5,140 ≠ 5,158: error',
    ),
  },
};
