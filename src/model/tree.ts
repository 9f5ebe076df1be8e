import type { Classification, ClassRow } from './budget.js';
import { treeOfLevels, type ClassTree } from '../schema/index.js';

/**
 * The 类/款/项 tree of a classification, built once by the model and read by everything after it
 * (the model's roll-up, the check's `BudgetView`, the tables' parent-row formulas): a row's parent is
 * the nearest preceding row one level up (the shape check has made sure its code extends the
 * parent's, `shape/code-parent`), the 类 rows are the department row's children. The derivation
 * itself is the schema's (src/schema/classes.ts), which the shape check runs before there is a
 * model, and `budget fix` and `budget import` before there is one; re-exported here for them.
 */
export { CODE_LENGTHS, codeTree, levelOfCode, treeOfLevels, type ClassTree } from '../schema/index.js';

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
