import type { Fact } from '../model/facts.js';

/**
 * Where an income figure (its fact address, src/model/facts.ts) is written in the source format:
 * `income.general` is `income.general.total`, a 单位资金 line `income.unit_funds.<kind>`, their
 * subtotal `income.unit_funds.total`; the rest as named. The import fills the source by path, the
 * declarations name figures by fact: this is the one bridge between the two for the income.
 */
export function incomePath(f: Fact): string {
  if (f === 'income.general' || f === 'income.unit_funds') return `${f}.total`;
  if (f.startsWith('income.unit.')) return `income.unit_funds.${f.slice('income.unit.'.length)}`;
  return f;
}
