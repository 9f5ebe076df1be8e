import type { Localized } from '../diagnostics/diagnostic.js';

/**
 * The format's fixed categories (funding sources, the split of the general appropriation, the 三公
 * lines) and their Chinese (and English) names, defined once: the schema's keys and messages, the
 * model's fields, explanations, table headings and `budget diff` all name them the same way. They
 * live in the schema, the lowest stage that needs them, so that the model imports the schema and
 * never the other way round (src/model/budget.ts re-exports them).
 */

/**
 * Funding sources, in the order of Tables 1, 2, 4 and 5 (their names: SOURCE_NAMES below).
 * The five `unit_*` are the kinds of 单位资金.
 */
export const SOURCES = [
  'general',
  'gov_fund',
  'soe',
  'special_account',
  'unit_business',
  'unit_operating',
  'unit_superior',
  'unit_affiliated',
  'unit_other',
  'carryover',
] as const;
export type Source = (typeof SOURCES)[number];

/**
 * The kinds of project (`projects[].kind`), in the order the tables print the general
 * appropriation's project columns: the one list the schema's enum, the projects' table, the
 * check's per-kind sums and the import read.
 */
export const PROJECT_KINDS = ['performance', 'special', 'investment'] as const;
export type ProjectKind = (typeof PROJECT_KINDS)[number];

/**
 * The split of the general appropriation printed in Tables 2 and 5 (names: GENERAL_KIND_NAMES
 * below): its basic share, then one share per kind of project.
 */
export const GENERAL_KINDS = ['basic', ...PROJECT_KINDS] as const;
export type GeneralKind = (typeof GENERAL_KINDS)[number];

/** The lines of a 三公 row (Table 9), in its column order. */
export const THREE_PUBLIC_KEYS = ['total', 'abroad', 'reception', 'vehicles', 'vehicle_purchase', 'vehicle_running'] as const;
export type ThreePublicKey = (typeof THREE_PUBLIC_KEYS)[number];

/** Funding sources (SOURCES, in the order of Tables 1, 2, 4 and 5), each named so it reads alone. */
export const SOURCE_NAMES: Readonly<Record<Source, Localized>> = {
  general: { zh: '一般公共预算拨款', en: 'general public budget appropriation' },
  gov_fund: { zh: '政府性基金预算拨款', en: 'government fund appropriation' },
  soe: { zh: '国有资本经营预算拨款', en: 'state capital operation appropriation' },
  special_account: { zh: '财政专户管理资金', en: 'special fiscal account funds' },
  unit_business: { zh: '事业收入', en: 'unit funds: business income' },
  unit_operating: { zh: '事业单位经营收入', en: 'unit funds: operating income' },
  unit_superior: { zh: '上级补助收入', en: 'unit funds: subsidies from superiors' },
  unit_affiliated: { zh: '附属单位上缴收入', en: 'unit funds: remittances from affiliates' },
  unit_other: { zh: '单位资金其他收入', en: 'unit funds: other income' },
  carryover: { zh: '上年结余、结转', en: 'carry-over from last year' },
};

/** The heading of the five unit_* sources in Tables 1, 2, 4 and 5. */
export const UNIT_FUNDS_NAME: Localized = { zh: '单位资金', en: 'unit funds' };

/** 政府预算拨款: general + gov_fund + soe. */
export const GOVERNMENT_NAME: Localized = { zh: '政府预算拨款', en: 'government appropriations' };

/** A source's column heading under its group in the tables: 单位资金 › 其他收入. */
export function sourceHeading(s: Source): string {
  return SOURCE_NAMES[s].zh.replace(new RegExp(`^${UNIT_FUNDS_NAME.zh}`), '');
}

/** The split of 一般公共预算拨款 (GENERAL_KINDS) printed in Tables 2 and 5. */
export const GENERAL_KIND_NAMES: Readonly<Record<GeneralKind, Localized>> = {
  basic: { zh: '基本支出拨款', en: 'basic expenditure appropriation' },
  performance: { zh: '履职类项目拨款', en: 'duty project appropriation' },
  special: { zh: '财政专项资金拨款', en: 'special fund appropriation' },
  investment: { zh: '政府投资项目拨款', en: 'government investment appropriation' },
};

/** The lines of Table 9 (“三公”经费). */
export const THREE_PUBLIC_NAMES: Readonly<Record<ThreePublicKey, Localized>> = {
  total: { zh: '“三公”经费合计', en: '"three public" expenses total' },
  abroad: { zh: '因公出国（境）费', en: 'official travel abroad' },
  reception: { zh: '公务接待费', en: 'official reception' },
  vehicles: { zh: '公务用车购置及运行维护费', en: 'official vehicles' },
  vehicle_purchase: { zh: '公务用车购置费', en: 'vehicle purchase' },
  vehicle_running: { zh: '公务用车运行维护费', en: 'vehicle running costs' },
};

/**
 * A 三公 line's column heading in Table 9: the published table prints 因公出国(境)费 with
 * half-width brackets where the narrative (and THREE_PUBLIC_NAMES) has the full-width （境）.
 */
export function threePublicHeading(k: ThreePublicKey): string {
  return THREE_PUBLIC_NAMES[k].zh.replace('（', '(').replace('）', ')');
}
