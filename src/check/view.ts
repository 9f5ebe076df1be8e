import { ZERO, type Dec } from '../money/decimal.js';
import {
  GENERAL_KINDS,
  SOURCES,
  type Budget,
  type ClassRow,
  type Classification,
  type Fig,
  type Income,
  type Project,
  type Source,
  type ThreePublicYear,
} from '../model/budget.js';
import { sumDec, sumDecOf, tolOf, writtenTol } from './tolerance.js';
import { cellFact, projectFact, type Fact, type IncomeKey } from '../model/facts.js';
import { cellFig, figAt, PROJECT_SUMS, rollsUp, ROW_INCOME, ROW_SUM, rowIncomePart, SPLIT_SUMS, splitPart, SUM_OF } from '../model/identities.js';
import { classTree as modelTree } from '../model/tree.js';
import type { Span } from '../source/span.js';

/**
 * What the rules see of a budget: the classification trees, and the tolerance of every figure. A
 * written figure's tolerance is half a unit of its last digit; a computed one's is the summed
 * tolerance of the parts the model computes it from: for the named figures, the identity it is
 * computed by (src/model/identities.ts, one declaration for both); for a classification's cells,
 * the families declared there (parents from children by the roll-up `ROLL_UPS`, row totals from
 * basic + project, a split row's columns from its sources).
 */

export interface ClassNode {
  readonly row: ClassRow;
  readonly children: readonly ClassNode[];
  /** The department row is the root (level 0). */
  readonly root: boolean;
  readonly cls: 'functional' | 'economic';
}

/** The classification's tree as the model built it (src/model/tree.ts), as nodes. */
export function classTree(c: Classification, cls: 'functional' | 'economic'): ClassNode {
  type Mut = { row: ClassRow; children: Mut[]; root: boolean; cls: typeof cls };
  const t = modelTree(c);
  const nodes: Mut[] = c.rows.map((row) => ({ row, children: [], root: false, cls }));
  nodes.forEach((n, i) => {
    for (const k of t.children[i]!) n.children.push(nodes[k]!);
  });
  return { row: c.total, children: t.tops.map((i) => nodes[i]!), root: true, cls };
}

const walkCache = new WeakMap<ClassNode, readonly ClassNode[]>();
const leafCache = new WeakMap<ClassNode, readonly ClassNode[]>();

/** The node and its descendants in table order (cached: the rules walk the trees many times). */
export function walk(n: ClassNode): readonly ClassNode[] {
  let all = walkCache.get(n);
  if (!all) {
    const out: ClassNode[] = [];
    const go = (x: ClassNode) => {
      out.push(x);
      for (const c of x.children) go(c);
    };
    go(n);
    walkCache.set(n, (all = out));
  }
  return all;
}

export function leaves(n: ClassNode): readonly ClassNode[] {
  let ls = leafCache.get(n);
  if (!ls) leafCache.set(n, (ls = walk(n).filter((x) => x.children.length === 0 && !x.root)));
  return ls;
}

/** The fact address of a cell (src/model/facts.ts). */
export function cellFactOf(n: ClassNode, col: Column): Fact {
  return cellFact(n.cls, n.row.code.text, col.id);
}

/**
 * A column of a classification table. Every one has the three keys (`leafParts` undefined where a
 * leaf's figure is not computed from others), so the check's per-cell code reads one shape.
 */
export interface Column {
  readonly id: string;
  readonly get: (row: ClassRow) => Fig | undefined;
  /** For a leaf row whose figure was not written: how the builder computes it. */
  readonly leafParts?: readonly Column[];
}

export const COL_BASIC: Column = { id: 'basic', get: (r) => r.basic, leafParts: undefined };
export const COL_PROJECT: Column = { id: 'project', get: (r) => r.project, leafParts: undefined };
export const COL_TOTAL: Column = { id: 'total', get: (r) => r.total, leafParts: [COL_BASIC, COL_PROJECT] };
export const COL_PROC_TOTAL: Column = { id: 'procurement.total', get: (r) => r.procurement?.total, leafParts: undefined };
export const COL_PROC_SME: Column = { id: 'procurement.sme', get: (r) => r.procurement?.sme, leafParts: undefined };
export const COL_PROC_MICRO: Column = { id: 'procurement.micro', get: (r) => r.procurement?.micro, leafParts: undefined };
const COLUMNS: Readonly<Record<string, Column>> = { total: COL_TOTAL, basic: COL_BASIC, project: COL_PROJECT };
const PROC: Readonly<Record<string, Column>> = { 'procurement.total': COL_PROC_TOTAL, 'procurement.sme': COL_PROC_SME, 'procurement.micro': COL_PROC_MICRO };

