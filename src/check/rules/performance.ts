import { ZERO } from '../../money/decimal.js';
import type { Fig, PerformanceTask } from '../../model/budget.js';
import type { RuleCtx, Term } from '../context.js';
import { L, cellLabel } from '../labels.js';
import type { Rule } from '../rule.js';
import { sumDec, tolOf } from '../tolerance.js';
import { COL_BASIC, COL_TOTAL, cellFactOf } from '../view.js';
import { projectTerm } from './projects.js';
import { FORM_TOTALS, TASK_COLUMNS, TASK_SUM, type TaskColumn } from '../../model/identities.js';

const COLS: Record<TaskColumn, { zh: string; en: string }> = {
  total: L('总额', 'total'),
  fiscal: L('其中：财政拨款', 'of which fiscal'),
  other: L('其中：其他资金', 'of which other funds'),
};

/** Table 12: tasks add up to the totals, each task = fiscal + other, each task = what it refers to. */
function performance(ctx: RuleCtx): void {
  const v = ctx.view;
  const perf = v.b.performance;
  // the identities of the form (src/model/identities.ts): a task's total = fiscal + other; each
  // form total = Σ the tasks' column
  const taskTerm = (t: PerformanceTask, k: TaskColumn): Term => {
    const f: Fig = t[k];
    const tol = tolOf(f, () => (k === TASK_SUM.total ? sumDec(TASK_SUM.parts.map((p) => tolOf(t[p], () => ZERO))) : ZERO));
    return { fig: f, tol, label: { zh: `整体绩效目标 任务“${t.name.text}”${COLS[k].zh}`, en: `performance targets task "${t.name.text}" ${COLS[k].en}` }, short: COLS[k], at: t.span, facts: [`performance.tasks[${t.name.text}].${k}`] };
  };
  const totalTerm = (k: TaskColumn): Term => ({
    fig: perf[FORM_TOTALS[k]],
    tol: tolOf(perf[FORM_TOTALS[k]], () => sumDec(perf.tasks.map((t) => taskTerm(t, k).tol))),
    label: { zh: `整体绩效目标 金额合计${COLS[k].zh}`, en: `performance targets sum ${COLS[k].en}` },
    facts: [`performance.${FORM_TOTALS[k]}`],
  });
  for (const k of TASK_COLUMNS) {
    if (!perf[FORM_TOTALS[k]].span) continue;
    ctx.sum(totalTerm(k), perf.tasks.map((t) => taskTerm(t, k)), { partsName: L(`各任务的${COLS[k].zh}`, `tasks' ${COLS[k].en}`) });
  }
  if (perf[FORM_TOTALS[TASK_SUM.total]].span)
    ctx.sum(totalTerm(TASK_SUM.total), TASK_SUM.parts.map(totalTerm), { subject: L('整体绩效目标 金额合计', 'performance targets sum') });
  for (const t of perf.tasks) {
    if (t[TASK_SUM.total].span)
      ctx.sum(taskTerm(t, TASK_SUM.total), TASK_SUM.parts.map((p) => taskTerm(t, p)), { subject: L(`整体绩效目标 任务“${t.name.text}”`, `performance targets task "${t.name.text}"`) });
    if (!t.ref) continue;
    if ('project' in t.ref) {
      const name = t.ref.project;
      const p = v.b.projects.find((x) => x.name.text === name);
      if (!p) {
        ctx.error({
          message: { zh: `整体绩效目标 任务“${t.name.text}”对应的项目“${name}”不存在`, en: `Performance targets task "${t.name.text}" refers to a project "${name}" that does not exist` },
          span: t.span,
          help: { zh: `把 ref 改为已有项目的名称：${v.b.projects.map((x) => x.name.text).join('、')}。`, en: `Refer to an existing project: ${v.b.projects.map((x) => x.name.text).join(', ')}.` },
        }, [`performance.tasks[${t.name.text}].total`]);
        continue;
      }
      ctx.same(taskTerm(t, 'total'), projectTerm(ctx, p), {});
    } else {
      const root = v.functional;
      ctx.same(taskTerm(t, 'total'), { fig: COL_BASIC.get(root.row), tol: v.cellTol(root, COL_BASIC), label: cellLabel(root, COL_BASIC, ctx.dept), at: root.row.span, facts: [cellFactOf(root, COL_BASIC)] }, {});
    }
  }
  // 整体支出 covers the whole budget
  if (!ctx.holds('performance-covers-budget')) return;
  const root = v.functional;
  ctx.same(totalTerm('total'), { fig: COL_TOTAL.get(root.row), tol: v.cellTol(root, COL_TOTAL), label: cellLabel(root, COL_TOTAL, ctx.dept), at: root.row.span, facts: [cellFactOf(root, COL_TOTAL)] }, {});
}

export const PERFORMANCE: Rule = {
  run: performance,
  doc: {
    id: 'sum/performance',
    severity: 'error',
    title: L('整体绩效目标：任务金额相加为合计，每项任务与其项目或基本支出一致', 'Performance targets: tasks add up to the total and match their projects or the basic expenditure'),
    explain: L(
      '整体绩效目标：各年度主要任务的总额、财政拨款、其他资金分别相加等于金额合计；每项任务总额 = 财政拨款 + 其他资金；写明对应项目（ref: {project: 名称}）的任务等于该项目预算数，对应基本支出（ref: {basic: true}）的任务等于基本支出；金额合计等于部门预算支出总计。',
      'Overall performance targets: the tasks\' total, fiscal and other-funds columns add up to the sum row; each task\'s total = fiscal + other; a task that refers to a project equals that project\'s amount, one that refers to the basic expenditure equals the basic column; the sum equals the department\'s total expenditure.',
    ),
    example: L(
      'performance:\n  tasks:\n    - {name: 一般管理事务, total: 75, fiscal: 75, other: 0, ref: {project: 一般管理事务}}  # 项目为 70：错误',
      'performance:\n  tasks:\n    - {name: 一般管理事务, total: 75, fiscal: 75, other: 0, ref: {project: 一般管理事务}}  # the project is 70: error',
    ),
  },
};
