import { describe, expect, test } from 'vitest';
import { judge, judgeAtMost, sumDecOf, tolOf, writtenTol } from '../../src/check/tolerance.js';
import { dec, toPlain, ZERO } from '../../src/money/decimal.js';
import { checkBudget } from '../../src/check/index.js';
import { c, refBudget, row, w } from './builder.js';

describe('rounding intervals (XBRL Calculations 1.1)', () => {
  test('a written figure stands for ± half a unit of its last digit', () => {
    expect(toPlain(writtenTol(w('27')))).toBe('0.5');
    expect(toPlain(writtenTol(w('27.40')))).toBe('0.005');
    expect(toPlain(writtenTol(w('1,234.5')))).toBe('0.05');
  });
  test('a computed figure carries what it was computed from', () => {
    expect(toPlain(tolOf(c('5'), () => dec('1.5')))).toBe('1.5');
    expect(tolOf(undefined, () => dec('9'))).toEqual(ZERO);
  });
  test('equal, within the summed half-units (inclusive), beyond', () => {
    expect(judge(dec('4959'), dec('4960'), dec('1.5')).verdict).toBe('rounding');
    expect(judge(dec('4959'), dec('4960'), dec('1')).verdict).toBe('rounding'); // |d| = tol: the intervals touch
    expect(judge(dec('4959'), dec('4961'), dec('1.5')).verdict).toBe('error');
    expect(judge(dec('4959'), dec('4959.0'), dec('1.5')).verdict).toBe('equal');
    expect(toPlain(judge(dec('27'), dec('28'), dec('4')).diff)).toBe('-1');
  });
  test('a sum of terms, mapped as it goes: exact, at the finest scale of its terms', () => {
    const half = (x: string) => writtenTol(w(x));
    expect(toPlain(sumDecOf(['27', '1.5', '3.25', '4'], half))).toBe('1.055'); // 0.5 + 0.05 + 0.005 + 0.5
    expect(sumDecOf(['27', '1.5', '3.25'], half).scale).toBe(3);
    expect(sumDecOf(['27', '28'], half)).toEqual({ coef: 10n, scale: 1 });
    expect(toPlain(sumDecOf(['9'], half))).toBe('0.5');
    expect(sumDecOf([], half)).toEqual(ZERO);
  });
  test('a share may exceed its whole only by rounding', () => {
    expect(judgeAtMost(dec('5'), dec('5'), dec('1')).verdict).toBe('equal');
    expect(judgeAtMost(dec('6'), dec('5'), dec('1')).verdict).toBe('rounding');
    expect(judgeAtMost(dec('7'), dec('5'), dec('1')).verdict).toBe('error');
  });
});

describe('tolerance in the rules', () => {
  test('amounts in 元 with two decimals get a tolerance of 0.005 per figure', () => {
    const b = refBudget((d) => {
      d.department.unit = '元';
      // 0.01 off on a row of three figures at two decimals: tolerance 0.015 → a note
      d.functional.rows[5] = row('2080502', '事业单位离退休', '22.01', '22.00', '0.00');
    });
    const ds = checkBudget(b).diagnostics.filter((x) => x.rule === 'sum/row-split' && x.message.zh.startsWith('2080502'));
    expect(ds).toHaveLength(1);
    expect(ds[0].severity).toBe('note');
    expect(ds[0].difference).toBe('0.01');
    expect(ds[0].message.zh).toContain('相差 0.01 元');
    const b2 = refBudget((d) => {
      d.department.unit = '元';
      d.functional.rows[5] = row('2080502', '事业单位离退休', '22.02', '22.00', '0.00');
    });
    const e = checkBudget(b2).diagnostics.filter((x) => x.rule === 'sum/row-split' && x.message.zh.startsWith('2080502'));
    expect(e.map((x) => x.severity)).toEqual(['error']);
  });
  test('a computed parent takes the summed tolerance of its children', () => {
    // 20805's written total 98 against its computed children 22 + 58 + 18 + 1 off:
    // with 20805 computed, 208 (written 99) is compared to 20805 (computed) + 20899 (1)
    const b = refBudget((d) => {
      const r = d.functional.rows[4]; // 20805
      d.functional.rows[4] = { ...r, total: c('98'), basic: c('98'), project: c('0') };
      d.functional.rows[3] = row('208', '社会保障和就业支出', '101', '101', '0', { proc: ['0', '0', '0'] });
    });
    const ds = checkBudget(b).diagnostics.filter((x) => x.rule === 'sum/class-children' && x.figures[0].value === '101');
    // 101 vs 98 + 1 = 99: tolerance 0.5 (208) + 3 × 0.5 (under 20805) + 0.5 (20899) = 2.5, difference 2 → note
    expect(ds.map((x) => x.severity)).toEqual(['note', 'note']);
  });
});
