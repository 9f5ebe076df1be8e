import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, copyFixture, importInto, loadBudget, profileOf } from './helpers.js';

/*
 * A row's income the data leaves out is what the model computes (src/model/identities.ts
 * `ROW_INCOME`): each part its spending from the sources it is income from, 其他收入 every source no
 * other part names — the carry-over too. The import leaves out a figure equal to that, by the same
 * declaration, so a workbook built from the data and read back changes no file.
 */
describe("a row's income left out, with a share from the carry-over", () => {
  it('is read back from the income table and stays left out', async () => {
    const dir = copyFixture('fixtures/shanghai/gov-fund-2031');
    const file = join(dir, 'functional.yaml');
    const text = readFileSync(file, 'utf8')
      .replace('unit_business: {project: 50000.00}}', 'unit_business: {project: 30000.00}, carryover: {project: 20000.00}}')
      .replace('      income: {total: 500000.75, fiscal: 450000.75, business: 50000.00}\n', '');
    writeFileSync(file, text);
    const row = loadBudget(dir).functional.rows.find((r) => r.code.text === '2070109')!;
    // the model's: 其他收入 is the carry-over's 20,000.00
    expect(row.income!.other.value).toEqual({ coef: 2000000n, scale: 2 });
    const { xlsx, xlsxName } = await build(dir);
    importInto(dir, { name: xlsxName, bytes: new Uint8Array(xlsx) }, profileOf('profiles/shanghai.yaml'));
    expect(readFileSync(file, 'utf8')).toBe(text);
  });
});
