import { FUNDS, isFund, type ClassRow, type Fund } from '../../model/budget.js';
import { figAt, SPLIT_SUMS, splitPart } from '../../model/identities.js';
import { CODE_LENGTHS } from '../../model/tree.js';
import { type Dec, ZERO, format, isZero, sum } from '../../money/decimal.js';
import type { ColumnSpec } from '../model.js';
import { INCOME_LINE_FACTS, topIncomeLines, type TableDecl } from '../../profile/index.js';
import { type MutCell, type MutRow, cnNumber, linkColumns, num, text } from '../cells.js';
import { type Shows, type TableBody, type TableCtx, amountFrom, declaredHeader, fundedFrom, linkRollUp, shownTree } from './common.js';

/*
 * The table kinds of layouts that print the classification code in one column per level, the 合计
 * row where the profile says, zero figures as empty cells, and an income side per 类: built from
 * the same model as the other kinds, so every figure is one the check has seen.
 */

type ColumnsDecl = Extract<TableDecl, { kind: 'classified-columns' }>;
type SummaryDecl = Extract<TableDecl, { kind: 'summary-by-class' }>;
type ThreePublicRowDecl = Extract<TableDecl, { kind: 'three-public-row' }>;

/** A figure cell; with `blank`, a zero is a number cell printed empty (the XLSX keeps the 0 and its formulas). */
function figure(v: Dec, ctx: TableCtx, blank: boolean): MutCell {
  const c = num(v, ctx.f);
  return blank && isZero(v) ? { ...c, text: '' } : c;
}

/** The digits of each level of a code: 2070101 → 207 | 01 | 01 (by the code lengths of its classification, src/model/tree.ts). */
function codeParts(code: string, lengths: readonly number[]): string[] {
  const out = lengths.map((to, l) => {
    const from = l === 0 ? 0 : lengths[l - 1]!;
    return code.length >= to ? code.slice(from, to) : code.length > from ? code.slice(from) : '';
  });
  // A code longer than the levels shown (a 7-digit 项 under a 2-level table) keeps its tail in the last column.
  const last = lengths[lengths.length - 1]!;
  if (code.length > last) out[lengths.length - 1] += code.slice(last);
  return out;
}

function classFigure(r: ClassRow, col: ColumnsDecl['columns'][number], sources: ColumnsDecl['sources']): Dec {
  switch (col) {
    case 'total':
    case 'basic':
    case 'project':
      return sources ? amountFrom(r, col, sources) : r[col].value;
    case 'personnel':
    case 'public':
      return r[col]?.value ?? ZERO;
    default: {
      const k = col.slice('income_'.length) as 'total' | 'fiscal' | 'business' | 'operating' | 'other';
      return r.income?.[k].value ?? (k === 'total' ? r.total.value : ZERO);
    }
  }
}

/** 类 | 款 | 项 | 名称 | the chosen columns, the rows in table order and the 合计 row at the top or bottom. */
export function classifiedColumns(ctx: TableCtx, d: ColumnsDecl): TableBody {
  const cls = ctx.budget[d.classification];
  const lengths = CODE_LENGTHS[d.classification];
  const levels = lengths.length;
  let shown: readonly ClassRow[] = cls.rows;
  if (d.sources) shown = shown.filter((r) => fundedFrom(r, d.sources!));
  if (d.rows === 'basic') shown = shown.filter((r) => r.basic_written);
  const totals = d.columns.map((c) => classFigure(cls.total, c, d.sources));
  const empty = shown.length === 0 && totals.every(isZero);
  const body: MutRow[] = shown.map((r) => ({
    cells: [...codeParts(r.code.text, lengths).map((c) => text(c)), text(r.name.text), ...d.columns.map((c) => figure(classFigure(r, c, d.sources), ctx, d.blank_zeros))],
    ...(r.level === 1 ? { style: 'subtotal' as const } : {}),
  }));
  const totalRow: MutRow = {
    cells: [
      text(ctx.words(d.total_label), { colSpan: levels + 1, align: 'center' }),
      ...Array.from({ length: levels }, () => null),
      ...totals.map((v) => (empty ? { ...num(v, ctx.f), text: '' } : figure(v, ctx, d.blank_zeros))),
    ],
    style: 'total',
  };
  const top = d.total_row === 'top';
  const rows = top ? [totalRow, ...body] : [...body, totalRow];
  const at = (i: number) => (top ? i + 1 : i);
  const totalAt = top ? 0 : body.length;
  const figCols = d.columns.map((_, i) => i + levels + 1);
  // the column each shows as the roll-up names it (src/model/identities.ts): income_fiscal is the
  // row's income.fiscal; an economic row has no income, its income_total is its total (classFigure)
  const shows = d.columns.map((c) =>
    !c.startsWith('income_') ? c : d.classification === 'economic' ? (c === 'income_total' ? 'total' : '') : `income.${c.slice('income_'.length)}`,
  );
  linkRollUp(rows, d.classification, shownTree(cls, shown), totalAt, at, figCols, shows, ctx.f.unit);
  const columns: ColumnSpec[] = [
    ...Array.from({ length: levels }, () => ({ width: 0.6, kind: 'code' as const })),
    { width: 4, kind: 'text' },
    ...d.columns.map(() => ({ width: 1.3, kind: 'number' as const })),
  ];
  return { header: declaredHeader(ctx, d.header), columns, rows, empty };
}

