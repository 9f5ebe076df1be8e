import { describe, expect, test } from 'vitest';
import { shapeWith } from './load.js';

/**
 * A unit typed into a figure (issue 11 §1): "5158万元" is an amount with its unit written after it,
 * the way prose writes it. The message names the unit and the fix is the bare figure.
 */
describe('a unit written into a value', () => {
  test.each([
    ['5158万元', '万元', '5158'],
    ['5,158 万元', '万元', '5,158'],
    ['5158元', '元', '5158'],
  ])('%s: names the unit and says to write the bare figure', (written, unit, figure) => {
    const ds = shapeWith('income.yaml', '  total: 5158               # 收入总计', `  total: ${written}               # 收入总计`);
    expect(ds.map((d) => d.rule)).toEqual(['shape/wrong-type']);
    expect(ds[0].span).toMatchObject({ line: 5, col: 10 });
    expect(ds[0].message.zh).toContain(`「${unit}」`);
    expect(ds[0].help?.zh).toBe(`去掉「${unit}」，写成 ${figure}：金额的单位由 department.unit 统一声明`);
    expect(ds[0].help?.en).toContain(`write ${figure}`);
  });

  test('a text that is not a figure with a unit keeps the general message', () => {
    const ds = shapeWith('income.yaml', '  total: 5158               # 收入总计', '  total: 约五千万元               # 收入总计');
    expect(ds.map((d) => d.rule)).toEqual(['shape/wrong-type']);
    expect(ds[0].help?.zh).not.toContain('去掉');
  });
});
