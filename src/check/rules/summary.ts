import { ZERO } from '../../money/decimal.js';
import type { Fig } from '../../model/budget.js';
import type { RuleCtx, Term } from '../context.js';
import { L, cellLabel } from '../labels.js';
import type { Rule } from '../rule.js';
import { sumsOf } from '../../model/identities.js';
import { sumDec, tolOf } from '../tolerance.js';
import { COL_BASIC, COL_PROJECT, COL_TOTAL, cellFactOf, type ClassNode } from '../view.js';

const LINES = {
  personnel: L('人员支出', 'personnel expenditure'),
  public: L('公用支出', 'public (operating) expenditure'),
  household: L('对个人和家庭的补助支出', 'subsidies to individuals and households'),
  project: L('项目支出', 'project expenditure'),
  total: L('预算总额', 'budget total'),
} as const;

/** Part 3's breakdown: 人员 + 公用 + 对个人和家庭 + 项目 = total, each line = its economic codes' basic. */
function summary(ctx: RuleCtx): void {
  const v = ctx.view;
  const s = v.b.summary;
  // A layout that publishes no such breakdown writes none: nothing to compare.
  if (s.declared === false) return;
  const line = (k: keyof typeof LINES, f: Fig): Term => ({
    fig: f,
    tol: v.factTol(`summary.${k}`),
    label: k === 'total' ? LINES.total : { zh: `预算总额中的${LINES[k].zh}`, en: `${LINES[k].en} in the budget total` },
    short: LINES[k],
    facts: [`summary.${k}`],
  });
  // personnel + public + household + project = total (src/model/identities.ts)
  const [id] = sumsOf('cross/summary');
  const lines = id!.parts.map((f) => {
    const k = f.slice('summary.'.length) as 'personnel' | 'public' | 'household' | 'project';
    return line(k, s[k]);
  });
  const total: Term = {
    fig: s.total,
    tol: v.factTol('summary.total'),
    label: LINES.total,
    short: LINES.total,
    facts: ['summary.total'],
  };
  if (s.total.span) ctx.sum(total, lines, { subject: L('预算总额的构成', 'the budget total\'s breakdown') });
  const root = v.functional;
  const dept = (col: typeof COL_TOTAL): Term => ({ fig: col.get(root.row), tol: v.cellTol(root, col), label: cellLabel(root, col, ctx.dept), at: root.row.span, facts: [cellFactOf(root, col)] });
  ctx.same(total, dept(COL_TOTAL), {});
  ctx.same(line('project', s.project), dept(COL_PROJECT), {});

  for (const k of ['personnel', 'public', 'household'] as const) {
    const codes = s.codes[k];
    const rows: ClassNode[] = [];
    for (const code of codes) {
      const n = v.findRow(v.economic, code);
      if (n) rows.push(n);
      else
        ctx.error({
          message: {
            zh: `预算总额中的${LINES[k].zh}所对应的经济分类科目 ${code} 不在经济分类中`,
            en: `The ${LINES[k].en} in the budget total refers to economic code ${code}, which is not in the economic classification`,
          },
          span: s[k].span,
          help: { zh: `把 codes 改为经济分类中已有的科目编码，或在经济分类中加上科目 ${code}。`, en: `Use a code that the economic classification has, or add ${code} to the economic classification.` },
        }, [`summary.${k}`, cellFactOf(v.economic, COL_TOTAL)]);
    }
    if (!rows.length) continue;
    const names = rows.map((n) => `${n.row.code.text} ${n.row.name.text}`).join('、');
    ctx.same(
      line(k, s[k]),
      {
        fig: rows.length === 1 ? COL_BASIC.get(rows[0].row) : { value: sumDec(rows.map((n) => COL_BASIC.get(n.row)?.value ?? ZERO)) },
        tol: sumDec(rows.map((n) => v.cellTol(n, COL_BASIC))),
        label: { zh: `经济分类 ${names} 的基本支出`, en: `basic expenditure of economic ${names}` },
        at: rows[0].row.span,
        facts: rows.map((n) => cellFactOf(n, COL_BASIC)),
      },
      {},
    );
  }
}

export const SUMMARY: Rule = {
  run: summary,
  doc: {
    id: 'cross/summary',
    severity: 'error',
    title: L('预算总额的构成：人员、公用、对个人和家庭、项目支出之和为预算总额，各项与经济分类一致', 'Budget breakdown: personnel + public + household + project = total, each line matching the economic classification'),
    explain: L(
      '说明文字“部门预算支出具体情况”把预算总额分为人员支出、公用支出、对个人和家庭的补助支出、项目支出四项，四项之和必须等于预算总额（即功能分类部门合计行的支出总计），项目支出等于其项目支出；人员、公用、对个人和家庭三项分别对应经济分类中所列科目（codes，通常为 301、302、303）的基本支出，允许尾数误差。',
      'The narrative splits the budget into personnel, public (operating), household subsidies and projects; the four must add up to the total (the department row of the functional classification), and the project line equals the project column. The first three lines correspond to the basic column of the economic codes listed under `codes` (usually 301, 302, 303), with rounding tolerance.',
    ),
    example: L(
      'summary:\n  public: {amount: 28, codes: [302]}   # 经济分类 302 基本支出 27：相差 1，尾数误差（注记）',
      'summary:\n  public: {amount: 28, codes: [302]}   # economic 302 basic is 27: a rounding note',
    ),
  },
};
