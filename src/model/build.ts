import { add, parseDec, sub, sum, ZERO, type Dec } from '../money/decimal.js';
import { InternalError } from '../diagnostics/diagnostic.js';
import type { Span } from '../source/span.js';
import { spanOf, type Leaf, type SourceData, type ValidatedSource } from '../schema/index.js';
import { type Fact, UNIT_KINDS } from './facts.js';
import {
  cellGet,
  FILLED_BY_ROLL_UP,
  FORM_TOTALS,
  fillSums,
  PROJECT_SUMS,
  ROW_INCOME,
  ROW_SUM,
  rollUp,
  SPLIT_SUMS,
  splitPart,
  STAFFING_SUM,
  SUMMARY_LINES,
  TASK_COLUMNS,
  TASK_SUM,
  THREE_PUBLIC_KEYS,
  type ThreePublicRow,
} from './identities.js';
import { codeTree, keepTree, levelOfCode } from './tree.js';
import {
  GENERAL_KINDS,
  SOURCES,
  type BasicProject,
  type Budget,
  type Classification,
  type ClassRow,
  type Fig,
  FUNDS,
  type Fund,
  type RowIncome,
  type Unit,
  type VehicleKind,
  type Procurement,
  type Project,
  type ProjectKind,
  type Source,
  type Staffing,
  type PriorYear,
  type Text,
  type ThreePublicYear,
} from './budget.js';

/**
 * The prior year's published figures, for a department-year that does not declare its own
 * (`prior_year`, `three_public.last_year` omitted): taken from the previous year's data by the
 * caller (see src/years/prior.ts), in this year's unit, their spans in last year's files.
 */
export interface PriorFigures {
  readonly year: number;
  readonly income_total: Fig;
  readonly expenditure_total: Fig;
  readonly running_cost: Fig;
  /** Table 9's last-year row: the prior year's own this-year row. */
  readonly three_public: ThreePublicYear;
}

/**
 * Validated source → Budget. Pure. Its input is validateShape's typed output (src/schema/spanned.ts:
 * the format's sections, each scalar a leaf with its text as written and its span), so every key
 * read here is one the schema declares. Given anything else (a tree that failed validation) a
 * required value is missing, which is a bug, and throws. Exact amounts are parsed from the text as
 * written (`Leaf.source`), never from the YAML number. The rule of omission: an omitted part is 0;
 * an omitted total or subtotal is computed from its parts (and carries no span); a parent
 * classification row's omitted figures are the sums of its children, bottom-up.
 *
 * Prior-year figures the source omits (a `prior_year` figure, the whole `three_public.last_year`)
 * come from `prior`, the previous year's published figures. Without them they are 0 with no span:
 * only for a budget whose own comparison is not used (a prior year loaded for its figures); the
 * compiler reports `shape/missing-prior-year` instead of building such a budget.
 */
export function buildBudget(input: ValidatedSource, prior?: PriorFigures): Budget {
  const src = input.data;

  const department = buildDepartment(must(src.department, 'department'));
  const functional = buildClassification(must(src.functional, 'functional'), 'functional', department.name.text, true);
  const economic = buildClassification(must(src.economic, 'economic'), 'economic', department.name.text, false);
  const projects = buildProjects(src.projects);
  const expenditure = buildExpenditure(src.expenditure, functional);
  const income = buildIncome(must(src.income, 'income'), functional, projects);

  const rcUnit = unitOf(src.running_cost_unit, department.unit);
  const targets = src.performance_targets;
  const targetUnits = fig(targets?.units);
  return {
    dir: input.dir,
    department,
    income,
    expenditure,
    functional,
    economic,
    projects,
    summary: buildSummary(src.summary, economic),
    procurement: buildProcurementPlan(must(src.procurement, 'procurement'), department.unit),
    three_public: buildThreePublic(must(src.three_public, 'three_public'), prior?.three_public, department.unit),
    running_cost: must(fig(src.running_cost), 'running_cost'),
    running_cost_unit: rcUnit,
    ...(targets
      ? {
          performance_targets: {
            ...(targetUnits ? { units: targetUnits } : {}),
            projects: must(fig(targets.projects), 'performance_targets.projects'),
            amount: must(fig(targets.amount), 'performance_targets.amount'),
            unit: unitOf(targets.unit, department.unit),
          },
        }
      : {}),
    assets: buildAssets(must(src.assets, 'assets')),
    performance: buildPerformance(src.performance),
    prior: buildPrior(src.prior_year, department.year, prior),
    ...buildComparison(src.comparison),
    prose: buildProse(must(src.prose, 'prose')),
  };
}

