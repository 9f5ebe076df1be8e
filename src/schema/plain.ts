import type { Node, Path, ScalarNode } from '../source/tree.js';
import { decimalPlaces } from '../money/decimal.js';
import { SPAN, type Leaf } from './spanned.js';

/**
 * The tree as plain data for zod. Amounts are judged by what the user wrote (`source`), not by
 * the YAML value: an unquoted, correctly grouped `1,234` (a YAML string, as pasted from Excel) is
 * accepted as a number; a quoted "1234" stays a string, so zod reports it and the mapper turns it
 * into `shape/number-as-string`. A YAML number the decimal parser cannot read (1e3, 0x10, .inf)
 * is collected as a bad number.
 */
const GROUPED = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

export interface BadNumber {
  readonly path: Path;
  readonly node: ScalarNode;
  /** Written plainly, but with so many digits that it is beyond any number (10^308 and more). */
  readonly tooLarge?: boolean;
}

export function scalarPlain(n: ScalarNode): unknown {
  if (n.quoted) return n.value;
  if (typeof n.value === 'number') return n.value;
  if (typeof n.value === 'string' && GROUPED.test(n.source.trim())) return Number(n.source.replace(/,/g, ''));
  return n.value;
}

/**
 * The tree as zod's plain input, and in the same walk its positioned mirror (spanned.ts): the same
 * keys and indices, each scalar a `Leaf` holding the plain value, the text as written and its span.
 */
export function toShapeInput(root: Node): { plain: unknown; mirror: unknown; bad: BadNumber[]; nodes: number } {
  const bad: BadNumber[] = [];
  // How many nodes the schema examines (the shape rules' count in --verbose and JUnit), counted
  // here rather than by a walk of its own over a tree of some 100,000 nodes.
  let nodes = 0;
  const path: (string | number)[] = []; // one mutable stack: copied only for a bad number
  let mirror: unknown;
  // Each call returns the plain value and leaves the node's mirror in `mirror` (no pair per node).
  const walk = (n: Node): unknown => {
    nodes++;
    switch (n.kind) {
      case 'scalar': {
        if (!n.quoted && typeof n.value === 'number') {
          if (decimalPlaces(n.source) === undefined) bad.push({ path: [...path], node: n });
          else if (!Number.isFinite(n.value)) bad.push({ path: [...path], node: n, tooLarge: true });
        }
        const value = scalarPlain(n);
        // The node is itself a leaf when zod sees its own value (all but a grouped `1,234`): no copy.
        mirror = value === n.value ? (n satisfies Leaf<unknown>) : ({ value, source: n.source, span: n.span } satisfies Leaf<unknown>);
        return value;
      }
      case 'seq': {
        const out = new Array<unknown>(n.items.length);
        const m = new Array<unknown>(n.items.length) as unknown[] & { [SPAN]?: unknown };
        // Before the loop, not after: V8 compiles the loop of a long sequence while it runs, and a
        // store after it that had not yet run deoptimized that code at the end of every long one.
        m[SPAN] = n.span;
        for (let i = 0; i < n.items.length; i++) {
          path.push(i);
          out[i] = walk(n.items[i]);
          m[i] = mirror;
          path.pop();
        }
        mirror = m;
        return out;
      }
      case 'map': {
        // No prototype: a key named "__proto__" or "constructor" is an ordinary own key (and is
        // reported as unknown), and a lookup of a key that is absent finds nothing inherited.
        const o: Record<string, unknown> = Object.create(null);
        // The mirror is an ordinary object (V8 keeps a prototype-less one in slow dictionary mode,
        // and the model reads it key by key). Its one key that would not be an own property,
        // "__proto__", is left out: the schema has no such key, so zod rejects it and the mirror
        // of an input zod rejects is never used.
        const m: Record<string | symbol, unknown> = {};
        for (const e of n.entries) {
          const k = typeof e.key.value === 'string' ? e.key.value : e.key.source;
          path.push(k);
          o[k] = walk(e.value);
          if (k !== '__proto__') m[k] = mirror;
          path.pop();
        }
        m[SPAN] = n.span;
        mirror = m;
        return o;
      }
    }
  };
  const plain = walk(root);
  return { plain, mirror, bad, nodes };
}