/** The check's column of a declared column id (src/model/identities.ts). */
export function columnOf(id: string): Column {
  const c = COLUMNS[id] ?? PROC[id];
  if (c) return c;
  const m = /^by_source\.(\w+)\.(basic|project)$/.exec(id);
  if (m) return sourceCol(m[1] as Source, m[2] as 'basic' | 'project');
  let o = otherCols.get(id);
  if (!o) otherCols.set(id, (o = { id, get: (r) => cellFig(r, id), leafParts: undefined }));
  return o;
}
const otherCols = new Map<string, Column>();

const sourceCols = new Map<string, Column>();
/** by_source[s].basic or .project. An omitted by_source makes the whole row `general`. */
export function sourceCol(s: Source, part: 'basic' | 'project'): Column {
  const id = splitPart(s, part);
  let c = sourceCols.get(id);
  if (!c) {
    const whole = part === 'basic' ? COL_BASIC : COL_PROJECT;
    c = {
      id: splitPart(s, part),
      get: (r) => r.by_source[s]?.[part],
      leafParts: s === 'general' ? [whole] : undefined,
    };
    sourceCols.set(id, c);
  }
  return c;
}

/**
 * A by_source figure the source wrote as a split, not the row's own basic/project standing in for
 * an omitted split (the builder may fill `general` with the row's figures).
 */
export function splitFig(row: ClassRow, s: Source, part: 'basic' | 'project'): Fig | undefined {
  const f = row.by_source[s]?.[part];
  if (!f?.span) return undefined;
  const own = part === 'basic' ? row.basic : row.project;
  if (own.span && own.span.file === f.span.file && own.span.offset === f.span.offset && own.span.line === f.span.line && own.span.col === f.span.col)
    return undefined;
  return f;
}

export class BudgetView {
  readonly functional: ClassNode;
  readonly economic: ClassNode;
  private readonly memo = new Map<ClassNode, Map<string, Dec>>();

  constructor(readonly b: Budget) {
    this.functional = classTree(b.functional, 'functional');
    this.economic = classTree(b.economic, 'economic');
  }

  private splitSet?: Set<ClassNode>;
  private isSplit(n: ClassNode): boolean {
    this.splitSet ??= new Set([...this.splitRows(this.functional), ...this.splitRows(this.economic)]);
    return this.splitSet.has(n);
  }

  /** Tolerance of one cell of a classification table. */
  cellTol(n: ClassNode, col: Column): Dec {
    let m = this.memo.get(n);
    if (!m) this.memo.set(n, (m = new Map()));
    const hit = m.get(col.id);
    if (hit) return hit;
    const t = tolOf(col.get(n.row), () => {
      // a row's income 合计 left out is its own total (`ROW_INCOME`, src/model/identities.ts)
      if (col.id === ROW_INCOME.total) return this.cellTol(n, COLUMNS[ROW_INCOME.totalIs]!);
      // a parent by the roll-up (src/model/identities.ts): its children's summed tolerance
      if (n.children.length && rollsUp(n.cls, col.id)) return sumDecOf(n.children, (c) => this.cellTol(c, col));
      // a leaf's income part: its split's, both columns of each source the part is income from
      const income = rowIncomePart(col.id);
      if (income) return sumDecOf(ROW_INCOME.sources[income].filter((s) => n.row.by_source[s]), (s) => sumDecOf(SPLIT_SUMS, (p) => this.cellTol(n, sourceCol(s, p))));
      // leaves, by the identities the model computes them by (src/model/identities.ts): total =
      // basic + project; an omitted basic or project of a row split by source is the sum of its
      // sources; an omitted split is all general
      const split = this.isSplit(n);
      if (col.id === ROW_SUM.total) return sumDecOf(ROW_SUM.parts, (p) => this.cellTol(n, COLUMNS[p]!));
      const part = SPLIT_SUMS.find((x) => x === col.id);
      if (part && split) return sumDecOf(SOURCES.filter((s) => n.row.by_source[s]), (s) => this.cellTol(n, sourceCol(s, part)));
      if (col.leafParts && !split) return sumDecOf(col.leafParts, (p) => this.cellTol(n, p));
      return ZERO;
    });
    m.set(col.id, t);
    return t;
  }

  /**
   * Tolerance of a named figure: half a unit of its last digit when written; when computed, the
   * summed tolerances of the parts of the identity the model computed it by (src/model/identities.ts).
   */
  factTol(f: Fact): Dec {
    const hit = this.tols.get(f);
    if (hit) return hit;
    let t: Dec;
    if (f.startsWith('functional.total.')) t = this.cellTol(this.functional, COLUMNS[f.slice(17)] ?? COL_TOTAL);
    else {
      const id = SUM_OF.get(f);
      t = tolOf(figAt(this.b, f), () => (id ? sumDec([...id.parts, ...(id.less ?? [])].map((p) => this.factTol(p))) : ZERO));
    }
    this.tols.set(f, t);
    return t;
  }
  private readonly tols = new Map<Fact, Dec>();

  incomeTol(key: IncomeKey): Dec {
    return this.factTol(`income.${key}`);
  }

  expenditureTol(key: 'total' | 'current_total' | 'carry_forward'): Dec {
    return this.factTol(`expenditure.${key}`);
  }

