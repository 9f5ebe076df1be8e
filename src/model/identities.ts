import { add, sub, ZERO, type Dec } from '../money/decimal.js';
import { InternalError } from '../diagnostics/diagnostic.js';
import { FUNDS, GENERAL_KINDS, ROW_INCOME_KEYS, SOURCES, type Budget, type ClassRow, type Fig, type Procurement, type RowIncome, type Source, type ThreePublicYear } from './budget.js';

type RowIncomeKey = (typeof ROW_INCOME_KEYS)[number];
import { THREE_PUBLIC_KEYS } from '../schema/vocabulary.js';
import { INCOME_OF, UNIT_KINDS, incomeFig, type Fact, type IncomeKey } from './facts.js';

/**
 * The sum identities of the report, declared once, XBRL-calculation-linkbase style: a total is
 * the sum of its parts (less the `less` parts), each figure named by its fact address
 * (src/model/facts.ts). From this one list:
 *  - the model fills an omitted total from its parts (`fillSums`, src/model/build.ts);
 *  - the check gives a computed total the summed tolerance of its parts (src/check/view.ts) and
 *    tests each written total against its parts (the rule named by `rule`);
 *  - the tables mark a cell that shows a total as the sum of the cells that show its parts, which
 *    the XLSX writes as a SUM formula (`linkIdentities` and `sourceColumns`, src/document/tables/common.ts).
 *
 * The list is in dependency order (a total after the totals among its parts). A figure may be the
 * total of more than one identity (三公's change row: its vehicles are this year's less last
 * year's, and also purchase + running); the first is the one the model computes it by, the others
 * are checked only (`fill: false`).
 *
 * The classification's identities hold on every row and column and are declared below as families
 * (`ROW_SUM`, `SPLIT_SUMS`, and the roll-ups `ROLL_UPS`: a parent is the sum of its children in
 * every column), as are the lists' (`STAFFING_SUM`, `PROJECT_SUMS`, the performance form's
 * `TASK_SUM`/`FORM_TOTALS`); the identities that hold in some layouts only are the profile's
 * (`identities`, src/profile/schema.ts).
 */
export interface SumIdentity {
  readonly total: Fact;
  readonly parts: readonly Fact[];
  /** Subtracted parts (this year − last year). */
  readonly less?: readonly Fact[];
  /** The check rule that tests it where the total is written. */
  readonly rule: string;
  /** False: checked only; the model computes the total by an earlier identity. */
  readonly fill?: false;
}

const sum = (rule: string, total: Fact, parts: readonly Fact[], more: Partial<SumIdentity> = {}): SumIdentity => ({ rule, total, parts, ...more });

const inc = (k: IncomeKey): Fact => `income.${k}`;

/** The income lines' subtotals (收入总表's hierarchy) and the expenditure side's total. */
const INCOME: readonly SumIdentity[] = [
  sum('sum/income', inc('general'), GENERAL_KINDS.map((k) => inc(`general.${k}`))),
  sum('sum/income', inc('government'), [inc('general'), inc('gov_fund'), inc('soe')]),
  sum('sum/income', inc('unit_funds'), UNIT_KINDS.map((k) => inc(`unit.${k}`))),
  sum('sum/income', inc('current_total'), [inc('government'), inc('special_account'), inc('unit_funds')]),
  sum('sum/income', inc('total'), [inc('current_total'), inc('carryover')]),
];

const EXPENDITURE: readonly SumIdentity[] = [
  // 本年支出合计 is the functional classification's department total.
  sum('cross/expenditure-total', 'expenditure.current_total', ['functional.total.total']),
  sum('sum/income', 'expenditure.total', ['expenditure.current_total', 'expenditure.carry_forward']),
];

export { THREE_PUBLIC_KEYS };
export const THREE_PUBLIC_ROWS = ['this_year', 'last_year', 'change'] as const;
export type ThreePublicRow = (typeof THREE_PUBLIC_ROWS)[number];

