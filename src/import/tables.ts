import type { Dec } from '../money/decimal.js';
import { eq, toPlain } from '../money/decimal.js';
import { fromCell } from './cells.js';
import { GOVERNMENT_NAME, UNIT_FUNDS_NAME, sourceHeading } from '../model/index.js';
import { SOURCES, isFund, type Source } from '../model/budget.js';
import { THREE_PUBLIC_KEYS } from '../model/identities.js';
import { BASIC_BY_SOURCE_COLUMNS, INCOME_BY_SOURCE_COLUMNS, INCOME_LINE_FACTS, PROJECTS_BY_SOURCE_COLUMNS, topIncomeLines, type HeaderDecl, type Profile, type TableDecl } from '../profile/index.js';
import { incomePath } from './paths.js';
import { INCOME_OF, incomeFact } from '../model/facts.js';
import { CellError, Grid, address, loose } from './grid.js';

/**
 * Each table kind read back: the inverse of its builder in src/document/tables. A table's sheet is
 * found by its name (the profile's short name or caption; spaces and a re-ordered sheet list do not
 * matter), its body by the first header label and the header's depth, and its rows by label where
 * the builder labels them (the summary's lines, 三公's years, the form's blocks) or by position.
 * What a table shows is recorded as facts: scalars by their source path (the same figure shown by
 * two tables must agree), classification rows, projects, the form.
 */

export interface Fact {
  readonly value: Dec;
  /** Where it was read: 表3 支出总表!D12. */
  readonly at: string;
}

export interface ClassFact {
  readonly code: string;
  readonly name: string;
  readonly figures: readonly Dec[];
  readonly at: string;
}

export interface ClassTable {
  readonly classification: 'functional' | 'economic';
  /** undefined: every source (the table with procurement). */
  readonly sources?: readonly Source[];
  readonly dept: readonly Dec[];
  readonly rows: readonly ClassFact[];
}

export interface NamedRow {
  readonly name: string;
  readonly figures: readonly Dec[];
  readonly at: string;
}

export interface FormFacts {
  readonly tasks: readonly { name: string; content: string; total: Dec; fiscal: Dec; other: Dec }[];
  readonly total: Dec;
  readonly total_fiscal: Dec;
  readonly total_other: Dec;
  readonly goal: string;
  readonly indicators: readonly { level1: string; level2: string; level3: string; target: string }[];
}

export interface Facts {
  readonly vars: { department?: string; year?: number; unit?: string; supervisor?: string; kind?: string };
  /** Scalars by source path: income.general.total. */
  readonly scalars: Map<string, Fact>;
  readonly classes: ClassTable[];
  basic?: { dept: readonly Dec[]; rows: NamedRow[] };
  projects?: NamedRow[];
  threePublic?: { priorYear?: number; rows: Partial<Record<'last_year' | 'this_year' | 'change', readonly Dec[]>> };
  form?: FormFacts;
  /** Sheet ranges each section was read from, for the comment on the section. */
  readonly origins: Map<string, string[]>;
  readonly problems: TableProblem[];
  /**
   * Figures of the layouts that print one classification row per line with chosen columns
   * (classified-columns, summary-by-class): each figure by its row (code; '' for the 合计 row) and
   * key (total, basic, income.fiscal, funds.gov_fund, …). With `sources`, the amount from those
   * sources only (a row paid from others too shows less than its own figure). A 类 row of a summary
   * has no code: `name` is matched with the classification's rows when the sections are assembled.
   */
  readonly rowFigs: RowFig[];
}

export interface RowFig {
  readonly classification: 'functional' | 'economic';
  readonly code?: string;
  readonly name: string;
  readonly key: string;
  readonly sources?: readonly Source[];
  readonly fact: Fact;
}

