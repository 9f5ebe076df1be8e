import { type MutCell, type MutRow, linkColumns, linkSum, num, text } from '../cells.js';
import type { KindFacts, TableBody, TableCtx } from './common.js';
import type { Fact } from '../../model/facts.js';
import { FORM_TOTALS, TASK_COLUMNS, TASK_SUM, type TaskColumn } from '../../model/identities.js';

const taskFact = (task: string, k: TaskColumn): Fact => `performance.tasks[${task}].${k}`;
const totalFact = (c: TaskColumn): Fact => `performance.${FORM_TOTALS[c]}`;

/**
 * The department's performance targets (整体支出绩效目标): a form, not a grid, so it has no header tree; its labels are body
 * cells with spans. Six columns: label | B | C | D | E | F, where the task block uses
 * 任务名称 | 主要内容 | 总额 | 财政拨款 | 其他资金 and the indicator block
 * 一级指标 | 二级指标 | 三级指标 (D+E) | 目标值.
 */
export function performanceForm(ctx: TableCtx): TableBody {
  const { performance: p, department } = ctx.budget;
  const { f } = ctx;
  const rows: MutRow[] = [];
  // The form's labels are its header: bold, like the header cells of the other tables.
  const L = (t: string, extra: Parameters<typeof text>[1] = {}) => text(t, { align: 'center', bold: true, ...extra });

  rows.push({ cells: [L('名称'), text(department.name.text, { colSpan: 2 }), null, L('主管部门'), text(department.supervisor?.text ?? '', { colSpan: 2 }), null] });

  const taskBlock = 2 + p.tasks.length + 1;
  rows.push({
    cells: [L('年度主要任务', { rowSpan: taskBlock }), L('任务名称', { rowSpan: 2 }), L('主要内容', { rowSpan: 2 }), L(`预算金额（${f.unit}）`, { colSpan: 3 }), null, null],
  });
  rows.push({ cells: [null, null, null, L('总额'), L('其中：财政拨款'), L('其中：其他资金')] });
  const firstTask = rows.length;
  for (const t of p.tasks) {
    rows.push({ cells: [null, text(t.name.text), text(t.content.text), ...TASK_COLUMNS.map((k) => num(t[k].value, f, [taskFact(t.name.text, k)]))] });
  }
  const totalRow = rows.length;
  rows.push({ cells: [null, L('金额合计', { colSpan: 2 }), null, ...TASK_COLUMNS.map((c) => num(p[FORM_TOTALS[c]].value, f, [totalFact(c)]))], style: 'total' });
  // The form's identities (src/model/identities.ts): a task's total = fiscal + other, the totals row
  // = the tasks' column; the amount columns are 3, 4, 5 in TASK_COLUMNS' order.
  const at = (c: TaskColumn) => 3 + TASK_COLUMNS.indexOf(c);
  for (let r = firstTask; r <= totalRow; r++) linkSum(rows, { row: r, col: at(TASK_SUM.total) }, TASK_SUM.parts.map((c) => ({ row: r, col: at(c) })), f.unit, '财政拨款 + 其他资金');
  linkColumns(rows, totalRow, p.tasks.map((_, i) => firstTask + i), TASK_COLUMNS.map(at), f.unit);

  rows.push({ cells: [L('年度总体目标'), text(p.goal.text, { colSpan: 5 }), null, null, null, null] });

  const inds = p.indicators;
  rows.push({ cells: [L('年度绩效指标', { rowSpan: 1 + inds.length }), L('一级指标'), L('二级指标'), L('三级指标', { colSpan: 2 }), null, L('目标值')], repeat: true });
  const cells: (MutCell | null)[][] = inds.map((ind) => [null, text(ind.level1.text, { align: 'center' }), text(ind.level2.text, { align: 'center' }), text(ind.level3.text, { colSpan: 2 }), null, text(ind.target.text)]);
  // Merge runs of the same 一级指标, and of the same 二级指标 within one 一级 run.
  const merge = (col: number, key: (i: number) => string) => {
    for (let i = 0; i < inds.length; ) {
      let j = i + 1;
      while (j < inds.length && key(j) === key(i)) j++;
      if (j - i > 1) {
        cells[i][col] = { ...(cells[i][col] as MutCell), rowSpan: j - i };
        for (let k = i + 1; k < j; k++) cells[k][col] = null;
      }
      i = j;
    }
  };
  merge(1, (i) => inds[i].level1.text);
  merge(2, (i) => `${inds[i].level1.text}\u0000${inds[i].level2.text}`);
  // No 二级指标 (成本): the 一级指标 cell spans the 二级指标 column, for each row of its run.
  inds.forEach((ind, i) => {
    if (ind.level2.text !== '' || cells[i][2] === null) return;
    const runOfBlank = cells[i][1] !== null && (cells[i][1]!.rowSpan ?? 1) === (cells[i][2]!.rowSpan ?? 1);
    if (!runOfBlank) return;
    cells[i][1] = { ...cells[i][1]!, colSpan: 2 };
    cells[i][2] = null;
  });
  for (const c of cells) rows.push({ cells: c });

  return {
    header: [],
    columns: [
      { width: 1.3, kind: 'text' },
      { width: 2.2, kind: 'text' },
      { width: 3.4, kind: 'text' },
      { width: 2, kind: 'text' },
      { width: 2, kind: 'text' },
      { width: 1.7, kind: 'text' },
    ],
    rows,
  };
}

/** The facts the form's cells show (`performanceForm`, `KindFacts`): each task's amounts and the totals. */
export const performanceFormFacts: KindFacts<unknown> = {
  fixed: (b, _, out) => {
    for (const t of b.performance.tasks) for (const k of TASK_COLUMNS) out.add(taskFact(t.name.text, k));
    for (const c of TASK_COLUMNS) out.add(totalFact(c));
  },
};