const tp = (y: ThreePublicRow, k: keyof ThreePublicYear): Fact => `three_public.${y}.${k}`;

/** 三公: per row, vehicles = purchase + running and the total = abroad + reception + vehicles; the change = this year − last. */
const THREE_PUBLIC: readonly SumIdentity[] = [
  ...THREE_PUBLIC_ROWS.flatMap((y) => {
    const fill = y === 'change' ? ({ fill: false } as const) : {};
    return [
      sum('sum/three-public', tp(y, 'vehicles'), [tp(y, 'vehicle_purchase'), tp(y, 'vehicle_running')], fill),
      sum('sum/three-public', tp(y, 'total'), [tp(y, 'abroad'), tp(y, 'reception'), tp(y, 'vehicles')], fill),
    ];
  }),
  ...THREE_PUBLIC_KEYS.map((k) => sum('sum/three-public', tp('change', k), [tp('this_year', k)], { less: [tp('last_year', k)] })),
];

/** The narrative's procurement plan and its breakdown of the budget. */
const PLAN: readonly SumIdentity[] = [
  sum('cross/procurement-plan', 'procurement.total', ['procurement.goods', 'procurement.works', 'procurement.services']),
  sum('cross/summary', 'summary.total', ['summary.personnel', 'summary.public', 'summary.household', 'summary.project']),
];

/**
 * Part 3's lines (the narrative's breakdown of the budget): 人员, 公用 and 对个人和家庭 are each the
 * basic column of the economic rows of its codes (`summary.<line>.codes`, else `codes` here), the
 * project line the economic department row's project column; the lines add up to the total (`PLAN`
 * above, `cross/summary`). The model fills an omitted line by this (`buildSummary`,
 * src/model/build.ts), and `budget fix` sets a written line an error points at to it.
 */
export const SUMMARY_LINES: Readonly<Record<'personnel' | 'public' | 'household' | 'project', { readonly column: 'basic' | 'project'; readonly codes?: readonly string[] }>> = {
  personnel: { column: 'basic', codes: ['301'] },
  public: { column: 'basic', codes: ['302'] },
  household: { column: 'basic', codes: ['303'] },
  project: { column: 'project' },
};

/** Every sum identity over the budget's named figures, in dependency order. */
export const SUMS: readonly SumIdentity[] = [...INCOME, ...EXPENDITURE, ...THREE_PUBLIC, ...PLAN];

/** The identity each total is computed by (the first declared for it). */
export const SUM_OF: ReadonlyMap<Fact, SumIdentity> = new Map(
  [...SUMS].reverse().filter((i) => i.fill !== false).map((i) => [i.total, i]),
);

/**
 * Whether `part` is, by the declared sums, among the parts of `total` or of its parts in turn
 * (income.general of income.government, and so of income.total); subtracted parts are not.
 */
export function isPartOf(part: Fact, total: Fact): boolean {
  const id = SUM_OF.get(total);
  return id !== undefined && id.parts.some((p) => p === part || isPartOf(part, p));
}

/**
 * The funding sources whose income line (`INCOME_OF`, src/model/facts.ts) is, by the declared sums,
 * among the parts of an income total, in source order: 政府预算拨款's are 一般公共预算, 政府性基金,
 * 国有资本经营; 单位资金's its five kinds. The tables' source groups and the narrative read them here.
 */
export function sourcesOf(total: Fact): readonly Source[] {
  return SOURCES.filter((s) => isPartOf(`income.${INCOME_OF[s]}`, total));
}

/** 政府预算拨款 (财政拨款): the sources of `income.government`. */
export const GOVERNMENT_SOURCES: readonly Source[] = sourcesOf('income.government');
/** 单位资金: the sources of `income.unit_funds`. */
export const UNIT_FUND_SOURCES: readonly Source[] = sourcesOf('income.unit_funds');

/** The identities one check rule tests, in declaration order. */
export function sumsOf(rule: string): readonly SumIdentity[] {
  return SUMS.filter((i) => i.rule === rule);
}

