import type { Budget, Classification, ClassRow, GeneralKind, Source } from '../../model/budget.js';
import { classTree } from '../../model/tree.js';
import { SOURCES } from '../../model/budget.js';
import { GENERAL_KIND_NAMES, UNIT_FUNDS_NAME, sourceHeading } from '../../model/index.js';
import { type Dec, ZERO, add, sum } from '../../money/decimal.js';
import { type MutRow, type NumFormat, type Shown, freeze, linkColumns, linkSum } from '../cells.js';
import type { CellRef } from '../model.js';
import { GOVERNMENT_SOURCES, projectsRollUp, rollsUp, SUM_OF, UNIT_FUND_SOURCES } from '../../model/identities.js';
import { InternalError } from '../../diagnostics/diagnostic.js';
import { cellFact, type Fact } from '../../model/facts.js';
import type { ColumnSpec, HeaderNode, Table } from '../model.js';
import type { HeaderDecl, TableDecl } from '../../profile/index.js';

/** What every table builder gets: the budget, how to print its figures and how to word the profile's text. */
export interface TableCtx {
  readonly budget: Budget;
  readonly f: NumFormat;
  readonly dept: string;
  readonly year: number;
  /** The profile's wording with its placeholders ({department}, {year}, {unit}, {kind}) filled. */
  readonly words: (s: string) => string;
  /** The line under each table's title unless the table declares its own. */
  readonly headerLine: { readonly left: string; readonly right: string };
}

/**
 * The facts a table kind's cells show, collected without laying the table out (src/document/feeds.ts
 * asks which tables show a finding's figures). A table that shows a classification one row a line
 * says which (`cls`), and the facts of a row's line (`row`: none when the table leaves the row out)
 * name that row only; `fixed` are the rest (the department row, totals, income lines, projects).
 * So a finding about a few rows asks about those rows' lines, not the whole table.
 */
export interface KindFacts<D> {
  readonly cls?: (d: D) => 'functional' | 'economic';
  readonly fixed: (b: Budget, d: D, out: Set<Fact>) => void;
  readonly row?: (r: ClassRow, d: D, out: Set<Fact>) => void;
}

/** Adds each of `facts` to `out`. */
export function addAll(out: Set<Fact>, facts: readonly Fact[]): void {
  for (const f of facts) out.add(f);
}

/** What a table kind lays out; the profile's declaration supplies the rest (`declaredTable`). */
export interface TableBody {
  readonly header: readonly HeaderNode[];
  readonly columns: readonly ColumnSpec[];
  readonly rows: MutRow[];
  /** Nothing to show this year: the declaration's `empty_note` is printed. */
  readonly empty?: boolean;
}

/** A table as the profile declares it: its id, caption, title, names, orientation and notes around the kind's body. */
export function declaredTable(ctx: TableCtx, d: TableDecl, b: TableBody): Table {
  const w = ctx.words;
  const caption = d.caption ? w(d.caption) : '';
  const title = w(d.title);
  const line = d.header_line ?? ctx.headerLine;
  const notes = d.notes.flatMap((n) => (typeof n === 'string' ? [w(n)] : n.unit === ctx.f.unit ? [w(n.text)] : []));
  const empty = b.empty && 'empty_note' in d && d.empty_note ? [w(d.empty_note)] : [];
  return {
    kind: 'table',
    id: d.id,
    caption,
    title,
    shortName: d.short_name ? w(d.short_name) : `${caption} ${title}`,
    headerLine: { left: w(line.left), right: w(line.right) },
    orientation: d.orientation,
    header: b.header,
    columns: b.columns,
    rows: freeze(b.rows),
    notes: [...notes, ...empty],
    toc: true,
    page: true,
  };
}

/** A declared header tree, its labels worded. */
export function declaredHeader(ctx: TableCtx, h: readonly HeaderDecl[]): HeaderNode[] {
  return h.map((x) => (typeof x === 'string' ? { label: ctx.words(x) } : { label: ctx.words(x.label), children: declaredHeader(ctx, x.children) }));
}

/** The sources of 政府预算拨款 and of 单位资金, by the income's declared sums (src/model/identities.ts). */
export const GOVERNMENT: readonly Source[] = GOVERNMENT_SOURCES;
export const UNIT_SOURCES: readonly Source[] = UNIT_FUND_SOURCES;

