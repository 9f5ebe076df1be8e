import { type Dec, ZERO, add, eq, isZero, sub, sum, toPlain } from '../money/decimal.js';
import { ROW_INCOME_KEYS, SOURCES, type Source } from '../model/budget.js';
import { ROW_INCOME, SUM_OF, THREE_PUBLIC_KEYS } from '../model/identities.js';
import { INCOME_OF, incomeFact } from '../model/facts.js';
import { BASIC_BY_SOURCE_COLUMNS, PROJECTS_BY_SOURCE_COLUMNS, kindOfColumn, sourceOfColumn } from '../profile/index.js';
import { incomePath } from './paths.js';
import { codeTree } from '../model/tree.js';
import type { Facts, RowFig } from './tables.js';
import type { NarrativeFacts } from './narrative.js';
import { cellOf, type CellAt } from './cells.js';

/**
 * The facts read from the tables, laid out as the source format's sections (docs/format.md), over
 * what an existing source directory already holds: every figure the workbook shows replaces the
 * written one (or fills an empty one), and what the workbook cannot show — the narrative's prose,
 * the staffing, project details, which funding source pays a share no table breaks down — is kept
 * from the existing files. Without them, those facts are left empty (`budget check` lists them as
 * the to-do list). A figure equal to the written one leaves the text as it was.
 */

/** An amount (or count, year, code) exactly as it will be written; `cell`, the workbook cell it was read from. */
export class Amount {
  constructor(
    readonly dec: Dec,
    readonly cell?: CellAt,
  ) {}
  toString(): string {
    return toPlain(this.dec);
  }
}

export type Val = Amount | string | boolean | null | Val[] | { [k: string]: Val };
export type Obj = { [k: string]: Val };

export interface AssembleProblem {
  readonly what: { readonly zh: string; readonly en: string };
  readonly at: string;
  /** Two tables printing the same figure differently (import/conflict), not a missing source. */
  readonly conflict?: boolean;
}

const isObj = (v: Val | undefined): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Amount);
/** A figure to write, with the cell it was read from when it is one cell's (src/import/cells.ts). */
const A = (d: Dec) => new Amount(d, cellOf(d));
const clone = <T extends Val>(v: T): T => (Array.isArray(v) ? (v.map(clone) as T) : isObj(v) ? (Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clone(x)])) as T) : v);

function decOf(v: Val | undefined): Dec | undefined {
  return v instanceof Amount ? v.dec : undefined;
}

function textOf(v: Val | undefined): string | undefined {
  if (typeof v === 'string') return v;
  if (v instanceof Amount) return toPlain(v.dec);
  return undefined;
}

/** Sets a figure; a figure equal to the one written stays as written (its text unchanged). */
function setAmt(o: Obj, k: string, d: Dec): void {
  const had = decOf(o[k]);
  if (had && eq(had, d)) {
    // the text stays as written (1,234 for 1234), and the figure is the cell's all the same
    const at = cellOf(d);
    if (at) o[k] = new Amount(had, at);
    return;
  }
  o[k] = A(d);
}

/** Sets a part that may be left out: an omitted part is 0, so a zero is added only where the key is written. */
function setPart(o: Obj, k: string, d: Dec): void {
  if (!(k in o) && isZero(d)) return;
  setAmt(o, k, d);
}

function setText(o: Obj, k: string, s: string): void {
  if (textOf(o[k]) === s) return;
  o[k] = s;
}

function sub_(o: Obj, k: string): Obj {
  if (!isObj(o[k])) o[k] = {};
  return o[k] as Obj;
}

