import { describe, expect, it } from 'vitest';
import { codeTree, classTree, levelOfCode } from '../../src/model/tree.js';
import { rowShapes } from '../../src/schema/index.js';
import { loadBudget } from '../document/load.js';

/*
 * The 类/款/项 tree is derived once (src/schema/classes.ts): the shape check, the model, `budget
 * fix` and `budget import` all take a row's parent from `codeTree`.
 */

describe('the classification tree of codes in table order', () => {
  const codes = ['201', '20101', '2010101', '2010102', '20103', '2010350', '208', '20805', '2080505'];

  it('a row’s parent is the nearest preceding row one level up; the 类 rows are the tops', () => {
    const t = codeTree(codes);
    expect(t.parent).toEqual([-1, 0, 1, 1, 0, 4, -1, 6, 7]);
    expect(t.children[0]).toEqual([1, 4]);
    expect(t.children[2]).toEqual([]);
    expect(t.tops).toEqual([0, 6]);
    expect(codes.map(levelOfCode)).toEqual([1, 2, 3, 3, 2, 3, 1, 2, 3]);
  });

  it('the shape check reads the same parents', () => {
    expect(rowShapes(codes).map((s) => s.parent)).toEqual(codeTree(codes).parent);
  });

  it('the model keeps the tree it built by, the same as the codes give', () => {
    const b = loadBudget('data/2023');
    for (const cls of [b.functional, b.economic]) {
      const t = codeTree(cls.rows.map((r) => r.code.text));
      expect(classTree(cls).parent).toEqual(t.parent);
      expect(classTree(cls).tops).toEqual(t.tops);
    }
  });
});