/** A funding source's header cell in the by-source tables (the catalogue's heading), with any sub-columns. */
export function sourceNode(s: Source, children?: HeaderNode[]): HeaderNode {
  return children ? { label: sourceHeading(s), children } : { label: sourceHeading(s) };
}

/** 一般公共预算拨款 | 政府性基金预算拨款 | 国有资本经营预算拨款, the first with `generalChildren` under it. */
export function governmentNodes(generalChildren?: HeaderNode[]): HeaderNode[] {
  return GOVERNMENT.map((s) => sourceNode(s, s === 'general' ? generalChildren : undefined));
}

/** The split of 一般公共预算拨款 as sub-columns: 基本支出拨款 | 履职类项目拨款 | …. */
export function generalKindNodes(kinds: readonly GeneralKind[]): HeaderNode[] {
  return kinds.map((k) => ({ label: GENERAL_KIND_NAMES[k].zh }));
}

/** 单位资金 › 事业收入 | 事业单位经营收入 | 上级补助收入 | 附属单位上缴收入 | 其他收入. */
export function unitFundsNode(): HeaderNode {
  return { label: UNIT_FUNDS_NAME.zh, children: UNIT_SOURCES.map((s) => sourceNode(s)) };
}

export type Part = 'basic' | 'project' | 'total';

/**
 * A classification row's amounts by funding source. A row funded only by 一般公共预算 (its
 * `by_source` omitted or holding only `general`) prints its own published figures, so a parent
 * whose children add up to one more by rounding still prints the declared figure.
 */
export function bySource(row: ClassRow, part: Part): Record<Source, Dec> {
  const out = Object.fromEntries(SOURCES.map((s) => [s, ZERO])) as Record<Source, Dec>;
  const keys = writtenSources(row.by_source);
  if (keys.every((k) => k === 'general')) {
    out.general = row[part].value;
    return out;
  }
  for (const k of keys) {
    const bp = row.by_source[k]!;
    out[k] = part === 'total' ? add(bp.basic.value, bp.project.value) : bp[part].value;
  }
  return out;
}

/** The part of a row paid from the given sources (the row's own figure when it is all from them). */
export function amountFrom(row: ClassRow, part: Part, sources: readonly Source[]): Dec {
  if (paidBy(row).every((k) => sources.includes(k))) return row[part].value;
  const by = bySource(row, part);
  return sum(sources.map((s) => by[s]));
}

type Cls = 'functional' | 'economic';

const NONE: readonly string[] = Object.freeze([]);

/** The facts of a row's split for the given sources (both columns for `total`). */
function splitFacts(cls: Cls, row: ClassRow, part: Part, sources: readonly Source[]): string[] {
  const cols = part === 'total' ? (['basic', 'project'] as const) : [part];
  return sources.flatMap((s) => (row.by_source[s] === undefined ? [] : cols.map((c) => cellFact(cls, row.code.text, `by_source.${s}.${c}`))));
}

/** `bySource` with the facts each figure shows: the row's own figure, or its split's. */
export function bySourceShown(cls: Cls, row: ClassRow, part: Part): Record<Source, Shown> {
  const v = bySource(row, part);
  const allGeneral = writtenSources(row.by_source).every((k) => k === 'general');
  const out = {} as Record<Source, Shown>;
  for (const s of SOURCES) {
    const facts = allGeneral ? (s === 'general' ? [cellFact(cls, row.code.text, part)] : NONE) : splitFacts(cls, row, part, [s]);
    out[s] = { value: v[s], facts };
  }
  return out;
}

/** `amountFrom` with the facts it shows. */
export function amountFromShown(cls: Cls, row: ClassRow, part: Part, sources: readonly Source[]): Shown {
  if (paidBy(row).every((k) => sources.includes(k))) return { value: row[part].value, facts: [cellFact(cls, row.code.text, part)] };
  const value = amountFrom(row, part, sources);
  // a row whose only split is general stands for it (bySource): none of it is from other sources
  const allGeneral = writtenSources(row.by_source).every((k) => k === 'general');
  return { value, facts: allGeneral ? NONE : splitFacts(cls, row, part, sources) };
}

/** A row's own figure with its fact. */
export function rowShown(cls: Cls, row: ClassRow, part: Part | 'procurement.total' | 'procurement.sme' | 'procurement.micro'): Shown {
  const fig = part.startsWith('procurement.') ? row.procurement?.[part.slice(12) as 'total'] : row[part as Part];
  return { value: fig?.value ?? ZERO, facts: fig ? [cellFact(cls, row.code.text, part)] : [] };
}

