import { describe, expect, it } from 'vitest';
import { FUNDS, SOURCES } from '../../src/model/budget.js';
import { GOVERNMENT_SOURCES, ROW_INCOME, sourcesOf, UNIT_FUND_SOURCES } from '../../src/model/identities.js';

/*
 * The groups of funding sources the tables, the narrative and the check's explanations print are
 * read from the income's declared sums (src/model/identities.ts), not listed again where used.
 */
describe('funding-source groups by the declared sums', () => {
  it('政府预算拨款 is the three funds of the format (funds: general, gov_fund, soe)', () => {
    expect(GOVERNMENT_SOURCES).toEqual(['general', 'gov_fund', 'soe']);
    expect(GOVERNMENT_SOURCES).toEqual([...FUNDS]);
  });

  it('单位资金 is its five kinds', () => {
    expect(UNIT_FUND_SOURCES).toEqual(['unit_business', 'unit_operating', 'unit_superior', 'unit_affiliated', 'unit_other']);
  });

  it('收入总计 holds every source; 本年收入合计 every one but the carry-over', () => {
    expect(sourcesOf('income.total')).toEqual([...SOURCES]);
    expect(sourcesOf('income.current_total')).toEqual(SOURCES.filter((s) => s !== 'carryover'));
  });

  it("a row's income parts take every source once (其他收入 the ones no other part names)", () => {
    const all = Object.values(ROW_INCOME.sources).flat();
    expect([...all].sort()).toEqual([...SOURCES].sort());
    expect(ROW_INCOME.sources.fiscal).toEqual(GOVERNMENT_SOURCES);
    expect(ROW_INCOME.sources.other).toEqual(['special_account', 'unit_superior', 'unit_affiliated', 'unit_other', 'carryover']);
  });
});
