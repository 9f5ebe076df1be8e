import { eq, format, isZero, percent, sub, toPlain, ZERO } from '../../money/decimal.js';
import type { RuleCtx, Term } from '../context.js';
import { L } from '../labels.js';
import type { Rule } from '../rule.js';
import { tolOf } from '../tolerance.js';
import { expenditureTerm, incomeTerm } from './income.js';

/** The figures a percent is worked out from. */
const PERCENT_FACTS = ['comparison.percent', 'comparison.change', 'income.total', 'prior.income_total'];

/** Part 2: the declared change = this year − prior year; the declared percent = change / prior × 100, rounded. */
function comparison(ctx: RuleCtx): void {
  const b = ctx.view.b;
  const c = b.comparison;
  if (!c) return;
  const py = b.prior.year;
  const prior = (k: 'income_total' | 'expenditure_total', what: { zh: string; en: string }, sign?: -1): Term => ({
    fig: b.prior[k],
    tol: tolOf(b.prior[k], () => ZERO),
    label: { zh: `${py} 年${what.zh}`, en: `${py} ${what.en}` },
    ...(sign ? { sign } : {}),
    facts: [`prior.${k}`],
  });
  if (c.change) {
    const change: Term = { fig: c.change, tol: tolOf(c.change, () => ZERO), label: L(`“比 ${py} 年增减”金额`, `change on ${py}`), facts: ['comparison.change'] };
    ctx.sum(change, [incomeTerm(ctx, 'total'), prior('income_total', L('部门预算收入', 'income'), -1)], {});
    ctx.sum(change, [expenditureTerm(ctx, 'total'), prior('expenditure_total', L('部门预算支出', 'expenditure'), -1)], {});
  }
  if (c.percent) {
    ctx.checked++;
    const base = b.prior.income_total.value;
    const delta = c.change?.value ?? sub(b.income.total.value, base);
    if (isZero(base)) {
      ctx.error({
        message: {
          zh: `${py} 年收入为 0，增减百分比不可比，但说明文字写了百分比 ${format(c.percent.value)}%`,
          en: `The ${py} income is 0, so the percentage change is not comparable, yet the narrative declares ${format(c.percent.value)}%`,
        },
        span: c.percent.span,
        figures: [{ label: L('增减百分比', 'percent change'), value: toPlain(c.percent.value), ...(c.percent.span ? { span: c.percent.span } : {}) }],
        help: L('去年基数为 0 时删去 percent，文本将写“增长--（去年基数为 0，不可比）”。', 'With a zero base, remove percent: the text then says the change is not comparable.'),
      }, PERCENT_FACTS);
      return;
    }
    const want = percent(delta, base, c.percent.value.scale);
    if (!eq(want, c.percent.value)) {
      ctx.error({
        message: {
          zh: `说明文字的增减百分比 ${format(c.percent.value)}% 与增减额 ${format(delta)} 除以 ${py} 年收入 ${format(base)} 所得 ${format(want)}% 不符`,
          en: `The narrative's percent change ${format(c.percent.value)}% does not match the change ${format(delta)} over the ${py} income ${format(base)}, which is ${format(want)}%`,
        },
        span: c.percent.span,
        label: L(`应为 ${format(want)}`, `should be ${format(want)}`),
        related: c.change?.span ? [{ span: c.change.span, label: L('增减额', 'change') }] : [],
        figures: [
          { label: L('增减百分比', 'percent change'), value: toPlain(c.percent.value), ...(c.percent.span ? { span: c.percent.span } : {}) },
          { label: L('增减额', 'change'), value: toPlain(delta), ...(c.change?.span ? { span: c.change.span } : {}) },
          { label: L(`${py} 年收入`, `${py} income`), value: toPlain(base), ...(b.prior.income_total.span ? { span: b.prior.income_total.span } : {}) },
        ],
        difference: toPlain(sub(c.percent.value, want)),
        help: L(`把 percent 改为 ${format(want)}（四舍五入到所写的位数）。`, `Set percent to ${format(want)} (rounded to the digits written).`),
      }, PERCENT_FACTS);
    }
  }
}

export const COMPARISON: Rule = {
  run: comparison,
  doc: {
    id: 'cross/comparison',
    severity: 'error',
    title: L('说明文字：比上年增减额与百分比', 'Narrative: the change on last year and its percentage'),
    explain: L(
      '说明文字写“比上年（如 2030 年）减少 56 万元，下降 4%”。写出的增减额必须等于本年收入（支出）总计减上年数；写出的百分比必须等于增减额除以上年数乘 100、按所写位数四舍五入；上年基数为 0 时不可比，不能写百分比。',
      'The narrative says e.g. "56 less than last year (2030, say), down 4%". A declared change must equal this year\'s total income (and expenditure) minus last year\'s; a declared percentage must equal the change over last year\'s figure × 100, rounded to the digits written; with a zero base there is no percentage.',
    ),
    example: L('comparison: {change: -56, percent: -5}  # −56 ÷ 1,290 = −4%：错误', 'comparison: {change: -56, percent: -5}  # −56 / 1,290 = −4%: error'),
  },
};
