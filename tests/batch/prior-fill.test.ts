import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { budget, edit, lineOf, results, ROOT, tree } from './helpers.js';

/**
 * Prior-year figures taken from the prior year's data: data/2022 is fixtures/reference-2022, and
 * data/2023 is a copy of the reference year that no longer declares them (no prior_year section,
 * no three_public.last_year row).
 */
function undeclared(withPrior = true): string {
  const root = tree(withPrior ? { '2022': 'fixtures/reference-2022', '2023': 'data/2023' } : { '2023': 'data/2023' });
  edit(join(root, 'data/2023/department.yaml'), /\n# 上年（2022 年）比较数[^\n]*\nprior_year:\n(  .*\n)+/, '\n');
  edit(join(root, 'data/2023/other.yaml'), /  last_year: .*\n(    .*\n)+/, '');
  const text = readFileSync(join(root, 'data/2023/department.yaml'), 'utf8') + readFileSync(join(root, 'data/2023/other.yaml'), 'utf8');
  expect(text).not.toMatch(/^prior_year:|^ {2}last_year:/m);
  return root;
}

/** Text of a PDF, read back with poppler (a reader other than the one that wrote it). */
function pdfText(file: string): string {
  const r = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

const PDF = '2023/深圳市福田区数据管理中心-2023-部门预算.pdf';

describe('prior-year figures from the prior year’s data when not declared', () => {
  it('checks, and the document compares with 2022’s published figures: Part 2, Table 9 and Part 8, as when declared', async () => {
    const root = undeclared();
    const c = await budget(['check', 'data/2023', '--format', 'json'], { cwd: root });
    expect(c.code).toBe(0);
    const [res] = results(c.stdout);
    expect(res.diagnostics.filter((d) => d.severity !== 'note')).toEqual([]);
    expect(res.rules.find((r) => r.id === 'shape/missing-prior-year')).toMatchObject({ ran: true, findings: 0 });
    // Nothing declared to compare: the cross-check does not run (it is not a pass).
    expect(res.rules.find((r) => r.id === 'cross/prior-year')?.ran ?? false).toBe(false);

    const b = await budget(['build', 'data/2023', '--out', 'out', '--only', 'pdf'], { cwd: root });
    expect(b.code).toBe(0);
    const text = pdfText(join(root, 'out', PDF));
    const flat = text.replace(/\s+/g, '');
    // Part 2: 5,158 against 2022's 5,318 (from data/2022/income.yaml).
    expect(flat).toContain('部门预算收入5,158万元，比2022年减少160万元，下降3%。');
    expect(flat).toContain('部门预算支出5,158万元，比2022年减少160万元，下降3%。');
    // Table 9: the 2022 row is there, then the 2023 row.
    expect(text).toMatch(/2022 年(\s+0){6}\n[\s\S]*2023 年(\s+0){6}/);
    // Part 8: 机关运行经费 of 2022.
    expect(flat).toContain('比2022年预算0万元，增长--（去年基数为0，不可比）');

    // The same text as the reference year that declares its prior-year figures.
    const declared = await budget(['build', join(ROOT, 'data/2023'), '--out', join(root, 'declared'), '--only', 'pdf'], { cwd: root });
    expect(declared.code).toBe(0);
    expect(text).toBe(pdfText(join(root, 'declared', PDF)));
  });

  it('takes the figures, not zeros: a non-zero 2022 三公 row shows in Table 9, and findings about it point into 2022’s file', async () => {
    const root = undeclared();
    const other22 = join(root, 'data/2022/other.yaml');
    edit(other22, /this_year:( +#.*)?\n( +)total: 0( +#.*)?\n( +)abroad: 0/, 'this_year:$1\n$2total: 2$3\n$4abroad: 2');
    // 2023 still declares a change of 0 on Table 9: now 0 − 2 = −2, an error positioned in both years.
    const c = await budget(['check', 'data/2023', '--format', 'json'], { cwd: root });
    expect(c.code).toBe(1);
    const errs = results(c.stdout)[0].diagnostics.filter((d) => d.severity === 'error');
    expect(errs.length).toBeGreaterThan(0);
    expect(errs.every((d) => d.rule === 'sum/three-public')).toBe(true);
    const abroad = errs.find((d) => d.figures.some((f) => f.span?.file === 'data/2022/other.yaml' && f.span.line === lineOf(other22, /abroad: 2/)));
    expect(abroad, JSON.stringify(errs)).toBeDefined();
    expect(abroad!.span?.file).toBe('data/2023/other.yaml');

    // With the change corrected, Table 9 prints 2022's row: 总计 2, 因公出国(境)费 2.
    const other23 = join(root, 'data/2023/other.yaml');
    edit(other23, /change:( +#.*)?\n( +)total: 0( *#.*)?\n( +)abroad: 0/, 'change:$1\n$2total: -2$3\n$4abroad: -2');
    expect((await budget(['build', 'data/2023', '--out', 'out', '--only', 'pdf'], { cwd: root })).code).toBe(0);
    const text = pdfText(join(root, 'out', PDF));
    expect(text).toMatch(/2022 年\s+2\s+2\s+0\s+0\s+0\s+0\n/);
    expect(text).toMatch(/2023 年\s+0\s+0\s+0\s+0\s+0\s+0\n/);
  });

  it('a declared section is still cross-checked when another is taken from the prior year', async () => {
    const root = undeclared();
    // Declare prior_year again (wrongly), keep last_year omitted.
    const dept = join(root, 'data/2023/department.yaml');
    writeFileSync(dept, readFileSync(dept, 'utf8') + '\nprior_year:\n  year: 2022\n  income_total: 5381\n  expenditure_total: 5318\n  running_cost: 0\n');
    const c = await budget(['check', 'data/2023', '--format', 'json'], { cwd: root });
    expect(c.code).toBe(1);
    const [res] = results(c.stdout);
    // year, income, expenditure, running cost: the 三公 row was not declared, so not compared.
    expect(res.rules.find((r) => r.id === 'cross/prior-year')).toMatchObject({ ran: true, checked: 4 });
    const d = res.diagnostics.filter((x) => x.rule === 'cross/prior-year');
    expect(d.map((x) => [x.span?.file, x.span?.line, x.figures.map((f) => f.value)])).toEqual([
      ['data/2023/department.yaml', lineOf(dept, /income_total: 5381/), ['5381', '5318']],
    ]);
  });

  it('with neither declared figures nor the prior year’s data: shape/missing-prior-year at file:line, exit 2, no document', async () => {
    const root = undeclared(false);
    for (const cmd of ['check', 'build']) {
      const r = await budget([cmd, 'data/2023', '--format', 'json', ...(cmd === 'build' ? ['--out', 'out'] : [])], { cwd: root });
      expect(r.code, cmd).toBe(2);
      const [res] = results(r.stdout);
      expect(res.status).toBe('unusable');
      const d = res.diagnostics.filter((x) => x.severity === 'error');
      expect(d.map((x) => [x.rule, x.span?.file, x.span?.line])).toEqual([
        ['shape/missing-prior-year', 'data/2023/department.yaml', lineOf(join(root, 'data/2023/department.yaml'), /^ {2}year: 2023/)],
        ['shape/missing-prior-year', 'data/2023/other.yaml', lineOf(join(root, 'data/2023/other.yaml'), /^three_public:/)],
      ]);
      expect(d[0].message).toContain('没有上年数据目录 data/2022，请在 prior_year 中填写上年数');
      expect(d[1].message).toContain('three_public.last_year');
    }
    expect(existsSync(join(root, 'out'))).toBe(false);
    const human = await budget(['check', 'data/2023', '--lang', 'en'], { cwd: root });
    expect(human.code).toBe(2);
    expect(human.stdout).toContain(`data/2023/department.yaml:${lineOf(join(root, 'data/2023/department.yaml'), /^ {2}year: 2023/)}:`);
    expect(human.stdout).toContain('declare the prior-year figures in prior_year');
  });

  it('a prior year that does not load, or another department’s, does not stand in: the diagnostic says why', async () => {
    const root = undeclared();
    edit(join(root, 'data/2022/income.yaml'), /^income:/m, 'incme:');
    const broken = results((await budget(['check', 'data/2023', '--format', 'json'], { cwd: root })).stdout)[0];
    expect(broken.status).toBe('unusable');
    expect(broken.diagnostics.filter((d) => d.rule === 'shape/missing-prior-year').map((d) => d.message)).toEqual([
      expect.stringContaining('上年数据目录 data/2022 有'),
      expect.stringContaining('上年数据目录 data/2022 有'),
    ]);

    const other = undeclared();
    renameSync(join(other, 'data/2022'), join(other, 'data/x'));
    const moved = tree({ '2022': 'fixtures/synthetic-yuan-2024' });
    renameSync(join(moved, 'data/2022'), join(other, 'data/2022'));
    edit(join(other, 'data/2022/department.yaml'), /year: 2024/, 'year: 2022');
    const res = results((await budget(['check', 'data/2023', '--format', 'json'], { cwd: other })).stdout)[0];
    expect(res.status).toBe('unusable');
    expect(res.diagnostics.filter((d) => d.rule === 'shape/missing-prior-year')[0].message).toContain('不是本部门 2022 年的数据');
  });
});
