import { Drop } from 'liquidjs';
import { FUNDS, type Budget, type Fig, type Staffing, type ThreePublicYear } from '../../model/budget.js';
import { figAt } from '../../model/identities.js';
import { INCOME_LINE_FACTS } from '../../profile/index.js';
import { type Dec, ZERO, abs, add, format, isZero, percent, sub, sum, toPlain, round } from '../../money/decimal.js';

/**
 * The view the narrative templates see: plain objects and `Money` figures, keyed like the budget
 * model (docs/format.md). Optional prose that the data leaves out is present as a key with an
 * `undefined` value, so a template that prints it without `{% if %}` fails with "missing value"
 * rather than printing a blank.
 */

/**
 * A number as the templates see it: a leaf of the view (no properties a template may reach into)
 * that prints itself. The filters `money` and `plain` accept any figure.
 */
export abstract class Figure extends Drop {
  constructor(readonly dec: Dec) {
    super();
  }
  abstract override valueOf(): string;
  toString(): string {
    return this.valueOf();
  }
  abstract plain(): string;
}

/**
 * An amount: prints with thousands separators at the document's decimals. `| plain` drops them for
 * whole amounts (a published Part 6 prints e.g. 1234 万元), but keeps them when the amount
 * has decimals to print: 1305000.90 元 would be unreadable, so it prints 1,305,000.90 元.
 */
export class Money extends Figure {
  constructor(
    dec: Dec,
    readonly decimals: number,
    /** The unit the amount is in (万元 or 元), for the `in_unit` filter; absent: the department's. */
    readonly unit?: string,
  ) {
    super(dec);
  }
  override valueOf(): string {
    return format(this.dec, this.decimals);
  }
  plain(): string {
    return this.decimals === 0 ? toPlain(round(this.dec, 0)) : this.valueOf();
  }
}

/** A count of people, vehicles or pieces of equipment: a whole number, whatever the amounts' decimals. */
export class Count extends Figure {
  override valueOf(): string {
    return format(this.dec, 0);
  }
  plain(): string {
    return toPlain(round(this.dec, 0));
  }
}

/** A year-over-year comparison, worded by sign: 增加/减少 the amount, 增长/下降 the percent. */
export interface Change {
  readonly current: Money;
  readonly prior: Money;
  /** |current − prior|. */
  readonly amount: Money;
  readonly direction: '增加' | '减少';
  readonly trend: '增长' | '下降';
  /** |percent| rounded to an integer; absent when the prior figure is zero. */
  readonly percent: Money | undefined;
  /** False when the prior figure is zero (the template says 不可比). */
  readonly comparable: boolean;
  /**
   * No change from a non-zero prior figure (the template says 持平 rather than 增加 0, 增长 0%).
   * From a zero base the comparison stays 不可比, as the published documents word 0 against 0.
   */
  readonly flat: boolean;
  /** No change at all, also from a zero base (a layout that words 0 against 0 as 持平). */
  readonly same: boolean;
}

export type Context = Record<string, unknown>;

/**
 * The decimals every figure in the department's unit prints with: the most any of them was written
 * with. Sections written in their own unit (三公 in 万元 beside tables in 元) print at their own
 * and do not count.
 */
export function amountDecimals(b: Budget): number {
  let d = DECIMALS.get(b);
  if (d === undefined) DECIMALS.set(b, (d = scanDecimals(b)));
  return d;
}

/** A budget is immutable once built: the check, the document and the feeds ask once between them. */
const DECIMALS = new WeakMap<Budget, number>();

function scanDecimals(b: Budget): number {
  const u = b.department.unit;
  return maxScale({
    ...b,
    three_public: b.three_public.unit === u ? b.three_public : undefined,
    procurement: b.procurement.unit === u ? b.procurement : undefined,
    running_cost: b.running_cost_unit === u ? b.running_cost : undefined,
    performance_targets: b.performance_targets?.unit === u ? b.performance_targets : undefined,
  });
}

