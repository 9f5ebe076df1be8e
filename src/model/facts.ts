import { GENERAL_KINDS, type Fig, type Income, type Source } from './budget.js';

/**
 * Fact addresses: a stable name for every figure of the budget model, written like the model's (and
 * the YAML's) own path, with a classification row or a project named by its code or name in
 * brackets. The tables put the address of what each number cell shows on the cell, the narrative
 * says which it prints, and the check names the figures of an identity by them: from the three,
 * every diagnostic's "feeds" (the tables and parts that show a figure) is derived, never written.
 *
 *   income.total, income.general.basic, income.unit.business     Income (IncomeKey)
 *   expenditure.current_total                                      ExpenditureTotals
 *   functional.total.basic                                         the department row
 *   functional[2010101].by_source.gov_fund.project                 a row's cell (its column id)
 *   economic[30201].total
 *   projects[一般管理事务].amount, projects[…].by_source.general, projects[…].items[…]
 *   summary.personnel, procurement.goods, three_public.this_year.vehicles, running_cost,
 *   prior.income_total, comparison.change, performance.total_fiscal, performance.tasks[…].fiscal,
 *   staffing.inst_quota, units[…].staffing.inst_quota, assets.vehicles
 */
export type Fact = string;

export const UNIT_KINDS = ['business', 'operating', 'superior', 'affiliated', 'other'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** An income figure by its place in the model (`general.basic` is income.general_kinds.basic). */
export type IncomeKey =
  | 'total'
  | 'current_total'
  | 'government'
  | 'general'
  | `general.${(typeof GENERAL_KINDS)[number]}`
  | 'gov_fund'
  | 'soe'
  | 'special_account'
  | 'unit_funds'
  | `unit.${UnitKind}`
  | 'carryover';

/** The income line each funding source's money comes in by. */
export const INCOME_OF: Readonly<Record<Source, IncomeKey>> = {
  general: 'general',
  gov_fund: 'gov_fund',
  soe: 'soe',
  special_account: 'special_account',
  unit_business: 'unit.business',
  unit_operating: 'unit.operating',
  unit_superior: 'unit.superior',
  unit_affiliated: 'unit.affiliated',
  unit_other: 'unit.other',
  carryover: 'carryover',
};

/** The income figure a key names. */
export function incomeFig(i: Income, key: IncomeKey): Fig {
  if (key.startsWith('general.')) return i.general_kinds[key.slice(8) as (typeof GENERAL_KINDS)[number]];
  if (key.startsWith('unit.')) return i.unit[key.slice(5) as UnitKind];
  return i[key as 'total'];
}

export const incomeFact = (k: IncomeKey): Fact => `income.${k}`;
export const expenditureFact = (k: 'total' | 'current_total' | 'carry_forward'): Fact => `expenditure.${k}`;

/**
 * A cell of a classification: `col` is the column's id (`total`, `basic`, `project`,
 * `procurement.sme`, `by_source.<source>.<basic|project>`); the department row has the code "".
 */
export const cellFact = (cls: 'functional' | 'economic', code: string, col: string): Fact =>
  code === '' ? `${cls}.total.${col}` : `${cls}[${code}].${col}`;

export const projectFact = (name: string, what: string = 'amount'): Fact => `projects[${name}].${what}`;

/** The section of the budget a fact lies in: its first name (`functional` of `functional[201].basic`). */
export function factSection(fact: Fact): string {
  const end = fact.search(/[.[]/);
  return end < 0 ? fact : fact.slice(0, end);
}

/**
 * Whether `fact` is `prefix` or lies under it (`three_public.this_year` covers
 * `three_public.this_year.total`; `projects` covers every project's figures).
 */
export function under(fact: Fact, prefix: string): boolean {
  if (!fact.startsWith(prefix)) return false;
  const next = fact.charAt(prefix.length);
  return next === '' || next === '.' || next === '[';
}

/**
 * Where a named figure (a scalar fact: not a classification row's cell nor a project's) is written in
 * the source format (docs/format.md): as its address, except `income.general` (`income.general.total`),
 * a 单位资金 line (`income.unit_funds.<kind>`) and their subtotal (`income.unit_funds.total`), a line
 * of Part 3's breakdown (`summary.<line>.amount`; its project line and total as named) and the
 * department's head counts (`department.staffing_total.<count>`). The one bridge between the
 * declarations, which name figures by fact, and `budget fix` and `budget import`, which edit the
 * source by path.
 */
export function sourcePath(f: Fact): string {
  if (f === 'income.general' || f === 'income.unit_funds') return `${f}.total`;
  if (f.startsWith('income.unit.')) return `income.unit_funds.${f.slice('income.unit.'.length)}`;
  if (f === 'summary.personnel' || f === 'summary.public' || f === 'summary.household') return `${f}.amount`;
  if (f.startsWith('staffing.')) return `department.staffing_total.${f.slice('staffing.'.length)}`;
  return f;
}
