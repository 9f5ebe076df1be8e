import { add, parseDec, sub, sum, ZERO, type Dec } from '../money/decimal.js';
import { InternalError } from '../diagnostics/diagnostic.js';
import type { MapNode, Node, ScalarNode, SourceTree } from '../source/tree.js';
import type { Span } from '../source/span.js';
import { codeText, rowCodes, rowShapes } from '../schema/validate.js';
import { get, isScalar } from '../schema/nodes.js';
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
 * Validated source tree → Budget. Pure. Call it only when validateShape found no error (a shape
 * error here is a bug, and throws). Exact amounts are parsed from the text as written
 * (`ScalarNode.source`), never from the YAML number. The rule of omission: an omitted part is 0;
 * an omitted total or subtotal is computed from its parts (and carries no span); a parent
 * classification row's omitted figures are the sums of its children, bottom-up.
 *
 * Prior-year figures the source omits (a `prior_year` figure, the whole `three_public.last_year`)
 * come from `prior`, the previous year's published figures. Without them they are 0 with no span:
 * only for a budget whose own comparison is not used (a prior year loaded for its figures); the
 * compiler reports `shape/missing-prior-year` instead of building such a budget.
 */
export function buildBudget(tree: SourceTree, prior?: PriorFigures): Budget {
  const root = tree.root;
  const sec = (k: string) => get(root, k);

  const department = buildDepartment(sec('department')!);
  const functional = buildClassification(root, 'functional', department.name.text, true);
  const economic = buildClassification(root, 'economic', department.name.text, false);
  const projects = buildProjects(sec('projects'));
  const expenditure = buildExpenditure(sec('expenditure'), functional);
  const income = buildIncome(sec('income')!, functional, projects);

  const rcUnit = unitOf(sec('running_cost_unit'), department.unit);
  const targets = sec('performance_targets');
  const targetUnits = fig(get(targets, 'units'));
  return {
    dir: tree.dir,
    department,
    income,
    expenditure,
    functional,
    economic,
    projects,
    summary: buildSummary(sec('summary'), economic, root),
    procurement: buildProcurementPlan(sec('procurement')!, department.unit),
    three_public: buildThreePublic(sec('three_public')!, prior?.three_public, department.unit),
    running_cost: must(fig(sec('running_cost')), 'running_cost'),
    running_cost_unit: rcUnit,
    ...(targets
      ? {
          performance_targets: {
            ...(targetUnits ? { units: targetUnits } : {}),
            projects: must(fig(get(targets, 'projects')), 'performance_targets.projects'),
            amount: must(fig(get(targets, 'amount')), 'performance_targets.amount'),
            unit: unitOf(get(targets, 'unit'), department.unit),
          },
        }
      : {}),
    assets: buildAssets(sec('assets')!),
    performance: buildPerformance(sec('performance')),
    prior: buildPrior(sec('prior_year'), department.year, prior),
    ...buildComparison(sec('comparison')),
    prose: buildProse(sec('prose')!),
  };
}

// ---------------------------------------------------------------------------------------------
// Leaves

/** A section's own unit when it writes one, else the department's. */
function unitOf(n: Node | undefined, dflt: Unit): Unit {
  return isScalar(n) && n.value !== null ? (textOf(n) as Unit) : dflt;
}

function must<T>(v: T | undefined, what: string): T {
  if (v === undefined) throw new InternalError(`buildBudget on an unvalidated tree (${what})`);
  return v;
}

