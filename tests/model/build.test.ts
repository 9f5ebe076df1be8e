import { describe, expect, test } from 'vitest';
import { buildBudget } from '../../src/model/index.js';
import type { ClassRow, Fig } from '../../src/model/index.js';
import { toPlain } from '../../src/money/decimal.js';
import { validateShape } from '../../src/schema/index.js';
import { loadTree } from '../schema/load.js';

// Expected figures are read off the seed (seeds/000_6f41c63c8f66b8fd.txt), not off data/2023.
const tree = loadTree('data/2023');
const shape = validateShape(tree);
const b = buildBudget(shape.input!);
const v = (f: Fig) => toPlain(f.value);
const row = (rows: readonly ClassRow[], code: string) => {
  const r = rows.find((x) => x.code.text === code);
  if (!r) throw new Error(`no row ${code}`);
  return r;
};
const cols = (r: ClassRow) => [v(r.total), v(r.basic), v(r.project)];

describe('data/2023 → Budget', () => {
  test('validates with no diagnostics', () => {
    expect(shape.diagnostics).toEqual([]);
    expect(shape.input).toBeDefined();
  });

  test('department (Part 1, Table 12 header)', () => {
    expect(b.department.name.text).toBe('深圳市福田区数据管理中心');
    expect(b.department.supervisor.text).toBe('深圳市福田区政务服务数据管理局');
    expect(b.department.year).toBe(2023);
    expect(b.department.unit).toBe('万元');
    expect(b.department.duties).toHaveLength(8);
    expect(b.department.duties[5].text).toBe('协助开展网格管理信息化建设工作。');
    expect(b.department.units[0].divisions.map((d) => d.text)).toEqual(['综合部', '信息安全部', '数据资源部', '基础设施部']);
    const s = b.department.staffing_total!;
    expect([s.admin_quota, s.admin_actual, s.inst_quota, s.inst_actual, s.retired_veteran, s.retired].map(v)).toEqual(['0', '0', '18', '14', '0', '4']);
  });

  test('income and expenditure totals (Tables 1, 2, 6)', () => {
    expect(v(b.income.total)).toBe('5158');
    expect(v(b.income.general)).toBe('5158');
    expect(v(b.income.general_kinds.basic)).toBe('994');
    expect(v(b.income.general_kinds.performance)).toBe('4164');
    expect(v(b.income.unit_funds)).toBe('0');
    expect(v(b.expenditure.total)).toBe('5158');
    expect(b.income.total.span?.file).toMatch(/income\.yaml$/);
  });

  test('functional rows (Tables 3 and 7)', () => {
    const f = b.functional;
    expect(cols(f.total)).toEqual(['5158', '994', '4164']);
    expect(v(f.total.procurement!.total)).toBe('512');
    expect(f.rows.map((r) => r.code.text)).toEqual([
      '201', '20103', '2010350', '208', '20805', '2080502', '2080505', '2080506', '20899', '2089999',
      '210', '21011', '2101102', '221', '22102', '2210201', '2210203',
    ]);
    expect(cols(row(f.rows, '201'))).toEqual(['4959', '796', '4164']);
    expect(row(f.rows, '201').level).toBe(1);
    expect(row(f.rows, '20103').level).toBe(2);
    expect(row(f.rows, '2010350').level).toBe(3);
    expect(cols(row(f.rows, '20805'))).toEqual(['98', '98', '0']);
    expect(cols(row(f.rows, '2210203'))).toEqual(['27', '27', '0']);
    expect(row(f.rows, '2210203').name.text).toBe('购房补贴');
    // by_source: leaves all general; parents the sums of their children
    expect(v(row(f.rows, '2010350').by_source.general!.project)).toBe('4164');
    expect(v(row(f.rows, '208').by_source.general!.basic)).toBe('99');
    // by_source is always computed: 796 + 99 + 15 + 85 = 995 (the seed prints 994: a 尾数误差 the checker notes)
    expect(v(f.total.by_source.general!.basic)).toBe('995');
    expect(f.total.by_source.general!.basic.span).toBeUndefined();
    expect(f.total.basic.span).toBeDefined();
  });

  test("economic rows (Table 8) and Table 4's basic column", () => {
    const e = b.economic;
    expect(cols(e.total)).toEqual(['5158', '994', '4164']);
    expect(cols(row(e.rows, '302'))).toEqual(['4191', '27', '4164']);
    expect(cols(row(e.rows, '30299'))).toEqual(['3585', '2', '3583']);
    expect(cols(row(e.rows, '30206'))).toEqual(['4', '0', '4']);
    // Table 4 lists 30399 (written 0) but not 30206 电费
    expect(row(e.rows, '30399').basic_written).toBe(true);
    expect(row(e.rows, '30206').basic_written).toBe(false);
    expect(row(e.rows, '30207').basic_written).toBe(false);
    const t4 = e.rows.filter((r) => r.basic_written).map((r) => r.name.text);
    expect(t4).toHaveLength(22); // Table 4: 3 类 + 19 款
    expect(t4).toContain('其他对个人和家庭的补助');
    expect(t4).not.toContain('电费');
  });

  test('Part 3 summary and projects (Table 5)', () => {
    expect([b.summary.personnel, b.summary.public, b.summary.household, b.summary.project].map(v)).toEqual(['919', '28', '47', '4164']);
    expect(b.summary.personnel.includes.text).toBe('在职人员（含事业编、特聘及雇员）工资福利支出。');
    expect(b.summary.codes.public).toEqual(['302']);
    expect(b.projects.map((p) => [p.name.text, v(p.amount), p.kind])).toEqual([
      ['电子政务运行维护', '4094', 'performance'],
      ['一般管理事务', '70', 'performance'],
    ]);
    expect(b.projects[0].items.map((i) => v(i.amount))).toEqual(['1486', '2163', '252', '193']);
    expect(b.projects[1].items.map((i) => [i.name.text, v(i.amount), i.purpose?.text])).toEqual([
      ['劳务派遣人员', '35', '用于劳务派遣人员经费'],
      ['其他一般管理事务', '35', undefined],
    ]);
    expect(v(b.projects[0].by_source.general!)).toBe('4094');
    expect(b.projects[0].performance!.indicators[1].text.text).toContain('系统巡检验收合格率 100%');
  });

  test('procurement, 三公, running cost, assets (Parts 4, 5, 8; Table 9)', () => {
    expect([b.procurement.total, b.procurement.goods, b.procurement.works, b.procurement.services].map(v)).toEqual(['512', '0', '0', '512']);
    for (const y of [b.three_public.this_year, b.three_public.last_year, b.three_public.change]) {
      expect([y.total, y.abroad, y.reception, y.vehicles, y.vehicle_purchase, y.vehicle_running].map(v)).toEqual(['0', '0', '0', '0', '0', '0']);
    }
    expect(v(b.running_cost)).toBe('0');
    expect(v(b.assets.general_equipment)).toBe('62');
    expect(b.assets.as_of.text).toBe('2022 年 10 月');
  });

  test('Table 12 tasks, goal and indicators', () => {
    const p = b.performance;
    expect(p.tasks.map((t) => [t.name.text, v(t.total), v(t.fiscal), v(t.other)])).toEqual([
      ['一般管理事务', '70', '70', '0'],
      ['电子政务运行维护', '4094', '4094', '0'],
      ['人员类支出', '994', '994', '0'],
    ]);
    expect(p.tasks[2].ref).toEqual({ basic: true });
    expect(p.tasks[0].ref).toEqual({ project: '一般管理事务' });
    expect([p.total, p.total_fiscal, p.total_other].map(v)).toEqual(['5158', '5158', '0']);
    expect(p.indicators).toHaveLength(43);
    expect(p.indicators.filter((i) => i.level2.text === '数量')).toHaveLength(12);
    expect(p.indicators.find((i) => i.level3.text === '安全漏洞修复率')!.target.text).toBe('＞95%');
  });

  test('prior year and comparison (Part 2)', () => {
    expect(b.prior.year).toBe(2022);
    expect(v(b.prior.income_total)).toBe('5318');
    expect(v(b.comparison!.change!)).toBe('-160');
    expect(v(b.comparison!.percent!)).toBe('-3');
  });
});