/** A finding of the table reader: a cell it could not read, a sheet it could not find, two cells that disagree. */
export type TableProblem =
  | { readonly kind: 'cell'; readonly error: CellError }
  | { readonly kind: 'missing-sheet'; readonly table: string; readonly sheets: readonly string[] }
  | { readonly kind: 'no-header'; readonly sheet: string; readonly label: string }
  | { readonly kind: 'conflict'; readonly what: string; readonly a: Fact; readonly b: Fact }
  | { readonly kind: 'bad-label'; readonly sheet: string; readonly cell: string; readonly found: string; readonly expected: string };

/** How many header rows each kind with a fixed header lays out, and its first label. */
const FIXED_HEADER: Partial<Record<TableDecl['kind'], { depth: number; first: string }>> = {
  'income-by-source': { depth: 4, first: '预算单位' },
  'basic-by-source': { depth: 2, first: '支出项目类别' },
  'projects-by-source': { depth: 3, first: '支出项目类别' },
  'three-public': { depth: 2, first: '预算单位' },
  'performance-form': { depth: 0, first: '名称' },
};

type ColumnsDecl = Extract<TableDecl, { kind: 'classified-columns' }>;
type SummaryDecl = Extract<TableDecl, { kind: 'summary-by-class' }>;
type ThreePublicRowDecl = Extract<TableDecl, { kind: 'three-public-row' }>;

/**
 * What each income line of a summary-by-class prints (src/profile/figures.ts), as a source path; a
 * line adding up several figures (其他收入: 单位资金's other, superior and affiliated lines) is its
 * first figure's path marked `+`, assembled over what is written (src/import/assemble.ts).
 */
const INCOME_LINE_PATH = Object.fromEntries(
  Object.entries(INCOME_LINE_FACTS).map(([line, facts]) => [line, incomePath(facts[0]!) + (facts.length > 1 ? '+' : '')]),
) as Record<SummaryDecl['income_lines'][number]['figure'], string>;

/** Where each figure column of the income by source is written in the source format: the builder's columns (src/profile/figures.ts). */
const INCOME_BY_SOURCE_PATHS: readonly string[] = INCOME_BY_SOURCE_COLUMNS.map((k) => incomePath(incomeFact(k)));

/**
 * The income lines of the two-sided summary (income-expenditure-summary) by label, numbering
 * stripped, as source paths: each funding source's income line (`INCOME_OF`) by its heading, and
 * the two groups the declared sums make of them by their names (政府预算拨款, 单位资金), as the
 * builder labels them (src/document/tables/balance.ts).
 */
const SUMMARY_INCOME_LINES: Readonly<Record<string, string>> = Object.fromEntries([
  [loose(GOVERNMENT_NAME.zh), incomePath(incomeFact('government'))],
  [loose(UNIT_FUNDS_NAME.zh), incomePath(incomeFact('unit_funds'))],
  ...SOURCES.map((s) => [loose(sourceHeading(s)), incomePath(incomeFact(INCOME_OF[s]))]),
]);

const MAX_SCALE = { 万元: 4, 元: 2 } as const;

/** The table kinds read back (readTable's cases). */
const READABLE: ReadonlySet<string> = new Set<TableDecl['kind']>([
  'income-expenditure-summary',
  'income-by-source',
  'expenditure-with-procurement',
  'classified-by-source',
  'basic-by-source',
  'projects-by-source',
  'three-public',
  'performance-form',
  'classified-columns',
  'summary-by-class',
  'three-public-row',
]);

/** A piece of the profile's wording as a pattern over loose text, its placeholders captured. */
export function wordingPattern(template: string): RegExp {
  const parts = loose(template).split(/(\{[a-z]+\})/);
  const src = parts
    .map((p) => {
      const m = /^\{([a-z]+)\}$/.exec(p);
      if (!m) return p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      if (m[1] === 'year') return '(?<year>\\d{4})';
      if (m[1] === 'unit') return '(?<unit>万元|元)';
      return `(?<${m[1]}>.+?)`;
    })
    .join('');
  return new RegExp(`^${src}$`);
}

function depthOf(h: readonly HeaderDecl[]): number {
  return Math.max(...h.map((x) => (typeof x === 'string' ? 1 : 1 + depthOf(x.children))));
}