export function assemble(facts: Facts, existing: Obj | undefined, narrative?: NarrativeFacts): { sections: Obj; problems: AssembleProblem[]; warnings: AssembleProblem[] } {
  const problems: AssembleProblem[] = [];
  const warnings: AssembleProblem[] = [];
  const s: Obj = existing ? clone(existing) : {};
  const fresh = !existing;
  const v = facts.vars;

  // department: the names and the year the tables print; the rest (duties, units) is narrative.
  const dep = sub_(s, 'department');
  if (fresh) Object.assign(dep, { name: null, supervisor: null, year: null, unit: null, duties: [null], goals: null, units: [{ name: null, staffing: staffingTodo() }] });
  if (v.department !== undefined) setText(dep, 'name', v.department);
  if (v.supervisor !== undefined) setText(dep, 'supervisor', v.supervisor);
  if (v.year !== undefined) setAmt(dep, 'year', { coef: BigInt(v.year), scale: 0 });
  if (v.unit !== undefined) setText(dep, 'unit', v.unit);
  if (fresh) {
    s.prose = { change_reason: null };
    s.prior_year = { year: v.year !== undefined ? A({ coef: BigInt(facts.threePublic?.priorYear ?? v.year - 1), scale: 0 }) : null, income_total: null, expenditure_total: null, running_cost: null };
  } else if (facts.threePublic?.priorYear !== undefined && v.year !== undefined && (isObj(s.prior_year) && 'year' in s.prior_year || facts.threePublic.priorYear !== v.year - 1)) {
    setAmt(sub_(s, 'prior_year'), 'year', { coef: BigInt(facts.threePublic.priorYear), scale: 0 });
  }

  // income and expenditure: every line the summaries and the income table show.
  const scalars = [...facts.scalars].filter(([k]) => k.startsWith('income.') || k.startsWith('expenditure.'));
  if (fresh && scalars.length) {
    s.income = {};
    if (scalars.some(([k]) => k.startsWith('expenditure.'))) s.expenditure = {};
  }
  const ORDER = ['total', 'current_total', 'government', 'general', 'gov_fund', 'soe', 'special_account', 'unit_funds', 'carryover', 'carry_forward'];
  scalars.sort(([a], [b]) => ORDER.indexOf(a.split('.')[1]) - ORDER.indexOf(b.split('.')[1]));
  for (const [path0, f0] of scalars) {
    let path = path0;
    let f = f0;
    if (path === 'income.unit_funds.other+') {
      // 其他收入 of a layout that lumps 单位资金's other, superior and affiliated lines: the written
      // superior and affiliated lines stay, the other line is the rest.
      path = 'income.unit_funds.other';
      const u = isObj(s.income) && isObj(s.income.unit_funds) ? s.income.unit_funds : {};
      const written = add(decOf(u.superior) ?? ZERO, decOf(u.affiliated) ?? ZERO);
      if (!isZero(written)) f = { ...f, value: sub(f.value, written) };
      const o = sub_(sub_(s, 'income'), 'unit_funds');
      setPart(o, 'other', f.value);
      continue;
    }
    const keys = path.split('.');
    let o = s;
    for (const k of keys.slice(0, -1)) o = sub_(o, k);
    // over existing data, a line left out is 0 (or its parts' sum): a zero figure keeps it left out
    if (!fresh && !(keys[keys.length - 1] in o) && isZero(f.value)) continue;
    setAmt(o, keys[keys.length - 1], f.value);
  }

  classification(facts, s, 'functional', problems, warnings);
  classification(facts, s, 'economic', problems, warnings);
  rowColumns(facts, s, 'functional', problems, fresh);
  rowColumns(facts, s, 'economic', problems, fresh);
  for (const [path, f] of facts.scalars) {
    if (path === 'running_cost') setAmt(s, 'running_cost', f.value);
    else if (path.startsWith('three_public.this_year.')) (fresh ? setAmt : setPart)(sub_(sub_(s, 'three_public'), 'this_year'), path.split('.')[2], f.value);
  }
  // a 三公 total the data leaves out is its parts' sum: written only where it is not
  const ty = isObj(s.three_public) && isObj(s.three_public.this_year) ? s.three_public.this_year : undefined;
  const shownTp = (k: string) => facts.scalars.get(`three_public.this_year.${k}`)?.value;
  if (ty && !fresh) {
    const d = (k: string) => decOf(ty[k]) ?? ZERO;
    const old = isObj(existing?.three_public) && isObj(existing.three_public.this_year) ? existing.three_public.this_year : {};
    const vehicles = shownTp('vehicles');
    if (vehicles && !('vehicles' in old) && eq(vehicles, add(d('vehicle_purchase'), d('vehicle_running')))) delete ty.vehicles;
    const total = shownTp('total');
    const parts = add(add(d('abroad'), d('reception')), decOf(ty.vehicles) ?? add(d('vehicle_purchase'), d('vehicle_running')));
    if (total && !('total' in old) && eq(total, parts)) delete ty.total;
  }
  projects(facts, s, problems);
  threePublic(facts, s, fresh);
  performance(facts, s, fresh);

  if (fresh) {
    // What no table shows: left empty, for `budget check` to list as the to-do list.
    s.summary = { personnel: { includes: null }, public: { includes: null }, household: { includes: null } };
    s.procurement = { goods: null, works: null, services: null };
    if (!('running_cost' in s)) s.running_cost = null;
    s.assets = { as_of: null, vehicles: null, general_equipment: null, special_equipment: null };
    s.projects ??= [];
  }
  if (narrative) fillNarrative(s, narrative);
  return { sections: s, problems, warnings };
}

/** Texts read from the narrative sheet, where the sections have nothing (an empty value, or an optional key left out). */
function fillNarrative(s: Obj, n: NarrativeFacts): void {
  const at = (path: string): [Obj, string] | undefined => {
    const keys = path.split('.');
    let o: Val = s;
    for (const k of keys.slice(0, -1)) {
      if (!isObj(o)) return undefined;
      o = o[k];
    }
    return isObj(o) ? [o, keys[keys.length - 1]] : undefined;
  };
  for (const [path, text] of n.texts) {
    const p = at(path);
    if (p && (p[0][p[1]] === null || (!(p[1] in p[0]) && path === 'prose.running_cost_note'))) p[0][p[1]] = text;
  }
  for (const [path, count] of n.counts) {
    const p = at(path);
    if (p && p[0][p[1]] === null) p[0][p[1]] = A({ coef: BigInt(count), scale: 0 });
  }
  for (const [path, list] of n.lists) {
    const p = at(path);
    const v = p?.[0][p[1]];
    const empty = v === undefined ? path === 'prose.other_notes' : Array.isArray(v) && v.every((x) => x === null);
    if (p && empty) p[0][p[1]] = [...list];
  }
}

