/**
 * Where the tests expect things in a table sheet, derived from the document model by the layout
 * the renderer promises (row 1 title, row 2 header line, then one row per header level, then the
 * body), computed here independently of src/render/xlsx.
 */
import type { Document, HeaderNode, NumberCell, Table } from '../../../src/document/model.js';

export function headerDepth(nodes: readonly HeaderNode[]): number {
  let d = 0;
  for (const n of nodes) d = Math.max(d, 1 + headerDepth(n.children ?? []));
  return d;
}

/** 1-based sheet row of body row 0. */
export function bodyStart(t: Table): number {
  return 1 + (t.title ? 1 : 0) + (t.headerLine ? 1 : 0) + headerDepth(t.header);
}

export function lastHeaderRow(t: Table): number {
  return bodyStart(t) - 1;
}

/**
 * The rows each printed page of a table's sheet starts with: the title and header rows, or, for a
 * form whose head row stands in its body (a row marked `repeat`), that row alone.
 */
export function printTitles(t: Table): string {
  const at = t.rows.findIndex((r) => r.repeat === true);
  return at >= 0 ? `${bodyStart(t) + at}:${bodyStart(t) + at}` : `1:${lastHeaderRow(t)}`;
}

export function captionedTables(doc: Document): Table[] {
  return doc.sections.flatMap((s) => s.blocks).filter((b): b is Table => b.kind === 'table' && b.caption !== '');
}

export interface Figure {
  readonly table: Table;
  readonly row: number; // 1-based sheet row
  readonly col: number; // 1-based sheet column
  readonly cell: NumberCell;
}

export function figures(t: Table): Figure[] {
  const out: Figure[] = [];
  const start = bodyStart(t);
  t.rows.forEach((r, i) =>
    r.cells.forEach((c, j) => {
      if (c && c.kind === 'number') out.push({ table: t, row: start + i, col: j + 1, cell: c });
    }),
  );
  return out;
}

export function columnLetter(col1: number): string {
  let n = col1;
  let s = '';
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