function firstLabel(h: readonly HeaderDecl[]): string {
  const x = h[0];
  return typeof x === 'string' ? x : x.label;
}

/** The sheet for a table: by its short name or caption (spaces ignored), else by its title in the first rows. */
function findSheet(d: TableDecl, grids: readonly Grid[], taken: Set<Grid>): Grid | undefined {
  const free = grids.filter((g) => !taken.has(g));
  const short = wordingPattern(d.short_name ?? [d.caption, d.title].filter(Boolean).join(' '));
  const cap = loose(d.caption ?? d.title);
  const byShort = free.find((g) => short.test(loose(g.name)));
  if (byShort) return byShort;
  // Excel cuts sheet names at 31 characters; a renamed sheet usually keeps the caption in front.
  const byCaption = free.find((g) => {
    const n = loose(g.name);
    return n.startsWith(cap) && !/^\d/.test(n.slice(cap.length));
  });
  if (byCaption) return byCaption;
  const title = wordingPattern(d.title);
  return free.find((g) => g.rows.slice(0, 3).some((r) => title.test(loose(g.text(r, 0)))));
}

export function readTables(profile: Profile, grids: readonly Grid[], unitRef: { unit?: string }): Facts {
  const facts: Facts = { vars: {}, scalars: new Map(), classes: [], origins: new Map(), problems: [], rowFigs: [] };
  const taken = new Set<Grid>();
  const found: { d: TableDecl; g: Grid }[] = [];
  for (const d of profile.tables) {
    // A kind this reader does not know yet (one added to the profile schema later) is passed over:
    // its facts stay as the existing data has them.
    if (!READABLE.has(d.kind)) continue;
    let g: Grid | undefined;
    try {
      g = findSheet(d, grids, taken);
    } catch (e) {
      // a title cell that is a formula without its result: said as that cell's problem
      if (!(e instanceof CellError)) throw e;
      facts.problems.push({ kind: 'cell', error: e });
      continue;
    }
    if (!g) {
      facts.problems.push({ kind: 'missing-sheet', table: [d.caption, d.title].filter(Boolean).join(' '), sheets: grids.map((x) => x.name) });
      continue;
    }
    taken.add(g);
    found.push({ d, g });
  }
  // The wording around every table first: the unit must be known before any figure is read.
  for (const { d, g } of found) {
    try {
      readWording(profile, d, g, facts);
    } catch (e) {
      if (!(e instanceof CellError)) throw e;
      facts.problems.push({ kind: 'cell', error: e });
    }
  }
  unitRef.unit = facts.vars.unit;
  for (const { d, g } of found) {
    try {
      readTable(d, g, facts);
    } catch (e) {
      if (!(e instanceof CellError)) throw e;
      facts.problems.push({ kind: 'cell', error: e });
    }
  }
  return facts;
}

function readWording(profile: Profile, d: TableDecl, g: Grid, facts: Facts): void {
  const line = d.header_line ?? profile.document.table_header_line;
  const patterns = [wordingPattern(d.title), wordingPattern(line.left), wordingPattern(line.right)];
  const v = facts.vars as Record<string, string | number | undefined>;
  for (const r of g.rows.slice(0, 4)) {
    for (let c = 0; c < 20; c++) {
      const t = loose(g.text(r, c));
      if (!t) continue;
      for (const p of patterns) {
        const m = p.exec(t);
        if (!m?.groups) continue;
        for (const [k, x] of Object.entries(m.groups)) if (x !== undefined && v[k] === undefined) v[k] = k === 'year' ? Number(x) : x;
      }
    }
  }
  // The header labels may carry the year ({year} 年预算数).
  if ('header' in d && v.year === undefined) {
    const labels: string[] = [];
    const walk = (h: readonly HeaderDecl[]) => h.forEach((x) => (typeof x === 'string' ? labels.push(x) : (labels.push(x.label), walk(x.children))));
    walk(d.header);
    for (const l of labels.filter((x) => x.includes('{year}'))) {
      const p = wordingPattern(l);
      for (const r of g.rows.slice(0, 8))
        for (let c = 0; c < 20; c++) {
          const y = p.exec(loose(g.text(r, c)))?.groups?.year;
          if (y && v.year === undefined) v.year = Number(y);
        }
    }
  }
}