function staffingTodo(): Obj {
  return { admin_quota: null, admin_actual: null, inst_quota: null, inst_actual: null, retired_veteran: null, retired: null };
}

/**
 * The classification tree over some rows' codes: the model's (src/model/tree.ts, a row's parent the
 * nearest preceding row one level up), the codes taken in code order, the order the written rows
 * keep (a code left empty is in none). The import edits the source before there is a model, so it
 * asks the one derivation, not the codes' prefixes.
 */
interface CodeTree {
  /** The code's row and its descendants' codes (none when no row has the code). */
  under(code: string): readonly string[];
  /** The leaves among them. */
  leavesUnder(code: string): readonly string[];
  isParent(code: string): boolean;
}

function codeTreeOf(codes: Iterable<string>): CodeTree {
  const list = [...new Set(codes)].filter((c) => c !== '').sort();
  const t = codeTree(list);
  const at = new Map(list.map((c, i) => [c, i]));
  const sub = (i: number): number[] => [i, ...t.children[i]!.flatMap(sub)];
  const under = (code: string) => {
    const i = at.get(code);
    return i === undefined ? [] : sub(i).map((j) => list[j]!);
  };
  return {
    under,
    leavesUnder: (code) => under(code).filter((c) => t.children[at.get(c)!]!.length === 0),
    isParent: (code) => (t.children[at.get(code) ?? -1]?.length ?? 0) > 0,
  };
}

const codesOf = (rows: readonly Obj[]) => rows.map((r) => textOf(r.code) ?? '');

interface RowFacts {
  code: string;
  name: string;
  figures?: Dec[]; // total, basic, project[, procurement total, sme, micro]
  at: string;
}

