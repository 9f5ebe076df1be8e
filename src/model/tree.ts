import type { Classification, ClassRow } from './budget.js';

/**
 * The 类/款/项 tree of a classification, built once here and read by everything else (the model's
 * roll-up, the check's `BudgetView`, the tables' parent-row formulas): a row's parent is the
 * nearest preceding row one level up (the shape check has made sure its code extends the parent's,
 * `shape/code-parent`), the 类 rows are the department row's children.
 */
export interface ClassTree {
  /** Each row's parent (an index into `rows`), or -1 for a 类 row. */
  readonly parent: readonly number[];
  /** Each row's children, in table order. */
  readonly children: readonly (readonly number[])[];
  /** The 类 rows: the department row's children. */
  readonly tops: readonly number[];
}

/** The tree of rows at these levels (1 类, 2 款, 3 项), in table order. */
export function treeOfLevels(levels: readonly number[]): ClassTree {
  const cur = [-1, -1, -1];
  const parent: number[] = new Array(levels.length);
  const children: number[][] = levels.map(() => []);
  const tops: number[] = [];
  levels.forEach((level, i) => {
    const p = level === 1 ? -1 : cur[level - 2]!;
    parent[i] = p;
    if (p >= 0) children[p]!.push(i);
    else tops.push(i);
    cur[level - 1] = i;
    for (let l = level; l < 3; l++) cur[l] = -1;
  });
  return { parent, children, tops };
}

const TREES = new WeakMap<readonly ClassRow[], ClassTree>();

/** The tree of a classification's rows (the one the model was built by; cached per rows list). */
export function classTree(c: Classification): ClassTree {
  let t = TREES.get(c.rows);
  if (!t) TREES.set(c.rows, (t = treeOfLevels(c.rows.map((r) => r.level))));
  return t;
}

/** Records the tree a classification was built by (src/model/build.ts), so no one derives it again. */
export function keepTree(rows: readonly ClassRow[], t: ClassTree): void {
  TREES.set(rows, t);
}
