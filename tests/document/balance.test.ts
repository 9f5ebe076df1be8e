import { describe, expect, test } from 'vitest';
import { budgetToDocument } from '../../src/document/index.js';
import type { Document, NumberCell, Table } from '../../src/document/index.js';
import { dec, eq } from '../../src/money/decimal.js';
import { loadBudget, loadProfile, loadTemplates } from './load.js';
const profile = loadProfile();

const templates = loadTemplates();
const tableOf = (dir: string, caption: string): Table => {
  const doc = budgetToDocument(loadBudget(dir), profile, templates).doc as Document;
  return doc.sections.flatMap((s) => s.blocks).find((b): b is Table => b.kind === 'table' && b.caption === caption)!;
};

/** The figure printed next to `label` in a two-sided table (label in column 0 or 2, figure to its right). */
function figure(t: Table, label: string): string {
  for (const r of t.rows) {
    for (const col of [0, 2]) {
      const c = r.cells[col];
      if (c?.kind === 'text' && c.text === label) return (r.cells[col + 1] as NumberCell).value;
    }
  }
  throw new Error(`${t.caption}: no ${label}`);
}

describe('two-sided tables balance: 收入总计 = 支出总计', () => {
  for (const dir of ['data/2023', 'fixtures/synthetic-yuan-2024']) {
    for (const caption of ['表1', '表6']) {
      test(`${caption} of ${dir}`, () => {
        const t = tableOf(dir, caption);
        const income = figure(t, '收入总计');
        const spent = figure(t, '支出总计');
        expect(eq(dec(income), dec(spent)), `${income} vs ${spent}`).toBe(true);
      });
    }
  }

  test('Table 6 of the synthetic fixture: the 上年结余、结转-funded spending (35,000.00) is on the expenditure side', () => {
    // income.yaml: 政府预算拨款 3,256,357.32 + 上年结余、结转 35,000.00; the only carryover-funded
    // spending is functional.yaml's 35,000.00 of project money, so both sides are 3,291,357.32.
    const t = tableOf('fixtures/synthetic-yuan-2024', '表6');
    expect(figure(t, '本年收入合计')).toBe('3256357.32');
    expect(figure(t, '上年结余、结转')).toBe('35000.00');
    expect(figure(t, '本年支出合计')).toBe('3291357.32');
    expect(figure(t, '支出总计')).toBe('3291357.32');
  });
});

describe('Table 1 notes', () => {
  const ROUNDING = '本套报表金额单位转换时可能存在尾数误差。';
  const FISCAL = '注：财政拨款收支情况包括一般公共预算、政府性基金预算、国有资本经营预算拨款收支情况。';
  test('data kept in 万元 (converted from 元): the 尾数误差 note is printed', () => {
    expect(tableOf('data/2023', '表1').notes).toEqual([FISCAL, ROUNDING]);
  });
  test('data kept in 元 (no unit conversion): no 尾数误差 note', () => {
    expect(tableOf('fixtures/synthetic-yuan-2024', '表1').notes).toEqual([FISCAL]);
  });
});