function classification(facts: Facts, s: Obj, kind: 'functional' | 'economic', problems: AssembleProblem[], warnings: AssembleProblem[]): void {
  const tables = facts.classes.filter((t) => t.classification === kind);
  const basic = kind === 'economic' ? facts.basic : undefined;
  if (!tables.length && !basic) return;
  const all = tables.find((t) => t.sources === undefined);
  const single = tables.filter((t) => t.sources?.length === 1);
  const sec = sub_(s, kind);
  const oldRows = (Array.isArray(sec.rows) ? sec.rows : []).filter(isObj);
  const oldBy = new Map(oldRows.map((r) => [textOf(r.code) ?? '', r]));

  // The rows the tables show, with their figures from all sources where a table has them.
  const shown = new Map<string, RowFacts>();
  if (all) for (const r of all.rows) shown.set(r.code, { code: r.code, name: r.name, figures: [...r.figures], at: r.at });
  for (const t of tables) {
    if (t === all) continue;
    for (const r of t.rows) {
      if (all) {
        if (!shown.has(r.code)) problems.push({ at: r.at, what: { zh: `科目 ${r.code} 不在列出全部支出的表中`, en: `code ${r.code} is not in the table of all expenditure` } });
        continue;
      }
      const had = shown.get(r.code);
      // Without a table of every source, a row's figures are the sum of the by-source tables'.
      if (had) had.figures = had.figures!.map((x, i) => add(x, r.figures[i]));
      else shown.set(r.code, { code: r.code, name: r.name, figures: [...r.figures], at: r.at });
    }
  }
  // Without a table of every source, a row's figures are its tabled sources' plus the shares of
  // the other sources written before (each leaf's by_source; a parent's are its leaves').
  const tabled = single.flatMap((t) => t.sources!);
  const oldTree = codeTreeOf(codesOf(oldRows));
  if (!all) {
    for (const [code, f] of shown) {
      const extra = [ZERO, ZERO, ZERO];
      const under = new Set(oldTree.under(code));
      for (const r of oldRows) {
        const c = textOf(r.code) ?? '';
        if (!under.has(c)) continue;
        for (const [src, x] of sharesOf(r, !oldTree.isParent(c))) {
          if (tabled.includes(src as Source)) continue;
          const b = partOf(x, 'basic');
          const p = partOf(x, 'project');
          extra[0] = add(extra[0], add(b, p));
          extra[1] = add(extra[1], b);
          extra[2] = add(extra[2], p);
        }
      }
      // adding nothing keeps the figure the cell's
      f.figures = f.figures!.map((x, i) => (i < 3 && !isZero(extra[i]) ? add(x, extra[i]) : x));
    }
  }
  // Rows no table shows (paid from sources without a table of their own) stay as written.
  const keep = oldRows.filter((r) => !shown.has(textOf(r.code) ?? '') && invisible(r, oldRows, oldTree, single.flatMap((t) => t.sources!)));
  let codes = [...shown.keys()];
  if (keep.length) codes = [...codes, ...keep.map((r) => textOf(r.code)!)].sort();
  const rows: Obj[] = codes.map((code) => {
    const f = shown.get(code);
    const row: Obj = clone(oldBy.get(code) ?? { code: A({ coef: BigInt(code), scale: 0 }), name: f?.name ?? null });
    if (!f?.figures) return row;
    setText(row, 'name', f.name);
    const [t, b, p, ...proc] = f.figures;
    setAmt(row, 'total', t);
    // An omitted part of a leaf is 0, of a parent its children's sum: a zero stays omitted.
    setPart(row, 'basic', b);
    setPart(row, 'project', p);
    if (proc.length === 3 && ('procurement' in row || proc.some((x) => !isZero(x)))) {
      const o = sub_(row, 'procurement');
      setAmt(o, 'total', proc[0]);
      setPart(o, 'sme', proc[1]);
      setPart(o, 'micro', proc[2]);
    }
    return row;
  });

  if (all || tables.length) {
    let dept: readonly Dec[] | undefined = all?.dept;
    if (!dept && single.length) {
      // The department row of each single-source table is that source's part; untabled shares as written.
      const d = [ZERO, ZERO, ZERO].map((z, i) => sum([z, ...single.map((t) => t.dept[i] ?? ZERO)]));
      for (const r of oldRows) {
        for (const [src, x] of sharesOf(r, !oldTree.isParent(textOf(r.code) ?? ''))) {
          if (tabled.includes(src as Source)) continue;
          const b = partOf(x, 'basic');
          const p = partOf(x, 'project');
          d[0] = add(d[0], add(b, p));
          d[1] = add(d[1], b);
          d[2] = add(d[2], p);
        }
      }
      // one table's department row and nothing else: that row's cells
      dept = single.length === 1 ? d.map((x, i) => (single[0].dept[i] && eq(x, single[0].dept[i]) ? single[0].dept[i] : x)) : d;
    }
    if (dept && dept.length) {
      const o = sub_(sec, 'total');
      setAmt(o, 'total', dept[0]);
      setAmt(o, 'basic', dept[1]);
      setAmt(o, 'project', dept[2]);
      if (dept.length === 6) {
        const pr = sub_(o, 'procurement');
        setAmt(pr, 'total', dept[3]);
        setPart(pr, 'sme', dept[4]);
        setPart(pr, 'micro', dept[5]);
      }
    }
  }

  // Table 4: the economic rows whose basic column is written, in order, with basic by source.
  const basicBy = new Map<Obj, readonly Dec[]>();
  if (basic) {
    let i = 0;
    for (const b of basic.rows) {
      let j = i;
      while (j < rows.length && textOf(rows[j].name) !== b.name) j++;
      if (j === rows.length) {
        // A row paid from no source the economic tables show (Table 8 is 一般公共预算 only): the
        // workbook has its name and basic column but no code. Written with an empty code, in
        // Table 4's order, for `budget check` to list.
        const row: Obj = { code: null, name: b.name, basic: A(b.figures[0]) };
        rows.splice(i, 0, row);
        basicBy.set(row, b.figures);
        warnings.push({ at: b.at, what: { zh: `基本支出表的“${b.name}”不在按经济分类的支出表中，没有科目编码：已写入该行，科目编码待填写`, en: `"${b.name}" of the basic expenditure table is not among the economic rows and has no code: written with its code to fill in` } });
        i++;
        continue;
      }
      basicBy.set(rows[j], b.figures);
      i = j + 1;
    }
    const tree = codeTreeOf(codesOf(rows));
    rows.forEach((r) => {
      const code = textOf(r.code) ?? '';
      const listed = basicBy.has(r);
      const below = new Set(tree.under(code).filter((c) => c !== code));
      const childListed = code !== '' && rows.some((x) => below.has(textOf(x.code) ?? '') && basicBy.has(x));
      if (listed) {
        const bd = basicBy.get(r)![0];
        if (!childListed || 'basic' in r) setAmt(r, 'basic', bd);
      } else if ('basic' in r && decOf(r.basic) && isZero(decOf(r.basic)!) && !childListed) delete r.basic;
    });
  }

  // by_source on leaves: what the single-source tables (and Table 4's basic column) break down.
  const tree = codeTreeOf(codesOf(rows));
  rows.forEach((r) => {
    const code = textOf(r.code) ?? '';
    if (code === '') return;
    const leaf = !tree.isParent(code);
    if (!leaf || !shown.get(code)?.figures) return;
    bySource(r, code, single, basicBy.get(r), facts, problems, shown.get(code)!.at);
  });
  sec.rows = rows;
}

/** A written row no by-source table can show: every leaf under it is paid only from sources without a table. */
function invisible(r: Obj, rows: readonly Obj[], tree: CodeTree, tabled: readonly Source[]): boolean {
  const under = new Set(tree.leavesUnder(textOf(r.code) ?? ''));
  const leaves = rows.filter((x) => under.has(textOf(x.code) ?? ''));
  return leaves.every((x) => sharesOf(x, true).every(([k]) => !tabled.includes(k as Source)));
}