/**
 * What each expenditure column of a summary by 类 shows of a row, as the classification's roll-up
 * names its columns (src/model/identities.ts): a fund's figure is the row's `funds` as written, else
 * its split's from that source (both columns); 财政拨款 is the three funds'.
 */
function summaryShows(c: SummaryDecl['columns'][number]): Shows {
  const split = (s: Fund) => SPLIT_SUMS.map((p) => splitPart(s, p));
  if (c === 'fiscal') return FUNDS.flatMap(split);
  if (isFund(c)) return split(c);
  return c;
}

/** The income lines the profile lists against the numbered 类 rows; totals on the last row. */
export function summaryByClass(ctx: TableCtx, d: SummaryDecl): TableBody {
  const b = ctx.budget;
  // an income line's figure: the income figures it adds up (one but 其他收入's)
  const incomeFig = (k: SummaryDecl['income_lines'][number]['figure']): Dec => {
    const figs = INCOME_LINE_FACTS[k].map((x) => figAt(b, x)!.value);
    return figs.length === 1 ? figs[0]! : sum(figs);
  };
  const fund = (r: ClassRow, s: Fund): Dec => r.funds?.[s]?.value ?? amountFrom(r, 'total', [s]);
  const fiscal = (r: ClassRow): Dec => sum(FUNDS.map((s) => fund(r, s)));
  const classes = b.functional.rows.filter((r) => r.level === 1 && (d.rows === 'all' || !isZero(fiscal(r))));
  const expFig = (r: ClassRow, c: SummaryDecl['columns'][number]): Dec => {
    if (isFund(c)) return fund(r, c);
    if (c === 'fiscal') return fiscal(r);
    if (c === 'personnel' || c === 'public') return r[c]?.value ?? ZERO;
    return r[c].value;
  };
  const n = Math.max(d.income_lines.length, classes.length);
  const rows: MutRow[] = [];
  for (let i = 0; i < n; i++) {
    const line = d.income_lines[i];
    const r = classes[i];
    rows.push({
      cells: [
        text(line ? ctx.words(line.label) : ''),
        line ? figure(incomeFig(line.figure), ctx, d.blank_zeros) : text(''),
        text(r ? `${cnNumber(i + 1)}、${r.name.text}` : ''),
        ...d.columns.map((c) => (r ? figure(expFig(r, c), ctx, d.blank_zeros) : text(''))),
      ],
    });
  }
  // The income total is the sum of the top-level lines: those no other line adds up (src/profile/figures.ts).
  const top = topIncomeLines(d.income_lines.map((l) => l.figure));
  const topIdx = d.income_lines.flatMap((_, i) => (top[i] ? [i] : []));
  const incomeTotal = sum(topIdx.map((i) => incomeFig(d.income_lines[i]!.figure)));
  // The expenditure total is the department row, the 类 rows' sum in each column (the roll-up).
  const expTotals = d.columns.map((c) => (c === 'total' ? b.functional.total.total.value : sum(classes.map((r) => expFig(r, c)))));
  rows.push({
    cells: [
      text(ctx.words(d.total_labels.income), { align: 'center' }),
      figure(incomeTotal, ctx, d.blank_zeros),
      text(ctx.words(d.total_labels.expenditure), { align: 'center' }),
      ...expTotals.map((v) => figure(v, ctx, d.blank_zeros)),
    ],
    style: 'total',
  });
  const last = rows.length - 1;
  const figCols = d.columns.map((_, j) => 3 + j);
  linkRollUp(rows, 'functional', shownTree(b.functional, classes), last, (i) => i, figCols, d.columns.map(summaryShows), ctx.f.unit);
  linkColumns(rows, last, topIdx, [1], ctx.f.unit);
  const columns: ColumnSpec[] = [
    { width: 3, kind: 'text' },
    { width: 1.4, kind: 'number' },
    { width: 3.6, kind: 'text' },
    ...d.columns.map(() => ({ width: 1.4, kind: 'number' as const })),
  ];
  return { header: declaredHeader(ctx, d.header), columns, rows };
}

/** One row: this year's 三公 in the section's own unit and the 机关运行经费 in its. */
export function threePublicRow(ctx: TableCtx, d: ThreePublicRowDecl): TableBody {
  const b = ctx.budget;
  const figs = d.columns.map((c) => (c === 'running_cost' ? b.running_cost : b.three_public.this_year[c]));
  const decimals = Math.max(0, ...figs.map((f) => f.value.scale));
  const cells: MutCell[] = figs.map((f) => {
    const c = num(f.value, { decimals, unit: b.three_public.unit });
    // A published 三公 table prints a zero as 0, not 0.00.
    return isZero(f.value) ? { ...c, text: '0' } : { ...c, text: format(f.value, decimals) };
  });
  return {
    header: declaredHeader(ctx, d.header),
    columns: d.columns.map(() => ({ width: 1.2, kind: 'number' as const })),
    rows: [{ cells }],
  };
}