/** A classification row's columns (the check's `Column` ids): total = basic + project, on every row. */
export const ROW_SUM = { total: 'total', parts: ['basic', 'project'] } as const;

/**
 * A row split by funding source: its basic and project columns are the sums of its sources' (the
 * column `by_source.<source>.<basic|project>` of each source the row names).
 */
export const SPLIT_SUMS = ['basic', 'project'] as const;
export const splitPart = (source: string, col: (typeof SPLIT_SUMS)[number]): string => `by_source.${source}.${col}`;

// ---------------------------------------------------------------------------------------------
// Roll-ups: a total is the sum of its members, column by column, over a tree or a list

/**
 * The classification's roll-up: over the 类/款/项 tree (`classTree`, src/model/tree.ts), a parent
 * row is the sum of its children and the department row the sum of the 类 rows, in each column
 * listed (a column's id is the `col` of its cell's fact address, `cellFact`). One family per
 * check rule; from these lists:
 *  - the model fills a parent's omitted cell with its children's sum (`rollUp`, src/model/build.ts),
 *    in every column but the `checkOnly` ones (the model fills those by another identity);
 *  - the check gives a computed parent cell the summed tolerance of its children's
 *    (`BudgetView.cellTol`) and tests each written parent cell against its children (the rule);
 *  - the tables mark a parent row's cell as the sum of its children's cells in each column that
 *    shows a rolled-up column (`linkRollUp`, src/document/tables/common.ts), which the XLSX writes
 *    as a SUM formula.
 */
export interface RollUp {
  readonly rule: string;
  readonly columns: readonly string[];
  /** Columns whose roll-up is checked only: the model fills them otherwise. */
  readonly checkOnly?: readonly string[];
  /**
   * Maps of a row written whole (a row's `procurement`: its total required, sme and micro 0 when
   * left out): the model rolls their columns up only where the row leaves the whole map out, so
   * `budget fix` derives a parent's cells of such a map together.
   */
  readonly whole?: readonly string[];
}

/**
 * A functional row's income as an income table per row prints it (`income.<part>`, the parts adding
 * up to `income.total`, `sum/row-income`): a part a leaf leaves out is its spending from the sources
 * that part is income from (what is spent from a source is income from it: both columns of each
 * source's split), a parent's its children's (the roll-up, `ROLL_UPS`); a row's 合计 left out is
 * its own total (`totalIs`), which is why the roll-up only checks it. From this one declaration the
 * model fills a row's income (src/model/build.ts), the check gives a computed one the summed
 * tolerance of what it was computed from (`BudgetView.cellTol`), and `budget import` leaves out a
 * figure equal to what would be computed.
 */
const INCOME_NAMED: Readonly<Record<Exclude<RowIncomeKey, 'other'>, readonly Source[]>> = { fiscal: FUNDS, business: ['unit_business'], operating: ['unit_operating'] };
export const ROW_INCOME = {
  rule: 'sum/row-income',
  total: 'income.total',
  totalIs: ROW_SUM.total,
  /** The sources each part is income from; 其他收入 takes every source no other part names. */
  sources: { ...INCOME_NAMED, other: SOURCES.filter((s) => !Object.values(INCOME_NAMED).some((l) => l.includes(s))) } as Readonly<Record<RowIncomeKey, readonly Source[]>>,
};
/** The part of a row's income a column id names (`income.fiscal` → fiscal), if it is one. */
export function rowIncomePart(col: string): RowIncomeKey | undefined {
  const k = col.startsWith('income.') ? col.slice(7) : '';
  return (ROW_INCOME_KEYS as readonly string[]).includes(k) ? (k as RowIncomeKey) : undefined;
}

const splitColumns = SOURCES.flatMap((s) => SPLIT_SUMS.map((c) => splitPart(s, c)));