/**
 * A classification row being assembled: its optional cells, then its span, are set one by one after
 * the cells every row has, which keeps the order of its keys (the span last).
 */
type RowDraft = { -readonly [K in keyof ClassRow]?: ClassRow[K] };

// The sections and rows of the validated input, as the schema declares them.
type In = SourceData;
type Amount = Leaf<number>;
type TextLeaf = Leaf<string | number>;
type ClassificationIn = In['functional'] | In['economic'];
type RowIn = In['functional']['rows'][number] | In['economic']['rows'][number];
type ProcurementIn = In['functional']['rows'][number]['procurement'];
type ThreePublicYearIn = In['three_public']['this_year'] | In['three_public']['change'];

// ---------------------------------------------------------------------------------------------
// Leaves

/** A section's own unit when it writes one, else the department's. */
function unitOf(n: Leaf<string> | undefined, dflt: Unit): Unit {
  return n !== undefined ? (n.value as Unit) : dflt;
}

function must<T>(v: T | undefined, what: string): T {
  if (v === undefined) throw new InternalError(`buildBudget on an unvalidated tree (${what})`);
  return v;
}

/** A written figure (exact decimal of the text as written), or undefined when omitted. */
export function fig(n: Amount | undefined): Fig | undefined {
  if (n === undefined) return undefined;
  const d = decOf(n.source);
  if (!d) throw new InternalError(`not a decimal after validation: ${n.source}`);
  return { value: d, span: n.span };
}

/** Written amounts repeat (0 above all): parse each distinct text once. Dec values are immutable. */
const DEC_CACHE = new Map<string, Dec | undefined>();
function decOf(source: string): Dec | undefined {
  let d = DEC_CACHE.get(source);
  if (d === undefined && !DEC_CACHE.has(source)) {
    d = parseDec(source.trim());
    if (DEC_CACHE.size > 100_000) DEC_CACHE.clear();
    DEC_CACHE.set(source, d);
  }
  return d;
}

const computed = (value: Dec): Fig => ({ value });
const zero = (): Fig => computed(ZERO);
const orZero = (f: Fig | undefined): Fig => f ?? zero();
const or = (f: Fig | undefined, value: () => Dec): Fig => f ?? computed(value());
const sumF = (fs: readonly Fig[]): Dec => sum(fs.map((f) => f.value));

/** A text as written: a number written where a text is expected (`target: 95`) reads as its digits. */
function textOf(n: TextLeaf): string {
  return typeof n.value === 'string' ? n.value : n.source;
}

function text(n: TextLeaf | undefined): Text | undefined {
  if (n === undefined) return undefined;
  return { text: textOf(n), span: n.span };
}

const mustText = (n: TextLeaf | undefined, what: string): Text => must(text(n), what);

function texts(n: readonly TextLeaf[] | undefined): Text[] {
  return n ? n.map((it, i) => mustText(it, `item ${i}`)) : [];
}

function items<T>(n: readonly T[] | undefined): readonly T[] {
  return n ?? [];
}

/** A classification code as written (a plain `201` by its digits, a quoted "201" by its text). */
function codeOf(n: TextLeaf): string {
  return typeof n.value === 'string' ? n.value.trim() : n.source.trim();
}

// ---------------------------------------------------------------------------------------------
// Department, prose, prior year

const STAFF_KEYS = STAFFING_SUM.columns;

function staffing(n: In['department']['staffing_total']): Staffing {
  return Object.fromEntries(STAFF_KEYS.map((k) => [k, must(fig(n?.[k]), k)])) as unknown as Staffing;
}