export function maxScale(x: unknown, depth = 0): number {
  if (depth > 12 || x === null || typeof x !== 'object') return 0;
  const o = x as Record<string, unknown>;
  if (typeof o.coef === 'bigint' && typeof o.scale === 'number') return o.scale as number;
  let m = 0;
  if (Array.isArray(x)) {
    for (const v of x) if (typeof v === 'object' && v !== null) m = Math.max(m, maxScale(v, depth + 1));
    return m;
  }
  // A text holds no amount; nor does a position (span): neither is walked (a classification row
  // has two texts and a span, and the span is half the objects of a large budget). A value that is
  // not an object (a row's level, an absent cell) is passed over without a call.
  if (typeof o.text === 'string') return 0;
  for (const k in o) {
    if (k === 'span') continue;
    const v = o[k];
    if (typeof v === 'object' && v !== null) m = Math.max(m, maxScale(v, depth + 1));
  }
  return m;
}

export function buildContext(b: Budget, decimals: number): Context {
  const m = (f: Fig | Dec, unit: string = b.department.unit) => new Money('value' in f ? f.value : f, decimals, unit);
  // A section written in its own unit prints at the decimals it was written with.
  const own = (f: Fig, unit: string) => new Money(f.value, unit === b.department.unit ? decimals : Math.max(f.value.scale, 0), unit);
  const n = (f: Fig) => new Count(f.value);
  const change = (current: Dec, prior: Dec): Change => {
    const diff = sub(current, prior);
    const up = diff.coef >= 0n;
    const comparable = !isZero(prior);
    return {
      current: m(current),
      prior: m(prior),
      amount: m(abs(diff)),
      direction: up ? '增加' : '减少',
      trend: up ? '增长' : '下降',
      percent: comparable ? new Money(abs(percent(diff, prior, 0)), 0) : undefined,
      comparable,
      flat: comparable && isZero(diff),
      same: isZero(diff),
    };
  };
  const staffing = (s: Staffing) => ({
    admin_quota: n(s.admin_quota),
    admin_actual: n(s.admin_actual),
    inst_quota: n(s.inst_quota),
    inst_actual: n(s.inst_actual),
    retired_veteran: n(s.retired_veteran),
    retired: n(s.retired),
  });
  const staffSum = (k: keyof Staffing): Fig => ({ value: b.department.units.reduce((acc, u) => add(acc, u.staffing?.[k].value ?? ZERO), ZERO) });
  const totalStaffing = staffing(
    b.department.staffing_total ?? {
      admin_quota: staffSum('admin_quota'),
      admin_actual: staffSum('admin_actual'),
      inst_quota: staffSum('inst_quota'),
      inst_actual: staffSum('inst_actual'),
      retired_veteran: staffSum('retired_veteran'),
      retired: staffSum('retired'),
    },
  );
  const tp = b.three_public;
  const tpDecimals = tp.unit === b.department.unit ? decimals : Math.max(0, ...(['this_year', 'last_year'] as const).flatMap((y) => Object.values(tp[y]).map((f: Fig) => f.value.scale)));
  const tm = (f: Fig | Dec) => new Money('value' in f ? f.value : f, tpDecimals, tp.unit);
  const tpYear = (y: ThreePublicYear) => ({
    total: tm(y.total),
    abroad: tm(y.abroad),
    reception: tm(y.reception),
    vehicles: tm(y.vehicles),
    vehicle_purchase: tm(y.vehicle_purchase),
    vehicle_running: tm(y.vehicle_running),
  });
  const tpChange = (k: keyof ThreePublicYear) => {
    const c = change(tp.this_year[k].value, tp.last_year[k].value);
    return { ...c, current: tm(tp.this_year[k]), prior: tm(tp.last_year[k]), amount: tm(abs(sub(tp.this_year[k].value, tp.last_year[k].value))) };
  };
  const fundTotal = (s: 'general' | 'gov_fund' | 'soe'): Dec => {
    const x = b.functional.total.by_source[s];
    return x ? add(x.basic.value, x.project.value) : ZERO;
  };
  // 财政拨款: the three funds (the sources of 政府预算拨款, src/model/identities.ts)
  const fiscal = sum(FUNDS.map(fundTotal));
  const priorFund = (s: 'general' | 'gov_fund' | 'soe') => b.prior.funds[s];
  const priorFiscal = FUNDS.every((s) => priorFund(s)) ? sum(FUNDS.map((s) => priorFund(s)!.value)) : undefined;
  // The rows as a narrative lists them, each with its ancestors' names (类, 款), for naming a 项 as
  // “类(类)款(款)项(项)”: made when a template first reads them, once, so a layout whose templates
  // list no rows (the default one) makes no view of each of a department's rows (two per leaf, with
  // three Money each, were a good part of a 10,000-row check's templates).
  const rowView = (r: (typeof b.functional.rows)[number], parents: readonly string[]) => ({
    parents,
    code: r.code.text,
    name: r.name.text,
    level: r.level,
    total: m(r.total),
    basic: m(r.basic),
    project: m(r.project),
    purpose: r.purpose?.text,
  });
  type RowView = ReturnType<typeof rowView>;
  let rowViews: RowView[] | undefined;
  let leafViews: RowView[] | undefined;
  const functionalRows = (): RowView[] => {
    if (rowViews) return rowViews;
    const chain: string[] = [];
    return (rowViews = b.functional.rows.map((r) => {
      chain.length = r.level - 1;
      const v = rowView(r, [...chain]);
      chain[r.level - 1] = r.name.text;
      return v;
    }));
  };
  const functionalLeaves = (): RowView[] => {
    const rs = b.functional.rows;
    return (leafViews ??= functionalRows().filter((_, i) => !(rs[i + 1] && rs[i + 1].level > rs[i].level)));
  };
  const projects = b.projects.map((p) => ({
    name: p.name.text,
    code: p.code?.text,
    amount: m(p.amount),
    items: p.items.map((i) => ({ name: i.name.text, amount: m(i.amount), purpose: i.purpose?.text })),
    /** Whether any item states its purpose (then each item goes on its own line). */
    itemised: p.items.some((i) => i.purpose !== undefined),
    goal: p.performance?.goal.text,
    statement: p.statement.map((s) => ({ heading: s.heading.text, text: s.text.map((t) => t.text) })),
    indicators: (p.performance?.indicators ?? []).map((i) => ({ label: i.label.text, text: i.text.text })),
  }));
  const keyProjects = projects.filter((_, i) => b.projects[i].performance !== undefined);
  const s = b.summary;
  return {
    year: b.department.year,
    prior_year: b.prior.year,
    unit: b.department.unit,
    department: { name: b.department.name.text, supervisor: b.department.supervisor?.text },
    duties: b.department.duties.map((d) => d.text),
    goals: b.department.goals?.text,
    units: b.department.units.map((u) => ({ name: u.name.text, divisions: u.divisions.map((d) => d.text), ...(u.staffing ? { staffing: staffing(u.staffing) } : {}) })),
    staffing: totalStaffing,
    income: { total: m(b.income.total), current_total: m(b.income.current_total) },
    expenditure: { total: m(b.expenditure.total), current_total: m(b.expenditure.current_total) },
    income_change: change(b.income.total.value, b.prior.income_total.value),
    expenditure_change: change(b.expenditure.total.value, b.prior.expenditure_total.value),
    summary: {
      total: m(s.total),
      personnel: { amount: m(s.personnel), includes: s.personnel.includes.text },
      public: { amount: m(s.public), includes: s.public.includes.text },
      household: { amount: m(s.household), includes: s.household.includes.text },
      project: m(s.project),
    },
    projects,
    key_projects: keyProjects,
    procurement: {
      total: own(b.procurement.total, b.procurement.unit),
      goods: own(b.procurement.goods, b.procurement.unit),
      works: own(b.procurement.works, b.procurement.unit),
      services: own(b.procurement.services, b.procurement.unit),
      sme: b.procurement.sme ? own(b.procurement.sme, b.procurement.unit) : undefined,
      micro: b.procurement.micro ? own(b.procurement.micro, b.procurement.unit) : undefined,
    },
    three_public: {
      this_year: tpYear(tp.this_year),
      last_year: tpYear(tp.last_year),
      change: {
        total: tpChange('total'),
        abroad: tpChange('abroad'),
        reception: tpChange('reception'),
        vehicles: tpChange('vehicles'),
        vehicle_purchase: tpChange('vehicle_purchase'),
        vehicle_running: tpChange('vehicle_running'),
      },
    },
    running_cost: { ...change(b.running_cost.value, b.prior.running_cost.value), current: own(b.running_cost, b.running_cost_unit) },
    unit_counts: b.department.unit_counts
      ? Object.fromEntries(Object.entries(b.department.unit_counts).map(([k, f]) => [k, n(f!)]))
      : undefined,
    get functional_rows() {
      return functionalRows();
    },
    /** The leaf rows (项) in table order: what the narrative lists one by one. */
    get functional_leaves() {
      return functionalLeaves();
    },
    /** 类 rows: code, name and the chain of 类/款/项 names of each leaf is built by the template from functional_rows. */
    income_parts: {
      fiscal: m(fiscal),
      general: m(fundTotal('general')),
      gov_fund: m(fundTotal('gov_fund')),
      soe: m(fundTotal('soe')),
      business: m(b.income.unit.business),
      operating: m(b.income.unit.operating),
      // 其他收入 as a summary's income line adds it up (src/profile/figures.ts)
      other: m(sum(INCOME_LINE_FACTS.other.map((f) => figAt(b, f)!.value))),
    },
    fiscal_change: priorFiscal ? change(fiscal, priorFiscal) : undefined,
    fund_change: Object.fromEntries(
      FUNDS.map((s) => [s, priorFund(s) ? change(fundTotal(s), priorFund(s)!.value) : undefined]),
    ),
    performance_targets: b.performance_targets
      ? {
          units: b.performance_targets.units ? n(b.performance_targets.units) : undefined,
          projects: n(b.performance_targets.projects),
          amount: own(b.performance_targets.amount, b.performance_targets.unit),
        }
      : undefined,
    three_public_reasons: Object.fromEntries(Object.entries(tp.reasons).map(([k, t]) => [k, t!.text])),
    assets: {
      as_of: b.assets.as_of.text,
      vehicles: n(b.assets.vehicles),
      general_equipment: n(b.assets.general_equipment),
      special_equipment: n(b.assets.special_equipment),
      planned: {
        vehicles: n(b.assets.planned.vehicles),
        general_equipment: n(b.assets.planned.general_equipment),
        special_equipment: n(b.assets.planned.special_equipment),
        equipment: b.assets.planned.equipment ? n(b.assets.planned.equipment) : undefined,
        vehicle_kinds: b.assets.planned.vehicle_kinds.map((k) => ({ name: k.name.text, count: n(k.count) })),
      },
      equipment: b.assets.equipment ? n(b.assets.equipment) : undefined,
      vehicle_kinds: b.assets.vehicle_kinds.map((k) => ({ name: k.name.text, count: n(k.count) })),
    },
    prose: {
      change_reason: b.prose.change_reason.text,
      running_cost_note: b.prose.running_cost_note?.text,
      overview: b.prose.overview?.text,
      other_notes: b.prose.other_notes.map((t) => t.text),
    },
  };
}

