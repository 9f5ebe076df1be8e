import type { Dec } from '../money/decimal.js';

/**
 * The cell each figure was read from, kept beside the figure rather than in it: the table readers
 * give every amount they read a fresh `Dec` and note its cell here, and the assembly, which moves
 * figures into the sections (and computes some from several), carries the note only where a figure
 * is exactly one cell's (a sum of two tables' cells is no cell's). Keyed by object identity, so a
 * shared constant (ZERO) is never taken for a cell's figure.
 */
export interface CellAt {
  /** The sheet as named in the workbook (a CSV file's name without .csv). */
  readonly sheet: string;
  /** A1 address of the cell holding the value (a merged range's first cell). */
  readonly cell: string;
  /** The value read, exact decimal text. */
  readonly value: string;
}

const CELLS = new WeakMap<Dec, CellAt>();

/** A copy of `d` noted as read from the cell. */
export function fromCell(d: Dec, at: CellAt): Dec {
  const x = { coef: d.coef, scale: d.scale };
  CELLS.set(x, at);
  return x;
}

/** The cell a figure was read from, when it is one cell's figure. */
export function cellOf(d: Dec): CellAt | undefined {
  return CELLS.get(d);
}