function buildDepartment(n: In['department']) {
  const units = items(n.units).map((u) => {
    const st = u.staffing;
    return {
      name: mustText(u.name, 'unit name'),
      divisions: texts(u.divisions),
      ...(st ? { staffing: staffing(st) } : {}),
    };
  });
  const declared = n.staffing_total;
  // Head counts are a fact only when written: no unit writing them gives no total either.
  const staffed = units.filter((u) => u.staffing);
  const staffing_total: Staffing | undefined = declared
    ? staffing(declared)
    : staffed.length
      ? (Object.fromEntries(STAFF_KEYS.map((k) => [k, rollUp(staffed, (u) => u.staffing![k])!])) as unknown as Staffing)
      : undefined;
  const uc = n.unit_counts;
  const unit_counts: Partial<Record<'admin' | 'civil_service' | 'institution', Fig>> = {};
  for (const k of ['admin', 'civil_service', 'institution'] as const) {
    const f = fig(uc?.[k]);
    if (f) unit_counts[k] = f;
  }
  const supervisor = text(n.supervisor);
  const region = text(n.region);
  const goals = text(n.goals);
  const yearNode = must(n.year, 'department.year');
  const profile = text(n.profile);
  return {
    name: mustText(n.name, 'department.name'),
    year: Number(yearNode.source),
    unit: must(n.unit, 'department.unit').value,
    units,
    ...(staffing_total ? { staffing_total } : {}),
    duties: texts(n.duties),
    ...(goals ? { goals } : {}),
    ...(supervisor ? { supervisor } : {}),
    ...(region ? { region } : {}),
    ...(uc ? { unit_counts } : {}),
    ...(profile ? { profile } : {}),
  };
}

function buildProse(n: In['prose']) {
  const note = text(n.running_cost_note);
  const overview = text(n.overview);
  return {
    change_reason: mustText(n.change_reason, 'prose.change_reason'),
    ...(overview ? { overview } : {}),
    ...(note ? { running_cost_note: note } : {}),
    other_notes: texts(n.other_notes),
  };
}

/** Each prior-year figure as declared, else the prior year's own (else 0, see buildBudget). */
function buildPrior(n: In['prior_year'], year: number, from: PriorFigures | undefined): PriorYear {
  const y = n?.year;
  const f = (k: 'income_total' | 'expenditure_total' | 'running_cost'): Fig => fig(n?.[k]) ?? from?.[k] ?? zero();
  const funds: Partial<Record<Fund, Fig>> = {};
  for (const k of FUNDS) {
    const w = fig(n?.[k]);
    if (w) funds[k] = w;
  }
  return {
    year: y !== undefined ? Number(y.source) : (from?.year ?? year - 1),
    income_total: f('income_total'),
    expenditure_total: f('expenditure_total'),
    running_cost: f('running_cost'),
    funds,
  };
}

function buildComparison(n: In['comparison']): Pick<Budget, 'comparison'> {
  if (!n) return {};
  const change = fig(n.change);
  const percent = fig(n.percent);
  return { comparison: { ...(change ? { change } : {}), ...(percent ? { percent } : {}) } };
}

// ---------------------------------------------------------------------------------------------
// Classifications

type BySource = Partial<Record<Source, BasicProject>>;

/**
 * A row of either classification, or its department row: every one is made here, with the same
 * keys in the same order and a cell the row does not have undefined (an economic row's procurement
 * and income, a row's unwritten funds, purpose, 人员经费 and 公用经费). So every row has one hidden
 * class, and the code that reads rows (the roll-ups below, the check's view, the tables) stays
 * monomorphic: with a class per kind of row (a functional row has procurement and income, an
 * economic row has neither), V8 optimized each roll-up helper on the functional rows and threw the
 * code away ("wrong map") on the economic ones, two to four times each on a 10,000-row department.
 */
function classRow(
  code: Text,
  name: Text,
  level: 1 | 2 | 3,
  total: Fig,
  basic: Fig,
  project: Fig,
  by_source: BySource,
  basic_written: boolean,
  cells: RowExtras,
  span: Span,
): ClassRow {
  return {
    code,
    name,
    level,
    total,
    basic,
    project,
    by_source,
    basic_written,
    procurement: cells.procurement,
    funds: cells.funds,
    purpose: cells.purpose,
    income: cells.income,
    personnel: cells.personnel,
    public: cells.public,
    span,
  };
}

/** A row's optional cells (undefined where it has none), made for one row and read once by classRow. */
interface RowExtras {
  procurement: Procurement | undefined;
  funds: Partial<Record<Fund, Fig>> | undefined;
  purpose: Text | undefined;
  income: RowIncome | undefined;
  personnel: Fig | undefined;
  public: Fig | undefined;
}

/**
 * A row of the input as the model reads it: a row of either classification or a department row. The
 * functional row's keys are a superset of the others' (typed alike), so each of them is one of
 * these, and the cells are read by key with no `in` test per kind of row.
 */
