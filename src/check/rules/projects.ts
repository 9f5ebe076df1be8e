import { ZERO } from '../../money/decimal.js';
import { SOURCES, type Project } from '../../model/budget.js';
import type { RuleCtx, Term } from '../context.js';
import { L, cellLabel } from '../labels.js';
import { SOURCE_NAMES } from '../../model/index.js';
import type { Rule } from '../rule.js';
import { sumDec, tolOf } from '../tolerance.js';
import { COL_PROJECT, cellFactOf } from '../view.js';
import { projectFact } from '../../model/facts.js';
import { PROJECT_SUMS } from '../../model/identities.js';

export function projectTerm(ctx: RuleCtx, p: Project): Term {
  return {
    fig: p.amount,
    tol: ctx.view.projectTol(p),
    label: { zh: `项目“${p.name.text}”的预算数`, en: `project "${p.name.text}"` },
    at: p.span,
    facts: [projectFact(p.name.text)],
  };
}

/** Projects: Σ projects = the project column; each project = Σ its items; source splits add up. */
function projects(ctx: RuleCtx): void {
  const v = ctx.view;
  const b = v.b;
  const root = v.functional;
  const complete = ctx.holds('projects-complete');
  if (complete)
    ctx.sum(
      { fig: COL_PROJECT.get(root.row), tol: v.cellTol(root, COL_PROJECT), label: cellLabel(root, COL_PROJECT, ctx.dept), at: root.row.span, facts: [cellFactOf(root, COL_PROJECT)] },
      b.projects.map((p) => projectTerm(ctx, p)),
      { partsName: L('各项目的预算数', 'projects'), primary: b.projects.length === 1 ? 0 : 'total' },
    );
  for (const p of b.projects) {
    const subject = L(`项目“${p.name.text}”`, `project "${p.name.text}"`);
    if (p.items.length && p.amount.span)
      ctx.sum(
        { ...projectTerm(ctx, p), short: L('预算数', 'the amount') },
        p.items.map((it) => ({
          fig: it.amount,
          tol: tolOf(it.amount, () => ZERO),
          label: { zh: `“${p.name.text}”的明细“${it.name.text}”`, en: `item "${it.name.text}" of "${p.name.text}"` },
          short: L(`明细“${it.name.text}”`, `item "${it.name.text}"`),
          facts: [projectFact(p.name.text, `items[${it.name.text}]`)],
        })),
        { subject, partsName: L('各明细', 'items') },
      );
    const written = SOURCES.filter((s) => p.by_source[s]);
    if (written.some((s) => p.by_source[s]?.span))
      ctx.sum(
        { ...projectTerm(ctx, p), short: L('预算数', 'the amount') },
        written.map((s) => ({
          fig: p.by_source[s],
          tol: tolOf(p.by_source[s], () => ZERO),
          label: { zh: `项目“${p.name.text}”中${SOURCE_NAMES[s].zh}`, en: `${SOURCE_NAMES[s].en} of "${p.name.text}"` },
          short: L(SOURCE_NAMES[s].zh, SOURCE_NAMES[s].en),
          facts: [projectFact(p.name.text, `by_source.${s}`)],
        })),
        { subject, partsName: L('各资金来源', 'funding sources') },
      );
  }
  // each source other than general: the projects' shares equal the rows' project expenditure from it
  if (!complete || !v.multiSource) return;
  for (const s of SOURCES) {
    if (s === 'general') continue;
    const rows = v.sourceSum(root, s, 'project');
    const shares = b.projects.map((p) => v.projectSource(p, s));
    if (!rows.written && !shares.some((x) => x.fig?.span)) continue;
    ctx.same(
      {
        fig: { value: sumDec(shares.map((x) => x.fig?.value ?? ZERO)) },
        tol: sumDec(shares.map((x) => x.tol)),
        label: L(`各项目中${SOURCE_NAMES[s].zh}合计`, `projects' ${SOURCE_NAMES[s].en}`),
        get facts() {
          return b.projects.flatMap((p) => v.projectFacts(p, s));
        },
      },
      {
        fig: { value: rows.value },
        tol: rows.tol,
        ...(rows.at ? { at: rows.at } : {}),
        label: L(`各功能科目中由${SOURCE_NAMES[s].zh}安排的项目支出`, `functional rows' project expenditure from ${SOURCE_NAMES[s].en}`),
        get facts() {
          return rows.facts;
        },
      },
      {},
    );
  }
}

export const PROJECTS: Rule = {
  run: projects,
  doc: {
    id: PROJECT_SUMS.rule,
    severity: 'error',
    title: L('项目合计等于项目支出；每个项目等于其明细之和', 'Projects add up to the project column; each project to its items'),
    explain: L(
      '各项目预算数之和必须等于功能分类部门合计行的项目支出；说明文字逐项叙述的项目明细（如“系统运行维护 456 万元……”）之和必须等于该项目的预算数；项目按资金来源拆分时，各来源之和等于项目预算数，且各来源合计与科目中由该来源安排的项目支出一致。',
      'The projects must add up to the project column of the functional classification\'s department row; the items the narrative lists under a project must add up to the project\'s amount; a project split by funding source must add up to its amount, and each source\'s projects must match the rows\' project expenditure from that source.',
    ),
    example: L(
      'projects:\n  - name: 一般管理事务\n    amount: 70\n    items: [{name: 劳务派遣人员, amount: 35}, {name: 其他一般管理事务, amount: 53}]  # 88 ≠ 70：错误',
      'projects:\n  - name: 一般管理事务\n    amount: 70\n    items: [{name: 劳务派遣人员, amount: 35}, {name: 其他一般管理事务, amount: 53}]  # 88 ≠ 70: error',
    ),
  },
};
