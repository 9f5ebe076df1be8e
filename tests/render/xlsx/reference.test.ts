/**
 * The reference year (data/2023) through the real pipeline (check → document → workbook), read
 * back with exceljs: every figure of every table at its cell as a number, every total a formula
 * with the figure as its cached result or, for the known rounding cases, the published value
 * with a note. A few anchors are taken from the seed (the published document) directly.
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Document, Table } from '../../../src/document/model.js';
import { renderXlsx } from '../../../src/render/xlsx/index.js';
import { bodyStart, captionedTables, figures, lastHeaderRow, printTitles } from './expect.js';
import { referenceDoc } from './reference-doc.js';

let doc: Document;
let bytes: Uint8Array;
let wb: ExcelJS.Workbook;

beforeAll(async () => {
  doc = referenceDoc();
  bytes = await renderXlsx(doc);
  wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
}, 60_000);

const sheet = (t: Table) => wb.getWorksheet(t.shortName)!;

describe('the reference year as a workbook', () => {
  it('has a sheet for each of the twelve tables after 目录 and 文字部分', () => {
    const tables = captionedTables(doc);
    expect(tables).toHaveLength(12);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['目录', '文字部分', ...tables.map((t) => t.shortName)]);
    for (const w of wb.worksheets) expect(w.name.length).toBeLessThanOrEqual(31);
  });

  it('puts every figure at its cell as a number, totals as formulas with the figure cached', () => {
    let figs = 0;
    let formulas = 0;
    let notes = 0;
    for (const t of captionedTables(doc)) {
      const ws = sheet(t);
      for (const f of figures(t)) {
        const c = ws.getCell(f.row, f.col);
        const where = `${t.shortName} ${c.address}`;
        const want = Number(f.cell.value);
        if (f.cell.sumOf && f.cell.partsSum === undefined) {
          expect(c.formula, where).toBeTruthy();
          expect(c.result, where).toBe(want);
          formulas++;
        } else {
          expect(c.value, where).toBe(want);
        }
        if (f.cell.partsSum !== undefined) {
          expect(c.note, where).toBeTruthy();
          notes++;
        }
        figs++;
      }
    }
    expect(figs).toBeGreaterThan(500);
    expect(formulas).toBeGreaterThan(100);
    expect(notes).toBeGreaterThan(0);
  });

  it('matches the seed at hand-picked cells', () => {
    const [t1, t2, t3] = captionedTables(doc);
    // 表1: 收入总计 5,158 on the last body row, both sides
    const last = bodyStart(t1) + t1.rows.length - 1;
    expect(sheet(t1).getCell(last, 1).value).toBe('收入总计');
    const total = sheet(t1).getCell(last, 2);
    expect(total.result ?? total.value).toBe(5158);
    // 表2: the department's row: 5,158 5,158 994 4,164 then zeros
    const r2 = bodyStart(t2);
    const row2 = Array.from({ length: 15 }, (_, i) => {
      const c = sheet(t2).getCell(r2, i + 2);
      return c.formula ? c.result : c.value;
    });
    expect(row2.slice(0, 4)).toEqual([5158, 5158, 994, 4164]);
    expect(row2.slice(4).every((v) => v === 0)).toBe(true);
    // 表3: 2010350 事业运行 4,959 = 796 + 4,164 only up to rounding: published value with a note
    const ws3 = sheet(t3);
    let found = false;
    ws3.eachRow((row) => {
      row.eachCell((cell) => {
        if (cell.value === '事业运行') {
          const totalCell = row.getCell(Number(cell.col) + 1);
          expect(totalCell.value).toBe(4959);
          const note = typeof totalCell.note === 'string' ? totalCell.note : totalCell.note?.texts?.map((x) => x.text).join('');
          expect(note).toContain('4,960');
          found = true;
        }
      });
    });
    expect(found).toBe(true);
  });

  it('freezes and repeats the header rows, landscape where the document says', () => {
    for (const t of captionedTables(doc)) {
      const ws = sheet(t);
      expect((ws.views[0] as ExcelJS.WorksheetViewFrozen).ySplit, t.shortName).toBe(lastHeaderRow(t));
      expect(ws.pageSetup.printTitlesRow, t.shortName).toBe(printTitles(t));
      expect(ws.pageSetup.orientation, t.shortName).toBe(t.orientation);
    }
    expect(captionedTables(doc).filter((t) => t.orientation === 'landscape').length).toBeGreaterThanOrEqual(4);
    // the form's printed pages start with its 指标 head row, which stands in its body
    const form = captionedTables(doc).find((t) => t.rows.some((r) => r.repeat === true));
    expect(form, 'a form with a head row in its body').toBeDefined();
    const [first] = sheet(form!).pageSetup.printTitlesRow!.split(':').map(Number);
    const labels = (sheet(form!).getRow(first).values as unknown[]).map(String);
    expect(labels).toEqual(expect.arrayContaining(['一级指标', '二级指标', '三级指标', '目标值']));
  });

  it('renders byte-identical twice', async () => {
    expect(Buffer.from(await renderXlsx(doc)).equals(Buffer.from(bytes))).toBe(true);
  });
});