/**
 * A written row's shares by source: its `by_source`, or, for a leaf that writes none, the whole
 * row from 一般公共预算 (the format's default). A layout with no table of 一般公共预算 (only
 * 政府性基金's, say) keeps such rows as written, and adds their shares to the rows they roll into.
 */
function sharesOf(r: Obj, leaf: boolean): [string, Val][] {
  if (isObj(r.by_source) && Object.keys(r.by_source).length) return Object.entries(r.by_source);
  return leaf ? [['general', { basic: r.basic ?? null, project: r.project ?? null }]] : [];
}

function bySource(r: Obj, code: string, single: Facts['classes'], basicRow: readonly Dec[] | undefined, facts: Facts, problems: AssembleProblem[], at: string): void {
  const parts = ['basic', 'project'] as const;
  const known = new Map<Source, Partial<Record<'basic' | 'project', Dec>>>();
  for (const t of single) {
    const src = t.sources![0];
    const f = t.rows.find((x) => x.code === code);
    known.set(src, { basic: f ? f.figures[1] : ZERO, project: f ? f.figures[2] : ZERO });
  }
  if (basicRow) {
    // Table 4's columns (src/profile/figures.ts): total, government subtotal, then each source's share.
    BASIC_BY_SOURCE_COLUMNS.forEach((f, i) => {
      const src = sourceOfColumn(f);
      if (src) known.set(src, { ...known.get(src), basic: basicRow[i] });
    });
  }
  const rowFig = { basic: decOf(r.basic) ?? ZERO, project: decOf(r.project) ?? ZERO };
  const old = isObj(r.by_source) ? (r.by_source as Obj) : undefined;
  const out = new Map<Source, Partial<Record<'basic' | 'project', Dec>>>();
  for (const part of parts) {
    let rest = rowFig[part];
    for (const [src, k] of known) {
      if (k[part] === undefined) continue;
      rest = sub(rest, k[part]!);
      if (!isZero(k[part]!)) out.set(src, { ...out.get(src), [part]: k[part] });
    }
    if (isZero(rest)) continue;
    // A share no table breaks down: as written before, or the one source the income says there is.
    const unknown = SOURCES.filter((x) => known.get(x)?.[part] === undefined);
    const fromOld = unknown.filter((x) => old && old[x] !== undefined);
    const oldSum = sum(fromOld.map((x) => partOf(old![x], part)));
    if (fromOld.length && eq(oldSum, rest)) {
      for (const x of fromOld) if (!isZero(partOf(old![x], part))) out.set(x, { ...out.get(x), [part]: partOf(old![x], part) });
      continue;
    }
    let withIncome = unknown.filter((x) => incomeHas(facts, x));
    // Several candidates: the one whose whole income is exactly this share.
    if (withIncome.length > 1) withIncome = withIncome.filter((x) => eq(incomeOf(facts, x)!, rest));
    if (withIncome.length === 1) {
      out.set(withIncome[0], { ...out.get(withIncome[0]), [part]: rest });
      continue;
    }
    problems.push({
      at,
      what: {
        zh: `科目 ${code} 的${part === 'basic' ? '基本支出' : '项目支出'}中有 ${toPlain(rest)} 来自分表未列出的资金来源，无法确定是哪一种：请在已有数据中写出 by_source 后再导入`,
        en: `${toPlain(rest)} of the ${part} spending of code ${code} comes from a source no table breaks down; write its by_source in the existing data and import again`,
      },
    });
  }
  const onlyGeneral = [...out.keys()].every((x) => x === 'general');
  if (onlyGeneral) {
    if (old && Object.keys(old).some((k) => k !== 'general')) delete r.by_source;
    else if (old && !sameBy(old, out)) delete r.by_source;
    return;
  }
  if (old && sameBy(old, out)) return;
  const o: Obj = {};
  for (const src of SOURCES) {
    const x = out.get(src);
    if (!x) continue;
    o[src] = Object.fromEntries(parts.filter((p) => x[p] && !isZero(x[p]!)).map((p) => [p, A(x[p]!)]));
  }
  r.by_source = o;
}

function partOf(v: Val, part: 'basic' | 'project'): Dec {
  return isObj(v) ? (decOf(v[part]) ?? ZERO) : ZERO;
}

function sameBy(old: Obj, out: Map<Source, Partial<Record<'basic' | 'project', Dec>>>): boolean {
  for (const src of SOURCES) {
    for (const p of ['basic', 'project'] as const) {
      const a = old[src] !== undefined ? partOf(old[src], p) : ZERO;
      const b = out.get(src)?.[p] ?? ZERO;
      if (!eq(a, b)) return false;
    }
  }
  return true;
}

function incomeHas(facts: Facts, src: Source): boolean {
  const d = incomeOf(facts, src);
  return d !== undefined && !isZero(d);
}

