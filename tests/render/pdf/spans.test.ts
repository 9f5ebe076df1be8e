/**
 * Rows under a cell that spans them, read back with poppler: 表9's 预算单位 cell spans its three
 * rows (2022年 / 2023年 / 增减变化金额), and each row keeps its own height; the spanned text is
 * centred across them. pdfmake 0.3 used to measure a span that starts in the rows kept with the
 * header from the wrong origin and gave its last row the header's height on top (table.ts keptRows).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Document } from '../../../src/document/model.js';
import { defaultFonts, renderPdf } from '../../../src/render/pdf/index.js';
import { squash, words, type Word } from './poppler.js';
import { sampleDoc, table9 } from './sample-doc.js';
import { nodeWorld } from '../../../src/world/index.js';

const dir = mkdtempSync(join(tmpdir(), 'budget-pdf-spans-'));

async function render(doc: Document, name: string): Promise<string> {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, await renderPdf(doc, defaultFonts(), nodeWorld()));
  return file;
}

/** The words of one table cell's text, in reading order (a cell's text may wrap over lines). */
function cellWords(all: readonly Word[], text: string, page: number, left: number, right: number): Word[] {
  const inColumn = all.filter((w) => w.page === page && w.box[0] >= left - 1 && w.box[2] <= right + 1);
  const target = squash(text);
  for (let i = 0; i < inColumn.length; i++) {
    let got = '';
    for (let j = i; j < inColumn.length && got.length < target.length; j++) {
      got += squash(inColumn[j].text);
      if (got === target) return inColumn.slice(i, j + 1);
      if (!target.startsWith(got)) break;
    }
  }
  throw new Error(`"${text}" not found on page ${page}`);
}

describe('row-spanned cells', () => {
  it('gives 表9’s three spanned rows their own heights and centres the span across them', async () => {
    const doc: Document = { ...sampleDoc, sections: [{ newPage: true, blocks: [table9] }] };
    const all = words(await render(doc, 'table9'));
    const text = (r: number, c: number): string => (table9.rows[r].cells[c] as { text: string }).text;
    const first = all.find((w) => squash(w.text).startsWith(squash(text(0, 1))))!;
    expect(first, 'the 2022 row is printed').toBeDefined();
    const page = first.page;
    // The 年度 column: from the left edge of its first label to the right of the page.
    const years = [0, 1, 2].map((r) => cellWords(all, text(r, 1), page, first.box[0], 1000));
    const line = first.box[3] - first.box[1];
    const top = (ws: Word[]): number => ws[0].box[1];
    const bottom = (ws: Word[]): number => Math.max(...ws.map((w) => w.box[3]));
    const gap1 = top(years[1]) - top(years[0]);
    const gap2 = top(years[2]) - top(years[1]);
    // Rows of one line each are equally tall; the third is at most one line taller (its label may wrap).
    expect(gap1).toBeGreaterThan(0);
    expect(Math.abs(gap2 - gap1), `row gaps ${gap1} and ${gap2}`).toBeLessThan(line);
    // The table ends right under the last row's text: the note follows within two lines.
    const note = cellWords(all, table9.notes[0], page, 0, 1000);
    expect(top(note) - bottom(years[2]), 'the last row is not stretched').toBeLessThan(2 * line);
    // The spanned cell's text is centred across the three rows (within a line).
    const span = cellWords(all, text(0, 0), page, 0, first.box[0]);
    const spanMiddle = (top(span) + bottom(span)) / 2;
    const rowsMiddle = (top(years[0]) + bottom(years[2])) / 2;
    expect(Math.abs(spanMiddle - rowsMiddle), `span middle ${spanMiddle}, rows middle ${rowsMiddle}`).toBeLessThan(line);
  }, 60_000);
});
