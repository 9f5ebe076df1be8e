import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkDir } from '../../src/compile.js';
import { nodeWorld } from '../../src/world/index.js';
import { budget, ROOT } from '../cli/run.js';

/**
 * Issue 11 §2: one change to a leaf gives one error naming the chain of totals it breaks, with a
 * hint in both directions; independent mistakes stay separate. Through the CLI in-process, since
 * the fold is the CLI check's (CheckOptions.chains).
 */

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** data/2023 in a temp dir, with each [file, from, to] replaced once (the edit must apply). */
function edited(edits: readonly [string, string, string][]): string {
  const dir = mkdtempSync(join(tmpdir(), 'budget-chain-'));
  dirs.push(dir);
  cpSync(join(ROOT, 'data/2023'), dir, { recursive: true });
  for (const [file, from, to] of edits) {
    const p = join(dir, file);
    const text = readFileSync(p, 'utf8');
    expect(text.includes(from), `${file}: ${from}`).toBe(true);
    writeFileSync(p, text.replace(from, to));
  }
  return dir;
}

const errorsOf = (out: string): string[] => out.split('\n').filter((l) => /^错误\[/.test(l));

// 2010350 事业运行 (the 项 row under 20103 under 201) raised by 10 万元 in its project column and total.
const RAISE_ROW: [string, string, string] = [
  'functional.yaml',
  '{code: 2010350, name: 事业运行, total: 4959, basic: 796, project: 4164',
  '{code: 2010350, name: 事业运行, total: 4969, basic: 796, project: 4174',
];

describe('one change, one error', () => {
  it('a raised 项 row gives one error naming the chain 款 → 类 → department row, with both directions', async () => {
    const r = await budget(['check', edited([RAISE_ROW])]);
    expect(r.code).toBe(1);
    const out = r.stdout + r.stderr;
    const errors = errorsOf(out);
    expect(errors).toHaveLength(1);
    // the chain, in order, for the total column (the 201 and department rows are not yet reported by any rule)
    const chain = errors[0];
    const at = (s: string) => chain.indexOf(s);
    expect(at('20103 政府办公厅（室）及相关机构事务 的支出总计')).toBeGreaterThan(0);
    expect(at('201 一般公共服务支出 的支出总计')).toBeGreaterThan(at('20103 政府办公厅（室）及相关机构事务 的支出总计'));
    expect(at('数据管理中心合计 的支出总计')).toBeGreaterThan(at('201 一般公共服务支出 的支出总计'));
    expect(chain).toContain('使 6 处合计不再相符');
    // and the tables that print them, Table 1 and Table 6 (本年支出合计) among them
    expect(chain).toMatch(/数据管理中心合计 的项目支出（见表1、表3、表6、表7）$/);
    const help = out.split('\n').find((l) => l.includes('建议：两个方向'))!;
    // direction one: the totals to their parts' sum (the department total up to 5,168, not back)
    expect(help).toContain('5,158 → 5,168');
    expect(help).toContain('budget fix');
    expect(help).not.toContain('→ 5,148');
    // direction two: the changed parts back by −10
    expect(help).toMatch(/2010350 事业运行 的项目支出 4,174.*各改 -10 万元/);
    expect(out).toContain('检查未通过');
    expect(out).toMatch(/1 个错误/);
  });

  it('reads as English with --lang en (the amount in yuan, both directions)', async () => {
    const r = await budget(['check', '--lang', 'en', edited([RAISE_ROW])]);
    const out = r.stdout + r.stderr;
    expect(out.split('\n').filter((l) => /^error\[/.test(l))).toHaveLength(1);
    expect(out).toContain('One change (a difference of 100,000 yuan) breaks 6 totals along one chain: 20103');
    expect(out).toMatch(/help: Either direction: .*→ 5,168.*budget fix.*each by -100,000 yuan to undo it/);
  });

  it('a raised project gives one error at the project, naming each figure that doubles it', async () => {
    const r = await budget([
      'check',
      edited([
        ['projects.yaml', 'amount: 70\n', 'amount: 80\n'],
        ['projects.yaml', '{name: 其他一般管理事务, amount: 35}', '{name: 其他一般管理事务, amount: 45}'],
      ]),
    ]);
    const out = r.stdout + r.stderr;
    expect(errorsOf(out)).toHaveLength(1);
    expect(out).toMatch(/--> .*projects\.yaml:29:13/);
    // the figure is named by what it is (the task of the performance targets), not by the table number that prints it
    expect(out).toMatch(/整体绩效目标 任务“一般管理事务”总额 70 → 80/);
  });

  it('two independent mistakes stay two errors', async () => {
    const r = await budget([
      'check',
      edited([RAISE_ROW, ['functional.yaml', '{code: 2101102, name: 事业单位医疗, total: 15, basic: 15', '{code: 2101102, name: 事业单位医疗, total: 17, basic: 17']]),
    ]);
    const errors = errorsOf(r.stdout + r.stderr);
    // the raise (10) folds into one; the other change (2) is its own, folded along its own chain
    expect(errors).toHaveLength(2);
    expect(errors.some((e) => e.includes('相差 10 万元'))).toBe(true);
    expect(errors.some((e) => e.includes('相差 2 万元'))).toBe(true);
  });

  it('once the leaves are raised where the money goes and comes from, budget fix makes the check pass', async () => {
    const dir = edited([
      RAISE_ROW,
      ['economic.yaml', '{code: 30299, name: 其他商品和服务支出, total: 3585, basic: 2, project: 3583}', '{code: 30299, name: 其他商品和服务支出, total: 3595, basic: 2, project: 3593}'],
      ['projects.yaml', '{name: 其他一般管理事务, amount: 35}', '{name: 其他一般管理事务, amount: 45}'],
      ['income.yaml', '    performance: 4164 ', '    performance: 4174 '],
      ['performance.yaml', '      fiscal: 70 ', '      fiscal: 80 '],
    ]);
    const before = await budget(['check', dir]);
    expect(before.code).toBe(1);
    // the hint names budget fix, which is the first direction
    expect(before.stdout + before.stderr).toContain('budget fix');
    const fixed = await budget(['fix', dir]);
    expect(fixed.code).toBe(0);
    const after = await budget(['check', dir]);
    expect(after.stdout + after.stderr).toMatch(/检查通过.*0 个错误/);
    expect(after.code).toBe(0);
  });

  it('a figure in the wrong place (two tables disagree about one cell, in opposite directions) stays one error per cell', () => {
    // fixtures/shanghai/fund-split-disagree-2031: 300,000 元 of 212 is 一般公共预算 in one table and 政府性基金 in the other
    const checked = checkDir(join(ROOT, 'fixtures/shanghai/fund-split-disagree-2031'), nodeWorld({ env: {} }), { strict: false, profiles: join(ROOT, 'profiles') });
    const errors = checked.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((e) => [e.rule, e.difference])).toEqual([
      ['cross/fund-split', '300000.00'],
      ['cross/fund-split', '-300000.00'],
    ]);
    expect(errors.every((e) => !e.message.zh.startsWith('一处改动'))).toBe(true);
  });

  it('the reference year still passes with its 8 rounding notes, none folded', async () => {
    const r = await budget(['check', join(ROOT, 'data/2023')]);
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).toMatch(/0 个错误，0 个警告，8 个注记/);
  });
});
