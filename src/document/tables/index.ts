export { type TableCtx } from './common.js';
import type { Table } from '../model.js';
import type { TableCtx } from './common.js';
import { table1, table6 } from './balance.js';
import { table2 } from './income.js';
import { table3, table7, table8, table10, table11 } from './classified.js';
import { table4, table5 } from './basic-project.js';
import { table9 } from './three-public.js';
import { table12 } from './performance.js';

/** Tables 1–12 in the order the document prints them. */
export function buildTables(ctx: TableCtx): Table[] {
  return [table1, table2, table3, table4, table5, table6, table7, table8, table9, table10, table11, table12].map((t) => fitFigures(t(ctx)));
}

/**
 * Widens number columns to their longest figure (amounts in 元 with decimals are twice as long as
 * whole 万元), in the relative units of `ColumnSpec.width` where 1 holds about 3 CJK characters.
 */
function fitFigures(t: Table): Table {
  const longest = t.columns.map(() => 0);
  for (const r of t.rows) {
    r.cells.forEach((c, i) => {
      const fits = c && (c.kind === 'number' || t.columns[i]?.kind === 'code') && (c.colSpan ?? 1) === 1;
      if (fits) longest[i] = Math.max(longest[i], c.text.length);
    });
  }
  // A digit or separator is about half a CJK character wide (more in the bold total rows); keep padding.
  const columns = t.columns.map((col, i) => (longest[i] ? { ...col, width: Math.max(col.width, (longest[i] * 0.6 + 1) / 3) } : col));
  return { ...t, columns };
}
