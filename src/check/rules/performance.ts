import { ZERO } from '../../money/decimal.js';
import type { Fig, PerformanceTask } from '../../model/budget.js';
import type { RuleCtx, Term } from '../context.js';
import { L, cellLabel } from '../labels.js';
import type { Rule } from '../rule.js';
import { sumDec, tolOf } from '../tolerance.js';
import { COL_BASIC, COL_TOTAL } from '../view.js';
import { projectTerm } from './projects.js';

const COLS = {
  total: L('总额', 'total'),
  fiscal: L('其中：财政拨款', 'of which fiscal'),
  other: L('其中：其他资金', 'of which other funds'),
} as const;
const FEEDS = ['表12'];

/** Table 12: tasks add up to the totals, each task = fiscal + other, each task = what it refers to. */
function performance(ctx: RuleCtx): void {
  const v = ctx.view;
  const perf = v.b.performance;
  const taskTerm = (t: PerformanceTask, k: keyof typeof COLS): Term => {
    const f: Fig = t[k];
    const tol = tolOf(f, () => (k === 'total' ? sumDec([tolOf(t.fiscal, () => ZERO), tolOf(t.other, () => ZERO)]) : ZERO));
    return { fig: f, tol, label: { zh: `表12 任务“${t.name.text}”${COLS[k].zh}`, en: `Table 12 task "${t.name.text}" ${COLS[k].en}` }, short: COLS[k], at: t.span };
  };
  const totalFig = { total: perf.total, fiscal: perf.total_fiscal, other: perf.total_other } as const;
  const totalTerm = (k: keyof typeof COLS): Term => ({
    fig: totalFig[k],
    tol: tolOf(totalFig[k], () => sumDec(perf.tasks.map((t) => taskTerm(t, k).tol))),
    label: { zh: `表12 金额合计${COLS[k].zh}`, en: `Table 12 sum ${COLS[k].en}` },
  });
  for (const k of Object.keys(COLS) as (keyof typeof COLS)[]) {
    if (!totalFig[k].span) continue;
    ctx.sum(totalTerm(k), perf.tasks.map((t) => taskTerm(t, k)), { feeds: FEEDS, partsName: L(`各任务的${COLS[k].zh}`, `tasks' ${COLS[k].en}`) });
  }
  if (perf.total.span)
    ctx.sum(totalTerm('total'), [totalTerm('fiscal'), totalTerm('other')], { subject: L('表12 金额合计', 'Table 12 sum'), feeds: FEEDS });
  for (const t of perf.tasks) {
    if (t.total.span)
      ctx.sum(taskTerm(t, 'total'), [taskTerm(t, 'fiscal'), taskTerm(t, 'other')], { subject: L(`表12 任务“${t.name.text}”`, `Table 12 task "${t.name.text}"`), feeds: FEEDS });
    if (!t.ref) continue;
    if ('project' in t.ref) {
      const name = t.ref.project;
      const p = v.b.projects.find((x) => x.name.text === name);
      if (!p) {
        ctx.error({
          message: { zh: `表12 任务“${t.name.text}”对应的项目“${name}”不存在`, en: `Table 12 task "${t.name.text}" refers to a project "${name}" that does not exist` },
          span: t.span,
          feeds: FEEDS,
          help: { zh: `把 ref 改为已有项目的名称：${v.b.projects.map((x) => x.name.text).join('、')}。`, en: `Refer to an existing project: ${v.b.projects.map((x) => x.name.text).join(', ')}.` },
        });
        continue;
      }
      ctx.same(taskTerm(t, 'total'), projectTerm(ctx, p), { feeds: ['表12', '表5'] });
    } else {
      const root = v.functional;
      ctx.same(taskTerm(t, 'total'), { fig: COL_BASIC.get(root.row), tol: v.cellTol(root, COL_BASIC), label: cellLabel(root, COL_BASIC, ctx.dept), at: root.row.span }, { feeds: ['表12', '表3', '表7'] });
    }
  }
  // 整体支出 covers the whole budget (profile checks: performance-covers-budget)
  const root = v.functional;
  if (ctx.holds('performance-covers-budget')) ctx.same(totalTerm('total'), { fig: COL_TOTAL.get(root.row), tol: v.cellTol(root, COL_TOTAL), label: cellLabel(root, COL_TOTAL, ctx.dept), at: root.row.span }, { feeds: ['表12', '表3', '表7'] });
}

export const PERFORMANCE: Rule = {
  run: performance,
  doc: {
    id: 'sum/performance',
    severity: 'error',
    title: L('表12：任务金额相加为合计，每项任务与其项目或基本支出一致', 'Table 12: tasks add up to the total and match their projects or the basic expenditure'),
    explain: L(
      '表12 整体支出绩效目标表：各年度主要任务的总额、财政拨款、其他资金分别相加等于金额合计；每项任务总额 = 财政拨款 + 其他资金；写明对应项目（ref: {project: 名称}）的任务等于该项目预算数，对应基本支出（ref: {basic: true}）的任务等于基本支出；金额合计等于部门预算支出总计。',
      'Table 12 (overall performance targets): the tasks\' total, fiscal and other-funds columns add up to the sum row; each task\'s total = fiscal + other; a task that refers to a project equals that project\'s amount, one that refers to the basic expenditure equals the basic column; the sum equals the department\'s total expenditure.',
    ),
    example: L(
      'performance:\n  tasks:\n    - {name: 一般管理事务, total: 75, fiscal: 75, other: 0, ref: {project: 一般管理事务}}  # 项目为 70：错误',
      'performance:\n  tasks:\n    - {name: 一般管理事务, total: 75, fiscal: 75, other: 0, ref: {project: 一般管理事务}}  # the project is 70: error',
    ),
  },
};