type RowCellsIn = Partial<In['functional']['rows'][number]>;

/**
 * A parent's cell in a column of its classification's roll-up (`ROLL_UPS`, src/model/identities.ts):
 * its children's sum, or undefined when no child has the column. A column the roll-up does not
 * fill is a bug here, not a figure to invent.
 */
function rolledUp(section: 'functional' | 'economic', kids: readonly ClassRow[], col: string): Fig | undefined {
  if (!FILLED_BY_ROLL_UP[section].has(col)) throw new InternalError(`the ${section} roll-up fills no ${col}`);
  return rollUp(kids, cellGet(col));
}

type BySourceIn = RowCellsIn['by_source'];

/**
 * A parent's split by source: per source, each column as written (a table printing it on the 类/款
 * row), else its children's sum (the roll-up, src/model/identities.ts); a source none of its
 * children and not itself names is absent. Its keys are set in source order, as a leaf's are, so a
 * parent's split and a leaf's naming the same sources have one hidden class.
 */
function parentBySource(bsNode: BySourceIn, kids: readonly ClassRow[]): BySource {
  const out: BySource = {};
  for (const s of SOURCES) {
    const sn = bsNode?.[s];
    // both columns' roll-up in one pass (a child naming the source has both): run on every parent
    let basic: Dec | undefined;
    let project: Dec | undefined;
    for (const k of kids) {
      const x = k.by_source[s];
      if (!x) continue;
      basic = basic === undefined ? x.basic.value : add(basic, x.basic.value);
      project = project === undefined ? x.project.value : add(project, x.project.value);
    }
    if (!sn && basic === undefined) continue;
    out[s] = {
      basic: (sn && fig(sn.basic)) ?? (basic !== undefined ? computed(basic) : zero()),
      project: (sn && fig(sn.project)) ?? (project !== undefined ? computed(project) : zero()),
    };
  }
  return out;
}

/** A leaf's split as written (each source it names, in source order; an omitted column 0). */
function leafBySource(bsNode: NonNullable<BySourceIn>): BySource {
  const out: BySource = {};
  for (const s of SOURCES) {
    const sn = bsNode[s];
    if (!sn) continue;
    out[s] = { basic: orZero(fig(sn.basic)), project: orZero(fig(sn.project)) };
  }
  return out;
}

/** A leaf that writes no split is paid for wholly from the general budget (a split of the same class as a parent's). */
function generalOnly(basic: Fig, project: Fig): BySource {
  const out: BySource = {};
  out.general = { basic: computed(basic.value), project: computed(project.value) };
  return out;
}

function writtenFunds(fn: RowCellsIn['funds']): Partial<Record<Fund, Fig>> | undefined {
  if (!fn) return undefined;
  const out: Partial<Record<Fund, Fig>> = {};
  for (const k of FUNDS) {
    const f = fig(fn[k]);
    if (f) out[k] = f;
  }
  return out;
}

const INCOME_COLUMN = { fiscal: 'income.fiscal', business: 'income.business', operating: 'income.operating', other: 'income.other' } as const;

type IncomeIn = RowCellsIn['income'];

/**
 * A functional row's income (`ROW_INCOME`, src/model/identities.ts): as written, else a leaf's part
 * from its split by the sources it is income from, a parent's from its children's, the 合计 the
 * row's own total.
 */
function rowIncome(w: IncomeIn, total: Fig, by_source: BySource, kids: readonly ClassRow[] | undefined): RowIncome {
  // Run for every functional row of every layout: no closure or array per row.
  return {
    total: fig(w?.total) ?? computed(total.value),
    fiscal: incomePart(w, 'fiscal', by_source, kids),
    business: incomePart(w, 'business', by_source, kids),
    operating: incomePart(w, 'operating', by_source, kids),
    other: incomePart(w, 'other', by_source, kids),
  };
}

function incomePart(w: IncomeIn, k: 'fiscal' | 'business' | 'operating' | 'other', by_source: BySource, kids: readonly ClassRow[] | undefined): Fig {
  const written = fig(w?.[k]);
  if (written) return written;
  // a parent's: its children's sum (the roll-up)
  if (kids && kids.length) return rolledUp('functional', kids, INCOME_COLUMN[k]) ?? zero();
  let v = ZERO;
  for (const s of ROW_INCOME.sources[k]) {
    const x = by_source[s];
    if (x) v = add(v, add(x.basic.value, x.project.value));
  }
  return computed(v);
}

