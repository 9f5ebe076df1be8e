import { keySpan, keyText, nodeAt } from '../source/index.js';
import type { Node, Path, ScalarNode } from '../source/tree.js';
import type { Span } from '../source/span.js';

/** Accessors over the parsed source tree (src/source does the parsing and path walking). */

export { keyText };

export function get(node: Node | undefined, key: string | number): Node | undefined {
  if (!node) return undefined;
  if (typeof key === 'number') return node.kind === 'seq' ? node.items[key] : undefined;
  return node.kind === 'map' ? node.entries.find((e) => keyText(e.key) === key)?.value : undefined;
}

/** The node at a path of keys and indices, or undefined when the path leaves the tree. */
export function nodeAtPath(root: Node, path: Path): Node | undefined {
  const r = nodeAt(root, path);
  return r.exists ? r.node : undefined;
}

/** The span of the key `key` in the map at `path` (for unknown keys). */
export function keySpanAt(root: Node, path: Path, key: string): Span | undefined {
  const n = nodeAtPath(root, path);
  return n?.kind === 'map' ? keySpan(n, key) : undefined;
}

/**
 * The best place to point at for a path: the node itself; when it is missing, the key line of
 * the map that should hold it (`general:` for a missing `general.basic`), else that map.
 */
export function spanForPath(root: Node, path: Path): Span {
  const r = nodeAt(root, path);
  if (r.exists) return r.node.span;
  return r.key?.span ?? r.node.span;
}

export function isScalar(n: Node | undefined): n is ScalarNode {
  return n?.kind === 'scalar';
}

/** "functional.rows[3].total" */
export function pathText(path: Path): string {
  let s = '';
  for (const k of path) s += typeof k === 'number' ? `[${k}]` : s ? `.${k}` : k;
  return s;
}
