import { describe, expect, it } from 'vitest';
import { checkBudget } from '../../src/check/index.js';
import { BudgetView, columnOf, walk } from '../../src/check/view.js';
import type { Budget, ClassRow, RowIncome } from '../../src/model/budget.js';
import { toPlain } from '../../src/money/decimal.js';
import { c, refBudget, row, w } from './builder.js';

/*
 * A figure the model computed from rounded parts carries their summed tolerance (XBRL Calculations
 * 1.1), by the identity it was computed by (src/model/identities.ts) — also in the rules of a row's
 * income (`ROW_INCOME`) and of 人员经费 | 公用经费, which gave such a figure none.
 */

const income = (total: string, fiscal: string, written: boolean): RowIncome => {
  const f = written ? w : c;
  return { total: f(total), fiscal: f(fiscal), business: c('0'), operating: c('0'), other: c('0') };
};

/** 20805 writes its income, its three 项 leave theirs out (the model computes it from their splits). */
const incomeBudget = (parentFiscal: string) =>
  refBudget((d) => {
    d.functional.rows = d.functional.rows.map((r: ClassRow) => {
      if (r.code.text === '20805') return { ...r, income: income('98', parentFiscal, true) };
      if (['2080502', '2080505', '2080506'].includes(r.code.text)) return { ...r, income: income(r.total.value.coef.toString(), r.total.value.coef.toString(), false) };
      return r;
    });
  });

const byRule = (b: Budget, rule: string) => checkBudget(b).diagnostics.filter((d) => d.rule === rule);

describe("a row's income left out: the tolerance of what the model computed it from", () => {
  const view = new BudgetView(incomeBudget('98'));
  const node = (code: string) => walk(view.functional).find((n) => n.row.code.text === code)!;

  it("a leaf's income part: the summed tolerance of its split's columns from the part's sources", () => {
    // 2080505: 一般公共预算 basic 58 and project 0, both written in whole 万元: ±0.5 each
    expect(toPlain(view.cellTol(node('2080505'), columnOf('income.fiscal')))).toBe('1.0');
    // no 事业收入 source in its split: an exact 0
    expect(toPlain(view.cellTol(node('2080505'), columnOf('income.business')))).toBe('0');
  });

  it("a row's income 合计 left out is its own total, with that figure's tolerance", () => {
    expect(toPlain(view.cellTol(node('2080505'), columnOf('income.total')))).toBe('0.5');
  });

  it("a written parent 1 万元 off its three computed children is within their rounding (a note, not an error)", () => {
    const ds = byRule(incomeBudget('99'), 'sum/row-income');
    expect(ds.filter((d) => d.severity === 'error')).toEqual([]);
    expect(ds.length).toBeGreaterThan(0);
  });

  it('but 4 万元 off is more than their rounding allows (±0.5 + 3 × ±1.0)', () => {
    expect(byRule(incomeBudget('102'), 'sum/row-income').filter((d) => d.severity === 'error').length).toBeGreaterThan(0);
  });
});

describe('公用经费 of a 类 row left out: its leaves\' summed tolerance', () => {
  // 302's leaves with a basic column write it as 公用经费; 302 leaves its own out (the model's
  // roll-up: 28); the department row writes 29 against it.
  const budget = (deptPublic: string) =>
    refBudget((d) => {
      const leaves = ['30201', '30209', '30211', '30213', '30228', '30229', '30299'];
      d.economic.rows = d.economic.rows.map((r: ClassRow) => {
        if (leaves.includes(r.code.text)) return { ...r, public: w(r.basic.value.coef.toString()) };
        if (r.code.text === '302') return { ...r, public: c('28') };
        return r;
      });
      d.economic.total = { ...row('', d.department.name.text, '5158', '994', '4164'), personnel: w(String(994 - Number(deptPublic))), public: w(deptPublic) };
    });

  it('1 万元 off is within the seven leaves\' rounding', () => {
    const ds = byRule(budget('29'), 'sum/personnel-public');
    expect(ds.filter((d) => d.severity === 'error')).toEqual([]);
    expect(ds.length).toBeGreaterThan(0);
  });

  it('5 万元 off is not (±0.5 + 7 × ±0.5)', () => {
    expect(byRule(budget('33'), 'sum/personnel-public').filter((d) => d.severity === 'error').length).toBeGreaterThan(0);
  });
});
