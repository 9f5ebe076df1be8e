import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { shapeWith } from './load.js';

/**
 * shape/name-character: a name holding a control, bidirectional or zero-width character is refused
 * where it is written (file:line:column), before it can reach a file name or the cover title.
 */

const DEPT = 'department:\n  name: 深圳市福田区数据管理中心';

describe('names hold no control, bidi or zero-width characters', () => {
  test.each([
    ['NUL', '"某某区示例局\\0"', 'U+0000'],
    ['a right-to-left override', '"某某区示例局\\u202Efdp.exe"', 'U+202E'],
    ['a zero-width space', '"某某区\\u200B示例局"', 'U+200B'],
    ['a line feed', '"某某区\\n示例局"', 'U+000A'],
    ['a byte order mark inside', '"某某区\\uFEFF示例局"', 'U+FEFF'],
  ])('the department name with %s is a shape error at its line and column', (_what, written, cp) => {
    const ds = shapeWith('department.yaml', DEPT, `department:\n  name: ${written}`);
    expect(ds.map((d) => d.rule)).toEqual(['shape/name-character']);
    expect(ds[0].span).toMatchObject({ file: join('data/2023', 'department.yaml'), line: 6, col: 9 });
    expect(ds[0].message.en).toContain(cp);
    expect(ds[0].message.en).toContain('department.name');
    expect(ds[0].help?.zh).toBeTruthy();
  });

  test("a project's and an item's names are checked too", () => {
    const ds = shapeWith('projects.yaml', '{name: 数据资源运行维护,', '{name: "数据资源\\u200D运行维护",');
    expect(ds.map((d) => d.rule)).toEqual(['shape/name-character']);
    expect(ds[0].message.en).toMatch(/projects\[0\]\.items\[0\]\.name holds U\+200D/);
  });

  test("a division's name is checked, and each finding names its own place", () => {
    // a refused character in a division and in the unit's name after it: the walk's path is one
    // list it pushes and pops, so the second finding must not carry the first one's index
    const ds = shapeWith(
      'department.yaml',
      '    - name: 深圳市福田区数据管理中心\n      divisions: [综合部, 信息安全部,',
      '    - name: 深圳市福田区数据管理中心\n      divisions: [综合部, "信息\\u200B安全部",',
    );
    expect(ds.map((d) => d.message.en)).toEqual(['the name department.units[0].divisions[1] holds U+200B (zero width space)']);
    const both = shapeWith(
      'department.yaml',
      '    - name: 深圳市福田区数据管理中心\n      divisions: [综合部, 信息安全部, 数据资源部, 基础设施部]',
      '    - name: 深圳市福田区数据管理中心\n      divisions: [综合部, "信息\\u200B安全部", 数据资源部, 基础设施部]\n    - name: "第二\\u200B单位"\n      divisions: []',
    );
    expect(both.map((d) => d.message.en)).toEqual([
      'the name department.units[0].divisions[1] holds U+200B (zero width space)',
      'the name department.units[1].name holds U+200B (zero width space)',
    ]);
  });

  test('ordinary punctuation, spaces and full-width characters are names as usual', () => {
    expect(shapeWith('department.yaml', DEPT, 'department:\n  name: "某某区示例局（筹）· A&B 2031"')).toEqual([]);
  });
});

/**
 * shape/empty-name: a name written as "" or as spaces only once passed check and build, giving a
 * cover without a title (and the file name "budget.pdf").
 */
describe('names are not empty', () => {
  test.each([
    ['empty quotes', '""'],
    ['spaces', '"   "'],
    ['a full-width space', '"\u3000"'],
  ])('the department name written as %s is a shape error at its line and column', (_what, written) => {
    const ds = shapeWith('department.yaml', DEPT, `department:\n  name: ${written}`);
    expect(ds.map((d) => d.rule)).toEqual(['shape/empty-name']);
    expect(ds[0].span).toMatchObject({ file: join('data/2023', 'department.yaml'), line: 6, col: 9 });
    expect(ds[0].message.en).toBe('the name department.name is empty');
  });

  test("a row's empty name is found too", () => {
    const ds = shapeWith('economic.yaml', '{code: 30228, name: 工会经费,', '{code: 30228, name: "",');
    expect(ds.map((d) => d.rule)).toEqual(['shape/empty-name']);
    expect(ds[0].message.en).toMatch(/economic\.rows\[\d+\]\.name is empty/);
  });
});
