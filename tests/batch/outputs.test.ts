import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { budget, budgetProcess, ensureBuilt, results, ROOT } from './helpers.js';

// The batch of builds runs end to end (node bin/budget.js, worker threads from the bundle); the rest in-process.
beforeAll(() => ensureBuilt(), 120_000);

function pdfText(file: string): string {
  const r = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pdftotext failed: ${r.stderr}`);
  return r.stdout;
}

/** Every number in the workbook (a formula cell counts with its cached result), by sheet. */
async function xlsxNumbers(file: string): Promise<Map<string, number[]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(file));
  const out = new Map<string, number[]>();
  wb.eachSheet((ws) => {
    const nums: number[] = [];
    ws.eachRow((row) =>
      row.eachCell((c) => {
        const v = c.value as unknown;
        if (typeof v === 'number') nums.push(v);
        else if (v && typeof v === 'object' && 'result' in v && typeof (v as { result: unknown }).result === 'number') nums.push((v as { result: number }).result);
      }),
    );
    out.set(ws.name, nums);
  });
  return out;
}

describe('the synthetic fixtures, built in one batch on worker threads', () => {
  const out = mkdtempSync(join(tmpdir(), 'budget-batch-out-'));
  let built: ReturnType<typeof results>;

  beforeAll(async () => {
    const r = budgetProcess(['build', 'fixtures/reference-2022', 'fixtures/synthetic-yuan-2024', '--out', out, '--jobs', '2', '--format', 'json'], {
      env: { SOURCE_DATE_EPOCH: '1700000000' },
    });
    expect(r.code).toBe(0);
    built = results(r.stdout);
  }, 120_000);

  it('writes both documents of both department-years', async () => {
    expect(built.map((x) => [x.dir, x.status, x.outputs?.length])).toEqual([
      ['fixtures/reference-2022', 'ok', 2],
      ['fixtures/synthetic-yuan-2024', 'ok', 2],
    ]);
    for (const x of built) for (const f of x.outputs!) expect(existsSync(f)).toBe(true);
  });

  it('reference 2022: its figures in the PDF text (5,318; 2022 vs 2021; the project) and in the XLSX as numbers', async () => {
    const [pdf, xlsx] = built[0].outputs!;
    const t = pdfText(pdf).replace(/\s+/g, '');
    expect(t).toContain('2022年深圳市福田区数据管理中心部门预算收入5,318万元，比2021年增加118万元，增长2%');
    expect(t).toContain('收入总计5,318支出总计5,318');
    expect(t).toContain('电子政务运行维护');
    expect(t).toContain('4,254万元，主要包括：数据资源运行维护1,646万元');
    expect(t).toContain('5,119'); // 201 一般公共服务支出
    const nums = await xlsxNumbers(xlsx);
    const all = [...nums.values()].flat();
    for (const v of [5318, 5119, 4324, 4254, 3745]) expect(all, String(v)).toContain(v);
    // Table 5 lists the project with its amount.
    const t5 = [...nums.entries()].find(([name]) => name.startsWith('表5'))![1];
    expect(t5).toContain(4254);
  });

  it('synthetic 元 2024: figures with two decimals in the PDF text and in the XLSX', async () => {
    const [pdf, xlsx] = built[1].outputs!;
    const t = pdfText(pdf).replace(/\s+/g, '');
    expect(t).toContain('3,341,357.82');
    expect(t).toContain('1,234,567.80');
    expect(t).toContain('800,000.00'); // 政府性基金
    const all = [...(await xlsxNumbers(xlsx)).values()].flat();
    for (const v of [3341357.82, 1234567.8, 800000, 50000.5, 35000]) expect(all, String(v)).toContain(v);
  });
});

describe('generated departments (scripts/gen-department.mjs)', () => {
  const gen = (dir: string, args: string[]) => {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts/gen-department.mjs'), dir, ...args], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
  };

  it('a 10,000-row and a 2,000-row department check clean; the generator is deterministic', async () => {
    const root = mkdtempSync(join(tmpdir(), 'budget-gen-'));
    gen(join(root, 'big'), ['--rows', '10000']);
    gen(join(root, 'mid'), ['--rows', '2000']);
    gen(join(root, 'mid-again'), ['--rows', '2000']);
    for (const f of ['functional.yaml', 'economic.yaml', 'projects.yaml']) expect(readFileSync(join(root, 'mid', f), 'utf8')).toBe(readFileSync(join(root, 'mid-again', f), 'utf8'));
    const rows = (d: string) => ['functional.yaml', 'economic.yaml'].reduce((a, f) => a + (readFileSync(join(root, d, f), 'utf8').match(/^ {4}- \{code:/gm) ?? []).length, 0);
    expect(rows('big')).toBe(10000);
    expect(rows('mid')).toBe(2000);
    const r = await budget(['check', join(root, 'big'), join(root, 'mid'), '--format', 'json']);
    expect(r.code).toBe(0);
    for (const x of results(r.stdout)) expect(x.diagnostics).toEqual([]);
  }, 120_000);

  it('a batch of several departments and years checks clean, prior years cross-checked', async () => {
    const root = mkdtempSync(join(tmpdir(), 'budget-gen-'));
    gen(join(root, 'data'), ['--rows', '30', '--departments', '3', '--years', '3']);
    const r = await budget(['check', '--all', '--format', 'json'], { cwd: root });
    expect(r.code).toBe(0);
    const res = results(r.stdout);
    expect(res.map((x) => x.dir)).toEqual(['dept-001', 'dept-002', 'dept-003'].flatMap((d) => ['2021', '2022', '2023'].map((y) => `data/${d}/${y}`)));
    // The first year has no prior directory; the later ones are cross-checked (10 identities each).
    expect(res.map((x) => x.rules.find((r) => r.id === 'cross/prior-year')?.checked ?? 0)).toEqual([0, 10, 10, 0, 10, 10, 0, 10, 10]);
  }, 120_000);

  it('a 2,000-row department builds: its grand total in the PDF and the XLSX', async () => {
    const root = mkdtempSync(join(tmpdir(), 'budget-gen-'));
    gen(join(root, 'mid'), ['--rows', '2000']);
    const income = /^ {2}total: (\d+)$/m.exec(readFileSync(join(root, 'mid/income.yaml'), 'utf8'))![1];
    const r = await budget(['build', join(root, 'mid'), '--out', join(root, 'out'), '--format', 'json']);
    expect(r.code).toBe(0);
    const [pdf, xlsx] = results(r.stdout)[0].outputs!;
    const grouped = Number(income).toLocaleString('en-US');
    expect(pdfText(pdf)).toContain(grouped);
    const all = [...(await xlsxNumbers(xlsx)).values()].flat();
    expect(all).toContain(Number(income));
  }, 300_000);
});
