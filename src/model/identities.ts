import { add, sub, ZERO, type Dec } from '../money/decimal.js';
import { GENERAL_KINDS, type Budget, type Fig, type ThreePublicYear } from './budget.js';
import { THREE_PUBLIC_KEYS } from '../schema/vocabulary.js';
import { UNIT_KINDS, incomeFig, type Fact, type IncomeKey } from './facts.js';

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
 * (`ROW_SUM`, `SPLIT_SUMS`; a parent is the sum of its children in every column); the identities
 * that hold in some layouts only are the profile's (`identities`, src/profile/schema.ts).
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

/** Every sum identity over the budget's named figures, in dependency order. */
export const SUMS: readonly SumIdentity[] = [...INCOME, ...EXPENDITURE, ...THREE_PUBLIC, ...PLAN];

/** The identity each total is computed by (the first declared for it). */
export const SUM_OF: ReadonlyMap<Fact, SumIdentity> = new Map(
  [...SUMS].reverse().filter((i) => i.fill !== false).map((i) => [i.total, i]),
);

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

/** A parent row, and the department row, is the sum of its children in every column (the model's `combine`). */

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
