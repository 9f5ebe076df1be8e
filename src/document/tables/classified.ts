import type { ClassRow, Source } from '../../model/budget.js';
import { type Dec, ZERO, isZero, sum } from '../../money/decimal.js';
import type { ColumnSpec, HeaderNode, Table } from '../model.js';
import { type MutRow, linkColumns, linkSum, num, text } from '../cells.js';
import { type Part, type TableCtx, amountFrom, childIndices, fundedFrom, listedTable, topIndices } from './common.js';

export const NO_AMOUNT_NOTE = '注：本表本年无发生额。';

interface ClassSpec {
  /** The table's number: 表n. */
  readonly n: number;
  readonly title: string;
  readonly dept: ClassRow;
  readonly rows: readonly ClassRow[];
  /** Figure columns after 支出总计 | 基本支出 | 项目支出 (Table 3's procurement). */
  readonly extraHeader?: HeaderNode[];
  readonly figures: (r: ClassRow, isDept: boolean) => Dec[];
  readonly notes: string[];
  /** Relative widths of the figure columns (default 1.2 each); long header labels need more. */
  readonly figureWidths?: number[];
}

/** 预算单位 | 科目编码 | 科目名称 | 支出总计 | 基本支出 | 项目支出 [| …]: Tables 3, 7, 8, 10, 11. */
function classTable(ctx: TableCtx, s: ClassSpec): Table {
  const { f } = ctx;
  const rows: MutRow[] = [
    { cells: [text(ctx.dept), text(''), text(''), ...s.figures(s.dept, true).map((v) => num(v, f))], style: 'total' },
  ];
  for (const r of s.rows) {
    rows.push({
      cells: [text(''), text(r.code.text), text(r.name.text, { indent: r.level - 1 }), ...s.figures(r, false).map((v) => num(v, f))],
      ...(r.level === 1 ? { style: 'subtotal' as const } : {}),
    });
  }
  const nFig = rows[0].cells.length - 3;
  const figCols = Array.from({ length: nFig }, (_, i) => i + 3);
  // Department row → 类 rows, each row → its children, column by column.
  linkColumns(rows, 0, topIndices(s.rows).map((i) => i + 1), figCols, f.unit);
  s.rows.forEach((_, i) => linkColumns(rows, i + 1, childIndices(s.rows, i).map((j) => j + 1), figCols, f.unit));
  // 支出总计 = 基本支出 + 项目支出 on every row.
  rows.forEach((_, r) => linkSum(rows, { row: r, col: 3 }, [{ row: r, col: 4 }, { row: r, col: 5 }], f.unit, '基本支出 + 项目支出'));

  const header: HeaderNode[] = [
    { label: '预算单位' },
    { label: '科目编码' },
    { label: '科目名称' },
    { label: '支出总计' },
    { label: '基本支出' },
    { label: '项目支出' },
    ...(s.extraHeader ?? []),
  ];
  const columns: ColumnSpec[] = [
    { width: s.extraHeader ? 2 : 3, kind: 'text' },
    { width: s.extraHeader ? 1.3 : 1.5, kind: 'code' },
    { width: s.extraHeader ? 4.4 : 4, kind: 'text' },
    ...figCols.map((_, i) => ({ width: s.figureWidths?.[i] ?? 1.2, kind: 'number' as const })),
  ];
  return listedTable(ctx, s.n, { title: s.title, orientation: 'portrait', header, columns, rows, notes: s.notes });
}

const PARTS: Part[] = ['total', 'basic', 'project'];

/** 表3 支出总表: every functional row, all sources, with government procurement. */
export function table3(ctx: TableCtx): Table {
  const { functional } = ctx.budget;
  const top = functional.rows.filter((r) => r.level === Math.min(...functional.rows.map((x) => x.level)));
  const deptProcurement = functional.total.procurement ?? {
    total: { value: sum(top.map((r) => r.procurement?.total.value ?? ZERO)) },
    sme: { value: sum(top.map((r) => r.procurement?.sme.value ?? ZERO)) },
    micro: { value: sum(top.map((r) => r.procurement?.micro.value ?? ZERO)) },
  };
  return classTable(ctx, {
    n: 3,
    title: '支出总表',
    dept: functional.total,
    rows: functional.rows,
    extraHeader: [
      {
        label: `${ctx.year} 年政府采购项目`,
        children: [{ label: '小计' }, { label: '其中：面向中小企业政府采购项目' }, { label: '其中：面向小型、微型企业政府采购项目' }],
      },
    ],
    figures: (r, isDept) => {
      const p = isDept ? deptProcurement : r.procurement;
      return [r.total.value, r.basic.value, r.project.value, p?.total.value ?? ZERO, p?.sme.value ?? ZERO, p?.micro.value ?? ZERO];
    },
    figureWidths: [1.1, 1.1, 1.1, 1.1, 1.6, 1.6],
    notes: [],
  });
}

function bySourceTable(ctx: TableCtx, n: number, title: string, rows: readonly ClassRow[], dept: ClassRow, sources: Source[]): Table {
  const shown = rows.filter((r) => fundedFrom(r, sources));
  const figures = (r: ClassRow) => PARTS.map((p) => amountFrom(r, p, sources));
  const empty = shown.length === 0 && figures(dept).every(isZero);
  return classTable(ctx, { n, title, dept, rows: shown, figures, notes: empty ? [NO_AMOUNT_NOTE] : [] });
}

/** 表7 一般公共预算支出表（按功能分类）. */
export function table7(ctx: TableCtx): Table {
  const { functional } = ctx.budget;
  return bySourceTable(ctx, 7, '一般公共预算支出表（按功能分类）', functional.rows, functional.total, ['general']);
}

/** 表8 一般公共预算支出表（按经济分类）. */
export function table8(ctx: TableCtx): Table {
  const { economic } = ctx.budget;
  return bySourceTable(ctx, 8, '一般公共预算支出表（按经济分类）', economic.rows, economic.total, ['general']);
}

/** 表10 政府性基金预算支出表. */
export function table10(ctx: TableCtx): Table {
  const { functional } = ctx.budget;
  return bySourceTable(ctx, 10, '政府性基金预算支出表', functional.rows, functional.total, ['gov_fund']);
}

/** 表11 国有资本经营预算支出表. */
export function table11(ctx: TableCtx): Table {
  const { functional } = ctx.budget;
  return bySourceTable(ctx, 11, '国有资本经营预算支出表', functional.rows, functional.total, ['soe']);
}
