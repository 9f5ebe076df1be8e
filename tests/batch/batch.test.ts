import { beforeAll, describe, expect, it } from 'vitest';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import { budget, budgetProcess, edit, ensureBuilt, results, STACK, tree } from './helpers.js';

// In-process (tests/cli/run.ts) but for the worker threads, which run from the bundle.
beforeAll(() => ensureBuilt(), 120_000);

/**
 * A batch of five department-years in both layouts: two good ones, a prior year, one with a check
 * error (exit 1) and one with malformed YAML (exit 2).
 */
function batchTree(): string {
  const root = tree({
    '2023': 'data/2023',
    'ref/2022': 'fixtures/reference-2022',
    'ref/2023': 'data/2023',
    'typo/2023': 'data/2023',
    'yuan/2024': 'fixtures/synthetic-yuan-2024',
  });
  // A typist's slip in one item: 2010350's project column 4164 → 4264 (check error, exit 1).
  edit(join(root, 'data/typo/2023/functional.yaml'), /(code: 2010350,.*project: )4164/, '$14264');
  return root;
}

const ORDER = ['data/2023', 'data/ref/2022', 'data/ref/2023', 'data/typo/2023', 'data/yuan/2024'];

describe('budget check --all', () => {
  it('checks every department-year in sorted order; one failure does not stop the rest; the worst result is the exit code', async () => {
    const root = batchTree();
    const r = await budget(['check', '--all', '--format', 'json'], { cwd: root });
    expect(r.code).toBe(1);
    const res = results(r.stdout);
    expect(res.map((x) => x.dir)).toEqual(ORDER);
    expect(res.map((x) => x.status)).toEqual(['ok', 'ok', 'ok', 'failed', 'ok']);
    expect(res[3].diagnostics.some((d) => d.rule === 'sum/row-split' && d.severity === 'error')).toBe(true);
    // The items after the failing one were checked in full.
    expect(res[4].balance).toEqual({ income: '3341357.82', expenditure: '3341357.82', unit: '元', equal: true });

    // Malformed YAML in another item: exit 2 wins over 1, and the rest are still checked.
    writeFileSync(join(root, 'data/ref/2022/income.yaml'), 'income: [unclosed\n');
    const worse = await budget(['check', '--all', '--format', 'json'], { cwd: root });
    expect(worse.code).toBe(2);
    expect(results(worse.stdout).map((x) => x.status)).toEqual(['ok', 'unusable', 'ok', 'failed', 'ok']);
    expect(worse.stderr).not.toMatch(STACK);
  });

  it('runs the same on worker threads (end to end: node bin/budget.js) as in one thread', async () => {
    const root = batchTree();
    const strip = (s: string) => results(s).map((x) => ({ ...x, rules: x.rules.map((r) => [r.id, r.checked, r.findings]) }));
    const one = await budget(['check', '--all', '--format', 'json', '--jobs', '1'], { cwd: root });
    const four = budgetProcess(['check', '--all', '--format', 'json', '--jobs', '4'], { cwd: root });
    expect(four.code).toBe(one.code);
    expect(strip(four.stdout)).toEqual(strip(one.stdout));
  });

  it('prints one plain progress line per item under CI, and a closing summary table with every item', async () => {
    const root = batchTree();
    const r = await budget(['check', '--all'], { cwd: root, env: { CI: 'true' } });
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines.every((l) => /^\[\d\/5\] /.test(l))).toBe(true);
    expect([...lines].map((l) => l.split(' · ')[1]).sort()).toEqual(ORDER);
    expect(r.stderr).not.toContain('\r');
    // Summary table: header, rule, one row per item in order, totals line.
    const table = r.stdout.slice(r.stdout.lastIndexOf('#  状态'));
    const rows = table.split('\n').filter((l) => /^\d+ /.test(l));
    expect(rows.map((l) => l.split(/\s{2,}/)[2])).toEqual(ORDER);
    expect(rows[3]).toMatch(/^4\s+未通过\s+data\/typo\/2023\s+深圳市福田区数据管理中心\s+2023\s+5,158\s+5,158\s+万元\s+[1-9]/);
    expect(rows[4]).toMatch(/3,341,357\.82\s+3,341,357\.82\s+元/);
    expect(table).toContain('共 5 项：4 项通过，1 项未通过，0 项无法检查');
  });

  it('--format junit: one report, one testsuite per department-year', async () => {
    const root = batchTree();
    const r = await budget(['check', '--all', '--format', 'junit'], { cwd: root });
    expect(r.code).toBe(1);
    const suites: { name: string; failures: number; dir: string }[] = [];
    let roots = 0;
    const p = new SaxesParser();
    let current: { name: string; failures: number; dir: string } | undefined;
    p.on('opentag', (t) => {
      if (t.name === 'testsuites') roots++;
      if (t.name === 'testsuite') suites.push((current = { name: String(t.attributes.name), failures: Number(t.attributes.failures), dir: '' }));
      if (t.name === 'property' && t.attributes.name === 'dir' && current) current.dir = String(t.attributes.value);
    });
    p.write(r.stdout).close();
    expect(roots).toBe(1);
    expect(suites.map((s) => s.dir)).toEqual(ORDER);
    expect(suites.map((s) => s.name)).toEqual([
      '深圳市福田区数据管理中心-2023',
      '深圳市福田区数据管理中心-2022',
      '深圳市福田区数据管理中心-2023',
      '深圳市福田区数据管理中心-2023',
      '示例区城市更新服务中心-2024',
    ]);
    expect(suites.map((s) => s.failures > 0)).toEqual([false, false, false, true, false]);
    // The machine format stays parseable: the summary table goes to stderr.
    expect(r.stderr).toContain('共 5 项');
  });

  it('--shard i/n: the shards of a batch cover every item exactly once, in order', async () => {
    const root = batchTree();
    const dirs: string[][] = [];
    for (const i of [1, 2, 3]) {
      const r = await budget(['check', '--all', '--format', 'json', '--shard', `${i}/3`], { cwd: root });
      dirs.push(results(r.stdout).map((x) => x.dir));
      expect(r.code).toBe(dirs[i - 1].includes('data/typo/2023') ? 1 : 0);
    }
    expect(dirs.flat()).toEqual(ORDER);
    expect(dirs.map((d) => d.length)).toEqual([1, 2, 2]);
    // More shards than items: an empty shard passes (a CI matrix may be wider than the batch).
    const empty = await budget(['check', '--all', '--format', 'json', '--shard', '1/9'], { cwd: root });
    expect(empty.code).toBe(0);
    expect(results(empty.stdout)).toEqual([]);
    // A malformed shard is a usage error, without a stack.
    const bad = await budget(['check', '--all', '--shard', '4/3'], { cwd: root });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--shard');
    expect(bad.stderr).not.toMatch(STACK);
  });

  it('takes the latest year of each department by default', async () => {
    const root = batchTree();
    rmSync(join(root, 'data/typo'), { recursive: true });
    const r = await budget(['check', '--format', 'json'], { cwd: root });
    expect(results(r.stdout).map((x) => x.dir)).toEqual(['data/2023', 'data/ref/2023', 'data/yuan/2024']);
    expect(r.code).toBe(0);
  });

  it('refuses a bad --jobs as a usage error', async () => {
    const r = await budget(['check', 'data/2023', '--jobs', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--jobs');
    expect(r.stderr).not.toMatch(STACK);
  });
});