/**
 * The budget's figures (fact addresses, src/model/facts.ts) a path of the view prints: the view
 * mirrors the model's keys, except the comparisons, which print this year's figure against the
 * prior year's, and 三公's change, which the view computes from this year and last. A path that
 * stops short (`three_public.this_year`, assigned to a variable, or `projects`, looped over) stands
 * for every figure under it. Paths that print no figure (names, prose, the year) give none.
 */
export function factsOfPath(segments: readonly unknown[]): string[] {
  const segs: string[] = [];
  for (const s of segments) {
    if (typeof s !== 'string') break;
    segs.push(s);
  }
  // a list's size is a count of rows, not one of the budget's figures
  if (segs.length > 1 && segs[segs.length - 1] === 'size') return [];
  const [head, a, b] = segs;
  const under = (prefix: string, ...rest: (string | undefined)[]) => [[prefix, ...rest.filter((x) => x !== undefined)].join('.')];
  switch (head) {
    case 'income':
    case 'expenditure':
      return a ? [`${head}.${a}`] : [`${head}.total`, `${head}.current_total`];
    case 'income_change':
      return ['income.total', 'prior.income_total'];
    case 'expenditure_change':
      return ['expenditure.total', 'prior.expenditure_total'];
    case 'running_cost':
      return ['running_cost', 'prior.running_cost'];
    case 'summary':
      return under('summary', a);
    case 'projects':
    case 'key_projects':
      return ['projects'];
    case 'procurement':
    case 'assets':
      return under(head, a, b);
    case 'staffing':
      return under('staffing', a);
    case 'units':
      return ['units'];
    case 'three_public':
      if (a === 'change') return [...under('three_public.this_year', b), ...under('three_public.last_year', b), ...under('three_public.change', b)];
      return under('three_public', a, b);
    default:
      return [];
  }
}