/** The body rows of a table: after its header, up to its first note. */
function bodyRows(d: TableDecl, g: Grid): { rows: number[]; header: number } | undefined {
  const fixed = FIXED_HEADER[d.kind];
  const first = fixed ? fixed.first : firstLabel((d as { header: HeaderDecl[] }).header);
  const depth = fixed ? fixed.depth : depthOf((d as { header: HeaderDecl[] }).header);
  const p = wordingPattern(first);
  const start = g.rows.findIndex((r) => p.test(loose(g.text(r, 0))));
  if (start < 0) return undefined;
  const notes = [...d.notes.map((n) => (typeof n === 'string' ? n : n.text)), ...('empty_note' in d && d.empty_note ? [d.empty_note] : [])].map(wordingPattern);
  const rows: number[] = [];
  for (const r of g.rows.slice(start + depth)) {
    const t = loose(g.text(r, 0));
    if (notes.some((n) => n.test(t))) break;
    if (/^注[:：]/.test(t) && g.covered(address(r, 1))) break;
    rows.push(r);
  }
  return { rows, header: g.rows[start] };
}

function range(g: Grid, rows: readonly number[], cols: number): string {
  if (!rows.length) return `${g.name}`;
  return `${g.name}!${address(rows[0], 0)}:${address(rows[rows.length - 1], cols - 1)}`;
}

function origin(facts: Facts, section: string, where: string): void {
  const l = facts.origins.get(section) ?? [];
  if (!l.includes(where)) l.push(where);
  facts.origins.set(section, l);
}

function setScalar(facts: Facts, path: string, value: Dec, at: string): void {
  const had = facts.scalars.get(path);
  if (had && !eq(had.value, value)) facts.problems.push({ kind: 'conflict', what: path, a: had, b: { value, at } });
  if (!had) facts.scalars.set(path, { value, at });
}

