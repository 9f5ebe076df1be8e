import { PROJECT_KINDS, type ClassRow, type Project, type ProjectKind, type Source } from '../../model/budget.js';
import { BASIC_BY_SOURCE_COLUMNS, PROJECTS_BY_SOURCE_COLUMNS, kindOfColumn, sourceOfColumn } from '../../profile/index.js';
import { type Dec, ZERO, add, sum } from '../../money/decimal.js';
import type { HeaderNode } from '../model.js';
import { type MutRow, type Shown, linkSum, numOf, text } from '../cells.js';
import { cellFact, projectFact } from '../../model/facts.js';
import { splitPart } from '../../model/identities.js';
import { GOVERNMENT_NAME } from '../../model/index.js';
import {
  GOVERNMENT,
  type KindFacts,
  type TableBody,
  type TableCtx,
  addAll,
  amountFromShown,
  bySourceShown,
  sourceColumns,
  generalKindNodes,
  governmentNodes,
  sourceNode,
  linkProjects,
  linkRollUp,
  type Shows,
  shownTree,
  unitFundsNode,
  writtenSources,
} from './common.js';

/** The columns after 政府预算拨款 in both by-source tables: 财政专户管理资金 | 单位资金 › … | 上年结余、结转. */
const otherSourceNodes = (): HeaderNode[] => [sourceNode('special_account'), unitFundsNode(), sourceNode('carryover')];

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

/** A wide table of a name column and `figures` figure columns. */
function wideTable(header: HeaderNode[], figures: number, rows: MutRow[]): TableBody {
  const columns = [{ width: 3.5, kind: 'text' as const }, ...range(1, figures).map(() => ({ width: 1, kind: 'number' as const }))];
  return { header, columns, rows };
}

/**
 * The income line each figure column of the by-source tables stands for, in column order
 * (src/profile/figures.ts): their subtotals add up as the income's do (总计 = every source;
 * 政府预算拨款小计 = its three).
 */
const BASIC_GOV = sourceColumns(BASIC_BY_SOURCE_COLUMNS, 'income.government');
const BASIC_ALL = sourceColumns(BASIC_BY_SOURCE_COLUMNS, 'income.total');
// projects have no 基本支出 share of the general appropriation
const PROJECT_GOV = sourceColumns(PROJECTS_BY_SOURCE_COLUMNS, 'income.government', ['income.general.basic']);
const PROJECT_ALL = sourceColumns(PROJECTS_BY_SOURCE_COLUMNS, 'income.total', ['income.general.basic']);

/** The sources of the basic table's columns after 总计 | 政府预算拨款小计. */
const BASIC_SOURCES: readonly Source[] = BASIC_BY_SOURCE_COLUMNS.slice(2).map((f) => sourceOfColumn(f)!);

/** A row's figures in the basic table: its basic column, the part from government appropriations, then by source. */
function basicFigures(r: ClassRow): Shown[] {
  const by = bySourceShown('economic', r, 'basic');
  return [
    { value: r.basic.value, facts: [cellFact('economic', r.code.text, 'basic')] },
    amountFromShown('economic', r, 'basic', GOVERNMENT),
    ...BASIC_SOURCES.map((s) => by[s]),
  ];
}

/** The basic column of the economic classification, by source (12 figure columns). */
export function basicBySource(ctx: TableCtx): TableBody {
  const { economic } = ctx.budget;
  const { f } = ctx;
  const shown = economic.rows.filter((r) => r.basic_written);
  const rows: MutRow[] = [{ cells: [text(ctx.dept), ...basicFigures(economic.total).map((v) => numOf(v, f))], style: 'total' }];
  for (const r of shown) {
    rows.push({ cells: [text(r.name.text, { indent: r.level }), ...basicFigures(r).map((v) => numOf(v, f))], ...(r.level === 1 ? { style: 'subtotal' as const } : {}) });
  }
  const figCols = range(1, 12);
  // every column is basic expenditure, the row's or its split's: each rolls up
  const shows = ['basic', 'basic', ...BASIC_SOURCES.map((s) => splitPart(s, 'basic'))];
  linkRollUp(rows, 'economic', shownTree(economic, shown), 0, (i) => i + 1, figCols, shows, f.unit);
  rows.forEach((_, r) => {
    linkSum(rows, { row: r, col: 2 }, BASIC_GOV.map((col) => ({ row: r, col })), f.unit, '各预算拨款之和');
    linkSum(rows, { row: r, col: 1 }, BASIC_ALL.map((col) => ({ row: r, col })), f.unit, '各资金来源之和');
  });
  const header: HeaderNode[] = [
    { label: '支出项目类别' },
    { label: '总计' },
    { label: GOVERNMENT_NAME.zh, children: [{ label: '小计' }, ...governmentNodes()] },
    ...otherSourceNodes(),
  ];
  return wideTable(header, figCols.length, rows);
}

