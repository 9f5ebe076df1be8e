import type { MapNode, Node, Path, ScalarNode } from '../source/tree.js';
import type { Span } from '../source/span.js';

/**
 * Small accessors over the parsed source tree (no parsing here: the tree comes from src/source).
 * Keys are compared as written text, so `201:` and `"201":` name the same key.
 */

export function keyText(k: ScalarNode): string {
  return typeof k.value === 'string' ? k.value : k.source;
}

export function entry(map: MapNode, key: string) {
  return map.entries.find((e) => keyText(e.key) === key);
}

export function get(node: Node | undefined, key: string | number): Node | undefined {
  if (!node) return undefined;
  if (typeof key === 'number') return node.kind === 'seq' ? node.items[key] : undefined;
  return node.kind === 'map' ? entry(node, key)?.value : undefined;
}

/** The node at a path of keys and indices, or undefined when the path leaves the tree. */
export function nodeAtPath(root: Node, path: Path): Node | undefined {
  let n: Node | undefined = root;
  for (const k of path) {
    n = get(n, k);
    if (!n) return undefined;
  }
  return n;
}

/** The span of the key `key` in the map at `path` (for unknown keys, and missing values under it). */
export function keySpanAt(root: Node, path: Path, key: string): Span | undefined {
  const n = nodeAtPath(root, path);
  if (n?.kind !== 'map') return undefined;
  return entry(n, key)?.key.span;
}

/**
 * The best place to point at for a path: the node itself; when it is missing, the key of its
 * parent (`general:` for a missing `general.basic`), else the nearest existing ancestor.
 */
export function spanForPath(root: Node, path: Path): Span {
  const n = nodeAtPath(root, path);
  if (n) return n.span;
  for (let i = path.length - 1; i >= 0; i--) {
    const at = nodeAtPath(root, path.slice(0, i));
    if (!at) continue;
    const k = path[i - 1];
    if (i > 0 && typeof k === 'string') {
      const ks = keySpanAt(root, path.slice(0, i - 1), k);
      if (ks) return ks;
    }
    return at.span;
  }
  return root.span;
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