function readTable(d: TableDecl, g: Grid, facts: Facts): void {
  const body = bodyRows(d, g);
  if (!body) {
    const fixed = FIXED_HEADER[d.kind];
    facts.problems.push({ kind: 'no-header', sheet: g.name, label: fixed ? fixed.first : firstLabel((d as { header: HeaderDecl[] }).header) });
    return;
  }
  const { rows } = body;
  const max = MAX_SCALE[(facts.vars.unit as '万元' | '元') ?? '元'] ?? 2;
  // Every unreadable cell is reported (once), not just the first: the officer fixes them in one go.
  const reported = new Set<string>();
  const amt = (r: number, c: number): Dec => {
    try {
      const d = g.amount(r, c, max);
      // every figure notes its cell (the merged range's first, which holds the value): src/import/cells.ts
      return fromCell(d, { sheet: g.name, cell: g.masterOf(address(r, c)), value: toPlain(d) });
    } catch (e) {
      if (!(e instanceof CellError)) throw e;
      const key = `${e.problem.sheet}!${e.problem.cell}`;
      if (!reported.has(key)) facts.problems.push({ kind: 'cell', error: e });
      reported.add(key);
      return { coef: 0n, scale: 0 };
    }
  };
  const at = (r: number, c: number) => `${g.name}!${address(r, c)}`;
  const figs = (r: number, from: number, n: number) => Array.from({ length: n }, (_, i) => amt(r, from + i));
  switch (d.kind) {
    case 'income-expenditure-summary': {
      origin(facts, 'income', range(g, rows, 4));
      origin(facts, 'expenditure', range(g, rows, 4));
      const all = d.funds === 'all';
      const lines: Record<string, string> = {
        ...SUMMARY_INCOME_LINES,
        本年收入合计: all ? 'income.current_total' : 'income.government',
        ...(all ? { 收入总计: 'income.total' } : {}),
      };
      const right: Record<string, string> = all
        ? { 本年支出合计: 'expenditure.current_total', 结转下年: 'expenditure.carry_forward', 支出总计: 'expenditure.total' }
        : { 结转下年: 'expenditure.carry_forward' };
      for (const r of rows) {
        const label = loose(g.text(r, 0)).replace(/^(?:[一二三四五六七八九十]+、|\d+[.．、])/, '');
        if (label && lines[label]) setScalar(facts, lines[label], amt(r, 1), at(r, 1));
        const rl = loose(g.text(r, 2));
        if (right[rl]) setScalar(facts, right[rl], amt(r, 3), at(r, 3));
      }
      return;
    }
    case 'income-by-source': {
      const r = rows[0];
      // a file cut short after its header has no 合计 row: said so at the row it should be on,
      // not read as zeros at "Bundefined" and reported as conflicts with the other tables
      if (r === undefined) {
        facts.problems.push({ kind: 'bad-label', sheet: g.name, cell: address((g.rows.at(-1) ?? body.header) + 1, 0), found: '', expected: '合计行（表头下的第一行）' });
        return;
      }
      origin(facts, 'income', range(g, rows.slice(0, 1), 1 + INCOME_BY_SOURCE_PATHS.length));
      INCOME_BY_SOURCE_PATHS.forEach((k, i) => setScalar(facts, k, amt(r, i + 1), at(r, i + 1)));
      return;
    }
    case 'expenditure-with-procurement':
    case 'classified-by-source': {
      const n = d.kind === 'classified-by-source' ? 3 : 6;
      const classification = d.kind === 'classified-by-source' ? d.classification : 'functional';
      origin(facts, classification, range(g, rows, 3 + n));
      const [dept, ...rest] = rows;
      const table: ClassTable = {
        classification,
        sources: d.kind === 'classified-by-source' ? d.sources : undefined,
        dept: dept === undefined ? [] : figs(dept, 3, n),
        rows: rest.filter((r) => !unused(g, r, [1, 2], figs(r, 3, n))).map((r) => ({ code: code(g, r, 1), name: g.text(r, 2), figures: figs(r, 3, n), at: at(r, 1) })),
      };
      facts.classes.push(table);
      return;
    }
    case 'basic-by-source': {
      const n = BASIC_BY_SOURCE_COLUMNS.length;
      origin(facts, 'economic', range(g, rows, 1 + n));
      const [dept, ...rest] = rows;
      facts.basic = { dept: dept === undefined ? [] : figs(dept, 1, n), rows: rest.filter((r) => !unused(g, r, [0], figs(r, 1, n))).map((r) => ({ name: g.text(r, 0), figures: figs(r, 1, n), at: at(r, 0) })) };
      return;
    }
    case 'projects-by-source': {
      const n = PROJECTS_BY_SOURCE_COLUMNS.length;
      origin(facts, 'projects', range(g, rows, 1 + n));
      facts.projects = rows.slice(1).filter((r) => !unused(g, r, [0], figs(r, 1, n))).map((r) => ({ name: g.text(r, 0), figures: figs(r, 1, n), at: at(r, 0) }));
      return;
    }
    case 'three-public': {
      origin(facts, 'three_public', range(g, rows, 2 + THREE_PUBLIC_KEYS.length));
      const tp: NonNullable<Facts['threePublic']> = { rows: {} };
      let years = 0;
      for (const r of rows) {
        const label = loose(g.text(r, 1));
        const y = /^(\d{4})年$/.exec(label)?.[1];
        const key = y ? (years++ === 0 ? 'last_year' : 'this_year') : label === '增减变化金额' ? 'change' : undefined;
        if (!key) {
          facts.problems.push({ kind: 'bad-label', sheet: g.name, cell: address(r, 1), found: g.text(r, 1), expected: '“<年> 年”或“增减变化金额”' });
          continue;
        }
        if (key === 'last_year' && y) tp.priorYear = Number(y);
        tp.rows[key] = figs(r, 2, THREE_PUBLIC_KEYS.length);
      }
      facts.threePublic = tp;
      return;
    }
    case 'performance-form': {
      origin(facts, 'performance', range(g, rows, 6));
      readForm(g, rows, amt, facts);
      return;
    }
    case 'classified-columns':
      readColumns(d, g, rows, amt, facts);
      return;
    case 'summary-by-class':
      readSummary(d, g, rows, amt, facts);
      return;
    case 'three-public-row':
      readThreePublicRow(d, g, rows, body.header, amt, facts);
      return;
  }
}