/** Whether any money of the row comes from the given sources. */
export function fundedFrom(row: ClassRow, sources: readonly Source[]): boolean {
  return paidBy(row).some((k) => sources.includes(k));
}

/** The sources a `by_source` map names (keys written with no figure do not count). */
export function writtenSources(bySource: Readonly<Partial<Record<Source, unknown>>>): Source[] {
  return (Object.keys(bySource) as Source[]).filter((k) => bySource[k] !== undefined);
}

/** The sources a row is paid from: those its `by_source` names, or 一般公共预算 when it names none. */
function paidBy(row: ClassRow): readonly Source[] {
  const keys = writtenSources(row.by_source);
  return keys.length === 0 ? ['general'] : keys;
}

/** A classification's tree among the rows a table shows: indices into those rows. */
export interface ShownTree {
  /** The shown 类 rows: the department row's children. */
  readonly tops: readonly number[];
  /** Each shown row's shown children. */
  readonly children: readonly (readonly number[])[];
}

/**
 * The model's tree (src/model/tree.ts) among `shown`, some of a classification's rows in their
 * order. A table leaves out rows with nothing to show (no money from its sources, no basic column),
 * whose children it leaves out too, so a shown row's shown children hold all it shows.
 */
export function shownTree(cls: Classification, shown: readonly ClassRow[]): ShownTree {
  const t = classTree(cls);
  if (shown === cls.rows) return { tops: t.tops, children: t.children };
  const at = new Map<ClassRow, number>();
  shown.forEach((r, i) => at.set(r, i));
  const pick = (ix: readonly number[]): number[] => {
    const out: number[] = [];
    for (const i of ix) {
      const j = at.get(cls.rows[i]!);
      if (j !== undefined) out.push(j);
    }
    return out;
  };
  const children: number[][] = new Array(shown.length);
  cls.rows.forEach((r, i) => {
    const j = at.get(r);
    if (j !== undefined) children[j] = pick(t.children[i]!);
  });
  return { tops: pick(t.tops), children };
}

/**
 * What one figure column shows of each row: a column id of the declaration (src/model/identities.ts),
 * or several when the column prints their sum (a row's part from some sources: its split columns),
 * or none ('' or []) when it prints nothing the declaration sums.
 */
export type Shows = string | readonly string[];

/** The figure columns among `cols` (`shows[k]` what `cols[k]` shows) whose every shown column `rolls`. */
function rolledColumns(cols: readonly number[], shows: readonly Shows[], rolls: (col: string) => boolean): number[] {
  return cols.filter((_, k) => {
    const s = shows[k]!;
    return typeof s === 'string' ? rolls(s) : s.length > 0 && s.every(rolls);
  });
}

/**
 * Marks, in each figure column that shows rolled-up columns of the classification (`shows[k]` is
 * what figure column `cols[k]` shows; src/model/identities.ts `ROLL_UPS`), the department
 * row's cell as the sum of the 类 rows' and each parent row's as the sum of its children's. `at`
 * maps a shown row's index to its table row; `what` words the parts in a rounding note.
 */
export function linkRollUp(
  rows: MutRow[],
  cls: 'functional' | 'economic',
  tree: ShownTree,
  dept: number | undefined,
  at: (i: number) => number,
  cols: readonly number[],
  shows: readonly Shows[],
  unit: string,
  what?: string,
): void {
  const rolled = rolledColumns(cols, shows, (c) => rollsUp(cls, c));
  if (dept !== undefined) linkColumns(rows, dept, tree.tops.map(at), rolled, unit, what);
  tree.children.forEach((kids, i) => linkColumns(rows, at(i), kids.map(at), rolled, unit, what));
}

/**
 * Marks the department row of a table listing the projects, in each figure column that shows
 * project columns the projects' roll-up declares (`PROJECT_SUMS.columns`, src/model/identities.ts;
 * `shows[k]` what `cols[k]` shows), as the sum of the projects' rows.
 */
export function linkProjects(rows: MutRow[], dept: number, projects: readonly number[], cols: readonly number[], shows: readonly Shows[], unit: string): void {
  linkColumns(rows, dept, projects, rolledColumns(cols, shows, projectsRollUp), unit);
}