describe('classification rows have one shape', () => {
  // Every row of both classifications and both department rows has the same keys in the same
  // order (a cell a row has not got is undefined, not absent): the model's roll-ups, the check and
  // the tables read rows of both kinds, and V8 keeps code that reads objects of one shape. With
  // the keys a row happens to have, a functional row (procurement, income) and an economic row
  // (neither) had two shapes, and a 10,000-row check compiled the roll-up helpers up to four times.
  const shanghai = buildBudget(validateShape(loadTree('fixtures/reference-shanghai-2026')).input!);
  const all = (x: ReturnType<typeof buildBudget>) => [x.functional.total, ...x.functional.rows, x.economic.total, ...x.economic.rows];
  const keys = (r: ClassRow) => Object.keys(r).join(',');
  const ORDER = 'code,name,level,total,basic,project,by_source,basic_written,procurement,funds,purpose,income,personnel,public,span';

  test.each([
    ['data/2023', b],
    ['the Shanghai reference (rows writing funds, purpose, income, 人员经费/公用经费)', shanghai],
  ])('%s: every row, leaf or parent, functional or economic, and the department rows', (_what, budget) => {
    const rows = all(budget);
    expect(new Set(rows.map(keys))).toEqual(new Set([ORDER]));
    // what a row has not got reads as before: undefined
    expect(budget.economic.rows.every((r) => r.procurement === undefined && r.income === undefined)).toBe(true);
    expect(budget.functional.rows.every((r) => r.procurement !== undefined && r.income !== undefined)).toBe(true);
  });

  test('the Shanghai reference has the optional cells the test above is about', () => {
    const rows = all(shanghai);
    for (const k of ['funds', 'purpose', 'personnel', 'public'] as const) {
      expect(rows.some((r) => r[k] !== undefined), k).toBe(true);
      expect(rows.some((r) => r[k] === undefined), k).toBe(true);
    }
  });
});