type Amt = (r: number, c: number) => Dec;

/** A classified-columns key: the row's own figure, or its income column (income_fiscal → income.fiscal). */
function columnKey(c: ColumnsDecl['columns'][number]): string {
  return c.startsWith('income_') ? `income.${c.slice('income_'.length)}` : c;
}

/** 类 | 款 | 项 | 名称 | figures, the 合计 row (labelled across the code and name columns) at the top or bottom. */
function readColumns(d: ColumnsDecl, g: Grid, rows: readonly number[], amt: Amt, facts: Facts): void {
  const levels = d.classification === 'functional' ? 3 : 2;
  const n = d.columns.length;
  origin(facts, d.classification, range(g, rows, levels + 1 + n));
  const total = wordingPattern(d.total_label);
  // personnel / public are the row's own columns whatever the sources (the builder's classFigure)
  const qualified = (c: string) => (d.sources && ['total', 'basic', 'project'].includes(c) ? d.sources : undefined);
  const put = (r: number, code: string | undefined, name: string) =>
    d.columns.forEach((c, i) => {
      facts.rowFigs.push({ classification: d.classification, code, name, key: columnKey(c), sources: qualified(c), fact: { value: amt(r, levels + 1 + i), at: `${g.name}!${address(r, levels + 1 + i)}` } });
    });
  let sawTotal = false;
  for (const r of rows) {
    if (total.test(loose(g.text(r, 0)))) {
      if (sawTotal) facts.problems.push({ kind: 'bad-label', sheet: g.name, cell: address(r, 0), found: g.text(r, 0), expected: `只有一行“${d.total_label}”` });
      sawTotal = true;
      put(r, '', '');
      continue;
    }
    const parts = Array.from({ length: levels }, (_, l) => codePart(g, r, l));
    const name = g.text(r, levels);
    const figures = d.columns.map((_, i) => amt(r, levels + 1 + i));
    if (parts.every((p) => p === '') && name === '' && figures.every((x) => x.coef === 0n)) continue;
    // the code's levels run left to right: 类 always, 款 and 项 only under it
    const cut = parts.findIndex((p) => p === '');
    if (parts[0] === '' || (cut >= 0 && parts.slice(cut).some((p) => p !== ''))) {
      facts.problems.push({ kind: 'bad-label', sheet: g.name, cell: address(r, Math.max(0, cut)), found: parts.join(' | '), expected: '科目编码（类 3 位，款、项各 2 位，从左到右填写）' });
      continue;
    }
    put(r, parts.join(''), name);
  }
  // An empty table (its note says so) prints no 合计 figures; a table with rows must have its 合计 row.
  if (!sawTotal && rows.some((r) => g.text(r, levels) !== '')) {
    facts.problems.push({ kind: 'bad-label', sheet: g.name, cell: address((rows.at(-1) ?? 0) + 1, 0), found: '', expected: `“${d.total_label}”行` });
  }
}

/** One level of a code: digits only; a 款 or 项 stored as a number (1 for 01) gets its leading zero back. */
function codePart(g: Grid, r: number, l: number): string {
  const raw = g.text(r, l);
  const t = loose(raw).replace(/\.0+$/, '');
  if (t === '') return '';
  if (!/^\d+$/.test(t))
    throw new CellError({ sheet: g.name, cell: address(r, l), found: `“${raw}”`, expected: { zh: '科目编码的一级（数字）', en: 'one level of a classification code (digits)' } });
  return l > 0 && t.length === 1 ? `0${t}` : t;
}