/** 人员经费 / 公用经费 of a row: as written, else the children's sums when any child has them (the roll-up). */
function staffSplit(section: 'functional' | 'economic', written: Amount | undefined, kids: readonly ClassRow[] | undefined, k: 'personnel' | 'public'): Fig | undefined {
  return fig(written) ?? (kids && kids.length ? rolledUp(section, kids, k) : undefined);
}

function procurement(n: ProcurementIn): Procurement | undefined {
  if (!n) return undefined;
  return { total: must(fig(n.total), 'procurement.total'), sme: orZero(fig(n.sme)), micro: orZero(fig(n.micro)) };
}

function buildClassification(secNode: ClassificationIn, section: 'functional' | 'economic', deptName: string, withProcurement: boolean): Classification {
  const rowNodes: readonly RowIn[] = items(secNode.rows);
  const codes = rowNodes.map((r) => codeOf(must(r.code, `${section} code`)));
  const tree = codeTree(codes);
  const children = tree.children;
  const built: ClassRow[] = new Array(rowNodes.length);
  // A parent's children, each list made alike (Array.prototype.map gave some of them holey
  // elements and some packed, and the roll-ups that loop over them were optimized for one and
  // deoptimized by the other).
  const rowsAt = (ix: readonly number[]): ClassRow[] => {
    const out: ClassRow[] = [];
    for (const c of ix) out.push(built[c]);
    return out;
  };
  // a parent's split by source is rolled up source by source in one pass (parentBySource)
  for (const s of SOURCES) for (const c of SPLIT_SUMS) if (!FILLED_BY_ROLL_UP[section].has(splitPart(s, c))) throw new InternalError(`the ${section} roll-up fills no ${splitPart(s, c)}`);

  /**
   * The optional cells (procurement, funds, purpose, income, 人员经费/公用经费) of a row: as written,
   * else a leaf's as the rule of omission says and a parent's its children's (`kids`).
   */
  const extras = (n: RowCellsIn | undefined, total: Fig, by_source: BySource, kids: readonly ClassRow[] | undefined): RowExtras => {
    const leaf = kids === undefined;
    const rolled = (col: string): Fig => rolledUp(section, kids!, col) ?? zero();
    const proc = withProcurement
      ? (procurement(n?.procurement) ??
        (leaf ? { total: zero(), sme: zero(), micro: zero() } : { total: rolled('procurement.total'), sme: rolled('procurement.sme'), micro: rolled('procurement.micro') }))
      : undefined;
    return {
      procurement: proc,
      funds: writtenFunds(n?.funds),
      purpose: text(n?.purpose),
      income: withProcurement ? rowIncome(n?.income, total, by_source, kids) : undefined,
      personnel: staffSplit(section, n?.personnel, kids, 'personnel'),
      public: staffSplit(section, n?.public, kids, 'public'),
    };
  };

  /**
   * A parent row (or the department row, over the 类 rows): each cell as written, else its
   * children's sum in that column (the roll-up, `ROLL_UPS` in src/model/identities.ts).
   */
  const combine = (n: RowCellsIn | undefined, kids: readonly ClassRow[], code: Text, name: Text, level: 1 | 2 | 3, span: Span): ClassRow => {
    const rolled = (col: string): Fig => rolledUp(section, kids, col) ?? zero();
    const b = fig(n?.basic);
    const total = fig(n?.total) ?? rolled(ROW_SUM.total);
    const by_source = parentBySource(n?.by_source, kids);
    return classRow(
      code,
      name,
      level,
      total,
      b ?? rolled('basic'),
      fig(n?.project) ?? rolled('project'),
      by_source,
      b !== undefined || kids.some((k) => k.basic_written),
      extras(n, total, by_source, kids),
      span,
    );
  };

  for (let i = rowNodes.length - 1; i >= 0; i--) {
    const n: RowCellsIn & RowIn = rowNodes[i];
    const code: Text = { text: codes[i], span: n.code.span };
    const name = mustText(n.name, `${section} name`);
    const level = levelOfCode(codes[i]);
    if (children[i].length) {
      built[i] = combine(n, rowsAt(children[i]), code, name, level, spanOf(n));
      continue;
    }
    // A leaf.
    const bsNode = n.by_source;
    const t = fig(n.total);
    const b = fig(n.basic);
    const p = fig(n.project);
    let by_source: BySource;
    let basic: Fig;
    let project: Fig;
    if (bsNode) {
      by_source = leafBySource(bsNode);
      basic = or(b, () => sumF(Object.values(by_source).map((x) => x!.basic)));
      project = or(p, () => sumF(Object.values(by_source).map((x) => x!.project)));
    } else {
      basic = orZero(b);
      project = orZero(p);
      by_source = generalOnly(basic, project);
    }
    const total = t ?? computed(sumF(ROW_SUM.parts.map((c) => ({ basic, project })[c])));
    built[i] = classRow(code, name, level, total, basic, project, by_source, b !== undefined, extras(n, total, by_source, undefined), spanOf(n));
  }

  const totalNode = secNode.total;
  const total = combine(totalNode, rowsAt(tree.tops), { text: '' }, { text: deptName }, 1, spanOf(totalNode ?? secNode));
  keepTree(built, tree);
  return { total, rows: built };
}

