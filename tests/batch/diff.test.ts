import { beforeAll, describe, expect, it } from 'vitest';
import { budget, STACK } from './helpers.js';

interface Col { name: string; a: string | null; b: string | null; change: string; percent: string | null }
interface Row { section: string; key: string; columns: Col[] }

describe('budget diff', () => {
  let r: Awaited<ReturnType<typeof budget>>;
  let d: { a: { year: number }; b: { year: number }; unit: string; rows: Row[] };
  beforeAll(async () => {
    r = await budget(['diff', 'fixtures/reference-2022', 'data/2023', '--format', 'json']);
    d = JSON.parse(r.stdout);
  });
  const row = (section: string, key: string) => d.rows.find((x) => x.section === section && x.key === key)!;

  it('compares the totals: 5,318 → 5,158, −160, −3.0% (the seed’s “减少 160 万元，下降 3%”)', async () => {
    expect(r.code).toBe(0);
    expect([d.a.year, d.b.year, d.unit]).toEqual([2022, 2023, '万元']);
    expect(row('totals', 'income.total').columns[0]).toEqual({ name: 'amount', a: '5318', b: '5158', change: '-160', percent: '-3.0' });
    expect(row('totals', 'expenditure.total').columns[0]).toMatchObject({ a: '5318', b: '5158', change: '-160' });
    expect(row('totals', 'income.general.performance').columns[0]).toMatchObject({ a: '4324', b: '4164', change: '-160', percent: '-3.7' });
  });

  it('matches functional and economic rows by code, projects by name', async () => {
    expect(row('functional', '201').columns.map((c) => [c.name, c.a, c.b, c.change])).toEqual([
      ['total', '5119', '4959', '-160'],
      ['basic', '796', '796', '0'],
      ['project', '4324', '4164', '-160'],
    ]);
    expect(row('functional', '2210203').columns[0]).toMatchObject({ a: '27', b: '27', change: '0', percent: '0.0' });
    expect(row('economic', '30299').columns[0]).toMatchObject({ a: '3745', b: '3585', change: '-160' });
    expect(row('projects', '电子政务运行维护').columns[0]).toMatchObject({ a: '4254', b: '4094', change: '-160', percent: '-3.8' });
    expect(row('projects', '一般管理事务').columns[0]).toMatchObject({ a: '70', b: '70', change: '0' });
    // 三公: zero both years, not comparable as a percentage.
    expect(row('three_public', 'total').columns[0]).toEqual({ name: 'amount', a: '0', b: '0', change: '0', percent: null });
    expect(row('running_cost', 'running_cost').columns[0]).toMatchObject({ a: '0', b: '0' });
  });

  it('prints a terminal table, and --changed keeps only rows that changed', async () => {
    const t = await budget(['diff', 'fixtures/reference-2022', 'data/2023']);
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/收入总计\s+5,318\s+5,158\s+-160\s+-3\.0%/);
    expect(t.stdout).toMatch(/201 一般公共服务支出\s+5,119\s+4,959\s+-160\s+-3\.1%/);
    const c = await budget(['diff', 'fixtures/reference-2022', 'data/2023', '--changed', '--lang', 'en']);
    expect(c.stdout).toMatch(/income total\s+5,318\s+5,158\s+-160\s+-3\.0%/);
    expect(c.stdout).not.toMatch(/2210203/);
  });

  it('rows only one side has: A-only rows show as dropped, B-only as new; units are converted', async () => {
    const x = await budget(['diff', 'data/2023', 'fixtures/synthetic-yuan-2024', '--format', 'json']);
    expect(x.code).toBe(0);
    const j = JSON.parse(x.stdout) as { unit: string; rows: Row[] };
    expect(j.unit).toBe('元');
    const inc = j.rows.find((r) => r.key === 'income.total')!.columns[0];
    expect(inc.a).toBe('51580000'); // 5,158 万元 in 元
    expect(inc.b).toBe('3341357.82');
    // 2101102 事业单位医疗 15 万元 only in 2023; 2120803 城市建设支出 only in the 2024 fixture.
    const only2023 = j.rows.find((r) => r.section === 'functional' && r.key === '2101102')!.columns[0];
    expect(only2023).toMatchObject({ a: '150000', b: null, change: '-150000' });
    const only2024 = j.rows.find((r) => r.section === 'functional' && r.key === '2120803')!.columns[0];
    expect(only2024.a).toBeNull();
    expect(only2024.percent).toBeNull();
    expect(only2024.change).toBe(only2024.b);
    // A dropped 项 stays under its 款 (after 21011), not at the end.
    const keys = j.rows.filter((r) => r.section === 'functional').map((r) => r.key);
    expect(keys.indexOf('2101102')).toBe(keys.indexOf('21011') + 1);
  });

  it('a directory that does not load: exit 2 without a stack', async () => {
    const e = await budget(['diff', 'data/2023', 'data/no-such-year']);
    expect(e.code).toBe(2);
    expect(e.stderr).not.toMatch(STACK);
    expect(e.stderr).toContain('data/no-such-year');
  });
});