/** Income lines against the 类 rows (一、名称), the totals on the last row. */
function readSummary(d: SummaryDecl, g: Grid, rows: readonly number[], amt: Amt, facts: Facts): void {
  origin(facts, 'income', range(g, rows, 3 + d.columns.length));
  origin(facts, 'functional', range(g, rows, 3 + d.columns.length));
  const at = (r: number, c: number) => `${g.name}!${address(r, c)}`;
  const incomeTotal = wordingPattern(d.total_labels.income);
  const expTotal = wordingPattern(d.total_labels.expenditure);
  const body = rows.filter((r) => [0, 2].some((c) => g.text(r, c) !== '') || d.columns.some((_, j) => amt(r, 3 + j).coef !== 0n));
  const last = body.findIndex((r) => incomeTotal.test(loose(g.text(r, 0))));
  if (last < 0) {
    facts.problems.push({ kind: 'bad-label', sheet: g.name, cell: address((rows.at(-1) ?? 0) + 1, 0), found: '', expected: `“${d.total_labels.income}”行` });
    return;
  }
  d.income_lines.forEach((line, i) => {
    const r = body[i];
    if (r === undefined || i >= last || !wordingPattern(line.label).test(loose(g.text(r, 0)))) {
      facts.problems.push({ kind: 'bad-label', sheet: g.name, cell: address(r ?? body[last], 0), found: r === undefined ? '' : g.text(r, 0), expected: `“${line.label}”` });
      return;
    }
    setScalar(facts, INCOME_LINE_PATH[line.figure], amt(r, 1), at(r, 1));
  });
  for (const r of body.slice(0, last)) {
    const label = g.text(r, 2);
    if (label === '') continue;
    const name = /^[一二三四五六七八九十百]+、(.*)$/.exec(loose(label))?.[1];
    if (!name) {
      facts.problems.push({ kind: 'bad-label', sheet: g.name, cell: address(r, 2), found: label, expected: '“一、<类的名称>”' });
      continue;
    }
    d.columns.forEach((c, j) => {
      // 财政拨款 is the sum of the three funds' columns (the builder's fiscal): not a fact of its own
      if (c === 'fiscal') return;
      const key = isFund(c) ? `funds.${c}` : c;
      facts.rowFigs.push({ classification: 'functional', name, key, fact: { value: amt(r, 3 + j), at: at(r, 3 + j) } });
    });
  }
  const t = body[last];
  if (!expTotal.test(loose(g.text(t, 2)))) facts.problems.push({ kind: 'bad-label', sheet: g.name, cell: address(t, 2), found: g.text(t, 2), expected: `“${d.total_labels.expenditure}”` });
  // The income total is the sum of the top-level lines: the department's 收入总计 when they cover
  // every kind of income, the 财政拨款 when they are its three funds.
  const isTop = topIncomeLines(d.income_lines.map((l) => l.figure));
  const top = new Set(d.income_lines.filter((_, i) => isTop[i]).map((l) => l.figure));
  const fiscal = top.has('fiscal') || (top.has('general') && top.has('gov_fund') && top.has('soe'));
  if (fiscal && top.has('business') && top.has('operating') && top.has('other')) setScalar(facts, 'income.total', amt(t, 1), at(t, 1));
  else if (fiscal && top.size === 3 && !top.has('fiscal')) setScalar(facts, 'income.government', amt(t, 1), at(t, 1));
  const ti = d.columns.indexOf('total');
  if (ti >= 0) facts.rowFigs.push({ classification: 'functional', code: '', name: '', key: 'total', fact: { value: amt(t, 3 + ti), at: at(t, 3 + ti) } });
}

/** One row: this year's 三公 and the 机关运行经费, in the order the profile lists the columns. */
function readThreePublicRow(d: ThreePublicRowDecl, g: Grid, rows: readonly number[], header: number, amt: Amt, facts: Facts): void {
  // the first row with a figure; a row left blank (a template not filled in: a blank row is not
  // stored) is all zeros, an empty figure cell being 0
  const r = rows.find((x) => d.columns.some((_, i) => g.text(x, i) !== '')) ?? rows[0] ?? header + depthOf(d.header);
  origin(facts, 'three_public', range(g, [r], d.columns.length));
  d.columns.forEach((c, i) => setScalar(facts, c === 'running_cost' ? 'running_cost' : `three_public.this_year.${c}`, amt(r, i), `${g.name}!${address(r, i)}`));
}