  /** A project's amount, or its share from one source, as a fact. */
  projectFacts(p: Project, s?: Source): Fact[] {
    if (s === undefined) return [projectFact(p.name.text)];
    if (p.by_source[s]) return [projectFact(p.name.text, `by_source.${s}`)];
    return s === 'general' && Object.keys(p.by_source).length === 0 ? [projectFact(p.name.text)] : [];
  }

  /** A written amount's half unit; a computed one's, its parts' the model summed (`PROJECT_SUMS.amountParts`). */
  projectTol(p: Project): Dec {
    return tolOf(p.amount, () => {
      const parts = { items: p.items.map((it) => it.amount), by_source: Object.values(p.by_source) as Fig[] };
      const from = PROJECT_SUMS.amountParts.find((k) => parts[k].length);
      return from ? sumDec(parts[from].map((f) => tolOf(f, () => ZERO))) : ZERO;
    });
  }

  /** A project's share from one source: by_source when written, else the whole amount is general. */
  projectSource(p: Project, s: Source): { fig?: Fig; tol: Dec } {
    const f = p.by_source[s];
    if (f) return { fig: f, tol: tolOf(f, () => (s === 'general' ? this.projectTol(p) : ZERO)) };
    if (s === 'general' && Object.keys(p.by_source).length === 0) return { fig: p.amount, tol: this.projectTol(p) };
    return { tol: ZERO };
  }

  threePublicTol(y: ThreePublicYear, key: keyof ThreePublicYear): Dec {
    const tp = this.b.three_public;
    return this.factTol(`three_public.${y === tp.this_year ? 'this_year' : y === tp.last_year ? 'last_year' : 'change'}.${key}`);
  }

  /**
   * One funding source's basic or project expenditure over a classification's leaves. A leaf with no
   * by_source is wholly `general`. `written` tells whether any leaf wrote a figure for this source.
   */
  sourceSum(tree: ClassNode, s: Source, part: 'basic' | 'project'): { value: Dec; tol: Dec; written: boolean; at?: Span; readonly facts: Fact[] } {
    const col = sourceCol(s, part);
    const whole = part === 'basic' ? COL_BASIC : COL_PROJECT;
    const vals: Dec[] = [];
    const tols: Dec[] = [];
    const cells: [ClassNode, Column][] = [];
    let written = false;
    let at: Span | undefined;
    for (const n of leaves(tree)) {
      const f = col.get(n.row);
      if (f) {
        vals.push(f.value);
        tols.push(this.cellTol(n, col));
        cells.push([n, col]);
        written ||= !!f.span;
        at ??= splitFig(n.row, s, part)?.span;
      } else if (s === 'general' && Object.keys(n.row.by_source).length === 0) {
        const w = whole.get(n.row);
        if (w) vals.push(w.value);
        tols.push(this.cellTol(n, whole));
        cells.push([n, whole]);
      }
    }
    return {
      value: sumDec(vals),
      tol: sumDec(tols),
      written,
      ...(at ? { at } : {}),
      // named only when a finding needs them
      get facts() {
        return cells.map(([n, c]) => cellFactOf(n, c));
      },
    };
  }

  private multi?: boolean;
  /** Whether any row of either classification, or any project, splits by a source other than general. */
  get multiSource(): boolean {
    return (this.multi ??= this.computeMultiSource());
  }

  private computeMultiSource(): boolean {
    const other = (bs: object) => Object.keys(bs).some((k) => k !== 'general');
    for (const t of [this.functional, this.economic])
      for (const n of walk(t)) if (other(n.row.by_source) || splitFig(n.row, 'general', 'basic') || splitFig(n.row, 'general', 'project')) return true;
    return this.b.projects.some((p) => other(p.by_source));
  }

  /** Find a classification row by code (economic codes of the summary). */
  findRow(tree: ClassNode, code: string): ClassNode | undefined {
    let byCode = this.codes.get(tree);
    if (!byCode) {
      byCode = new Map();
      for (const n of walk(tree)) if (!n.root && !byCode.has(n.row.code.text)) byCode.set(n.row.code.text, n);
      this.codes.set(tree, byCode);
    }
    return byCode.get(code);
  }
  private readonly codes = new Map<ClassNode, Map<string, ClassNode>>();

  /** Rows that wrote a split by funding source (any source's basic or project). */
  splitRows(tree: ClassNode): readonly ClassNode[] {
    let rows = this.splits.get(tree);
    if (!rows) {
      rows = walk(tree).filter((n) => {
        for (const k in n.row.by_source) if (splitFig(n.row, k as Source, 'basic') || splitFig(n.row, k as Source, 'project')) return true;
        return false;
      });
      this.splits.set(tree, rows);
    }
    return rows;
  }
  private readonly splits = new Map<ClassNode, readonly ClassNode[]>();
}

export { UNIT_KINDS, incomeFig, type IncomeKey } from '../model/facts.js';

export { writtenTol };
