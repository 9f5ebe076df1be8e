import { keyText } from './parse.js';
import type { Span } from './span.js';
import type { MapNode, Node, Path, ScalarNode } from './tree.js';

/** A plain JS value of a tree, for zod: maps → objects (keys as written), seqs → arrays, scalars → values. */
export type Plain = string | number | boolean | null | Plain[] | { [key: string]: Plain };

/**
 * The node as plain JS, for shape validation only: numbers become JS numbers here, which is fine
 * for checking types; exact amounts are read from `ScalarNode.source`, never from this.
 */
export function toPlain(node: Node): Plain {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map(toPlain);
    case 'map': {
      // No prototype: a key named "__proto__" or "constructor" is an ordinary own key.
      const out: { [key: string]: Plain } = Object.create(null);
      for (const e of node.entries) out[keyText(e.key)] = toPlain(e.value);
      return out;
    }
  }
}

export interface NodeAt {
  /** The deepest node the path reaches: the node itself when it exists, else its nearest existing ancestor. */
  readonly node: Node;
  /** Whether the whole path exists. */
  readonly exists: boolean;
  /** How many path segments were followed (path.length when `exists`). */
  readonly depth: number;
  /** The key under which `node` is written, when `node` is a map value: a good place to point at. */
  readonly key?: ScalarNode;
}

/**
 * Walks a zod issue path from the root. For a missing key it stops at the map that should hold it
 * (point there, or at `key`, the key line of that map); never searches the text.
 */
export function nodeAt(root: Node, path: Path): NodeAt {
  let node: Node = root;
  let key: ScalarNode | undefined;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    let next: Node | undefined;
    let nextKey: ScalarNode | undefined;
    if (node.kind === 'map') {
      const name = String(seg);
      const entry = node.entries.find((e) => keyText(e.key) === name);
      if (entry) {
        next = entry.value;
        nextKey = entry.key;
      }
    } else if (node.kind === 'seq') {
      const idx = typeof seg === 'number' ? seg : /^\d+$/.test(seg) ? Number(seg) : -1;
      next = idx >= 0 ? node.items[idx] : undefined;
      nextKey = undefined;
    }
    if (!next) return { node, exists: false, depth: i, ...(key ? { key } : {}) };
    node = next;
    key = nextKey;
  }
  return { node, exists: true, depth: path.length, ...(key ? { key } : {}) };
}

/** The span of a key of a map (undefined when the map has no such key). */
export function keySpan(map: MapNode, key: string): Span | undefined {
  return map.entries.find((e) => keyText(e.key) === key)?.key.span;
}

/** The value of a key of a map. */
export function valueOf(map: MapNode, key: string): Node | undefined {
  return map.entries.find((e) => keyText(e.key) === key)?.value;
}
