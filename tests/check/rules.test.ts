/**
 * Each rule against a hand-built budget (the seed's figures, typed in: tests/check/builder.ts) with
 * one figure broken: the rule reports an error that points at the broken or declared figure and
 * lists the figures compared.
 */
import { describe, expect, test } from 'vitest';
import { checkBudget } from '../../src/check/index.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import type { Budget, Fig } from '../../src/model/budget.js';
import { eRow, fRow, refBudget, row, w } from './builder.js';
import { shenzhenFeeds } from './feeds.js';

interface Case {
  name: string;
  rule: string;
  patch: (d: any) => void;
  /** The figure the first finding of the rule must point at. */
  at: (b: Budget) => Fig;
  figures: string[];
  difference?: string;
}

const CASES: Case[] = [
  {
    name: '301 工资福利支出 is not the sum of its 款',
    rule: 'sum/class-children',
    patch: (d) => (d.economic.rows[1] = row('30101', '基本工资', '280', '280', '0')),
    at: (b) => eRow(b, '301').total,
    figures: ['919', '280', '114', '57', '250', '58', '18', '15', '1', '58', '78'],
    difference: '-10',
  },
  {
    name: '2210203 购房补贴 total is not basic + project',
    rule: 'sum/row-split',
    patch: (d) => (d.functional.rows[16] = row('2210203', '购房补贴', '29', '27', '0')),
    at: (b) => fRow(b, '2210203').total,
    figures: ['29', '27', '0'],
    difference: '2',
  },
  {
    name: 'a row split by source does not add up to its basic column',
    rule: 'sum/row-sources',
    patch: (d) =>
      (d.functional.rows[5] = row('2080502', '事业单位离退休', '22', '22', '0', {
        by_source: { general: { basic: '19', project: '0' }, unit_business: { basic: '1', project: '0' } },
      })),
    at: (b) => fRow(b, '2080502').basic,
    figures: ['22', '19', '1'],
    difference: '2',
  },
  {
    name: 'SME procurement larger than the procurement subtotal',
    rule: 'sum/procurement',
    patch: (d) => (d.functional.rows[2] = row('2010350', '事业运行', '4959', '796', '4164', { proc: ['512', '600', '0'] })),
    at: (b) => fRow(b, '2010350').procurement!.sme,
    figures: ['600', '512'],
    difference: '88',
  },
  {
    name: '一般公共预算拨款 is not the sum of its four kinds',
    rule: 'sum/income',
    patch: (d) => (d.income.general_kinds.performance = w('4146')),
    at: (b) => b.income.general,
    figures: ['5158', '994', '4146', '0', '0'],
    difference: '18',
  },
  {
    name: 'income and expenditure totals differ',
    rule: 'balance/income-expenditure',
    patch: (d) => (d.expenditure.total = w('5185')),
    at: (b) => b.income.total,
    figures: ['5158', '5185'],
    difference: '-27',
  },
  {
    name: '本年支出合计 is not the functional department total',
    rule: 'cross/expenditure-total',
    patch: (d) => (d.expenditure.current_total = w('5168')),
    at: (b) => b.expenditure.current_total,
    figures: ['5168', '5158'],
    difference: '10',
  },
  {
    name: 'the economic basic column disagrees with the functional one',
    rule: 'cross/functional-economic',
    patch: (d) => (d.economic.total = row('', '深圳市福田区数据管理中心', '5113', '949', '4164')),
    at: (b) => b.economic.total.total,
    figures: ['5113', '5158'],
    difference: '-45',
  },
  {
    name: 'a project of another kind leaves the duty-project appropriation unspent',
    rule: 'cross/income-sources',
    patch: (d) => (d.projects[1].kind = 'special'),
    at: (b) => b.income.general_kinds.performance,
    figures: ['4164', '4094'],
    difference: '70',
  },
  {
    name: "a project's items do not add up to it",
    rule: 'cross/projects',
    patch: (d) => (d.projects[1].items[1].amount = w('53')),
    at: (b) => b.projects[1].amount,
    figures: ['70', '35', '53'],
    difference: '-18',
  },
  {
    name: 'Part 3 personnel line against 301 basic',
    rule: 'cross/summary',
    patch: (d) => (d.summary.personnel = { ...w('991'), includes: { text: '' } }),
    at: (b) => b.summary.total,
    figures: ['5158', '991', '28', '47', '4164'],
    difference: '-72',
  },
  {
    name: 'goods + works + services is not the procurement total',
    rule: 'cross/procurement-plan',
    patch: (d) => (d.procurement.services = w('521')),
    at: (b) => b.procurement.total,
    figures: ['512', '0', '0', '521'],
    difference: '-9',
  },
  {
    name: 'the 三公 total is not its three parts',
    rule: 'sum/three-public',
    patch: (d) => (d.three_public.this_year.reception = w('3')),
    at: (b) => b.three_public.this_year.total,
    figures: ['0', '0', '3', '0'],
    difference: '-3',
  },
  {
    name: 'a Table 12 task disagrees with the tasks total',
    rule: 'sum/performance',
    patch: (d) => {
      d.performance.tasks[0].total = w('75');
      d.performance.tasks[0].fiscal = w('75');
    },
    at: (b) => b.performance.total,
    figures: ['5158', '75', '4094', '994'],
    difference: '-5',
  },
  {
    name: 'the declared change is not this year − last year',
    rule: 'cross/comparison',
    patch: (d) => (d.comparison.change = w('-150')),
    at: (b) => b.comparison!.change!,
    figures: ['-150', '5158', '5318'],
    difference: '10',
  },
  {
    name: 'the department staffing total is not the sum over units',
    rule: 'sum/staffing',
    patch: (d) => (d.department.staffing_total.inst_quota = w('19')),
    at: (b) => b.department.staffing_total!.inst_quota,
    figures: ['19', '18'],
    difference: '1',
  },
];

