/**
 * The 类/款/项 tree of a classification's rows, derived from their codes in table order — the one
 * derivation: the shape check tests every code against it (`shape/code-parent`), the model builds by
 * it and keeps it (src/model/tree.ts, which everything after the model reads), and `budget fix` and
 * `budget import`, which edit the source before there is a model, take it from there too.
 *
 * It lives in the schema, not the model, because the shape check needs it and runs before the model
 * (the schema is the lowest stage all four may import; src/model/tree.ts re-exports it).
 */

/** The digits of a code at each level, by classification: 类 3, 款 5, 项 7 (economic: 类 and 款). */
export const CODE_LENGTHS: Readonly<Record<'functional' | 'economic', readonly number[]>> = { functional: [3, 5, 7], economic: [3, 5] };

/** A code's level, by its length: 1 类 (3 digits), 2 款 (5), 3 项 (anything longer or malformed). */
export function levelOfCode(code: string): 1 | 2 | 3 {
  return code.length === 3 ? 1 : code.length === 5 ? 2 : 3;
}

export interface ClassTree {
  /** Each row's parent (an index into the rows), or -1 for a 类 row. */
  readonly parent: readonly number[];
  /** Each row's children, in table order. */
  readonly children: readonly (readonly number[])[];
  /** The 类 rows: the department row's children. */
  readonly tops: readonly number[];
}

/** The tree of rows at these levels (1 类, 2 款, 3 项), in table order: a row's parent is the nearest preceding row one level up. */
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

/** The tree of rows with these codes, in table order. */
export function codeTree(codes: readonly string[]): ClassTree {
  return treeOfLevels(codes.map(levelOfCode));
}
