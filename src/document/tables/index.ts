export { type TableCtx } from './common.js';
import type { Table } from '../model.js';
import type { TableDecl, TableKind } from '../../profile/index.js';
import { type KindFacts, type TableBody, type TableCtx, declaredTable } from './common.js';
import type { Budget, ClassRow } from '../../model/budget.js';
import type { Fact } from '../../model/facts.js';
import { incomeExpenditureSummary, incomeExpenditureSummaryFacts } from './balance.js';
import { incomeBySource, incomeBySourceFacts } from './income.js';
import { classifiedBySource, classifiedBySourceFacts, expenditureWithProcurement, expenditureWithProcurementFacts } from './classified.js';
import { basicBySource, basicBySourceFacts, projectsBySource, projectsBySourceFacts } from './basic-project.js';
import { threePublic, threePublicFacts } from './three-public.js';
import { performanceForm, performanceFormFacts } from './performance.js';
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
 * The facts each kind's cells show for its declaration, collected without laying the table out
 * (`KindFacts`): src/document/feeds.ts asks them of the tables that may show a finding's figures,
 * and a table laid out for that alone cost a check with findings more than the rest of its rules.
 * Each collector is written next to its builder and takes each figure's facts from the function
 * the builder takes them from; tests/document/feeds-sections.test.ts holds every collector to the
 * facts on the cells its builder lays out, table by table, for every profile and example
 * department. The kinds of the column layouts (classified-columns, summary-by-class,
 * three-public-row) put no facts on their cells.
 */
const NO_FACTS: KindFacts<unknown> = { fixed: () => {} };
const FACTS: { readonly [K in TableKind]: KindFacts<Extract<TableDecl, { kind: K }>> } = {
  'income-expenditure-summary': incomeExpenditureSummaryFacts,
  'income-by-source': incomeBySourceFacts,
  'expenditure-with-procurement': expenditureWithProcurementFacts,
  'classified-by-source': classifiedBySourceFacts,
  'basic-by-source': basicBySourceFacts,
  'projects-by-source': projectsBySourceFacts,
  'three-public': threePublicFacts,
  'performance-form': performanceFormFacts,
  'classified-columns': NO_FACTS,
  'summary-by-class': NO_FACTS,
  'three-public-row': NO_FACTS,
};

/** The facts a declared table's number cells show for a budget, in two parts (`KindFacts`). */
export interface TableFacts {
  /** The facts of every cell that is not on a classification row's own line. */
  readonly fixed: ReadonlySet<Fact>;
  /** The classification the table shows one row a line, if any. */
  readonly cls?: 'functional' | 'economic';
  /** The facts of that classification row's line: none when the table leaves the row out. */
  readonly row: (r: ClassRow) => ReadonlySet<Fact>;
}

export function tableFactsOf<K extends TableKind>(b: Budget, d: Extract<TableDecl, { kind: K }>): TableFacts {
  const k = FACTS[d.kind] as KindFacts<Extract<TableDecl, { kind: K }>>;
  const fixed = new Set<Fact>();
  k.fixed(b, d, fixed);
  const cls = k.cls?.(d);
  const row = (r: ClassRow) => {
    const out = new Set<Fact>();
    k.row?.(r, d, out);
    return out;
  };
  return cls ? { fixed, cls, row } : { fixed, row };
}

/** Every fact a declared table's number cells show for this budget. */
export function tableFacts(b: Budget, d: TableDecl): Set<Fact> {
  const t = tableFactsOf(b, d);
  const out = new Set(t.fixed);
  if (t.cls) for (const r of b[t.cls].rows) for (const f of t.row(r)) out.add(f);
  return out;
}

/**
 * The sections of the budget (a fact's first name, src/model/facts.ts `factSection`) whose figures
 * each kind's cells can show, for its declaration: src/document/feeds.ts asks only the tables
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
  return tables.map((d) => fitFigures(declaredTable(ctx, d, bodyOf(ctx, d))));
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