/** The department's income from a source, as the workbook gives it (its income line, src/model/facts.ts `INCOME_OF`). */
function incomeOf(facts: Facts, src: Source): Dec | undefined {
  return facts.scalars.get(incomePath(incomeFact(INCOME_OF[src])))?.value;
}

/** Table 5 (projects-by-source): each project's amount, kind and shares by source. */
function projects(facts: Facts, s: Obj, problems: AssembleProblem[]): void {
  if (!facts.projects) return;
  const old = (Array.isArray(s.projects) ? s.projects : []).filter(isObj);
  const byName = new Map(old.map((p) => [textOf(p.name) ?? '', p]));
  const made = new Map<string, Obj>();
  for (const row of facts.projects) {
    // Table 5's columns (src/profile/figures.ts): the amount, 政府预算拨款, then each source's share,
    // a source shown by parts (一般公共预算, by kind of project) as their sum
    const col = (f: string): Dec => row.figures[PROJECTS_BY_SOURCE_COLUMNS.indexOf(f)]!;
    const amount = row.figures[0]!;
    const p: Obj = clone(byName.get(row.name) ?? { name: row.name });
    setAmt(p, 'amount', amount);
    const kindCols = PROJECTS_BY_SOURCE_COLUMNS.filter((f) => kindOfColumn(f) !== undefined);
    const kinds = kindCols.map(col);
    const nonzero = kindCols.filter((_, i) => !isZero(kinds[i])).map((f) => kindOfColumn(f)!);
    if (nonzero.length > 1) problems.push({ at: row.at, what: { zh: `项目“${row.name}”的一般公共预算拨款分在多个类别中（一个项目只有一个类别）`, en: `project "${row.name}" has its general appropriation in several kinds (a project has one)` } });
    if (nonzero.length === 1) setText(p, 'kind', nonzero[0]);
    else if (!('kind' in p)) p.kind = 'performance';
    const share = (s: Source): Dec => {
      const line = incomeFact(INCOME_OF[s]);
      if (PROJECTS_BY_SOURCE_COLUMNS.includes(line)) return col(line);
      // shown by kind: one kind's column is that cell's figure
      const parts = SUM_OF.get(line)!.parts.filter((f) => PROJECTS_BY_SOURCE_COLUMNS.includes(f));
      const shown = parts.filter((f) => !isZero(col(f)));
      return shown.length === 1 ? col(shown[0]!) : sum(parts.map(col));
    };
    const by: [Source, Dec][] = SOURCES.map((s): [Source, Dec] => [s, share(s)]).filter(([, d]) => !isZero(d));
    const oldBy = isObj(p.by_source) ? p.by_source : undefined;
    const same = oldBy && by.length === Object.keys(oldBy).length && by.every(([k, d]) => decOf(oldBy[k]) && eq(decOf(oldBy[k])!, d));
    if (by.every(([k]) => k === 'general')) {
      if (oldBy && !same) delete p.by_source;
    } else if (!same) p.by_source = Object.fromEntries(by.map(([k, d]) => [k, A(d)]));
    made.set(row.name, p);
  }
  // The narrative's order where the data has one (Table 5 sorts by name), new projects after.
  const order = [...old.map((p) => textOf(p.name) ?? '').filter((n) => made.has(n)), ...[...made.keys()].filter((n) => !byName.has(n))];
  s.projects = order.map((n) => made.get(n)!);
}

function threePublic(facts: Facts, s: Obj, fresh: boolean): void {
  const tp = facts.threePublic;
  if (!tp) return;
  const sec = sub_(s, 'three_public');
  const put = (key: string, figs: readonly Dec[]) => {
    const o = sub_(sec, key);
    // the three-public table's columns: a 三公 row's lines in their order (the builder's)
    THREE_PUBLIC_KEYS.forEach((k, i) => setAmt(o, k, figs[i]));
  };
  if (tp.rows.this_year) put('this_year', tp.rows.this_year);
  // Last year's row is the prior year's own when its data is next to this year's: written only where it was.
  if (tp.rows.last_year && (fresh || 'last_year' in sec)) put('last_year', tp.rows.last_year);
  if (tp.rows.change) {
    const computed = tp.rows.this_year && tp.rows.last_year ? tp.rows.this_year.map((x, i) => sub(x, tp.rows.last_year![i])) : undefined;
    const differs = !computed || computed.some((x, i) => !eq(x, tp.rows.change![i]));
    if ('change' in sec || differs) put('change', tp.rows.change);
  }
}

