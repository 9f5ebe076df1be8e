import { sourcePath, type Fact } from '../model/facts.js';

/**
 * Where an income figure (its fact address, src/model/facts.ts) is written in the source format:
 * `income.general` is `income.general.total`, a 单位资金 line `income.unit_funds.<kind>`, their
 * subtotal `income.unit_funds.total`; the rest as named. The model's bridge from facts to source
 * paths (`sourcePath`), which `budget fix` edits by too.
 */
export function incomePath(f: Fact): string {
  return sourcePath(f);
}