/** A project's amounts by source (an omitted `by_source` means all 一般公共预算), with their facts. */
function projectBySource(p: Project): Record<Source, Shown> {
  const keys = writtenSources(p.by_source);
  const out: Partial<Record<Source, Shown>> = {};
  if (keys.length === 0) out.general = { value: p.amount.value, facts: [projectFact(p.name.text)] };
  for (const k of keys) out[k] = { value: p.by_source[k]!.value, facts: [projectFact(p.name.text, `by_source.${k}`)] };
  const none: Shown = { value: ZERO, facts: [] };
  return new Proxy(out as Record<Source, Shown>, { get: (o, k: string) => (o as Record<string, Shown>)[k] ?? none });
}

/** The projects' table's columns after 总计 | 政府预算拨款小计: 一般公共预算's share of one kind of project, or one source's share. */
const PROJECT_SHARES: readonly ({ kind: ProjectKind } | { source: Source })[] = PROJECTS_BY_SOURCE_COLUMNS.slice(2).map((f) => {
  const kind = kindOfColumn(f);
  return kind ? { kind } : { source: sourceOfColumn(f)! };
});

/**
 * What each figure column of the projects' table shows of a project (its fact's `what`): the amount,
 * the government appropriations (the three sources' shares), the general share of one kind each,
 * then one source's share each, as `projectsBySource` lays them out.
 */
const PROJECT_SHOWS: readonly Shows[] = [
  'amount',
  GOVERNMENT.map((s) => `by_source.${s}`),
  ...PROJECT_SHARES.map((c) => ('kind' in c ? 'by_source.general' : `by_source.${c.source}`)),
];

const total = (xs: readonly Shown[]): Shown => ({ value: sum(xs.map((x) => x.value)), facts: xs.flatMap((x) => x.facts) });

/** Code-point order, as the published project table sorts its projects (not a locale collation). */
function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A project's row of the projects' table: its amount, the part from government appropriations, by kind and source. */
function projectFigures(p: Project): Shown[] {
  const by = projectBySource(p);
  const allGov = (Object.keys(p.by_source) as Source[]).every((k) => GOVERNMENT.includes(k));
  const amount: Shown = { value: p.amount.value, facts: [projectFact(p.name.text)] };
  const gov = allGov ? amount : total(GOVERNMENT.map((s) => by[s]));
  return [
    amount,
    gov,
    ...PROJECT_SHARES.map((c) => ('kind' in c ? (p.kind === c.kind ? by.general : { value: ZERO, facts: [] }) : by[c.source])),
  ];
}

/** The department row, then the projects by name, by source (14 figure columns). */
export function projectsBySource(ctx: TableCtx): TableBody {
  const { f } = ctx;
  const projects = [...ctx.budget.projects].sort((a, b) => byCodePoint(a.name.text, b.name.text));
  const perProject = projects.map(projectFigures);
  // The department row is the projects' roll-up (src/model/identities.ts `PROJECT_SUMS`): its
  // project spending, and in every other column the projects' sum.
  const deptFigures = PROJECT_SHOWS.map((_, c) =>
    c === 0 ? { value: ctx.budget.functional.total.project.value, facts: [cellFact('functional', '', 'project')] } : total(perProject.map((r) => r[c]!)),
  );
  const rows: MutRow[] = [{ cells: [text(ctx.dept), ...deptFigures.map((v) => numOf(v, f))], style: 'total' }];
  projects.forEach((p, i) => rows.push({ cells: [text(p.name.text, { indent: 1 }), ...perProject[i].map((v) => numOf(v, f))] }));
  const figCols = range(1, PROJECT_SHOWS.length);
  linkProjects(rows, 0, projects.map((_, i) => i + 1), figCols, PROJECT_SHOWS, f.unit);
  rows.forEach((_, r) => {
    linkSum(rows, { row: r, col: 2 }, PROJECT_GOV.map((col) => ({ row: r, col })), f.unit, '各预算拨款之和');
    linkSum(rows, { row: r, col: 1 }, PROJECT_ALL.map((col) => ({ row: r, col })), f.unit, '各资金来源之和');
  });
  const header: HeaderNode[] = [
    { label: '支出项目类别' },
    { label: `${ctx.year} 年预算总计` },
    { label: GOVERNMENT_NAME.zh, children: [{ label: '小计' }, ...governmentNodes(generalKindNodes(PROJECT_KINDS))] },
    ...otherSourceNodes(),
  ];
  return wideTable(header, figCols.length, rows);
}

/* The facts each kind's cells show (`KindFacts`): each row's figures by the function the builder takes them from. */

export const basicBySourceFacts: KindFacts<unknown> = {
  cls: () => 'economic',
  fixed: (b, _, out) => {
    for (const s of basicFigures(b.economic.total)) addAll(out, s.facts);
  },
  row: (r, _, out) => {
    if (r.basic_written) for (const s of basicFigures(r)) addAll(out, s.facts);
  },
};

/** The department row's figures are its projects' (and the functional project column), so the projects' own facts are all. */
export const projectsBySourceFacts: KindFacts<unknown> = {
  fixed: (b, _, out) => {
    out.add(cellFact('functional', '', 'project'));
    for (const p of b.projects) for (const s of projectFigures(p)) addAll(out, s.facts);
  },
};
