import type { ClassRow } from '../../model/budget.js';
import { isZero } from '../../money/decimal.js';
import { ROW_SUM } from '../../model/identities.js';
import type { ColumnSpec, HeaderNode } from '../model.js';
import type { TableDecl } from '../../profile/index.js';
import { type MutRow, type Shown, linkSum, numOf, text } from '../cells.js';
import { type KindFacts, type Part, type TableBody, type TableCtx, addAll, amountFromShown, declaredHeader, fundedFrom, linkRollUp, rowShown, shownTree } from './common.js';

interface ClassSpec {
  readonly header: HeaderNode[];
  readonly cls: 'functional' | 'economic';
  /** The classification column each figure column shows (its id, src/model/facts.ts `cellFact`). */
  readonly shows: readonly string[];
  readonly dept: ClassRow;
  readonly rows: readonly ClassRow[];
  /** Figure columns follow 支出总计 | 基本支出 | 项目支出 (procurement): the code and name columns narrow. */
  readonly extra: boolean;
  readonly figures: (r: ClassRow) => Shown[];
  readonly empty?: boolean;
  /** Relative widths of the figure columns (default 1.2 each); long header labels need more. */
  readonly figureWidths?: number[];
}

/** 预算单位 | 科目编码 | 科目名称 | 支出总计 | 基本支出 | 项目支出 [| …]: the classification tables. */
function classTable(ctx: TableCtx, s: ClassSpec): TableBody {
  const { f } = ctx;
  const rows: MutRow[] = [
    { cells: [text(ctx.dept), text(''), text(''), ...s.figures(s.dept).map((v) => numOf(v, f))], style: 'total' },
  ];
  for (const r of s.rows) {
    rows.push({
      cells: [text(''), text(r.code.text), text(r.name.text, { indent: r.level - 1 }), ...s.figures(r).map((v) => numOf(v, f))],
      ...(r.level === 1 ? { style: 'subtotal' as const } : {}),
    });
  }
  const nFig = rows[0].cells.length - 3;
  const figCols = Array.from({ length: nFig }, (_, i) => i + 3);
  // Department row → 类 rows, each row → its children, in the rolled-up columns (src/model/identities.ts).
  linkRollUp(rows, s.cls, shownTree(ctx.budget[s.cls], s.rows), 0, (i) => i + 1, figCols, s.shows, f.unit);
  // 支出总计 = 基本支出 + 项目支出 on every row (src/model/identities.ts); the figure columns start
  // with total | basic | project.
  const at = (c: string) => 3 + PARTS.indexOf(c as Part);
  rows.forEach((_, r) => linkSum(rows, { row: r, col: at(ROW_SUM.total) }, ROW_SUM.parts.map((c) => ({ row: r, col: at(c) })), f.unit, '基本支出 + 项目支出'));

  const columns: ColumnSpec[] = [
    { width: s.extra ? 2 : 3, kind: 'text' },
    { width: s.extra ? 1.3 : 1.5, kind: 'code' },
    { width: s.extra ? 4.4 : 4, kind: 'text' },
    ...figCols.map((_, i) => ({ width: s.figureWidths?.[i] ?? 1.2, kind: 'number' as const })),
  ];
  return { header: s.header, columns, rows, empty: s.empty };
}

const PARTS: Part[] = ['total', 'basic', 'project'];

type ProcurementDecl = Extract<TableDecl, { kind: 'expenditure-with-procurement' }>;

const PROCUREMENT_COLS = ['total', 'basic', 'project', 'procurement.total', 'procurement.sme', 'procurement.micro'] as const;

/** Every functional row, all sources, with government procurement. */
export function expenditureWithProcurement(ctx: TableCtx, d: ProcurementDecl): TableBody {
  const { functional } = ctx.budget;
  const cols = PROCUREMENT_COLS;
  return classTable(ctx, {
    header: declaredHeader(ctx, d.header),
    cls: 'functional',
    shows: cols,
    dept: functional.total,
    rows: functional.rows,
    extra: true,
    // The model sums an omitted procurement of a parent row (the department row too) from its children.
    figures: (r) => cols.map((c) => rowShown('functional', r, c)),
    figureWidths: [1.1, 1.1, 1.1, 1.1, 1.6, 1.6],
  });
}

type BySourceDecl = Extract<TableDecl, { kind: 'classified-by-source' }>;

/** The rows of a classification paid from the declared sources, with the amounts from them. */
export function classifiedBySource(ctx: TableCtx, d: BySourceDecl): TableBody {
  const { rows, total: dept } = ctx.budget[d.classification];
  const shown = rows.filter((r) => fundedFrom(r, d.sources));
  const figures = (r: ClassRow) => PARTS.map((p) => amountFromShown(d.classification, r, p, d.sources));
  const empty = shown.length === 0 && figures(dept).every((x) => isZero(x.value));
  // a part from some sources is the sum of the row's split columns, each rolled up
  return classTable(ctx, { header: declaredHeader(ctx, d.header), cls: d.classification, shows: PARTS, dept, rows: shown, extra: false, figures, empty });
}

/* The facts each kind's cells show (`KindFacts`): the department row and the rows the builder above shows, each figure by the function the builder takes it from. */

export const expenditureWithProcurementFacts: KindFacts<ProcurementDecl> = {
  cls: () => 'functional',
  fixed: (b, _, out) => {
    for (const c of PROCUREMENT_COLS) addAll(out, rowShown('functional', b.functional.total, c).facts);
  },
  row: (r, _, out) => {
    for (const c of PROCUREMENT_COLS) addAll(out, rowShown('functional', r, c).facts);
  },
};

export const classifiedBySourceFacts: KindFacts<BySourceDecl> = {
  cls: (d) => d.classification,
  fixed: (b, d, out) => {
    for (const p of PARTS) addAll(out, amountFromShown(d.classification, b[d.classification].total, p, d.sources).facts);
  },
  row: (r, d, out) => {
    if (fundedFrom(r, d.sources)) for (const p of PARTS) addAll(out, amountFromShown(d.classification, r, p, d.sources).facts);
  },
};