/** Each classification's roll-up families, in the order the check tests them. */
export const ROLL_UPS: Readonly<Record<'functional' | 'economic', readonly RollUp[]>> = {
  functional: [
    { rule: 'sum/class-children', columns: [ROW_SUM.total, ...ROW_SUM.parts, 'procurement.total', 'procurement.sme', 'procurement.micro', ...splitColumns], whole: ['procurement'] },
    // a row's income as an income table prints it; its 合计 is the row's own total when not written
    { rule: ROW_INCOME.rule, columns: [ROW_INCOME.total, ...ROW_INCOME_KEYS.map((k) => `income.${k}`)], checkOnly: [ROW_INCOME.total] },
    { rule: 'sum/personnel-public', columns: ['personnel', 'public'] },
  ],
  economic: [
    { rule: 'sum/class-children', columns: [ROW_SUM.total, ...ROW_SUM.parts, ...splitColumns] },
    { rule: 'sum/personnel-public', columns: ['personnel', 'public'] },
  ],
};

/** The roll-up columns of one classification's family tested by `rule`. */
export function rollUpColumns(cls: 'functional' | 'economic', rule: string): readonly string[] {
  return ROLL_UPS[cls].find((r) => r.rule === rule)?.columns ?? [];
}

const ROLLS = {
  functional: new Set(ROLL_UPS.functional.flatMap((r) => r.columns)),
  economic: new Set(ROLL_UPS.economic.flatMap((r) => r.columns)),
};
/** Whether a parent's cell of this column is the sum of its children's. */
export const rollsUp = (cls: 'functional' | 'economic', col: string): boolean => ROLLS[cls].has(col);

/** The columns the model fills a parent's omitted cell of by its children's sum. */
export const FILLED_BY_ROLL_UP: Readonly<Record<'functional' | 'economic', ReadonlySet<string>>> = {
  functional: new Set(ROLL_UPS.functional.flatMap((r) => r.columns.filter((c) => !r.checkOnly?.includes(c)))),
  economic: new Set(ROLL_UPS.economic.flatMap((r) => r.columns.filter((c) => !r.checkOnly?.includes(c)))),
};

/** A classification row's cell by its column id (undefined where the row has no such figure). */
export function cellFig(row: ClassRow, col: string): Fig | undefined {
  return cellGet(col)(row);
}

/** The accessor of a classification column (one per column, made once). */
export function cellGet(col: string): (row: ClassRow) => Fig | undefined {
  let get = CELL_GET.get(col);
  if (!get) CELL_GET.set(col, (get = cellGetter(col)));
  return get;
}
const CELL_GET = new Map<string, (r: ClassRow) => Fig | undefined>();
function cellGetter(col: string): (r: ClassRow) => Fig | undefined {
  const [head, a, b] = col.split('.');
  switch (head) {
    case 'total':
      return (r) => r.total;
    case 'basic':
      return (r) => r.basic;
    case 'project':
      return (r) => r.project;
    case 'personnel':
      return (r) => r.personnel;
    case 'public':
      return (r) => r.public;
    case 'procurement':
      return (r) => r.procurement?.[a as keyof Procurement];
    case 'income':
      return (r) => r.income?.[a as keyof RowIncome];
    case 'by_source':
      return (r) => r.by_source[a as Source]?.[b as 'basic' | 'project'];
    default:
      throw new InternalError(`no classification column ${col}`);
  }
}

/** The sum of the members' figures in one column, or undefined when no member has the column. */
export function rollUp<T>(members: readonly T[], get: (m: T) => Fig | undefined): Fig | undefined {
  let v: Dec | undefined;
  for (const m of members) {
    const f = get(m);
    if (f) v = v === undefined ? f.value : add(v, f.value);
  }
  return v === undefined ? undefined : { value: v };
}

/**
 * A department's head counts: each total is the sum of its units' (exact: a head count has no
 * rounding). The model sums them when the department writes none (the totals are written as one
 * map, `department.staffing_total`: all or none); the check tests written ones.
 */
