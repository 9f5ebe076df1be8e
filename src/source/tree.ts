import type { Span } from './span.js';

/**
 * The parsed sources: YAML nodes with positions, independent of the budget format. Built by
 * `parseSources` from the files' bytes; the schema validates `toPlain(root)` and maps a zod issue
 * path back to a node with `nodeAt`; the model builder reads exact decimals from `ScalarNode.source`.
 */
export interface SourceFile {
  readonly path: string; // as given to parseSources (relative to the cwd when the CLI reads it)
  readonly text: string; // decoded, BOM stripped, line ends as written
}

export type Node = MapNode | SeqNode | ScalarNode;

export interface MapEntry {
  readonly key: ScalarNode;
  readonly value: Node;
}

export interface MapNode {
  readonly kind: 'map';
  readonly span: Span;
  readonly entries: readonly MapEntry[];
}

export interface SeqNode {
  readonly kind: 'seq';
  readonly span: Span;
  readonly items: readonly Node[];
}

export interface ScalarNode {
  readonly kind: 'scalar';
  readonly span: Span;
  /** The YAML 1.2 core-schema value (number, string, boolean or null). */
  readonly value: string | number | boolean | null;
  /** The scalar exactly as written (for numbers: the digits to parse into a Dec). */
  readonly source: string;
  /** Written with quotes or as a block scalar (so never a number). */
  readonly quoted: boolean;
}

/**
 * All files of one department-year merged into one top-level map: each file holds one or more
 * top-level sections (keys); a key defined in two files is an error reported by parseSources.
 */
export interface SourceTree {
  readonly dir: string;
  readonly files: readonly SourceFile[];
  readonly root: MapNode;
}

export type Path = readonly (string | number)[];
