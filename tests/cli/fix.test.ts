import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { nodeWorld, WorldError, type World } from '../../src/world/index.js';
import { budget, copyReference, STACK } from './run.js';

/** Raises 一般管理事务 by 10 on its leaves (the example) in a scratch copy of the reference. */
function raised(): { root: string; dir: string } {
  const c = copyReference();
  const bump = (file: string, from: string, to: string) => {
    const p = join(c.dir, file);
    const t = readFileSync(p, 'utf8');
    expect(t.split(from).length, `${file}: ${from}`).toBe(2);
    writeFileSync(p, t.replace(from, to));
  };
  bump('projects.yaml', '{name: 其他一般管理事务, amount: 35}', '{name: 其他一般管理事务, amount: 45}');
  bump('functional.yaml', 'name: 事业运行, total: 4959, basic: 796, project: 4164', 'name: 事业运行, total: 4959, basic: 796, project: 4174');
  bump('economic.yaml', 'total: 3585, basic: 2, project: 3583', 'total: 3585, basic: 2, project: 3593');
  bump('income.yaml', 'performance: 4164', 'performance: 4174');
  bump('performance.yaml', 'total: 70                    # 预算金额 总额\n      fiscal: 70', 'total: 70                    # 预算金额 总额\n      fiscal: 80');
  return c;
}

const snapshot = (dir: string): Record<string, string> =>
  Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f), 'utf8')]));

describe('budget fix', () => {
  it('the reference: nothing to fix, nothing written', async () => {
    const { dir } = copyReference();
    const before = snapshot(dir);
    const r = await budget(['fix', dir, '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/nothing to fix/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('without a directory it takes the latest data/<year>/ of the project; --help in Chinese by default', async () => {
    const { root } = raised();
    const r = await budget(['fix', '--dry-run'], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^--- a\/data\/2023\/department\.yaml\n/);
    expect(r.stderr).toContain('将修正 25 个合计（6 个文件）；--dry-run：未写入。');
    const help = await budget(['fix', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('只显示差异，不写入');
    expect(help.stdout).not.toContain('print the diff only');
  });

  it('--dry-run prints a unified diff of the totals and writes nothing', async () => {
    const { dir } = raised();
    const before = snapshot(dir);
    expect((await budget(['check', dir])).code).toBe(1);
    const r = await budget(['fix', dir, '--dry-run', '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(snapshot(dir)).toEqual(before);
    expect(r.stdout).toMatch(/^--- a\/[^/].*\/department\.yaml\n\+\+\+ b\/[^/].*\/department\.yaml\n@@ -\d+,\d+ \+\d+,\d+ @@\n/);
    expect(r.stdout).toContain('\n-  total: {total: 5158, basic: 994, project: 4164, procurement: {total: 512, sme: 0, micro: 0}}\n');
    expect(r.stdout).toContain('\n+  total: {total: 5168, basic: 994, project: 4174, procurement: {total: 512, sme: 0, micro: 0}}\n');
    expect(r.stdout).toContain('\n-  total: 5158               # 收入总计（表1、表2、表6）\n');
    expect(r.stdout).toContain('\n+  total: 5168               # 收入总计（表1、表2、表6）\n');
    expect(r.stderr).toMatch(/would fix 25 totals in 6 files; --dry-run: nothing written/);
  });

  it('writes the fix: check passes, and only the figures changed (comments, keys, style and format kept)', async () => {
    const { dir } = raised();
    const before = snapshot(dir);
    const r = await budget(['fix', dir, '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/fixed 25 totals in 6 files/);
    const check = await budget(['check', dir]);
    expect(check.code).toBe(0);
    const after = snapshot(dir);
    let lines = 0;
    for (const f of Object.keys(before)) {
      const a = before[f].split('\n');
      const b = after[f].split('\n');
      expect(b.length).toBe(a.length);
      a.forEach((line, i) => {
        if (line === b[i]) return;
        lines++;
        // The same line with every number blanked: only figures' digits differ.
        expect(b[i].replace(/-?\d+/g, '#'), `${f}:${i + 1}`).toBe(line.replace(/-?\d+/g, '#'));
      });
    }
    // Each changed line appears in the diff that was printed, as a − and a + line.
    expect(r.stdout.split('\n').filter((l) => l.startsWith('+') && !l.startsWith('+++')).length).toBe(lines);
    // A second run has nothing left to do.
    expect((await budget(['fix', dir, '--lang', 'en'])).stderr).toMatch(/nothing to fix/);
  });

  it('refuses with the reason and writes nothing when the leaves disagree (no unique fix)', async () => {
    // The functional leaf row raised, the economic one not: the two department totals, each
    // derived from its own rows, cannot both follow.
    const { dir } = copyReference({ file: 'functional.yaml', from: 'name: 事业单位离退休, total: 22, basic: 22', to: 'name: 事业单位离退休, total: 22, basic: 42' });
    const before = snapshot(dir);
    const r = await budget(['fix', dir, '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nothing written/);
    expect(r.stderr).toMatch(/economic\.yaml:\d+:\d+: cross\/functional-economic: /);
    expect(r.stderr).not.toMatch(STACK);
    expect(r.stdout).toBe('');
    expect(snapshot(dir)).toEqual(before);
  });

  it('input the check cannot use is reported as check reports it (exit 2), nothing written', async () => {
    const { dir } = copyReference({ file: 'income.yaml', from: 'current_total: 5158       # 本年收入合计', to: 'current_totl: 5158       # 本年收入合计' });
    const before = snapshot(dir);
    const r = await budget(['fix', dir, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/income\.yaml:6:3/);
    expect(r.stdout).toContain('current_totl');
    expect(r.stderr).not.toMatch(STACK);
    expect(snapshot(dir)).toEqual(before);
  });

  it('all files or none: a write that fails puts back the files already written', async () => {
    const { dir } = raised();
    const before = snapshot(dir);
    const real = nodeWorld();
    let writes = 0;
    const world: World = {
      ...real,
      isTTY: () => false,
      cpuCount: 1,
      writeAtomic(file, bytes) {
        // The third file fails (a full disk); the two before it were written.
        if (++writes === 3) throw new WorldError({ severity: 'error', rule: 'output/write-failed', message: { zh: '磁盘已满', en: 'disk full' }, related: [], figures: [] });
        real.writeAtomic(file, bytes);
      },
    };
    const saved = { out: process.stdout.write, err: process.stderr.write };
    const err: string[] = [];
    process.stdout.write = (() => true) as typeof process.stdout.write;
    process.stderr.write = ((s: string) => (err.push(s), true)) as typeof process.stderr.write;
    let code: number;
    try {
      code = await main(['node', 'budget', 'fix', dir, '--lang', 'en'], world);
    } finally {
      process.stdout.write = saved.out;
      process.stderr.write = saved.err;
    }
    expect(code).toBe(2);
    expect(err.join('')).toMatch(/disk full/);
    expect(snapshot(dir)).toEqual(before);
  });
});
