import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkDir } from '../../src/compile.js';
import { nodeWorld } from '../../src/world/index.js';

/**
 * One typist's change per rule of the Shanghai layout, made to a copy of the reference: each is
 * caught by its rule, as an error at the changed figure, naming the tables that print it.
 */
const REF = 'fixtures/reference-shanghai-2026';

function checkEdited(file: string, from: string, to: string) {
  const dir = join(mkdtempSync(join(tmpdir(), 'budget-sh-')), '2026');
  cpSync(REF, dir, { recursive: true });
  const text = readFileSync(join(dir, file), 'utf8');
  expect(text.split(from).length, `${from} occurs once in ${file}`).toBe(2);
  writeFileSync(join(dir, file), text.replace(from, to));
  return checkDir(dir, nodeWorld({ env: {} }), { strict: false, profiles: 'profiles' }).diagnostics.filter((d) => d.severity === 'error');
}

/** All findings of a copy of `dir` with one edit (the year directory's name kept, for the prior year). */
function checkAll(from: string, file: string, a: string, b: string) {
  const dir = join(mkdtempSync(join(tmpdir(), 'budget-dir-')), from.split('/').pop()!);
  cpSync(from, dir, { recursive: true });
  const text = readFileSync(join(dir, file), 'utf8');
  expect(text.includes(a), `${a} in ${file}`).toBe(true);
  writeFileSync(join(dir, file), text.replace(a, b));
  return checkDir(dir, nodeWorld({ env: {} }), { strict: false, profiles: 'profiles' }).diagnostics;
}

describe('the Shanghai layout\'s rules catch a changed figure', () => {
  test('cross/fund-split: the fiscal summary splits 类 207 between two funds, the per-fund tables do not', () => {
    const es = checkEdited('functional.yaml', 'funds: {general: 199337712}', 'funds: {general: 199000000, gov_fund: 337712}');
    expect(es.map((e) => e.rule)).toEqual(['cross/fund-split', 'cross/fund-split']);
    const [general, fund] = es;
    // one error per cell: both tables, both cells, the difference
    expect(general!.message.zh).toContain('《4. 2026年部门财政拨款收支预算总表》 207 文化旅游体育与传媒支出 一般公共预算拨款 199,000,000');
    expect(general!.message.zh).toContain('《5. 2026年部门一般公共预算支出功能分类预算表》 207 文化旅游体育与传媒支出 合计 199,337,712');
    expect(general!.difference).toBe('-337712');
    expect(fund!.message.zh).toContain('《6. 2026年部门政府性基金预算支出功能分类预算表》 207 文化旅游体育与传媒支出 合计 0');
    expect(fund!.difference).toBe('337712');
    expect(general!.span?.line).toBe(13);
  });

  test('sum/row-income: Table 2\'s 财政拨款收入 of one 项 mistyped', () => {
    const es = checkEdited('functional.yaml', 'income: {total: 4654597, fiscal: 4654597}', 'income: {total: 4654597, fiscal: 4654579}');
    // One mistake, one error (src/check/chains.ts): the row's own sum and its parents' fold into it.
    expect(es.map((e) => e.rule)).toEqual(['sum/row-income']);
    expect(es[0]!.related.length).toBeGreaterThanOrEqual(2);
  });

  test('sum/personnel-public: 公用经费 of 303 mistyped', () => {
    const es = checkEdited('economic.yaml', 'basic: 3712280, personnel: 3259560, public: 452720', 'basic: 3712280, personnel: 3259560, public: 452702');
    expect(es.map((e) => e.rule)).toEqual(['sum/personnel-public']);
    expect(es[0]!.related.length).toBeGreaterThanOrEqual(2);
  });

  test('cross/three-public-economic: 9.375 万元 truncated to 9.37 instead of rounded to 9.38', () => {
    const es = checkEdited('other.yaml', '    vehicle_running: 9.38\n  last_year', '    vehicle_running: 9.37\n  last_year');
    expect(es.map((e) => e.rule)).toContain('cross/three-public-economic');
    const e = es.find((x) => x.rule === 'cross/three-public-economic')!;
    expect(e.message.zh).toContain('公务用车运行维护费 9.37');
    expect(e.message.zh).toContain('30231 的基本支出（93750 元，按万元四舍五入） 9.38');
  });

  test('sum/vehicle-kinds: a vehicle count by kind mistyped', () => {
    const es = checkEdited('other.yaml', '    - {name: 其他用车, count: 4}', '    - {name: 其他用车, count: 3}');
    expect(es.map((e) => e.rule)).toEqual(['sum/vehicle-kinds']);
    expect(es[0]!.difference).toBe('1');
  });

  test('sum/vehicle-kinds: the small-firm reservation above the SME one', () => {
    const es = checkEdited('other.yaml', 'micro: 847.33', 'micro: 8470.33');
    expect(es.map((e) => e.rule)).toEqual(['sum/vehicle-kinds']);
  });

  test('prose/direction: a reason saying 减少 where the budget rises is a warning, in both layouts', () => {
    const sh = checkAll('fixtures/reference-shanghai-2026', 'department.yaml', 'change_reason: 基本支出增加', 'change_reason: 基本支出减少');
    expect(sh.map((d) => `${d.severity} ${d.rule}`)).toEqual(['warning prose/direction']);
    expect(sh[0]!.message.zh).toBe('预算收支增减主要原因写的是“减少”，而收入预算比上年增加（274500）');
    // the default layout: its reference's income fell by 160 万元; a reason worded 增加 is reported
    const sz = checkAll('data/2023', 'department.yaml', '压减开支，厉行节约，减少数据运行维护等相关费用', '人员经费增加').filter((d) => d.severity !== 'note');
    expect(sz.map((d) => `${d.severity} ${d.rule}`)).toEqual(['warning prose/direction']);
    // unchanged, both references have none
    expect(checkAll('data/2023', 'department.yaml', '压减开支', '压减开支').filter((d) => d.rule === 'prose/direction')).toEqual([]);
  });

  test('a fact the format leaves optional but the default layout prints (requires) is still required there', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'budget-req-')), '2023');
    cpSync('data/2023', dir, { recursive: true });
    rmSync(join(dir, 'performance.yaml'));
    const c = checkDir(dir, nodeWorld({ env: {} }), { strict: false, profiles: 'profiles' });
    expect(c.diagnostics.map((d) => `${d.rule} ${d.message.zh}`)).toEqual(['shape/missing-value 版式要求 performance，数据中没有']);
    expect(c.budget).toBeUndefined();
    // the Shanghai layout prints no such form: its reference has none and passes (above)
  });

  test('cross/running-cost-public: a running cost above the whole 公用经费', () => {
    const es = checkEdited('other.yaml', 'running_cost: 182.65', 'running_cost: 1826.50');
    expect(es.map((e) => e.rule)).toEqual(['cross/running-cost-public']);
    expect(es[0]!.message.zh).toContain('1,806.32');
  });
});