describe('each rule finds its broken figure', () => {
  for (const k of CASES) {
    test(`${k.rule}: ${k.name}`, () => {
      const b = refBudget(k.patch);
      const ds = checkBudget(b, { feeds: shenzhenFeeds(b) }).diagnostics.filter((d) => d.rule === k.rule && d.severity === 'error');
      expect(ds.length).toBeGreaterThan(0);
      const d = ds[0];
      expect(d.span).toEqual(k.at(b).span);
      expect(d.figures.map((f) => f.value)).toEqual(k.figures);
      if (k.difference) expect(d.difference).toBe(k.difference);
      expect(d.message.zh.length).toBeGreaterThan(10);
      expect(d.message.en.length).toBeGreaterThan(10);
      expect(d.help?.zh && d.help.en).toBeTruthy();
      expect(d.feeds?.length).toBeGreaterThan(0);
      // and the unbroken budget has no error from this rule
      expect(checkBudget(refBudget()).diagnostics.filter((x) => x.rule === k.rule && x.severity === 'error')).toEqual([]);
    });
  }
});

describe('findings that are not sums', () => {
  const errors = (b: Budget, rule: string): Diagnostic[] => checkBudget(b).diagnostics.filter((d) => d.rule === rule && d.severity === 'error');

  test('a declared percent that is not change / prior × 100, rounded', () => {
    const b = refBudget((d) => (d.comparison.percent = w('-4')));
    const [d] = errors(b, 'cross/comparison');
    expect(d.span).toEqual(b.comparison!.percent!.span);
    expect(d.figures.map((f) => f.value)).toEqual(['-4', '-160', '5318']);
    expect(d.help?.zh).toContain('-3');
  });
  test('a percent on a zero base is not comparable', () => {
    const b = refBudget((d) => {
      d.prior.income_total = w('0');
      d.prior.expenditure_total = w('0');
      d.comparison = { change: w('5158'), percent: w('100') };
    });
    const ds = errors(b, 'cross/comparison');
    expect(ds).toHaveLength(1);
    expect(ds[0].message.zh).toContain('不可比');
    expect(ds[0].span).toEqual(b.comparison!.percent!.span);
  });
  test('a Table 12 task that refers to an unknown project', () => {
    const b = refBudget((d) => (d.performance.tasks[0].ref = { project: '一般管理' }));
    const [d] = errors(b, 'sum/performance');
    expect(d.span).toEqual(b.performance.tasks[0].span);
    expect(d.message.zh).toContain('一般管理');
  });
  test('a Part 3 line that names an economic code the budget does not have', () => {
    const b = refBudget((d) => (d.summary.codes = { ...d.summary.codes, public: ['309'] }));
    const [d] = errors(b, 'cross/summary');
    expect(d.span).toEqual(b.summary.public.span);
    expect(d.message.zh).toContain('309');
  });
  test('with money carried forward, a source may keep more than it spends, never less', () => {
    const ok = refBudget((d) => {
      d.expenditure = { current_total: w('5158'), carry_forward: w('10'), total: w('5168') };
      d.income.total = w('5168');
      d.income.current_total = w('5168');
      d.income.special_account = w('10');
      d.income.government = w('5158');
    });
    expect(errors(ok, 'cross/income-sources')).toEqual([]);
    const bad = refBudget((d) => {
      d.functional.rows[5] = row('2080502', '事业单位离退休', '22', '22', '0', {
        by_source: { general: { basic: '12', project: '0' }, special_account: { basic: '10', project: '0' } },
      });
    });
    const ds = errors(bad, 'cross/income-sources');
    expect(ds.map((d) => d.figures.map((f) => f.value))).toEqual([
      ['0', '10'], // special account: received 0, spent 10
      ['5158', '5148'], // general: received 5,158, the rest of the expenditure is 5,148
      ['994', '984'],
    ]);
  });
});
