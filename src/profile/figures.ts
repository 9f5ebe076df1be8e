import { PROJECT_KINDS, SOURCES, type ProjectKind, type Source } from '../model/budget.js';
import { isPartOf, SUM_OF } from '../model/identities.js';
import { INCOME_OF, incomeFact, type Fact, type IncomeKey } from '../model/facts.js';
import type { INCOME_LINE_FIGURES } from './schema.js';

export type IncomeLineFigure = (typeof INCOME_LINE_FIGURES)[number];

/**
 * The income figures each income line a summary by 类 can print adds up (src/model/facts.ts): 财政拨款
 * is 政府预算拨款; 其他收入 is 单位资金's other, superior and affiliated lines together.
 */
export const INCOME_LINE_FACTS: Readonly<Record<IncomeLineFigure, readonly Fact[]>> = {
  total: [incomeFact('total')],
  fiscal: [incomeFact('government')],
  general: [incomeFact('general')],
  gov_fund: [incomeFact('gov_fund')],
  soe: [incomeFact('soe')],
  business: [incomeFact('unit.business')],
  operating: [incomeFact('unit.operating')],
  other: [incomeFact('unit.other'), incomeFact('unit.superior'), incomeFact('unit.affiliated')],
};

/**
 * Which of a summary's income lines are top-level (their sum is the income side's total): those
 * that are no other listed line's part by the declared sums (src/model/identities.ts), so
 * 一般公共预算 listed under 财政拨款收入 is a sub-line, and beside 事业收入 a line of its own.
 */
export function topIncomeLines(figures: readonly IncomeLineFigure[]): boolean[] {
  const within = (a: IncomeLineFigure, b: IncomeLineFigure) => INCOME_LINE_FACTS[a].every((f) => INCOME_LINE_FACTS[b].some((t) => isPartOf(f, t)));
  return figures.map((a, i) => !figures.some((b, j) => j !== i && within(a, b)));
}

/**
 * The figure columns of the department's income by source (the `income-by-source` kind), in order:
 * 收入总计, then each funding source's income line (`INCOME_OF`, in source order), a line that is a
 * declared sum (一般公共预算: 基本支出 and the project kinds) as its subtotal (小计) followed by its
 * parts. The builder lays the table out by it (its header, from the same sources, has one leaf per
 * column) and `budget import` reads the table back by it: a source added to the vocabulary or a
 * split declared in the identities is a column of both.
 */
export const INCOME_BY_SOURCE_COLUMNS: readonly IncomeKey[] = [
  'total',
  ...SOURCES.flatMap((s) => {
    const line = INCOME_OF[s];
    const split = SUM_OF.get(incomeFact(line));
    return [line, ...(split ? split.parts.map((p) => p.slice('income.'.length) as IncomeKey) : [])];
  }),
];

/**
 * The figure columns of the two tables of spending by source, each named by the income line it
 * stands for (its subtotals add up as the income's do: 总计 = every source, 政府预算拨款小计 = its
 * three): the basic column by source (`basic-by-source`: the row's basic, its part from 政府预算拨款,
 * then each source's share) and the projects (`projects-by-source`: the amount, 政府预算拨款, then each
 * source's share, 一般公共预算's by kind of project — its declared split without 基本支出, which no
 * project has). The builders lay the tables out by them and `budget import` reads them back by them.
 */
export const BASIC_BY_SOURCE_COLUMNS: readonly Fact[] = [incomeFact('total'), incomeFact('government'), ...SOURCES.map((s) => incomeFact(INCOME_OF[s]))];
export const PROJECTS_BY_SOURCE_COLUMNS: readonly Fact[] = [
  incomeFact('total'),
  incomeFact('government'),
  ...SOURCES.flatMap((s) => {
    const line = incomeFact(INCOME_OF[s]);
    const split = SUM_OF.get(line)?.parts.filter((p) => kindOfColumn(p) !== undefined);
    return split?.length ? split : [line];
  }),
];

/** The funding source whose income line a column stands for, if it is one. */
export function sourceOfColumn(f: Fact): Source | undefined {
  return SOURCES.find((s) => incomeFact(INCOME_OF[s]) === f);
}

/** The kind of project whose share of 一般公共预算 a column stands for (`income.general.special`), if it is one. */
export function kindOfColumn(f: Fact): ProjectKind | undefined {
  return PROJECT_KINDS.find((k) => incomeFact(`general.${k}`) === f);
}
