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
  return [table1, table2, table3, table4, table5, table6, table7, table8, table9, table10, table11, table12].map((t) => t(ctx));
}