/** A written figure (exact decimal of the text as written), or undefined when omitted. */
export function fig(n: Node | undefined): Fig | undefined {
  if (!isScalar(n) || n.value === null) return undefined;
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

function textOf(n: ScalarNode): string {
  return typeof n.value === 'string' ? n.value : n.source;
}

function text(n: Node | undefined): Text | undefined {
  if (!isScalar(n) || n.value === null) return undefined;
  return { text: textOf(n), span: n.span };
}

const mustText = (n: Node | undefined, what: string): Text => must(text(n), what);

function texts(n: Node | undefined): Text[] {
  return n?.kind === 'seq' ? n.items.map((it, i) => mustText(it, `item ${i}`)) : [];
}

function items(n: Node | undefined): readonly Node[] {
  return n?.kind === 'seq' ? n.items : [];
}

function spanOf(n: Node | undefined, fallback: Span): Span {
  return n?.span ?? fallback;
}

// ---------------------------------------------------------------------------------------------
// Department, prose, prior year

const STAFF_KEYS = ['admin_quota', 'admin_actual', 'inst_quota', 'inst_actual', 'retired_veteran', 'retired'] as const;

function staffing(n: Node | undefined): Staffing {
  return Object.fromEntries(STAFF_KEYS.map((k) => [k, must(fig(get(n, k)), k)])) as unknown as Staffing;
}

function buildDepartment(n: Node) {
  const units = items(get(n, 'units')).map((u) => {
    const st = get(u, 'staffing');
    return {
      name: mustText(get(u, 'name'), 'unit name'),
      divisions: texts(get(u, 'divisions')),
      ...(st ? { staffing: staffing(st) } : {}),
    };
  });
  const declared = get(n, 'staffing_total');
  // Head counts are a fact only when written: no unit writing them gives no total either.
  const staffed = units.filter((u) => u.staffing);
  const staffing_total: Staffing | undefined = declared
    ? staffing(declared)
    : staffed.length
      ? (Object.fromEntries(STAFF_KEYS.map((k) => [k, computed(sumF(staffed.map((u) => u.staffing![k])))])) as unknown as Staffing)
      : undefined;
  const uc = get(n, 'unit_counts');
  const unit_counts: Partial<Record<'admin' | 'civil_service' | 'institution', Fig>> = {};
  for (const k of ['admin', 'civil_service', 'institution'] as const) {
    const f = fig(get(uc, k));
    if (f) unit_counts[k] = f;
  }
  const supervisor = text(get(n, 'supervisor'));
  const region = text(get(n, 'region'));
  const goals = text(get(n, 'goals'));
  const yearNode = get(n, 'year') as ScalarNode;
  const profile = text(get(n, 'profile'));
  return {
    name: mustText(get(n, 'name'), 'department.name'),
    year: Number(yearNode.source),
    unit: textOf(get(n, 'unit') as ScalarNode) as '万元' | '元',
    units,
    ...(staffing_total ? { staffing_total } : {}),
    duties: texts(get(n, 'duties')),
    ...(goals ? { goals } : {}),
    ...(supervisor ? { supervisor } : {}),
    ...(region ? { region } : {}),
    ...(uc ? { unit_counts } : {}),
    ...(profile ? { profile } : {}),
  };
}

function buildProse(n: Node) {
  const note = text(get(n, 'running_cost_note'));
  const overview = text(get(n, 'overview'));
  return {
    change_reason: mustText(get(n, 'change_reason'), 'prose.change_reason'),
    ...(overview ? { overview } : {}),
    ...(note ? { running_cost_note: note } : {}),
    other_notes: texts(get(n, 'other_notes')),
  };
}

/** Each prior-year figure as declared, else the prior year's own (else 0, see buildBudget). */
function buildPrior(n: Node | undefined, year: number, from: PriorFigures | undefined): PriorYear {
  const y = get(n, 'year');
  const f = (k: 'income_total' | 'expenditure_total' | 'running_cost'): Fig => fig(get(n, k)) ?? from?.[k] ?? zero();
  const funds: Partial<Record<Fund, Fig>> = {};
  for (const k of FUNDS) {
    const w = fig(get(n, k));
    if (w) funds[k] = w;
  }
  return {
    year: isScalar(y) && y.value !== null ? Number(y.source) : (from?.year ?? year - 1),
    income_total: f('income_total'),
    expenditure_total: f('expenditure_total'),
    running_cost: f('running_cost'),
    funds,
  };
}

function buildComparison(n: Node | undefined): Pick<Budget, 'comparison'> {
  if (!n) return {};
  const change = fig(get(n, 'change'));
  const percent = fig(get(n, 'percent'));
  return { comparison: { ...(change ? { change } : {}), ...(percent ? { percent } : {}) } };
}

// ---------------------------------------------------------------------------------------------
// Classifications

type BySource = Partial<Record<Source, BasicProject>>;

function sumBySource(parts: readonly BySource[]): BySource {
  const out: BySource = {};
  for (const s of SOURCES) {
    const present = parts.filter((p) => p[s]);
    if (!present.length) continue;
    out[s] = {
      basic: computed(sumF(present.map((p) => p[s]!.basic))),
      project: computed(sumF(present.map((p) => p[s]!.project))),
    };
  }
  return out;
}

/** A parent's split as written (a table printing it on the 类/款 row) over its children's sums, source by source. */
function writtenOver(sums: BySource, n: Node | undefined): BySource {
  const bsNode = get(n, 'by_source');
  if (!bsNode) return sums;
  const out: BySource = { ...sums };
  for (const s of SOURCES) {
    const sn = get(bsNode, s);
    if (!sn) continue;
    out[s] = { basic: fig(get(sn, 'basic')) ?? sums[s]?.basic ?? zero(), project: fig(get(sn, 'project')) ?? sums[s]?.project ?? zero() };
  }
  return out;
}

function writtenFunds(n: Node | undefined): Partial<Record<Fund, Fig>> | undefined {
  const fn = get(n, 'funds');
  if (!fn) return undefined;
  const out: Partial<Record<Fund, Fig>> = {};
  for (const k of FUNDS) {
    const f = fig(get(fn, k));
    if (f) out[k] = f;
  }
  return out;
}

const INCOME_FROM: Record<'fiscal' | 'business' | 'operating', readonly Source[]> = {
  fiscal: ['general', 'gov_fund', 'soe'],
  business: ['unit_business'],
  operating: ['unit_operating'],
};

/**
 * A functional row's income by source: as written, else a leaf's from its by_source (what is spent
 * from a source is income from it), a parent's from its children's.
 */
function rowIncome(n: Node | undefined, total: Fig, by_source: BySource, kids: readonly ClassRow[] | undefined): RowIncome {
  const w = get(n, 'income');
  const srcSum = (ss: readonly Source[]) => sum(ss.map((s) => (by_source[s] ? add(by_source[s]!.basic.value, by_source[s]!.project.value) : ZERO)));
  const other = SOURCES.filter((s) => !Object.values(INCOME_FROM).some((l) => l.includes(s)));
  const part = (k: 'fiscal' | 'business' | 'operating' | 'other'): Fig =>
    fig(get(w, k)) ??
    computed(kids && kids.length ? sumF(kids.map((c) => c.income![k])) : srcSum(k === 'other' ? other : INCOME_FROM[k]));
  const fiscal = part('fiscal');
  const business = part('business');
  const operating = part('operating');
  const oth = part('other');
  return { total: fig(get(w, 'total')) ?? computed(total.value), fiscal, business, operating, other: oth };
}

/** 人员经费 / 公用经费 of an economic row: as written, else the children's sums when any child has them. */
function staffSplit(n: Node | undefined, kids: readonly ClassRow[], k: 'personnel' | 'public'): Fig | undefined {
  const w = fig(get(n, k));
  if (w) return w;
  const have = kids.filter((c) => c[k]);
  return have.length ? computed(sumF(have.map((c) => c[k]!))) : undefined;
}

function procurement(n: Node | undefined): Procurement | undefined {
  if (!n) return undefined;
  return { total: must(fig(get(n, 'total')), 'procurement.total'), sme: orZero(fig(get(n, 'sme'))), micro: orZero(fig(get(n, 'micro'))) };
}

function sumProcurement(parts: readonly Procurement[]): Procurement {
  return {
    total: computed(sumF(parts.map((p) => p.total))),
    sme: computed(sumF(parts.map((p) => p.sme))),
    micro: computed(sumF(parts.map((p) => p.micro))),
  };
}

function buildClassification(root: MapNode, section: 'functional' | 'economic', deptName: string, withProcurement: boolean): Classification {
  const secNode = must(get(root, section), section);
  const rowNodes = items(get(secNode, 'rows'));
  const codes = rowCodes(root, section);
  const shapes = rowShapes(codes);
  const children: number[][] = codes.map(() => []);
  shapes.forEach((s, i) => {
    if (s.parent >= 0) children[s.parent].push(i);
  });
  const built: ClassRow[] = new Array(rowNodes.length);

  const combine = (
    n: Node | undefined,
    kids: readonly ClassRow[],
    code: Text,
    name: Text,
    level: 1 | 2 | 3,
    span: Span,
  ): ClassRow => {
    const t = fig(get(n, 'total'));
    const b = fig(get(n, 'basic'));
    const p = fig(get(n, 'project'));
    const proc = withProcurement
      ? (procurement(get(n, 'procurement')) ?? sumProcurement(kids.map((k) => k.procurement!)))
      : undefined;
    const total = or(t, () => sumF(kids.map((k) => k.total)));
    const by_source = writtenOver(sumBySource(kids.map((k) => k.by_source)), n);
    return {
      code,
      name,
      level,
      total,
      basic: or(b, () => sumF(kids.map((k) => k.basic))),
      project: or(p, () => sumF(kids.map((k) => k.project))),
      by_source,
      basic_written: b !== undefined || kids.some((k) => k.basic_written),
      ...(proc ? { procurement: proc } : {}),
      ...extras(n, total, by_source, kids),
      span,
    };
  };

  const extras = (n: Node | undefined, total: Fig, by_source: BySource, kids: readonly ClassRow[] | undefined) => {
    const funds = writtenFunds(n);
    const purpose = text(get(n, 'purpose'));
    const personnel = staffSplit(n, kids ?? [], 'personnel');
    const pub = staffSplit(n, kids ?? [], 'public');
    return {
      ...(funds ? { funds } : {}),
      ...(purpose ? { purpose } : {}),
      ...(withProcurement ? { income: rowIncome(n, total, by_source, kids) } : {}),
      ...(personnel ? { personnel } : {}),
      ...(pub ? { public: pub } : {}),
    };
  };

  for (let i = rowNodes.length - 1; i >= 0; i--) {
    const n = rowNodes[i];
    const codeNode = get(n, 'code') as ScalarNode;
    const code: Text = { text: codes[i], span: codeNode.span };
    const name = mustText(get(n, 'name'), `${section} name`);
    const level = shapes[i].level;
    if (children[i].length) {
      built[i] = combine(n, children[i].map((c) => built[c]), code, name, level, n.span);
      continue;
    }
    // A leaf.
    const bsNode = get(n, 'by_source');
    const t = fig(get(n, 'total'));
    const b = fig(get(n, 'basic'));
    const p = fig(get(n, 'project'));
    let by_source: BySource;
    let basic: Fig;
    let project: Fig;
    if (bsNode) {
      by_source = {};
      for (const s of SOURCES) {
        const sn = get(bsNode, s);
        if (!sn) continue;
        by_source[s] = { basic: orZero(fig(get(sn, 'basic'))), project: orZero(fig(get(sn, 'project'))) };
      }
      basic = or(b, () => sumF(Object.values(by_source).map((x) => x!.basic)));
      project = or(p, () => sumF(Object.values(by_source).map((x) => x!.project)));
    } else {
      basic = orZero(b);
      project = orZero(p);
      by_source = { general: { basic: computed(basic.value), project: computed(project.value) } };
    }
    const proc = withProcurement
      ? (procurement(get(n, 'procurement')) ?? { total: zero(), sme: zero(), micro: zero() })
      : undefined;
    const total = or(t, () => add(basic.value, project.value));
    built[i] = {
      code,
      name,
      level,
      total,
      basic,
      project,
      by_source,
      basic_written: b !== undefined,
      ...(proc ? { procurement: proc } : {}),
      ...extras(n, total, by_source, undefined),
      span: n.span,
    };
  }

  const tops = built.filter((_, i) => shapes[i].parent < 0);
  const totalNode = get(secNode, 'total');
  const total = combine(totalNode, tops, { text: '' }, { text: deptName }, 1, spanOf(totalNode, secNode.span));
  return { total, rows: built };
}

// ---------------------------------------------------------------------------------------------
// Income and expenditure

function buildExpenditure(n: Node | undefined, functional: Classification) {
  const current_total = or(fig(get(n, 'current_total')), () => functional.total.total.value);
  const carry_forward = orZero(fig(get(n, 'carry_forward')));
  const total = or(fig(get(n, 'total')), () => add(current_total.value, carry_forward.value));
  return { current_total, carry_forward, total };
}

const UNIT_KINDS = ['business', 'operating', 'superior', 'affiliated', 'other'] as const;

/**
 * Income as declared; an omitted leaf is taken from the expenditure by funding source (what the
 * classification rows and projects say was spent from it), an omitted subtotal from its parts.
 */
function buildIncome(n: Node, functional: Classification, projects: readonly Project[]) {
  const spent = functional.total.by_source;
  const bySource = (s: Source): Dec => {
    const x = spent[s];
    return x ? add(x.basic.value, x.project.value) : ZERO;
  };
  const gen = get(n, 'general');
  const generalFromProjects = (k: ProjectKind): Dec =>
    sum(projects.filter((p) => p.kind === k).map((p) => p.by_source.general?.value ?? ZERO));
  const kinds = {
    basic: or(fig(get(gen, 'basic')), () => spent.general?.basic.value ?? ZERO),
    performance: or(fig(get(gen, 'performance')), () => generalFromProjects('performance')),
    special: or(fig(get(gen, 'special')), () => generalFromProjects('special')),
    investment: or(fig(get(gen, 'investment')), () => generalFromProjects('investment')),
  };
  const general = or(fig(get(gen, 'total')), () => sumF(GENERAL_KINDS.map((k) => kinds[k])));
  const gov_fund = or(fig(get(n, 'gov_fund')), () => bySource('gov_fund'));
  const soe = or(fig(get(n, 'soe')), () => bySource('soe'));
  const special_account = or(fig(get(n, 'special_account')), () => bySource('special_account'));
  const uf = get(n, 'unit_funds');
  const unit = Object.fromEntries(
    UNIT_KINDS.map((k) => [k, or(fig(get(uf, k)), () => bySource(`unit_${k}` as Source))]),
  ) as Record<(typeof UNIT_KINDS)[number], Fig>;
  const unit_funds = or(fig(get(uf, 'total')), () => sumF(UNIT_KINDS.map((k) => unit[k])));
  const carryover = or(fig(get(n, 'carryover')), () => bySource('carryover'));
  const government = or(fig(get(n, 'government')), () => sumF([general, gov_fund, soe]));
  const current_total = or(fig(get(n, 'current_total')), () => sumF([government, special_account, unit_funds]));
  const total = or(fig(get(n, 'total')), () => add(current_total.value, carryover.value));
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

function buildProjects(n: Node | undefined): Project[] {
  return items(n).map((p) => {
    const its = items(get(p, 'items')).map((it) => {
      const purpose = text(get(it, 'purpose'));
      return {
        name: mustText(get(it, 'name'), 'item name'),
        amount: must(fig(get(it, 'amount')), 'item amount'),
        ...(purpose ? { purpose } : {}),
      };
    });
    const bsNode = get(p, 'by_source');
    const written: Partial<Record<Source, Fig>> = {};
    if (bsNode) for (const s of SOURCES) {
      const f = fig(get(bsNode, s));
      if (f) written[s] = f;
    }
    const amount = or(fig(get(p, 'amount')), () =>
      its.length ? sumF(its.map((i) => i.amount)) : sumF(Object.values(written) as Fig[]),
    );
    const by_source = bsNode ? written : { general: computed(amount.value) };
    const perf = get(p, 'performance');
    const code = text(get(p, 'code'));
    return {
      name: mustText(get(p, 'name'), 'project name'),
      ...(code ? { code } : {}),
      amount,
      kind: (text(get(p, 'kind'))?.text ?? 'performance') as ProjectKind,
      by_source,
      items: its,
      ...(perf
        ? {
            performance: {
              goal: mustText(get(perf, 'goal'), 'goal'),
              indicators: items(get(perf, 'indicators')).map((ind) => ({
                label: mustText(get(ind, 'label'), 'label'),
                text: mustText(get(ind, 'text'), 'text'),
              })),
            },
          }
        : {}),
      statement: items(get(p, 'statement')).map((sec) => ({ heading: mustText(get(sec, 'heading'), 'statement heading'), text: texts(get(sec, 'text')) })),
      span: p.span,
    };
  });
}

const SUMMARY_CODES = { personnel: ['301'], public: ['302'], household: ['303'] } as const;

function buildSummary(n: Node | undefined, economic: Classification, root: MapNode) {
  const codes = {} as Record<'personnel' | 'public' | 'household', string[]>;
  const line = (k: 'personnel' | 'public' | 'household') => {
    const ln = get(n, k);
    const cs = get(ln, 'codes');
    codes[k] = cs ? items(cs).map((_, j) => codeText(root, ['summary', k, 'codes', j])) : [...SUMMARY_CODES[k]];
    const amount = or(fig(get(ln, 'amount')), () =>
      sumF(economic.rows.filter((r) => codes[k].includes(r.code.text)).map((r) => r.basic)),
    );
    // Without the section (a layout that prints no such breakdown) the lines are the economic rows' own.
    return { ...amount, includes: n ? mustText(get(ln, 'includes'), `summary.${k}.includes`) : { text: '' } };
  };
  const personnel = line('personnel');
  const pub = line('public');
  const household = line('household');
  const project = or(fig(get(n, 'project')), () => economic.total.project.value);
  const total = or(fig(get(n, 'total')), () => sumF([personnel, pub, household, project]));
  return { total, personnel, public: pub, household, project, codes, ...(n ? {} : { declared: false }) };
}

function buildProcurementPlan(n: Node, dflt: Unit) {
  const goods = orZero(fig(get(n, 'goods')));
  const works = orZero(fig(get(n, 'works')));
  const services = orZero(fig(get(n, 'services')));
  const sme = fig(get(n, 'sme'));
  const micro = fig(get(n, 'micro'));
  return {
    unit: unitOf(get(n, 'unit'), dflt),
    total: or(fig(get(n, 'total')), () => sumF([goods, works, services])),
    goods,
    works,
    services,
    ...(sme ? { sme } : {}),
    ...(micro ? { micro } : {}),
  };
}

function threePublicYear(n: Node | undefined): ThreePublicYear {
  const abroad = orZero(fig(get(n, 'abroad')));
  const reception = orZero(fig(get(n, 'reception')));
  const vehicle_purchase = orZero(fig(get(n, 'vehicle_purchase')));
  const vehicle_running = orZero(fig(get(n, 'vehicle_running')));
  const vehicles = or(fig(get(n, 'vehicles')), () => add(vehicle_purchase.value, vehicle_running.value));
  const total = or(fig(get(n, 'total')), () => sumF([abroad, reception, vehicles]));
  return { total, abroad, reception, vehicles, vehicle_purchase, vehicle_running };
}

const TP_KEYS = ['total', 'abroad', 'reception', 'vehicles', 'vehicle_purchase', 'vehicle_running'] as const;

function buildThreePublic(n: Node, fromPrior: ThreePublicYear | undefined, dflt: Unit) {
  const this_year = threePublicYear(get(n, 'this_year'));
  const declared = get(n, 'last_year');
  const last_year = declared || !fromPrior ? threePublicYear(declared) : fromPrior;
  const c = get(n, 'change');
  const change = Object.fromEntries(
    TP_KEYS.map((k) => [k, or(fig(get(c, k)), () => sub(this_year[k].value, last_year[k].value))]),
  ) as unknown as ThreePublicYear;
  const r = get(n, 'reasons');
  const reasons: Partial<Record<keyof ThreePublicYear, Text>> = {};
  for (const k of TP_KEYS) {
    const t = text(get(r, k));
    if (t) reasons[k] = t;
  }
  return { unit: unitOf(get(n, 'unit'), dflt), this_year, last_year, change, reasons };
}

function vehicleKinds(n: Node | undefined): VehicleKind[] {
  return items(n).map((k) => ({ name: mustText(get(k, 'name'), 'vehicle kind'), count: must(fig(get(k, 'count')), 'vehicle count') }));
}

function buildAssets(n: Node) {
  const pl = get(n, 'planned');
  const equipment = fig(get(n, 'equipment'));
  const plannedEquipment = fig(get(pl, 'equipment'));
  return {
    as_of: mustText(get(n, 'as_of'), 'assets.as_of'),
    vehicles: must(fig(get(n, 'vehicles')), 'assets.vehicles'),
    general_equipment: orZero(fig(get(n, 'general_equipment'))),
    special_equipment: orZero(fig(get(n, 'special_equipment'))),
    ...(equipment ? { equipment } : {}),
    vehicle_kinds: vehicleKinds(get(n, 'vehicle_kinds')),
    planned: {
      vehicles: orZero(fig(get(pl, 'vehicles'))),
      general_equipment: orZero(fig(get(pl, 'general_equipment'))),
      special_equipment: orZero(fig(get(pl, 'special_equipment'))),
      ...(plannedEquipment ? { equipment: plannedEquipment } : {}),
      vehicle_kinds: vehicleKinds(get(pl, 'vehicle_kinds')),
    },
  };
}

/** Without the section (a layout with no overall performance form): no tasks, no goal. */
function buildPerformance(n: Node | undefined) {
  const tasks = items(get(n, 'tasks')).map((t) => {
    const fiscal = orZero(fig(get(t, 'fiscal')));
    const other = orZero(fig(get(t, 'other')));
    const ref = get(t, 'ref');
    const refProject = text(get(ref, 'project'));
    return {
      name: mustText(get(t, 'name'), 'task name'),
      content: mustText(get(t, 'content'), 'task content'),
      total: or(fig(get(t, 'total')), () => add(fiscal.value, other.value)),
      fiscal,
      other,
      ...(ref ? { ref: refProject ? { project: refProject.text } : { basic: true as const } } : {}),
      span: t.span,
    };
  });
  return {
    tasks,
    total: or(fig(get(n, 'total')), () => sumF(tasks.map((t) => t.total))),
    total_fiscal: or(fig(get(n, 'total_fiscal')), () => sumF(tasks.map((t) => t.fiscal))),
    total_other: or(fig(get(n, 'total_other')), () => sumF(tasks.map((t) => t.other))),
    goal: n ? mustText(get(n, 'goal'), 'performance.goal') : { text: '' },
    indicators: items(get(n, 'indicators')).map((ind) => ({
      level1: mustText(get(ind, 'level1'), 'level1'),
      level2: text(get(ind, 'level2')) ?? { text: '' },
      level3: mustText(get(ind, 'level3'), 'level3'),
      target: mustText(get(ind, 'target'), 'target'),
    })),
  };
}
