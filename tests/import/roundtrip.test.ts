import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blankFigures, build, buildIdentityOf, builtFixture, copyFixture, facts, importInto, loadBudget, pdfWithoutIdentity, profileOf, xlsxEntries } from './helpers.js';
import { ROOT } from '../cli/run.js';

/**
 * Issue 12's round trip: build the XLSX, blank every figure the workbook shows in a copy of the
 * sources, import the workbook over the copy, and the model must equal the original figure by
 * figure, and the rebuilt PDF and XLSX the original ones byte for byte (apart from the build
 * identity, a hash of the source texts by design, which differs where the import wrote a figure
 * in another form than the original text, e.g. 3341357.82 for 3,341,357.82).
 */
const SHANGHAI = { keep: ['income.general.basic', 'income.general.performance', 'income.general.special', 'income.general.investment', 'three_public.last_year', 'functional.rows.personnel', 'functional.rows.public'] };

const FIXTURES: [string, string, Parameters<typeof blankFigures>[1]][] = [
  ['data/2023', 'profiles/shenzhen.yaml', {}],
  ['fixtures/reference-2022', 'profiles/shenzhen.yaml', {}],
  // 310 资本性支出 and 31005 are paid only from 政府性基金: no economic table of the layout shows them
  // (Table 8 is 一般公共预算 only), so their figures are the existing data's, not the workbook's.
  ['fixtures/synthetic-yuan-2024', 'profiles/shenzhen.yaml', { keepCodes: ['310', '31005'] }],
  // The toy layout's three tables show the totals, the general functional rows and 三公: not the
  // income split, the economic rows, the projects or the form; only what they show is blanked.
  ['fixtures/profiles/toy/data/2024', 'fixtures/profiles/toy/profile.yaml', { sections: ['expenditure', 'three_public'] }],
  // A layout of the by-source kinds only (fixtures/profiles/by-source): the income comes back from
  // the income by source alone (its subtotals 政府预算拨款, 本年收入合计 and 单位资金 are no column
  // of it, so they are kept), the projects from the projects by source; the functional rows are
  // shown by 政府性基金's table only, so they are not blanked (the rows of other sources would be lost).
  ['fixtures/profiles/by-source/data/2024', 'fixtures/profiles/by-source/profile.yaml', { sections: ['income', 'projects'], keep: ['income.government', 'income.current_total', 'income.unit_funds.total'] }],
  // The Shanghai tables (classified-columns, summary-by-class, three-public-row) show the income
  // lines, every functional row with its income and fund columns, the basic economic rows and this
  // year's 三公: not the split of 一般公共预算 into basic and project kinds, nor last year's 三公, nor
  // the 人员经费 / 公用经费 of a functional row below its 类 (shanghai-unit's Table 1 shows the 类 rows').
  ...(['fixtures/reference-shanghai-2026', 'fixtures/shanghai/gov-fund-2031', 'fixtures/shanghai/multi-unit-yuan-2031'] as const).map(
    (f) => [f, 'profiles/shanghai.yaml', SHANGHAI] as [string, string, Parameters<typeof blankFigures>[1]],
  ),
  ['fixtures/shanghai/street-office-2031', 'profiles/shanghai-unit.yaml', SHANGHAI],
  // fixtures/shanghai/fund-split-disagree-2031 is not here: its check fails by design (two tables
  // split 212's fiscal money differently), so it has no workbook to build.
];

describe('build → import → build', () => {
  for (const [fixture, profileFile, blank] of FIXTURES) {
    it(`${fixture}: the imported figures equal the original ones, and the files rebuild identically`, async () => {
      const original = copyFixture(fixture);
      const first = await builtFixture(fixture);
      const copy = copyFixture(fixture);
      expect(blankFigures(copy, blank)).toBeGreaterThan(5);
      // The blanked copy is a different budget: a test that compared it with itself could not fail.
      expect(facts(loadBudgetLoose(copy))).not.toEqual(facts(loadBudget(original)));
      importInto(copy, { name: first.xlsxName, bytes: first.xlsx }, profileOf(profileFile));
      expect(facts(loadBudget(copy))).toEqual(facts(loadBudget(original)));
      const second = await build(copy);
      const a = buildIdentityOf(first.xlsx);
      const b = buildIdentityOf(second.xlsx);
      expect(xlsxEntries(second.xlsx, b)).toEqual(xlsxEntries(first.xlsx, a));
      expect(pdfWithoutIdentity(second.pdf, b)).toBe(pdfWithoutIdentity(first.pdf, a));
    });
  }

  it('data/2023 imported over itself changes no file: the workbook shows what the data says', async () => {
    const dir = copyFixture('data/2023');
    const first = await builtFixture('data/2023');
    const r = importInto(dir, { name: first.xlsxName, bytes: first.xlsx }, profileOf());
    expect(r.files.map((f) => f.name)).toEqual([]);
    for (const f of ['income.yaml', 'functional.yaml']) expect(readFileSync(join(dir, f), 'utf8')).toBe(readFileSync(join(ROOT, 'data/2023', f), 'utf8'));
  });
});

describe('a Shanghai workbook imported over the data it was built from', () => {
  for (const [fixture, profileFile] of [
    ['fixtures/reference-shanghai-2026', 'profiles/shanghai.yaml'],
    ['fixtures/shanghai/gov-fund-2031', 'profiles/shanghai.yaml'],
    ['fixtures/shanghai/street-office-2031', 'profiles/shanghai-unit.yaml'],
  ]) {
    it(`${fixture}: changes no file but income.yaml (a key the data leaves out stays out, a figure written as 1,234 stays so)`, async () => {
      const dir = copyFixture(fixture);
      const first = await builtFixture(fixture);
      const r = importInto(dir, { name: first.xlsxName, bytes: first.xlsx }, profileOf(profileFile));
      // Not yet: an income line these sparse fixtures leave out for the model to sum (收入总计,
      // 财政拨款, 政府性基金 from the rows) is written with the figure the table shows (the same).
      const allowed = fixture === 'fixtures/reference-shanghai-2026' ? [] : ['income.yaml'];
      expect(r.files.map((f) => f.name).filter((n) => !allowed.includes(n))).toEqual([]);
    });
  }
});

/** The blanked copy may break identities (that is the point); the model still loads. */
function loadBudgetLoose(dir: string) {
  return loadBudget(dir);
}