// ---------------------------------------------------------------------------------------------
// Income and expenditure

function buildExpenditure(n: In['expenditure'], functional: Classification) {
  const v = fillSums(
    new Map<Fact, Fig | undefined>([
      ['functional.total.total', functional.total.total],
      ['expenditure.current_total', fig(n?.current_total)],
      ['expenditure.carry_forward', orZero(fig(n?.carry_forward))],
      ['expenditure.total', fig(n?.total)],
    ]),
  );
  const at = (k: string) => v.get(`expenditure.${k}`)!;
  return { current_total: at('current_total'), carry_forward: at('carry_forward'), total: at('total') };
}


/**
 * Income as declared; an omitted leaf is taken from the expenditure by funding source (what the
 * classification rows and projects say was spent from it), an omitted subtotal from its parts.
 */
function buildIncome(n: In['income'], functional: Classification, projects: readonly Project[]) {
  const spent = functional.total.by_source;
  const bySource = (s: Source): Dec => {
    const x = spent[s];
    return x ? add(x.basic.value, x.project.value) : ZERO;
  };
  const gen = n.general;
  const generalFromProjects = (k: ProjectKind): Dec =>
    sum(projects.filter((p) => p.kind === k).map((p) => p.by_source.general?.value ?? ZERO));
  const kinds = {
    basic: or(fig(gen?.basic), () => spent.general?.basic.value ?? ZERO),
    performance: or(fig(gen?.performance), () => generalFromProjects('performance')),
    special: or(fig(gen?.special), () => generalFromProjects('special')),
    investment: or(fig(gen?.investment), () => generalFromProjects('investment')),
  };
  const gov_fund = or(fig(n.gov_fund), () => bySource('gov_fund'));
  const soe = or(fig(n.soe), () => bySource('soe'));
  const special_account = or(fig(n.special_account), () => bySource('special_account'));
  const uf = n.unit_funds;
  const unit = Object.fromEntries(
    UNIT_KINDS.map((k) => [k, or(fig(uf?.[k]), () => bySource(`unit_${k}` as Source))]),
  ) as Record<(typeof UNIT_KINDS)[number], Fig>;
  const carryover = or(fig(n.carryover), () => bySource('carryover'));
  // The subtotals (written, or omitted: computed by the declared identities).
  const v = fillSums(
    new Map<Fact, Fig | undefined>([
      ...GENERAL_KINDS.map((k) => [`income.general.${k}`, kinds[k]] as const),
      ...UNIT_KINDS.map((k) => [`income.unit.${k}`, unit[k]] as const),
      ['income.gov_fund', gov_fund],
      ['income.soe', soe],
      ['income.special_account', special_account],
      ['income.carryover', carryover],
      ['income.general', fig(gen?.total)],
      ['income.government', fig(n.government)],
      ['income.unit_funds', fig(uf?.total)],
      ['income.current_total', fig(n.current_total)],
      ['income.total', fig(n.total)],
    ]),
  );
  const at = (k: string) => v.get(`income.${k}`)!;
  const [general, government, unit_funds, current_total, total] = ['general', 'government', 'unit_funds', 'current_total', 'total'].map(at);
  return {
    total,
    current_total,
    government,
    general,
    general_kinds: kinds,
    gov_fund,
    soe,
    special_account,
    unit_funds,
    unit,
    carryover,
  };
}

