import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { budget, edit, lineOf, results, tree } from './helpers.js';

/** data/2022 (the synthetic prior year) next to data/2023 (the reference year). */
const pair = () => tree({ '2022': 'fixtures/reference-2022', '2023': 'data/2023' });

describe('prior-year figures against the prior year’s data', () => {
  it('2023’s declared prior-year figures agree with fixtures/reference-2022 (5,318; 三公 0; 机关运行经费 0)', async () => {
    const root = pair();
    const r = await budget(['check', 'data/2023', '--format', 'json'], { cwd: root });
    expect(r.code).toBe(0);
    const [res] = results(r.stdout);
    const run = res.rules.find((x) => x.id === 'cross/prior-year')!;
    // year, income, expenditure, running cost and the six 三公 figures
    expect(run).toMatchObject({ ran: true, checked: 10, findings: 0 });
    // Without the prior year's directory the rule does not run (never a silent pass).
    const alone = results((await budget(['check', 'data/2023', '--format', 'json'])).stdout)[0];
    // (listed as not run, or not listed: --verbose and JUnit list a conditional rule only when it ran)
    expect(alone.rules.find((x) => x.id === 'cross/prior-year')?.ran ?? false).toBe(false);
  });

  it('a disagreement is an error with both places: the declared figure and the prior year’s own', async () => {
    const root = pair();
    const dept = join(root, 'data/2023/department.yaml');
    edit(dept, /income_total: 5318 /, 'income_total: 5381 ');
    const r = await budget(['check', 'data/2023', '--format', 'json'], { cwd: root });
    expect(r.code).toBe(1);
    const d = results(r.stdout)[0].diagnostics.filter((x) => x.rule === 'cross/prior-year');
    expect(d).toHaveLength(1);
    expect(d[0].severity).toBe('error');
    expect(d[0].span).toMatchObject({ file: 'data/2023/department.yaml', line: lineOf(dept, /income_total: 5381/) });
    expect(d[0].related[0].span).toMatchObject({ file: 'data/2022/income.yaml', line: lineOf(join(root, 'data/2022/income.yaml'), /^ {2}total: 5318/) });
    expect(d[0].figures.map((f) => f.value)).toEqual(['5381', '5318']);
    expect(d[0].difference).toBe('63');
  });

  it('Table 9’s last-year row is checked against the prior year’s this-year row, figure by figure', async () => {
    const root = pair();
    // 2022 had 因公出国 2 (and so 总计 2): 2023's declared last_year row (all 0) disagrees twice.
    const other = join(root, 'data/2022/other.yaml');
    edit(other, /this_year:( +#.*)?\n( +)total: 0( +#.*)?\n( +)abroad: 0/, 'this_year:$1\n$2total: 2$3\n$4abroad: 2');
    const r = await budget(['check', 'data/2023', '--format', 'json'], { cwd: root });
    expect(r.code).toBe(1);
    const d = results(r.stdout)[0].diagnostics.filter((x) => x.rule === 'cross/prior-year');
    expect(d.map((x) => [x.span?.file, x.span?.line, x.figures.map((f) => f.value)])).toEqual([
      ['data/2023/other.yaml', lineOf(join(root, 'data/2023/other.yaml'), /last_year:/) + 1, ['0', '2']],
      ['data/2023/other.yaml', lineOf(join(root, 'data/2023/other.yaml'), /last_year:/) + 2, ['0', '2']],
    ]);
    expect(d.every((x) => x.related[0]?.span.file === 'data/2022/other.yaml')).toBe(true);
  });

  it('the running cost’s prior year too; and a broken prior year is a warning, not a crash', async () => {
    const root = pair();
    edit(join(root, 'data/2022/other.yaml'), /^running_cost: 0/m, 'running_cost: 12');
    const r = await budget(['check', 'data/2023', '--format', 'json', '--lang', 'en'], { cwd: root });
    const d = results(r.stdout)[0].diagnostics.filter((x) => x.rule === 'cross/prior-year');
    expect(d).toHaveLength(1);
    expect(d[0].span?.line).toBe(lineOf(join(root, 'data/2023/department.yaml'), /running_cost: 0/));
    expect(d[0].figures.map((f) => f.value)).toEqual(['0', '12']);

    edit(join(root, 'data/2022/income.yaml'), /^income:/m, 'income: [');
    const w = await budget(['check', 'data/2023', '--format', 'json'], { cwd: root });
    expect(w.code).toBe(0); // a warning does not fail without --strict
    const ws = results(w.stdout)[0].diagnostics.filter((x) => x.rule === 'cross/prior-year-unusable');
    expect(ws).toHaveLength(1);
    expect(ws[0].severity).toBe('warning');
  });

  it('budget explain knows the rule', async () => {
    const r = await budget(['explain', 'cross/prior-year']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('prior_year');
  });
});

describe('unit conversion between years kept in different units', () => {
  it('is exact both ways (1 万元 = 10,000 元)', async () => {
    const { convert } = await import('../../src/years/prior.js');
    const { dec, toPlain } = await import('../../src/money/decimal.js');
    expect(toPlain(convert(dec('5318'), '万元', '元'))).toBe('53180000');
    expect(toPlain(convert(dec('1234567.80'), '元', '万元'))).toBe('123.456780');
    expect(toPlain(convert(dec('27'), '万元', '万元'))).toBe('27');
  });
});
