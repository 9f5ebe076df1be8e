/**
 * The renderer prints no wording of its own: a document with other labels (here English) gets
 * those in its sheet names, its pointers to table sheets and its page footer; a cell note is the
 * document's, and a cell without one gets none. Read back with exceljs's reader.
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Document, NumberCell, Table } from '../../../src/document/model.js';
import { renderXlsx } from '../../../src/render/xlsx/index.js';
import { pageFooter } from '../../../src/render/xlsx/layout.js';
import { captionedTables, figures } from './expect.js';
import { sampleDoc } from './sample-doc.js';

/** The sample document relabelled, its rounding notes removed (the cells keep `partsSum`). */
function relabelled(): Document {
  const d = sampleDoc();
  const strip = (t: Table): Table => ({
    ...t,
    rows: t.rows.map((r) => ({
      ...r,
      cells: r.cells.map((c) => {
        if (c?.kind !== 'number' || c.note === undefined) return c;
        const { note: _note, ...rest } = c;
        return rest as NumberCell;
      }),
    })),
  });
  return {
    ...d,
    tocTitle: 'Contents',
    labels: { narrative: 'Text', seeTable: 'see sheet “{name}”', pageFooter: 'Page {page} of {pages} & more' },
    sections: d.sections.map((s) => ({ ...s, blocks: s.blocks.map((b) => (b.kind === 'table' ? strip(b) : b)) })),
  };
}

let doc: Document;
let wb: ExcelJS.Workbook;
beforeAll(async () => {
  doc = relabelled();
  wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await renderXlsx(doc)) as unknown as ExcelJS.Buffer);
});

describe('labels come from the document', () => {
  it('names the contents and narrative sheets from tocTitle and labels.narrative', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Contents', 'Text', ...captionedTables(doc).map((t) => t.shortName)]);
    expect(wb.getWorksheet('Contents')!.getColumn(1).values).toContain('Contents');
  });

  it('points from the narrative to each table sheet with labels.seeTable', () => {
    const texts: string[] = [];
    wb.getWorksheet('Text')!.eachRow((row) => texts.push(row.getCell(1).text));
    expect(texts.filter((t) => t.startsWith('see sheet'))).toEqual(captionedTables(doc).map((t) => `see sheet “${t.shortName}”`));
    expect(texts.join('\n')).not.toContain('见工作表');
  });

  it('writes labels.pageFooter as the footer of every sheet', () => {
    for (const ws of wb.worksheets) expect(ws.headerFooter.oddFooter, ws.name).toBe('&CPage &P of &N && more');
  });

  it('adds no note of its own: a rounding case without a note gets none', () => {
    let rounding = 0;
    for (const t of captionedTables(doc)) {
      const ws = wb.getWorksheet(t.shortName)!;
      for (const f of figures(t)) {
        if (f.cell.partsSum !== undefined) rounding++;
        expect(ws.getCell(f.row, f.col).note, `${t.shortName} ${f.row},${f.col}`).toBeUndefined();
      }
    }
    expect(rounding).toBe(2); // 表3's two rounding cases (sample-doc.ts)
  });
});

describe('pageFooter', () => {
  it('turns {page} and {pages} into Excel fields, doubles &, and leaves an empty label empty', () => {
    expect(pageFooter('第 {page} 页，共 {pages} 页')).toBe('&C第 &P 页，共 &N 页');
    expect(pageFooter('A&B {page}')).toBe('&CA&&B &P');
    expect(pageFooter('')).toBe('');
  });
});
