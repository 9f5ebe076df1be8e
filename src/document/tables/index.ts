export { type TableCtx } from './common.js';
import type { Table } from '../model.js';
import type { TableDecl, TableKind } from '../../profile/index.js';
import { type TableBody, type TableCtx, declaredTable } from './common.js';
import { incomeExpenditureSummary } from './balance.js';
import { incomeBySource } from './income.js';
import { classifiedBySource, expenditureWithProcurement } from './classified.js';
import { basicBySource, projectsBySource } from './basic-project.js';
import { threePublic } from './three-public.js';
import { performanceForm } from './performance.js';
import { classifiedColumns, summaryByClass, threePublicRow } from './columns.js';

/** The table kinds a profile can declare, each one builder; the declaration's parameters choose rows and columns. */
const KINDS: { readonly [K in TableKind]: (ctx: TableCtx, d: Extract<TableDecl, { kind: K }>) => TableBody } = {
  'income-expenditure-summary': incomeExpenditureSummary,
  'income-by-source': incomeBySource,
  'expenditure-with-procurement': expenditureWithProcurement,
  'classified-by-source': classifiedBySource,
  'basic-by-source': basicBySource,
  'projects-by-source': projectsBySource,
  'three-public': threePublic,
  'performance-form': performanceForm,
  'classified-columns': classifiedColumns,
  'summary-by-class': summaryByClass,
  'three-public-row': threePublicRow,
};

/**
 * The sections of the budget (a fact's first name, src/model/facts.ts `factSection`) whose figures
 * each kind's cells can show, for its declaration: src/document/feeds.ts lays out only the tables
 * that can show what a finding asks about. A superset is harmless; a section left out would drop a
 * table from the findings' feeds (tests/document/feeds-sections.test.ts lays out every table of
 * every profile and fixture and holds each cell's facts to it). The kinds of the column layouts
 * (classified-columns, summary-by-class, three-public-row) put no facts on their cells.
 */
const SHOWS: { readonly [K in TableKind]: (d: Extract<TableDecl, { kind: K }>) => readonly string[] } = {
  'income-expenditure-summary': () => ['income', 'expenditure', 'functional'],
  'income-by-source': () => ['income'],
  'expenditure-with-procurement': () => ['functional'],
  'classified-by-source': (d) => [d.classification],
  'basic-by-source': () => ['economic'],
  'projects-by-source': () => ['projects', 'functional'],
  'three-public': () => ['three_public'],
  'performance-form': () => ['performance'],
  'classified-columns': () => [],
  'summary-by-class': () => [],
  'three-public-row': () => [],
};

/** The sections of the budget whose figures a declared table can show (`SHOWS`). */
export function tableShows<K extends TableKind>(d: Extract<TableDecl, { kind: K }>): readonly string[] {
  return (SHOWS[d.kind] as (d: Extract<TableDecl, { kind: K }>) => readonly string[])(d);
}

/** The profile's tables, in the order it declares them. */
export function buildTables(ctx: TableCtx, tables: readonly TableDecl[]): Table[] {
  // laid out only for the facts its cells show (src/document/feeds.ts), a table is never printed: no widths
  return tables.map((d) => (ctx.f.factsOnly ? declaredTable(ctx, d, bodyOf(ctx, d)) : fitFigures(declaredTable(ctx, d, bodyOf(ctx, d)))));
}

function bodyOf<K extends TableKind>(ctx: TableCtx, d: Extract<TableDecl, { kind: K }>): TableBody {
  return (KINDS[d.kind] as (ctx: TableCtx, d: Extract<TableDecl, { kind: K }>) => TableBody)(ctx, d);
}

/**
 * Widens number columns to their longest figure (amounts in 元 with decimals are twice as long as
 * whole 万元), in the relative units of `ColumnSpec.width` where 1 holds about 3 CJK characters.
 */
function fitFigures(t: Table): Table {
  const longest = t.columns.map(() => 0);
  for (const r of t.rows) {
    r.cells.forEach((c, i) => {
      const fits = c && (c.kind === 'number' || t.columns[i]?.kind === 'code') && (c.colSpan ?? 1) === 1;
      if (fits) longest[i] = Math.max(longest[i], c.text.length);
    });
  }
  // A digit or separator is about half a CJK character wide (more in the bold total rows); keep padding.
  const columns = t.columns.map((col, i) => (longest[i] ? { ...col, width: Math.max(col.width, (longest[i] * 0.6 + 1) / 3) } : col));
  return { ...t, columns };
}