function performance(facts: Facts, s: Obj, fresh: boolean): void {
  const f = facts.form;
  if (!f) return;
  const sec = sub_(s, 'performance');
  const old = (Array.isArray(sec.tasks) ? sec.tasks : []).filter(isObj);
  const byName = new Map(old.map((t) => [textOf(t.name) ?? '', t]));
  const projects = new Set((Array.isArray(s.projects) ? s.projects : []).filter(isObj).map((p) => textOf(p.name)));
  sec.tasks = f.tasks.map((t) => {
    const o: Obj = clone(byName.get(t.name) ?? { name: t.name });
    setText(o, 'content', t.content);
    setAmt(o, 'total', t.total);
    setPart(o, 'fiscal', t.fiscal);
    setPart(o, 'other', t.other);
    if (fresh && projects.has(t.name)) o.ref = { project: t.name };
    return o;
  });
  setAmt(sec, 'total', f.total);
  setAmt(sec, 'total_fiscal', f.total_fiscal);
  setAmt(sec, 'total_other', f.total_other);
  setText(sec, 'goal', f.goal);
  const oldInd = (Array.isArray(sec.indicators) ? sec.indicators : []).filter(isObj);
  const same =
    oldInd.length === f.indicators.length &&
    oldInd.every((o, i) => {
      const n = f.indicators[i];
      return textOf(o.level1) === n.level1 && (textOf(o.level2) ?? '') === n.level2 && textOf(o.level3) === n.level3 && textOf(o.target) === n.target;
    });
  if (!same) sec.indicators = f.indicators.map((n) => ({ level1: n.level1, ...(n.level2 ? { level2: n.level2 } : {}), level3: n.level3, target: n.target }));
}


/**
 * The figures of the row-per-line layouts (classified-columns, summary-by-class) onto the rows of a
 * classification, matched by code (a summary's 类 row by name). The same figure printed by two
 * tables must agree. A figure from some sources only is the row's own figure when the row is paid
 * from no other source (its written by_source), else that source's share in by_source. A key the
 * data leaves out stays out where its figure is 0 or where the model sums it from the children.
 */