// ---------------------------------------------------------------------------------------------
// Projects, summary, procurement, 三公, assets, performance

function buildProjects(n: In['projects'] | undefined): Project[] {
  return items(n).map((p) => {
    const its = items(p.items).map((it) => {
      const purpose = text(it.purpose);
      return {
        name: mustText(it.name, 'item name'),
        amount: must(fig(it.amount), 'item amount'),
        ...(purpose ? { purpose } : {}),
      };
    });
    const bsNode = p.by_source;
    const written: Partial<Record<Source, Fig>> = {};
    if (bsNode) for (const s of SOURCES) {
      const f = fig(bsNode[s]);
      if (f) written[s] = f;
    }
    // omitted: the sum of the first of its parts it lists (src/model/identities.ts)
    const parts = { items: its.map((i) => i.amount), by_source: Object.values(written) as Fig[] };
    const from = PROJECT_SUMS.amountParts.find((k) => parts[k].length);
    const amount = fig(p.amount) ?? (from ? rollUp(parts[from], (f) => f)! : zero());
    const by_source = bsNode ? written : { general: computed(amount.value) };
    const perf = p.performance;
    const code = text(p.code);
    return {
      name: mustText(p.name, 'project name'),
      ...(code ? { code } : {}),
      amount,
      kind: (p.kind?.value ?? 'performance') satisfies ProjectKind,
      by_source,
      items: its,
      ...(perf
        ? {
            performance: {
              goal: mustText(perf.goal, 'goal'),
              indicators: items(perf.indicators).map((ind) => ({
                label: mustText(ind.label, 'label'),
                text: mustText(ind.text, 'text'),
              })),
            },
          }
        : {}),
      statement: items(p.statement).map((sec) => ({ heading: mustText(sec.heading, 'statement heading'), text: texts(sec.text) })),
      span: spanOf(p),
    };
  });
}

function buildSummary(n: In['summary'] | undefined, economic: Classification) {
  const codes = {} as Record<'personnel' | 'public' | 'household', string[]>;
  const line = (k: 'personnel' | 'public' | 'household') => {
    const ln = n?.[k];
    const cs = ln?.codes;
    codes[k] = cs ? cs.map(codeOf) : [...(SUMMARY_LINES[k].codes ?? [])];
    const amount = or(fig(ln?.amount), () =>
      sumF(economic.rows.filter((r) => codes[k].includes(r.code.text)).map((r) => r[SUMMARY_LINES[k].column])),
    );
    // Without the section (a layout that prints no such breakdown) the lines are the economic rows' own.
    return { ...amount, includes: n ? mustText(ln?.includes, `summary.${k}.includes`) : { text: '' } };
  };
  const personnel = line('personnel');
  const pub = line('public');
  const household = line('household');
  const project = or(fig(n?.project), () => economic.total[SUMMARY_LINES.project.column].value);
  const total = fillSums(
    new Map<Fact, Fig | undefined>([
      ['summary.personnel', personnel],
      ['summary.public', pub],
      ['summary.household', household],
      ['summary.project', project],
      ['summary.total', fig(n?.total)],
    ]),
  ).get('summary.total')!;
  return { total, personnel, public: pub, household, project, codes, ...(n ? {} : { declared: false }) };
}

function buildProcurementPlan(n: In['procurement'], dflt: Unit) {
  const goods = orZero(fig(n.goods));
  const works = orZero(fig(n.works));
  const services = orZero(fig(n.services));
  const sme = fig(n.sme);
  const micro = fig(n.micro);
  const known = new Map<Fact, Fig | undefined>([
    ['procurement.goods', goods],
    ['procurement.works', works],
    ['procurement.services', services],
    ['procurement.total', fig(n.total)],
  ]);
  return {
    unit: unitOf(n.unit, dflt),
    total: fillSums(known).get('procurement.total')!,
    goods,
    works,
    services,
    ...(sme ? { sme } : {}),
    ...(micro ? { micro } : {}),
  };
}

/** One row of 三公: the leaves as written (omitted: 0), the subtotals written or computed. */
function threePublicYear(n: ThreePublicYearIn | undefined, row: ThreePublicRow): ThreePublicYear {
  const subtotal = (k: string) => k === 'total' || k === 'vehicles';
  const v = fillSums(
    new Map<Fact, Fig | undefined>(
      THREE_PUBLIC_KEYS.map((k) => [`three_public.${row}.${k}`, subtotal(k) ? fig(n?.[k]) : orZero(fig(n?.[k]))]),
    ),
  );
  return Object.fromEntries(THREE_PUBLIC_KEYS.map((k) => [k, v.get(`three_public.${row}.${k}`)!])) as unknown as ThreePublicYear;
}

