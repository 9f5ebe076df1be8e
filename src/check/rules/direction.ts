import type { Text } from '../../model/budget.js';
import { THREE_PUBLIC_NAMES } from '../../model/index.js';
import { type Dec, isZero, sub, toPlain } from '../../money/decimal.js';
import type { RuleCtx } from '../context.js';
import { L } from '../labels.js';
import type { Rule } from '../rule.js';

const UP = /增加|增长|上升|提高/;
const DOWN = /减少|下降|降低|压减/;

/**
 * A text written by hand that explains a change (预算收支增减主要原因, a 三公 line's reason) and
 * words it in the direction the figures do not go: 增加 where the budget falls, 减少 where it rises.
 * A warning, not an error: a reason may mention both (压减开支…增加投入); only a text that names the
 * opposite direction alone is reported.
 */
function direction(ctx: RuleCtx): void {
  const b = ctx.view.b;
  const check = (t: Text | undefined, change: Dec, what: { zh: string; en: string }, subject: { zh: string; en: string }) => {
    if (!t) return;
    ctx.checked++;
    const up = UP.test(t.text);
    const down = DOWN.test(t.text);
    if (up === down) return; // neither or both: nothing to contradict
    const rises = change.coef > 0n;
    const falls = change.coef < 0n;
    if ((up && rises) || (down && falls)) return;
    const word = up ? (t.text.match(UP)![0]) : t.text.match(DOWN)![0];
    const dir = isZero(change) ? L('持平', 'unchanged') : rises ? L('增加', 'up') : L('减少', 'down');
    ctx.diagnostics.push({
      severity: 'warning',
      rule: ctx.id,
      message: L(
        `${what.zh}写的是“${word}”，而${subject.zh}比上年${dir.zh}（${toPlain(change)}）`,
        `${what.en} says "${word}", but ${subject.en} is ${dir.en} on the prior year (${toPlain(change)})`,
      ),
      ...(t.span ? { span: t.span } : {}),
      related: [],
      figures: [],
      help: L('核对说明文字与数字的增减方向：改正写反的词，或核对上年数。', 'Check the wording against the figures: correct the word, or the prior-year figure.'),
    });
  };
  if (!isZero(b.prior.income_total.value)) check(b.prose.change_reason, sub(b.income.total.value, b.prior.income_total.value), L('预算收支增减主要原因', 'the reason for the change'), L('收入预算', 'the income budget'));
  const tp = b.three_public;
  for (const k of Object.keys(tp.reasons) as (keyof typeof tp.reasons)[])
    check(tp.reasons[k], sub(tp.this_year[k].value, tp.last_year[k].value), L(`${THREE_PUBLIC_NAMES[k].zh}增减原因`, `the reason for ${THREE_PUBLIC_NAMES[k].en}`), THREE_PUBLIC_NAMES[k]);
}

export const DIRECTION: Rule = {
  run: direction,
  doc: {
    id: 'prose/direction',
    severity: 'warning',
    title: L('说明文字的增减方向与数字一致', 'Direction words in prose agree with the change they explain'),
    explain: L(
      '手写的增减原因（预算收支增减主要原因、“三公”各项的原因）里的“增加/增长”“减少/下降”须与它所解释的变化方向一致：收入比上年减少时写“增加”、增加时写“减少”报告为警告（同时出现两个方向的词不报告）。模板按数字的正负自动措辞，只有手写文字会写反。',
      'A hand-written reason (for the change of the budget, for a 三公 line) that says 增加/增长 where the figure falls, or 减少/下降 where it rises, is a warning (a text naming both directions is not reported). The templates word the change by its sign; only hand-written text can contradict it.',
    ),
    example: L('prose: {change_reason: 人员经费增加}   # 收入比上年减少 160：警告', 'prose: {change_reason: 人员经费增加}   # income fell by 160: warning'),
  },
};
