/** The header tree → merged header rows, and the checks on a table's shape. */
import { describe, expect, it } from 'vitest';
import type { Table } from '../../../src/document/model.js';
import { columnWidths, headerCells } from '../../../src/render/pdf/table.js';
import { GEOMETRY } from '../../../src/render/pdf/style.js';
import { defaultFonts, renderPdf } from '../../../src/render/pdf/index.js';
import { sampleDoc, table1, table2, table9 } from './sample-doc.js';
import { nodeWorld } from '../../../src/world/index.js';

/** The header's grid as "label colSpan×rowSpan" strings, '.' for a position a merged cell covers. */
function shape(t: Table): string[][] {
  const { rows, cells } = headerCells(t);
  const grid = Array.from({ length: rows }, () => Array.from({ length: t.columns.length }, () => '.'));
  for (const c of cells) grid[c.row][c.col] = `${c.label} ${c.colSpan}x${c.rowSpan}`;
  return grid;
}

describe('headerCells', () => {
  it('turns 表2’s four-level tree into four rows of merged cells', () => {
    const g = shape(table2);
    expect(g).toHaveLength(4);
    expect(g.every((r) => r.length === 16)).toBe(true);
    expect(g[0]).toEqual(['预算单位 1x4', '收入总计 1x4', '本年收入 13x1', ...Array(12).fill('.'), '上年结余、结转 1x4']);
    expect(g[1]).toEqual([
      '.', '.', '政府预算拨款 7x1', '.', '.', '.', '.', '.', '.', '财政专户管理资金 1x3', '单位资金 5x1', '.', '.', '.', '.', '.',
    ]);
    expect(g[2]).toEqual([
      '.', '.', '一般公共预算拨款 5x1', '.', '.', '.', '.', '政府性基金预算拨款 1x2', '国有资本经营预算拨款 1x2', '.',
      '事业收入 1x2', '事业单位经营收入 1x2', '上级补助收入 1x2', '附属单位上缴收入 1x2', '其他收入 1x2', '.',
    ]);
    expect(g[3]).toEqual([
      '.', '.', '小计 1x1', '基本支出拨款 1x1', '履职类项目拨款 1x1', '财政专项资金拨款 1x1', '政府投资项目拨款 1x1',
      '.', '.', '.', '.', '.', '.', '.', '.', '.',
    ]);
  });

  it('handles a two-sided table and a single header group', () => {
    expect(shape(table1)).toEqual([
      ['收入 2x1', '.', '支出 2x1', '.'],
      ['项目 1x1', '2023年预算数 1x1', '项目 1x1', '2023年预算数 1x1'],
    ]);
    expect(shape(table9)[0].slice(4)).toEqual(['公务接待费 1x2', '公务用车购置及运行维护费 3x1', '.', '.']);
  });

  it('gives no header rows for a form without a header tree', () => {
    expect(headerCells({ ...table1, header: [] })).toEqual({ rows: 0, cells: [] });
  });

  it('refuses a header tree whose leaves do not match the columns', () => {
    expect(() => headerCells({ ...table1, columns: table1.columns.slice(1) })).toThrow(/table-1.*4 leaf columns.*3 columns/);
  });
});

describe('columnWidths', () => {
  it('keeps the relative widths and fills the text width with padding and rules', () => {
    const w = columnWidths(table1, GEOMETRY.portraitTextWidth);
    expect(w[0] / w[1]).toBeCloseTo(30 / 12, 2);
    const total = w.reduce((a, b) => a + b, 0) + 4 * 6 + 5 * 0.6;
    expect(total).toBeLessThanOrEqual(GEOMETRY.portraitTextWidth);
    expect(total).toBeGreaterThan(GEOMETRY.portraitTextWidth - 0.05);
  });
});

describe('renderPdf on a malformed table', () => {
  it('names the table and the row', async () => {
    const bad: Table = { ...table1, rows: [{ cells: table1.rows[0].cells.slice(0, 3) }] };
    const doc = { ...sampleDoc, sections: [{ newPage: true, blocks: [bad] }] };
    await expect(renderPdf(doc, defaultFonts(), nodeWorld())).rejects.toThrow(/table-1: row 0 has 3 cells, the table has 4 columns/);
  });

  it('refuses a creation date that is not a date', async () => {
    const doc = { ...sampleDoc, meta: { ...sampleDoc.meta, created: 'yesterday' } };
    await expect(renderPdf(doc, defaultFonts(), nodeWorld())).rejects.toThrow(/meta.created/);
  });
});