/**
 * Marks each cell that shows a total of the declared identities (src/model/identities.ts) as the
 * sum of the cells along the same row or column that show its parts — a part the table does not
 * show stands for its own parts — so the XLSX writes the identity as a SUM formula. A cell that
 * shows a figure an earlier cell of its line already shows is that cell (本年收入合计 that is
 * 政府预算拨款); a cell that shows several figures (a sum the table computes) is the cells showing
 * them. Identities with subtracted parts are not formulas the tables write.
 */
export function linkIdentities(rows: MutRow[], along: 'row' | 'column', unit: string): void {
  const key = (facts: readonly string[]) => facts.join('\u0000');
  // Which facts the table shows more than once (a copy) — only a cell showing a total, a copy or
  // several figures needs its line searched.
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const r of rows)
    for (const c of r.cells)
      if (c?.kind === 'number' && c.facts?.length === 1) (seen.has(c.facts[0]!) ? twice : seen).add(c.facts[0]!);
  rows.forEach((r, ri) =>
    r.cells.forEach((c, ci) => {
      if (c?.kind !== 'number' || !c.facts?.length) return;
      if (c.facts.length === 1 && !SUM_OF.has(c.facts[0]!) && !twice.has(c.facts[0]!)) return;
      // the other number cells of the line, nearest first, each with its facts
      const line: { ref: CellRef; facts: readonly string[]; before: boolean }[] = [];
      const push = (row: number, col: number) => {
        const x = rows[row]?.cells[col];
        if (x?.kind === 'number' && x.facts?.length && !(row === ri && col === ci)) line.push({ ref: { row, col }, facts: x.facts, before: row < ri || (row === ri && col < ci) });
      };
      if (along === 'row') r.cells.forEach((_, j) => push(ri, j));
      else rows.forEach((_, i) => push(i, ci));
      const dist = (x: CellRef) => Math.abs(x.row - ri) + Math.abs(x.col - ci);
      line.sort((a, b) => dist(a.ref) - dist(b.ref));
      const parts = partsIn(c.facts, line, key);
      if (parts?.length) linkSum(rows, { row: ri, col: ci }, parts.sort((a, b) => a.row - b.row || a.col - b.col), unit);
    }),
  );
}

function partsIn(facts: readonly string[], line: readonly { ref: CellRef; facts: readonly string[]; before: boolean }[], key: (f: readonly string[]) => string): CellRef[] | undefined {
  if (facts.length > 1) {
    // the cells, earlier in the line, that show these figures between them
    const left = new Set(facts);
    const out: CellRef[] = [];
    for (const x of line) {
      if (!x.before || !x.facts.every((f) => left.has(f))) continue;
      x.facts.forEach((f) => left.delete(f));
      out.push(x.ref);
      if (!left.size) return out;
    }
    return undefined;
  }
  const copy = line.find((x) => x.before && key(x.facts) === key(facts));
  if (copy) return [copy.ref];
  const expand = (f: string): CellRef[] | undefined => {
    const id = SUM_OF.get(f);
    if (!id || id.less) return undefined;
    const out: CellRef[] = [];
    for (const p of id.parts) {
      const shown = line.find((x) => x.facts.length === 1 && x.facts[0] === p);
      const got = shown ? [shown.ref] : expand(p);
      if (!got) return undefined;
      out.push(...got);
    }
    return out;
  };
  return expand(facts[0]!);
}

/**
 * The columns a by-source table's subtotal column adds up, by the income's declared identities
 * (src/model/identities.ts): spending by source sums as the income by source does. `keys` is the
 * income figure each figure column stands for (column 1 is keys[0]); a part the table has no
 * column for stands for its own parts, and `absent` are the parts it has none of (the projects
 * have no 基本支出 kind of general appropriation).
 */
export function sourceColumns(keys: readonly string[], total: string, absent: readonly string[] = []): number[] {
  const expand = (f: string): number[] => {
    const i = keys.indexOf(f);
    if (i >= 0) return [i + 1];
    if (absent.includes(f)) return [];
    const id = SUM_OF.get(f);
    if (!id || id.less) throw new InternalError(`no column for ${f} and no identity to expand it`);
    return id.parts.flatMap(expand);
  };
  const id = SUM_OF.get(total);
  if (!id) throw new InternalError(`${total} is not a declared total`);
  return id.parts.flatMap(expand);
}
