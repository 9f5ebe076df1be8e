/**
 * One fixture per arithmetic rule: fixtures/invalid/arithmetic.json lists, per rule, one figure of
 * data/2023 changed on one line (and what the change means), made in memory by
 * tests/fixtures/invalid.ts. Each must load cleanly (the shape is fine) and give an error of its
 * rule at the changed or declared figure, with the figures compared.
 */
import { describe, expect, test } from 'vitest';
import { checkBudget, CHECK_RULES } from '../../src/check/index.js';
import { ARITHMETIC_CASES, caseInputs, dirOf } from '../fixtures/invalid.js';
import { load } from './load.js';

interface Fixture {
  dir: string;
  rule: string;
  file: string;
  line: number;
  figures: string[];
  difference: string;
}

const F = (dir: string, rule: string, at: string, figures: string[], difference: string): Fixture => {
  const [file, line] = at.split(':');
  return { dir, rule, file, line: Number(line), figures, difference };
};

const FIXTURES: Fixture[] = [
  F('parent-not-sum', 'sum/class-children', 'economic.yaml:11', ['919', '280', '114', '57', '250', '58', '18', '15', '1', '58', '78'], '-10'),
  F('row-total-not-basic-plus-project', 'sum/row-split', 'functional.yaml:27', ['29', '27', '0'], '2'),
  F('source-split-not-sum', 'sum/row-sources', 'functional.yaml:16', ['22', '19', '1'], '2'),
  F('parent-split-not-children', 'sum/class-children', 'functional.yaml:11', ['700', '796'], '-96'),
  F('procurement-share-exceeds-total', 'sum/procurement', 'functional.yaml:13', ['600', '512'], '88'),
  F('income-split-not-sum', 'sum/income', 'income.yaml:9', ['5158', '994', '4146', '0', '0'], '18'),
  F('income-expenditure-unbalanced', 'balance/income-expenditure', 'income.yaml:5', ['5158', '5185'], '-27'),
  F('expenditure-total-not-functional', 'cross/expenditure-total', 'income.yaml:27', ['5168', '5158'], '10'),
  F('functional-economic-differ', 'cross/functional-economic', 'economic.yaml:9', ['949', '994'], '-45'),
  F('income-source-unmatched', 'cross/income-sources', 'income.yaml:11', ['4164', '4094'], '70'),
  F('project-items-not-sum', 'cross/projects', 'projects.yaml:29', ['70', '35', '53'], '-18'),
  F('summary-line-not-economic', 'cross/summary', 'economic.yaml:42', ['991', '919'], '72'),
  F('procurement-plan-not-table3', 'cross/procurement-plan', 'other.yaml:5', ['512', '0', '0', '521'], '-9'),
  F('three-public-not-sum', 'sum/three-public', 'other.yaml:13', ['0', '0', '3', '0'], '-3'),
  F('performance-task-not-project', 'sum/performance', 'performance.yaml:8', ['75', '70'], '5'),
  F('comparison-percent-wrong', 'cross/comparison', 'department.yaml:62', ['-4', '-160', '5318'], '-1'),
  F('staffing-total-not-units', 'sum/staffing', 'department.yaml:37', ['19', '18'], '1'),
];

describe('fixtures/invalid: one broken figure per rule', () => {
  test('every arithmetic rule has its fixture', () => {
    // The rules of the Shanghai layout's facts have their cases on that reference (tests/shanghai/check.test.ts).
    const elsewhere = new Set(['cross/fund-split', 'sum/row-income', 'sum/personnel-public', 'cross/three-public-economic', 'cross/running-cost-public', 'sum/vehicle-kinds', 'prose/direction']);
    expect(new Set(FIXTURES.map((f) => f.rule))).toEqual(new Set(CHECK_RULES.map((r) => r.id).filter((id) => !elsewhere.has(id))));
  });

  test('every case of arithmetic.json has its expectation here, for the rule it names', () => {
    expect(ARITHMETIC_CASES.map((c) => [c.name, c.rule])).toEqual(FIXTURES.map((f) => [f.dir, f.rule]));
  });

  for (const f of FIXTURES) {
    test(`${f.dir} → ${f.rule} at ${f.file}:${f.line}`, () => {
      const dir = dirOf(f.dir);
      const loaded = load(dir, caseInputs(ARITHMETIC_CASES.find((c) => c.name === f.dir)!));
      expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const errors = checkBudget(loaded.budget!).diagnostics.filter((d) => d.severity === 'error');
      const hit = errors.find((d) => d.rule === f.rule && d.span?.file === `${dir}/${f.file}` && d.span.line === f.line && d.figures.map((x) => x.value).join() === f.figures.join());
      expect(hit, `${f.rule} at ${f.file}:${f.line} among\n${errors.map((d) => `${d.rule} ${d.span?.file}:${d.span?.line} ${d.figures.map((x) => x.value)}`).join('\n')}`).toBeDefined();
      expect(hit!.difference).toBe(f.difference);
      // every figure that was written is shown with its place
      expect(hit!.figures.some((x) => x.span)).toBe(true);
    });
  }
});