/** A row with no name or code and no figure other than 0: a template's row left unused (or a sum of such rows). */
function unused(g: Grid, r: number, labels: readonly number[], figures: readonly Dec[]): boolean {
  return labels.every((c) => g.text(r, c) === '') && figures.every((d) => d.coef === 0n);
}

/** A 科目编码 as text: a number cell (201, 2010350.0) or text ("201", "２０１"), digits only. */
function code(g: Grid, r: number, c: number): string {
  const t = loose(g.text(r, c)).replace(/\.0+$/, '');
  if (!/^\d+$/.test(t))
    throw new CellError({ sheet: g.name, cell: address(r, c), found: t ? `“${g.text(r, c)}”` : '空单元格', expected: { zh: '科目编码（3、5 或 7 位数字）', en: 'a classification code (3, 5 or 7 digits)' } });
  return t;
}

function readForm(g: Grid, rows: readonly number[], amt: (r: number, c: number) => Dec, facts: Facts): void {
  const label = (r: number, c: number) => loose(g.text(r, c));
  const find = (pred: (r: number) => boolean, from = 0) => {
    const i = rows.findIndex((r, k) => k >= from && pred(r));
    return i;
  };
  const nameRow = find((r) => label(r, 0) === '名称');
  if (nameRow >= 0) {
    facts.vars.department ??= g.text(rows[nameRow], 1);
    facts.vars.supervisor = g.text(rows[nameRow], 4);
  }
  const head = find((r) => label(r, 3) === '总额');
  const totalRow = find((r) => label(r, 1) === '金额合计');
  const goalRow = find((r) => label(r, 0) === '年度总体目标');
  const indHead = find((r) => label(r, 1) === '一级指标');
  const missing = [
    [head, '总额'],
    [totalRow, '金额合计'],
    [goalRow, '年度总体目标'],
    [indHead, '一级指标'],
  ].find(([i]) => (i as number) < 0);
  if (missing) {
    facts.problems.push({ kind: 'no-header', sheet: g.name, label: missing[1] as string });
    return;
  }
  const tasks = rows.slice(head + 1, totalRow).filter((r) => !unused(g, r, [1, 2], [amt(r, 3), amt(r, 4), amt(r, 5)])).map((r) => ({ name: g.text(r, 1), content: g.text(r, 2), total: amt(r, 3), fiscal: amt(r, 4), other: amt(r, 5) }));
  const t = rows[totalRow];
  // A run of the same 一级 (and 二级) 指标 is one merged cell; where it is not (CSV, an unmerged
  // sheet) its first row holds the label and the rows under it are blank: they continue the run.
  let prev: { level1: string; level2: string } | undefined;
  const indicators = rows
    .slice(indHead + 1)
    .filter((r) => [1, 2, 3, 5].some((c) => g.text(r, c) !== ''))
    .map((r) => {
      // No 二级指标: the 一级 cell spans the 二级 column (the builder's colSpan).
      const spanned = g.masterOf(address(r, 2)) !== address(r, 2) && g.masterOf(address(r, 2)).replace(/\d+$/, '') === 'B';
      const own1 = g.text(r, 1);
      const level1 = own1 || prev?.level1 || '';
      const own2 = spanned ? '' : g.text(r, 2);
      const level2 = own2 || (!own1 && prev ? prev.level2 : '');
      prev = { level1, level2 };
      return { level1, level2, level3: g.text(r, 3), target: g.text(r, 5) };
    });
  facts.form = { tasks, total: amt(t, 3), total_fiscal: amt(t, 4), total_other: amt(t, 5), goal: g.text(rows[goalRow], 1), indicators };
}

