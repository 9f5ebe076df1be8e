import { describe, expect, test } from 'vitest';
import { shapeWith as shapeOfEdit } from './load.js';

/**
 * shape/number-as-string: a figure written in quotes. A quoted amount is "an amount written as a
 * quoted text" with its figure; a quoted year or head count is a number, not an amount — it was
 * called "金额" and its figure line printed the year as "2,023".
 */
function shapeWith(file: string, from: string, to: string) {
  return shapeOfEdit(file, from, to).filter((d) => d.rule === 'shape/number-as-string');
}

describe('a quoted figure is named for what it is', () => {
  test('a quoted year is a number, without a figure line', () => {
    const ds = shapeWith('department.yaml', '  year: 2023', '  year: "2023"');
    expect(ds).toHaveLength(1);
    expect(ds[0].message.zh).toBe('数字写成了带引号的文字 "2023"：department.year（年度）');
    expect(ds[0].message.en).not.toMatch(/amount/);
    expect(ds[0].figures).toEqual([]);
    expect(ds[0].help?.zh).toBe('去掉引号，写成 2023');
  });

  test('a quoted amount is still an amount, with its figure', () => {
    const ds = shapeWith('economic.yaml', '  total: {total: 5158,', '  total: {total: "5158",');
    expect(ds).toHaveLength(1);
    expect(ds[0].message.zh).toMatch(/^金额写成了带引号的文字 "5158"：/);
    expect(ds[0].figures.map((f) => f.value)).toEqual(['5158']);
  });
});