function buildThreePublic(n: In['three_public'], fromPrior: ThreePublicYear | undefined, dflt: Unit) {
  const this_year = threePublicYear(must(n.this_year, 'three_public.this_year'), 'this_year');
  const declared = n.last_year;
  const last_year = declared || !fromPrior ? threePublicYear(declared, 'last_year') : fromPrior;
  const c = n.change;
  const v = fillSums(
    new Map<Fact, Fig | undefined>(
      THREE_PUBLIC_KEYS.flatMap((k) => [
        [`three_public.this_year.${k}`, this_year[k]],
        [`three_public.last_year.${k}`, last_year[k]],
        [`three_public.change.${k}`, fig(c?.[k])],
      ]),
    ),
  );
  const change = Object.fromEntries(THREE_PUBLIC_KEYS.map((k) => [k, v.get(`three_public.change.${k}`)!])) as unknown as ThreePublicYear;
  const r = n.reasons;
  const reasons: Partial<Record<keyof ThreePublicYear, Text>> = {};
  for (const k of THREE_PUBLIC_KEYS) {
    const t = text(r?.[k]);
    if (t) reasons[k] = t;
  }
  return { unit: unitOf(n.unit, dflt), this_year, last_year, change, reasons };
}

type VehicleKindsIn = In['assets']['vehicle_kinds'];
function vehicleKinds(n: VehicleKindsIn | undefined): VehicleKind[] {
  return items(n).map((k) => ({ name: mustText(k.name, 'vehicle kind'), count: must(fig(k.count), 'vehicle count') }));
}

function buildAssets(n: In['assets']) {
  const pl = n.planned;
  const equipment = fig(n.equipment);
  const plannedEquipment = fig(pl?.equipment);
  return {
    as_of: mustText(n.as_of, 'assets.as_of'),
    vehicles: must(fig(n.vehicles), 'assets.vehicles'),
    general_equipment: orZero(fig(n.general_equipment)),
    special_equipment: orZero(fig(n.special_equipment)),
    ...(equipment ? { equipment } : {}),
    vehicle_kinds: vehicleKinds(n.vehicle_kinds),
    planned: {
      vehicles: orZero(fig(pl?.vehicles)),
      general_equipment: orZero(fig(pl?.general_equipment)),
      special_equipment: orZero(fig(pl?.special_equipment)),
      ...(plannedEquipment ? { equipment: plannedEquipment } : {}),
      vehicle_kinds: vehicleKinds(pl?.vehicle_kinds),
    },
  };
}

/** Without the section (a layout with no overall performance form): no tasks, no goal. */
function buildPerformance(n: In['performance'] | undefined) {
  const tasks = items(n?.tasks).map((t) => {
    const fiscal = orZero(fig(t.fiscal));
    const other = orZero(fig(t.other));
    const ref = t.ref;
    const refProject = text(ref?.project);
    return {
      name: mustText(t.name, 'task name'),
      content: mustText(t.content, 'task content'),
      total: or(fig(t.total), () => sumF(TASK_SUM.parts.map((c) => ({ fiscal, other })[c]))),
      fiscal,
      other,
      ...(ref ? { ref: refProject ? { project: refProject.text } : { basic: true as const } } : {}),
      span: spanOf(t),
    };
  });
  // each of the form's totals: the tasks' sum of its column
  const totals = Object.fromEntries(
    TASK_COLUMNS.map((c) => [FORM_TOTALS[c], or(fig(n?.[FORM_TOTALS[c]]), () => sumF(tasks.map((t) => t[c])))]),
  ) as Record<'total' | 'total_fiscal' | 'total_other', Fig>;
  return {
    tasks,
    ...totals,
    goal: n ? mustText(n.goal, 'performance.goal') : { text: '' },
    indicators: items(n?.indicators).map((ind) => ({
      level1: mustText(ind.level1, 'level1'),
      level2: text(ind.level2) ?? { text: '' },
      level3: mustText(ind.level3, 'level3'),
      target: mustText(ind.target, 'target'),
    })),
  };
}