export const STAFFING_SUM = {
  rule: 'sum/staffing',
  columns: ['admin_quota', 'admin_actual', 'inst_quota', 'inst_actual', 'retired_veteran', 'retired'] as const,
  total: (k: string): Fact => `staffing.${k}`,
  member: (unit: string, k: string): Fact => `units[${unit}].staffing.${k}`,
};

/**
 * A project's amount is the sum of its items when it lists any, else of its shares by source; the
 * projects' amounts, by source, add up to the department's project spending (where the layout's
 * project list is complete: the profile's `projects-complete`).
 */
export const PROJECT_SUMS = {
  rule: 'cross/projects',
  /** What an omitted amount is the sum of: the first of these the project lists. */
  amountParts: ['items', 'by_source'] as const,
  /**
   * The projects' roll-up: the department's project spending is the projects' sum in each of these
   * columns (a project's amount, its share from one source: the `what` of its fact address,
   * `projectFact`). A table listing the projects prints it as its department row, each cell in a
   * column showing these the sum of the projects' cells (`linkProjects`, src/document/tables/common.ts).
   */
  columns: ['amount', ...SOURCES.map((s) => `by_source.${s}`)] as readonly string[],
};

const PROJECT_ROLLS = new Set(PROJECT_SUMS.columns);
/** Whether the department's figure in this project column is the sum of the projects'. */
export const projectsRollUp = (col: string): boolean => PROJECT_ROLLS.has(col);


/**
 * The performance form: each task's total is its fiscal plus its other funds; each of the form's
 * totals is the tasks' sum of one column (`performance.<form total>` = Σ `performance.tasks[…].<column>`),
 * and its total is also its fiscal plus its other total (checked only: the model sums the tasks).
 */
export const TASK_SUM = { total: 'total', parts: ['fiscal', 'other'] } as const;
export type TaskColumn = 'total' | (typeof TASK_SUM.parts)[number];
export const FORM_TOTALS: Readonly<Record<TaskColumn, 'total' | 'total_fiscal' | 'total_other'>> = { total: 'total', fiscal: 'total_fiscal', other: 'total_other' };
export const TASK_COLUMNS: readonly TaskColumn[] = [TASK_SUM.total, ...TASK_SUM.parts];

/**
 * Fills the omitted totals among `known` (fact → written figure, or undefined when omitted) by the
 * identities in order: an omitted total is the sum of its parts (an omitted part is 0) and carries
 * no span. Only the identities whose total is in `known` apply; their parts must be in it too.
 */
export function fillSums(known: ReadonlyMap<Fact, Fig | undefined>, ids: readonly SumIdentity[] = SUMS): Map<Fact, Fig> {
  const out = new Map<Fact, Fig>();
  const valueOf = (f: Fact): Dec => (out.get(f) ?? known.get(f))?.value ?? ZERO;
  for (const [f, fig] of known) if (fig) out.set(f, fig);
  for (const id of ids) {
    if (id.fill === false || !known.has(id.total) || out.has(id.total)) continue;
    let v = id.parts.map(valueOf).reduce(add, ZERO);
    for (const l of id.less ?? []) v = sub(v, valueOf(l));
    out.set(id.total, { value: v });
  }
  return out;
}

/** The figure a scalar fact address names (not a classification row below the department, nor a project). */
export function figAt(b: Budget, f: Fact): Fig | undefined {
  const [head, ...rest] = f.split('.');
  const k = rest.join('.');
  switch (head) {
    case 'income':
      return incomeFig(b.income, k as IncomeKey);
    case 'expenditure':
      return b.expenditure[k as 'total'];
    case 'three_public':
      return b.three_public[rest[0] as ThreePublicRow][rest[1] as keyof ThreePublicYear];
    case 'procurement':
      return b.procurement[k as 'total'];
    case 'summary':
      return b.summary[k as 'total'];
    case 'functional':
    case 'economic':
      if (rest[0] === 'total') return rest[1] === 'total' || rest[1] === 'basic' || rest[1] === 'project' ? b[head].total[rest[1]] : undefined;
      return undefined;
    default:
      return undefined;
  }
}
