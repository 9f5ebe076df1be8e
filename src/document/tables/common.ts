import type { Budget, ClassRow, GeneralKind, Source } from '../../model/budget.js';
import { SOURCES } from '../../model/budget.js';
import { GENERAL_KIND_NAMES, UNIT_FUNDS_NAME, sourceHeading } from '../../model/names.js';
import { type Dec, ZERO, add, sum } from '../../money/decimal.js';
import { type MutRow, type NumFormat, freeze } from '../cells.js';
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

export const GOVERNMENT: readonly Source[] = ['general', 'gov_fund', 'soe'];
export const UNIT_SOURCES: readonly Source[] = ['unit_business', 'unit_operating', 'unit_superior', 'unit_affiliated', 'unit_other'];

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

/**
 * Indices (into `rows`) of the direct children of rows[i] in a list in classification order: the
 * following rows one level deeper, up to the next row at the same level or above.
 */
export function childIndices(rows: readonly { level: number }[], i: number): number[] {
  const out: number[] = [];
  const lvl = rows[i].level;
  for (let j = i + 1; j < rows.length && rows[j].level > lvl; j++) {
    if (rows[j].level === lvl + 1) out.push(j);
  }
  return out;
}

/** Indices of the top-level rows (类) of a list. */
export function topIndices(rows: readonly { level: number }[]): number[] {
  if (rows.length === 0) return [];
  const top = Math.min(...rows.map((r) => r.level));
  return rows.flatMap((r, i) => (r.level === top ? [i] : []));
}