function rowColumns(facts: Facts, s: Obj, kind: 'functional' | 'economic', problems: AssembleProblem[], newDir: boolean): void {
  const figs = facts.rowFigs.filter((f) => f.classification === kind);
  if (!figs.length) return;
  const sec = sub_(s, kind);
  const oldRows = (Array.isArray(sec.rows) ? sec.rows : []).filter(isObj);
  const rows = new Map<string, Obj>(oldRows.map((r) => [textOf(r.code) ?? '', r]));
  const order: string[] = [];
  const names = new Map<string, string>();
  for (const f of figs) if (f.code && f.code.length === 3) names.set(f.name, f.code);
  for (const r of oldRows) if ((textOf(r.code) ?? '').length === 3 && typeof r.name === 'string' && !names.has(r.name)) names.set(r.name, textOf(r.code)!);
  // the 合计 row: the classification's total, attached at the end only if anything is written in it
  const totalRow: Obj = isObj(sec.total) ? sec.total : {};
  const seen = new Map<string, RowFig>();
  const conflict = (a: RowFig, b: RowFig, code: string) =>
    problems.push({
      at: b.fact.at,
      conflict: true,
      what: {
        zh: `${kind} ${code || '合计'} 的 ${a.key} 在两张表中不一致：${a.fact.at} 为 ${toPlain(a.fact.value)}，${b.fact.at} 为 ${toPlain(b.fact.value)}（同一个数在各表中应相同）`,
        en: `${kind} ${code || 'total'} ${a.key} differs between two tables: ${a.fact.at} has ${toPlain(a.fact.value)}, ${b.fact.at} has ${toPlain(b.fact.value)} (the same figure must be the same in every table)`,
      },
    });
  const own = new Map<string, Map<string, Dec>>();
  const shares: { code: string; f: RowFig }[] = [];
  for (const f of figs) {
    let code = f.code;
    if (code === undefined) {
      code = names.get(f.name);
      if (code === undefined) {
        problems.push({ at: f.fact.at, what: { zh: `“${f.name}”不是任何一张分类表中的类`, en: `"${f.name}" is not a 类 row of any classification table` } });
        continue;
      }
    }
    if (code !== '' && !rows.has(code)) {
      rows.set(code, { code: A({ coef: BigInt(code), scale: 0 }), name: f.name || null });
      order.push(code);
    }
    const row = code === '' ? totalRow : rows.get(code)!;
    if (f.sources) {
      // the sources a row is paid from: its leaves' by_source (none written: 一般公共预算)
      const leaves = code === '' ? [] : codeTreeOf(rows.keys()).leavesUnder(code).map((c) => rows.get(c)!);
      const paid = [...new Set(leaves.flatMap((r) => (isObj(r.by_source) && Object.keys(r.by_source).length ? Object.keys(r.by_source) : ['general'])))];
      const whole = paid.every((k) => f.sources!.includes(k as Source));
      if (!whole || code === '') {
        // the 合计 row of a by-source table is the row's own only where no table of all sources prints it
        if (code !== '') shares.push({ code, f });
        else if (!figs.some((x) => x.code === '' && x.key === f.key && !x.sources)) record(f);
        continue;
      }
    }
    record(f);
    function record(x: RowFig): void {
      const k = `${code}|${x.key}`;
      const had = seen.get(k);
      if (had && !eq(had.fact.value, x.fact.value)) return void conflict(had, x, code!);
      if (had) return;
      seen.set(k, x);
      const m = own.get(code!) ?? new Map<string, Dec>();
      m.set(x.key, x.fact.value);
      own.set(code!, m);
    }
  }
  const tree = codeTreeOf(rows.keys());
  const fromLeaves = (code: string, src: string): Dec =>
    sum(
      tree
        .leavesUnder(code)
        .map((c) => rows.get(c)!)
        .map((r) => {
          const by = isObj(r.by_source) && Object.keys(r.by_source).length ? r.by_source : undefined;
          const whole = add(decOf(r.basic) ?? ZERO, decOf(r.project) ?? ZERO);
          if (!by) return src === 'general' ? (decOf(r.total) ?? whole) : ZERO;
          if (Object.keys(by).every((x) => x === src)) return decOf(r.total) ?? whole;
          return add(partOf(by[src] ?? null, 'basic'), partOf(by[src] ?? null, 'project'));
        }),
    );
  const isParent = (code: string) => code !== '' && tree.isParent(code);
  const funds: { row: Obj; code: string; src: string; d: Dec }[] = [];
  for (const [code, m] of own) {
    const row = code === '' ? totalRow : rows.get(code)!;
    // a new row, or the 合计 row of a new directory (so that check compares it with the rows)
    const fresh = code === '' ? newDir : order.includes(code);
    // a key left out of a parent row is its children's sum in the model: it stays left out
    const put = (o: Obj, k: string, d: Dec) => {
      if (k in o) return setAmt(o, k, d);
      if (isZero(d) || (!fresh && (isParent(code) || code === '') && o === row)) return;
      setAmt(o, k, d);
    };
    for (const k of ['basic', 'project', 'personnel', 'public']) if (m.has(k)) put(row, k, m.get(k)!);
    if (m.has('total')) {
      const t = m.get('total')!;
      const parts = add(decOf(row.basic) ?? ZERO, decOf(row.project) ?? ZERO);
      if ('total' in row || fresh || !(eq(parts, t) || isParent(code) || code === '')) setAmt(row, 'total', t);
    }
    // the 合计 row's income and fund columns are the income lines' (functional.total has no such keys)
    if (code === '') continue;
    const income = [...m].filter(([k]) => k.startsWith('income.'));
    if (income.length) {
      const t = m.get('income.total');
      // left out, a row's income is what the model computes (src/model/identities.ts `ROW_INCOME`:
      // 合计 the row's total, each part its spending from the sources it is income from): a figure
      // equal to that keeps it left out
      const by = isObj(row.by_source) && Object.keys(row.by_source).length ? row.by_source : undefined;
      const whole = decOf(row.total) ?? add(decOf(row.basic) ?? ZERO, decOf(row.project) ?? ZERO);
      const share = (srcs: readonly string[]) => (by ? sum(srcs.map((x) => add(partOf(by[x] ?? null, 'basic'), partOf(by[x] ?? null, 'project')))) : srcs.includes('general') ? whole : ZERO);
      const implied: Record<string, Dec> = {
        [ROW_INCOME.total]: whole,
        ...Object.fromEntries(ROW_INCOME_KEYS.map((k) => [`income.${k}`, share(ROW_INCOME.sources[k])])),
      };
      const plain = income.every(([k, d]) => implied[k] !== undefined && eq(d, implied[k]));
      if (isObj(row.income) || !(plain || isParent(code))) {
        const o = sub_(row, 'income');
        for (const [k, d] of income) (k === 'income.total' ? setAmt : setPart)(o, k.slice(7), d);
      }
    }
    // A 类 row's amount from one fund is written (funds) only where it is not its leaves' (the model's
    // fallback): a figure equal to what the leaves say stays left out.
    for (const [k, d] of [...m].filter(([x]) => x.startsWith('funds.'))) funds.push({ row, code, src: k.slice(6), d });
  }
  // after every row's own figures, so that the leaves are the imported ones
  for (const { row, code, src, d } of funds) {
    if (isObj(row.funds) && src in row.funds) setAmt(row.funds, src, d);
    else if (!eq(d, fromLeaves(code, src))) setAmt(sub_(row, 'funds'), src, d);
  }
  // a share of a row paid from several sources: its by_source of the table's one source
  for (const { code, f } of shares) {
    if (f.key === 'total' || f.sources!.length !== 1) continue;
    const row = rows.get(code)!;
    const src = f.sources![0];
    // a parent's shares are its children's sums in the model
    if (isParent(code)) continue;
    if (!isObj(row.by_source) || (!(src in row.by_source) && isZero(f.fact.value))) continue;
    setPart(sub_(row.by_source, src), f.key, f.fact.value);
  }
  if (Object.keys(totalRow).length) sec.total = totalRow;
  if (order.length) {
    const all = [...oldRows, ...order.map((c) => rows.get(c)!)];
    all.sort((a, b) => (textOf(a.code) ?? '').localeCompare(textOf(b.code) ?? ''));
    sec.rows = all;
  }
}
