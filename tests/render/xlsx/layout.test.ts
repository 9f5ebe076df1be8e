import { describe, expect, it } from 'vitest';
import {
  a1,
  colLetters,
  displayWidth,
  layoutHeader,
  sheetName,
  sheetRef,
  sumFormula,
  wrappedLines,
} from '../../../src/render/xlsx/layout.js';

const at = (row: number) => row + 10; // body row i is sheet row i + 10

describe('colLetters / a1', () => {
  it('maps 0-based columns to Excel letters', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(colLetters)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
    expect(a1(7, 15)).toBe('P7');
  });
});

describe('layoutHeader', () => {
  it('places a 3-level tree with leaves spanning down', () => {
    const h = layoutHeader([
      { label: '单位' },
      { label: '本年', children: [{ label: '拨款', children: [{ label: '小计' }, { label: '基本' }] }, { label: '专户' }] },
      { label: '结转' },
    ]);
    expect(h.depth).toBe(3);
    expect(h.width).toBe(5);
    expect(h.leaves).toEqual(['单位', '小计', '基本', '专户', '结转']);
    const byLabel = Object.fromEntries(h.cells.map((c) => [c.label, [c.row, c.col, c.rowSpan, c.colSpan]]));
    expect(byLabel).toEqual({
      单位: [0, 0, 3, 1],
      本年: [0, 1, 1, 3],
      结转: [0, 4, 3, 1],
      拨款: [1, 1, 1, 2],
      专户: [1, 3, 2, 1],
      小计: [2, 1, 1, 1],
      基本: [2, 2, 1, 1],
    });
  });

  it('handles an empty header', () => {
    expect(layoutHeader([])).toMatchObject({ depth: 0, width: 0, cells: [] });
  });
});

describe('sumFormula', () => {
  it('uses a range for three or more contiguous cells down a column', () => {
    expect(sumFormula([{ row: 0, col: 2 }, { row: 1, col: 2 }, { row: 2, col: 2 }], at)).toBe('SUM(C10:C12)');
  });
  it('writes two or a few scattered cells as A+B', () => {
    expect(sumFormula([{ row: 3, col: 3 }, { row: 3, col: 4 }], at)).toBe('D13+E13');
    expect(sumFormula([{ row: 0, col: 1 }, { row: 4, col: 1 }, { row: 5, col: 1 }], at)).toBe('B10+B14+B15');
  });
  it('mixes ranges and cells inside SUM, in sheet order', () => {
    const refs = [2, 7, 8, 9, 10, 11, 12, 13, 14, 15].map((col) => ({ row: 0, col }));
    expect(sumFormula(refs, at)).toBe('SUM(C10,H10:P10)');
  });
  it('ignores duplicates and returns undefined for no parts', () => {
    expect(sumFormula([{ row: 1, col: 0 }, { row: 1, col: 0 }], at)).toBe('A11');
    expect(sumFormula([], at)).toBeUndefined();
  });
  it('uses SUM for many scattered cells', () => {
    const refs = [0, 2, 4, 6, 8].map((row) => ({ row, col: 0 }));
    expect(sumFormula(refs, at)).toBe('SUM(A10,A12,A14,A16,A18)');
  });
});

describe('displayWidth / wrappedLines', () => {
  it('counts CJK and full-width characters double', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('支出总表')).toBe(8);
    expect(displayWidth('政府办公厅（室）')).toBe(16);
    expect(displayWidth('5,158')).toBe(5);
  });
  it('estimates wrapped lines', () => {
    expect(wrappedLines('短', 10)).toBe(1);
    expect(wrappedLines('一二三四五六七八九十', 10)).toBe(3);
    expect(wrappedLines('a\nb', 10)).toBe(2);
  });
});

describe('sheetName', () => {
  it('keeps a valid name and removes forbidden characters', () => {
    const taken = new Set<string>();
    expect(sheetName('表1 收支总表', taken)).toBe('表1 收支总表');
    expect(sheetName('a/b\\c?d*e[f]g:h', taken)).toBe('a_b_c_d_e_f_g_h');
    expect(sheetName("'x'!", taken)).toBe('’x’！');
  });
  it('truncates to 31 characters and de-duplicates ignoring case', () => {
    const taken = new Set<string>();
    const long = '表8 一般公共预算支出表（按经济分类）附加说明很长很长很长很长的名字';
    const first = sheetName(long, taken);
    expect(first.length).toBeLessThanOrEqual(31);
    expect(long.startsWith(first)).toBe(true);
    const second = sheetName(long, taken);
    expect(second.length).toBeLessThanOrEqual(31);
    expect(second.endsWith(' (2)')).toBe(true);
    expect(sheetName('Sheet', taken)).toBe('Sheet');
    expect(sheetName('SHEET', taken)).toBe('SHEET (2)');
    expect(sheetName('', taken)).toBe('Sheet (3)');
    expect(sheetName('History', taken)).toBe('History_');
  });
  it('quotes a sheet reference', () => {
    expect(sheetRef('表1 收支总表', 'A1')).toBe("'表1 收支总表'!A1");
  });
});
