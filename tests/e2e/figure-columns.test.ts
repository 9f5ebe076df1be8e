/**
 * Figures never break inside in the PDF: hand-built tables whose figures do not fit their
 * proportional columns are rendered and read back with pdftotext; every figure must come back
 * whole on one line. Also: the type shrinks only as far as needed, never below the floor, and a
 * table that fits keeps its widths and size.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ColumnSpec, Document, HeaderNode, NumberCell, Row, Table, TextCell } from '../../src/document/model.js';
import { defaultFonts, renderPdf } from '../../src/render/pdf/index.js';
import { columnWidths, fitTable, LAST_RESORT_FONT_SIZE, MIN_TABLE_FONT_SIZE, tableFontSize } from '../../src/render/pdf/table.js';
import { GEOMETRY } from '../../src/render/pdf/style.js';
import { figures, pdfText, tableTexts } from './pdf-text.js';
import { nodeWorld } from '../../src/world/index.js';

const grouped = (v: string) => {
  const [i, f] = v.split('.');
  return i.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (f !== undefined ? `.${f}` : '');
};
const n = (v: string): NumberCell => ({ kind: 'number', value: v, decimals: v.includes('.') ? 2 : 0, text: grouped(v) });
const txt = (text: string): TextCell => ({ kind: 'text', text });

/** A 16-column landscape table like a 元 department's 表2: one text column, 15 figure columns. */
function wide(caption: string, id: string, values: string[], orientation: Table['orientation'] = 'landscape'): Table {
  const header: HeaderNode[] = [{ label: '预算单位' }, ...values.map((_, i) => ({ label: `第${i + 1}栏收入` }))];
  const columns: ColumnSpec[] = [{ kind: 'text', width: 3 }, ...values.map((): ColumnSpec => ({ kind: 'number', width: 2 }))];
  const rows: Row[] = [{ cells: [txt('示例区某某服务中心'), ...values.map(n)] }, { cells: [txt('合计'), ...values.map(n)], style: 'total' }];
  return { kind: 'table', id, caption, title: `测试表${caption}`, shortName: caption, headerLine: { left: '部门名称：示例', right: '单位：元' }, orientation, header, columns, rows, notes: [], toc: true };
}

const big = ['3341357.82', '2456357.32', '2036356.92', '300000.00', '120000.40', '0.00', '800000.00', '0.00', '0.00', '50000.50', '0.00', '0.00', '0.00', '0.00', '35000.00'];
const mid = Array.from({ length: 15 }, (_, i) => `${987654 + i * 11}.${String(10 + i)}`);
const huge = Array.from({ length: 15 }, (_, i) => `${987654321 + i * 1111}.${String(10 + i)}`);
const enormous = wide('表9', 't9', Array.from({ length: 15 }, (_, i) => `${123456789012345 + i}.99`));
const small = ['5158', '5158', '994', '4164', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0'];

const tables = [wide('表1', 't1', big), wide('表2', 't2', mid), wide('表3', 't3', huge), wide('表4', 't4', small)];
const doc: Document = {
  meta: { title: '测试', author: '测试', subject: '测试', keywords: [], created: '2024-01-01T00:00:00Z', lang: 'zh-CN' },
  cover: { title: '测试文档', lines: [] },
  tocTitle: '目录',
  labels: { narrative: '文字部分', seeTable: '见工作表“{name}”', pageFooter: '第 {page} 页，共 {pages} 页' },
  sections: [{ newPage: true, blocks: tables }],
};

let lines: ReturnType<typeof tableTexts>;
beforeAll(async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'budget-e2e-fig-')), 'fig.pdf');
  writeFileSync(file, await renderPdf(doc, defaultFonts(), nodeWorld()));
  const text = pdfText(file).split('\n');
  lines = tableTexts(text.slice(text.findIndex((l) => /^\s*表1\s*$/.test(l))));
}, 60_000);

describe('figure columns of the PDF', () => {
  for (const [i, t] of tables.entries()) {
    it(`${t.caption}: every figure of both rows whole, in order, on one line`, () => {
      const want = t.rows[0].cells.slice(1).map((c) => (c && c.kind === 'number' ? c.text : ''));
      const found = lines[i].lines.map(figures).filter((f) => f.length > 0);
      // Exactly the two rows' figures: no fragment of a figure on a line of its own.
      expect(found).toEqual([want, want]);
    });
  }

  it('a table whose figures fit keeps its proportional widths and normal size', () => {
    const t = tables[3];
    expect(fitTable(t, GEOMETRY.landscapeTextWidth)).toEqual({ fontSize: tableFontSize(t), widths: columnWidths(t, GEOMETRY.landscapeTextWidth) });
  });

  it('the type shrinks only as far as the figures need: to the floor, below it only as a last resort', () => {
    const sizes = tables.map((t) => fitTable(t, GEOMETRY.landscapeTextWidth).fontSize);
    // 元 figures of 表2's size fit by widening their columns, half a point down: the room each figure
    // keeps from its rule (issue 13 point 7) takes 15 pt across fifteen figure columns
    expect(sizes[0]).toBe(tableFontSize(tables[0]) - 0.5);
    expect(sizes[1]).toBeLessThan(tableFontSize(tables[1])); // 15 figures of 8 digits do not
    expect(sizes[1]).toBeGreaterThanOrEqual(MIN_TABLE_FONT_SIZE);
    expect(sizes[2]).toBeLessThan(MIN_TABLE_FONT_SIZE); // 15 figures of 11 digits: only below the floor
    expect(sizes[2]).toBeGreaterThanOrEqual(LAST_RESORT_FONT_SIZE);
    // 15 figures of 17 digits cannot fit at all: the last-resort size, columns scaled to the page.
    expect(fitTable(enormous, GEOMETRY.landscapeTextWidth).fontSize).toBe(LAST_RESORT_FONT_SIZE);
    // The widths never add up to more than the page's room for the grid.
    for (const t of [...tables, enormous]) {
      const { widths } = fitTable(t, GEOMETRY.landscapeTextWidth);
      const room = columnWidths(t, GEOMETRY.landscapeTextWidth).reduce((a, b) => a + b, 0);
      expect(widths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(room + 0.01);
      expect(Math.min(...widths)).toBeGreaterThan(0);
    }
  });
});
