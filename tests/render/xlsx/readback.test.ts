/**
 * The workbook read back with exceljs (its reader, not the writer under test) and with fflate and a
 * small zip-header reader for the package itself: figures, formulas, notes, merges, sheet names, views, print setup,
 * properties, links and byte-for-byte determinism.
 */
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Document, Table } from '../../../src/document/model.js';
import { renderXlsx } from '../../../src/render/xlsx/index.js';
import { bodyStart, captionedTables, columnLetter, figures, lastHeaderRow, printTitles } from './expect.js';
import { sampleDoc } from './sample-doc.js';

let doc: Document;
let bytes: Uint8Array;
let wb: ExcelJS.Workbook;

beforeAll(async () => {
  doc = sampleDoc();
  bytes = await renderXlsx(doc);
  wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
});

function sheetOf(t: Table): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(t.shortName);
  if (!ws) throw new Error(`no sheet ${t.shortName}`);
  return ws;
}

function tableById(id: string): Table {
  const t = captionedTables(doc).find((x) => x.id === id);
  if (!t) throw new Error(id);
  return t;
}

describe('sheets', () => {
  it('has 目录, 文字部分 and one sheet per captioned table, in document order', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '目录',
      '文字部分',
      '表1 收支总表',
      '表2 收入总表',
      '表3 支出总表',
      '表9 一般公共预算“三公”经费支出表',
      '表10 政府性基金预算支出表',
      '表12 整体支出绩效目标表',
    ]);
  });

  it('lists every table in the 目录 with a link to its sheet', async () => {
    const toc = wb.getWorksheet('目录')!;
    const texts: string[] = [];
    toc.eachRow((row) => {
      const v = row.getCell(1).value;
      texts.push(typeof v === 'object' && v && 'text' in v ? String(v.text) : String(v ?? ''));
    });
    for (const t of captionedTables(doc)) expect(texts).toContain(`${t.caption} ${t.title}`);
    // exceljs's reader drops links within the workbook, so read the sheet XML itself.
    const zip = unzipSync(bytes);
    const xml = strFromU8(zip['xl/worksheets/sheet1.xml']);
    const locations = [...xml.matchAll(/<hyperlink [^>]*location="([^"]*)"/g)].map((m) => m[1].replace(/&apos;/g, "'"));
    for (const t of captionedTables(doc)) expect(locations).toContain(`'${t.shortName}'!A1`);
    // No link carries an external relationship (Excel would read it as a file path).
    expect(xml).not.toMatch(/<hyperlink [^>]*r:id=/);
    const rels = strFromU8(zip['xl/worksheets/_rels/sheet1.xml.rels']);
    expect(rels).not.toContain('/hyperlink');
  });

  it('writes the narrative one block per row', () => {
    const ws = wb.getWorksheet('文字部分')!;
    const texts: string[] = [];
    ws.eachRow((row) => {
      const v = row.getCell(1).value;
      if (typeof v === 'string') texts.push(v);
    });
    expect(texts).toContain('第一部分 部门概况');
    expect(texts.some((t) => t.includes('主要职责是承担全区电子政务基础设施'))).toBe(true);
    expect(texts).toContain('　　（一）承担电子政务网络运行维护。');
    // The in-text table keeps its figures as numbers with two decimals.
    const cells: ExcelJS.Cell[] = [];
    ws.eachRow((row) => row.eachCell((c) => cells.push(c)));
    const office = cells.find((c) => c.value === 1234.5);
    expect(office?.numFmt).toBe('#,##0.00');
    const total = cells.find((c) => c.formula !== undefined);
    expect(total?.result).toBe(1254.75);
  });
});

describe('table sheets', () => {
  it('puts every figure of every table at its cell, as a number', () => {
    let count = 0;
    for (const t of captionedTables(doc)) {
      const ws = sheetOf(t);
      for (const f of figures(t)) {
        const c = ws.getCell(f.row, f.col);
        const expected = Number(f.cell.value);
        const got = c.formula !== undefined ? c.result : c.value;
        expect(typeof got, `${t.shortName} ${c.address}`).toBe('number');
        expect(got, `${t.shortName} ${c.address}`).toBe(expected);
        expect(c.numFmt, `${t.shortName} ${c.address}`).toBe(f.cell.decimals ? `#,##0.${'0'.repeat(f.cell.decimals)}` : '#,##0');
        count++;
      }
    }
    expect(count).toBe(captionedTables(doc).reduce((n, t) => n + figures(t).length, 0));
    expect(count).toBeGreaterThan(100);
  });

  it('writes totals as formulas whose cached result is the figure, and rounding cases as values with a note', () => {
    let formulas = 0;
    let notes = 0;
    for (const t of captionedTables(doc)) {
      const ws = sheetOf(t);
      for (const f of figures(t)) {
        const c = ws.getCell(f.row, f.col);
        const where = `${t.shortName} ${c.address}`;
        if (f.cell.sumOf && f.cell.partsSum === undefined) {
          expect(c.formula, where).toBeTruthy();
          expect(c.result, where).toBe(Number(f.cell.value));
          formulas++;
        } else {
          expect(c.formula, where).toBeUndefined();
        }
        if (f.cell.partsSum !== undefined) {
          const note = typeof c.note === 'string' ? c.note : (c.note?.texts ?? []).map((x) => x.text).join('');
          expect(note, where).toContain(Number(f.cell.partsSum).toLocaleString('en-US'));
          expect(note, where).toContain('尾数误差');
          notes++;
        }
      }
    }
    expect(formulas).toBeGreaterThan(40);
    expect(notes).toBe(2); // 表3: 合计 basic 994 vs 995, 事业运行 4,959 vs 4,960
  });

  it('writes the formulas an auditor would (hand-checked cells)', () => {
    const t1 = sheetOf(tableById('table-1'));
    // body starts at row 5 (title, header line, two header rows); 本年收入合计 is body row 17
    expect(t1.getCell('B22').formula).toBe('B5+B9+B10');
    expect(t1.getCell('D22').formula).toBe('D5+D8+D15+D18');
    expect(t1.getCell('B24').formula).toBe('B22+B23');
    const t2 = sheetOf(tableById('table-2'));
    expect(t2.getCell('B7').formula).toBe('SUM(C7,H7:P7)');
    expect(t2.getCell('C7').formula).toBe('SUM(D7:G7)');
    const t3 = sheetOf(tableById('table-3'));
    expect(t3.getCell('C4').formula).toBe('C5+C8+C15+C18');
    expect(t3.getCell('C10').formula).toBe('D10+E10'); // 事业单位离退休: basic + project
    expect(t3.getCell('C9').formula).toBe('SUM(C10:C12)');
    expect(t3.getCell('C7').value).toBe(4959); // 事业运行: rounding, a value
    const t12 = sheetOf(tableById('table-12'));
    expect(t12.getCell('D9').formula).toBe('SUM(D6:D8)');
  });

  it('writes text cells with the document indent', () => {
    const t3 = tableById('table-3');
    const ws = sheetOf(t3);
    t3.rows.forEach((r, i) => {
      const name = r.cells[1];
      if (!name || name.kind !== 'text') throw new Error('科目名称 is text');
      const c = ws.getCell(bodyStart(t3) + i, 2);
      expect(c.value).toBe(name.text);
      expect(c.alignment?.indent ?? 0).toBe(name.indent ?? 0);
    });
  });

  it('styles every body cell from its row and cell: totals bold, figures right, text as the document aligns it', () => {
    let figures = 0;
    let texts = 0;
    for (const t of captionedTables(doc)) {
      const ws = sheetOf(t);
      t.rows.forEach((r, i) => {
        const total = r.style === 'total';
        r.cells.forEach((cell, c) => {
          if (!cell) return;
          const x = ws.getCell(bodyStart(t) + i, c + 1);
          const where = `${t.shortName} ${x.address}`;
          expect(x.border?.top?.style, where).toBe('thin');
          if (cell.kind === 'number') {
            figures++;
            expect(Boolean(x.font?.bold), where).toBe(total);
            expect(x.alignment?.horizontal, where).toBe('right');
          } else {
            texts++;
            const h = cell.align ?? (t.columns[c]?.kind === 'number' ? 'center' : 'left');
            expect(Boolean(x.font?.bold), where).toBe(total || Boolean(cell.bold));
            expect(x.alignment?.horizontal, where).toBe(h);
            expect(x.alignment?.wrapText, where).toBe(true);
          }
        });
      });
    }
    // the sample has bold total rows, centred and indented text: the loop above saw them all
    expect(figures).toBeGreaterThan(100);
    expect(texts).toBeGreaterThan(50);
  });

  it('merges the title, the header line and the header tree as designed (表2)', () => {
    const merges = [...sheetOf(tableById('table-2')).model.merges].sort();
    const expected = [
      'A1:P1', // title
      'A2:H2', 'I2:P2', // 部门名称 | 单位
      'A3:A6', 'B3:B6', 'C3:O3', 'P3:P6', // 预算单位, 收入总计, 本年收入, 上年结余
      'C4:I4', 'J4:J6', 'K4:O4', // 政府预算拨款, 财政专户, 单位资金
      'C5:G5', 'H5:H6', 'I5:I6', // 一般公共预算拨款, 政府性基金, 国有资本
      'K5:K6', 'L5:L6', 'M5:M6', 'N5:N6', 'O5:O6', // 单位资金's five kinds
    ].sort();
    expect(merges).toEqual(expected);
    const ws = sheetOf(tableById('table-2'));
    expect(ws.getCell('C4').value).toBe('政府预算拨款');
    expect(ws.getCell('C5').value).toBe('一般公共预算拨款');
    expect(ws.getCell('D6').value).toBe('基本支出拨款');
    expect(ws.getCell('P3').value).toBe('上年结余、结转');
  });

  it('merges body spans (表十二, 表9) and the notes', () => {
    const m12 = sheetOf(tableById('table-12')).model.merges;
    // body starts at row 3 (no header tree): 名称 row, 年度主要任务 over 6 rows, 预算金额 over 3 columns
    for (const r of ['B3:C3', 'E3:F3', 'A4:A9', 'B4:B5', 'C4:C5', 'D4:F4', 'B9:C9', 'B10:F10', 'A11:A16', 'B12:B14', 'C12:C13', 'D11:E11', 'B15:B16']) {
      expect(m12, r).toContain(r);
    }
    const t9 = tableById('table-9');
    const ws9 = sheetOf(t9);
    expect(ws9.model.merges).toContain(`A${bodyStart(t9)}:A${bodyStart(t9) + 2}`);
    const noteRow = bodyStart(t9) + t9.rows.length;
    expect(ws9.getCell(noteRow, 1).value).toBe('注：本表本年无发生额。');
    expect(ws9.model.merges).toContain(`A${noteRow}:H${noteRow}`);
  });

  it('borders every cell of a merged header or body range', () => {
    for (const t of captionedTables(doc)) {
      const ws = sheetOf(t);
      const first = 1 + (t.title ? 1 : 0) + (t.headerLine ? 1 : 0); // first header row
      const last = bodyStart(t) + t.rows.length - 1;
      const width = Math.max(t.columns.length, ...t.rows.map((r) => r.cells.length));
      for (let r = first; r <= last; r++) {
        for (let c = 1; c <= width; c++) {
          const b = ws.getCell(r, c).border;
          const where = `${t.shortName} ${columnLetter(c)}${r}`;
          expect(b?.top?.style, where).toBe('thin');
          expect(b?.bottom?.style, where).toBe('thin');
          expect(b?.left?.style, where).toBe('thin');
          expect(b?.right?.style, where).toBe('thin');
        }
      }
    }
  });

  it('keeps an empty table: title, header and its note', () => {
    const t10 = tableById('table-10');
    const ws = sheetOf(t10);
    expect(ws.getCell('A1').value).toBe('政府性基金预算支出表');
    expect(ws.getCell('D3').value).toBe('支出总计');
    expect(ws.getCell('A4').value).toBe('注：本表本年无发生额。');
  });

  it('sizes columns for Chinese text', () => {
    const t3 = tableById('table-3');
    const ws = sheetOf(t3);
    const longest = Math.max(...t3.rows.map((r) => (r.cells[1]?.kind === 'text' ? [...r.cells[1].text].length : 0)));
    expect(ws.getColumn(2).width!).toBeGreaterThanOrEqual(longest * 2);
    expect(ws.getColumn(3).width!).toBeGreaterThanOrEqual('支出总计'.length * 2);
  });
});

describe('views, print setup and properties', () => {
  it('freezes the header rows', () => {
    for (const t of captionedTables(doc)) {
      const v = sheetOf(t).views[0] as ExcelJS.WorksheetViewFrozen;
      expect(v.state, t.shortName).toBe('frozen');
      expect(v.ySplit, t.shortName).toBe(lastHeaderRow(t));
      expect(v.xSplit ?? 0, t.shortName).toBe(0);
    }
  });

  it('prints on A4, landscape for wide tables, one page wide, header rows repeated, page numbers', () => {
    for (const t of captionedTables(doc)) {
      const ws = sheetOf(t);
      const p = ws.pageSetup;
      expect(p.paperSize, t.shortName).toBe(9);
      expect(p.orientation, t.shortName).toBe(t.orientation);
      expect(p.fitToPage, t.shortName).toBe(true);
      expect(p.fitToWidth, t.shortName).toBe(1);
      expect(p.fitToHeight, t.shortName).toBe(0);
      expect(p.printTitlesRow, t.shortName).toBe(printTitles(t));
      expect(ws.headerFooter.oddFooter).toMatch(/&P.*&N/);
    }
    expect(sheetOf(tableById('table-2')).pageSetup.orientation).toBe('landscape');
  });

  it('writes only absolute references in defined names (print titles)', () => {
    const xml = strFromU8(unzipSync(bytes)['xl/workbook.xml']);
    const names = [...xml.matchAll(/<definedName [^>]*>([^<]*)<\/definedName>/g)].map((m) => m[1].replace(/&apos;/g, "'"));
    expect(names.length).toBe(captionedTables(doc).length);
    for (const n of names) expect(n).toMatch(/^'[^']+'!\$\d+:\$\d+$/);
  });

  it('sets the document properties from the document, never the clock', () => {
    expect(wb.title).toBe(doc.meta.title);
    expect(wb.creator).toBe(doc.meta.author);
    expect(wb.subject).toBe(doc.meta.subject);
    expect(wb.keywords).toBe(doc.meta.keywords.join(', '));
    expect(wb.created.toISOString()).toBe(new Date(doc.meta.created).toISOString());
    expect(wb.modified.toISOString()).toBe(new Date(doc.meta.created).toISOString());
  });
});

describe('determinism', () => {
  it('renders the same bytes twice, whatever the clock and time zone', async () => {
    const again = await renderXlsx(sampleDoc());
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
    const tz = process.env.TZ;
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2031-07-09T13:14:15Z'));
      process.env.TZ = 'Pacific/Kiritimati'; // UTC+14: local and UTC days differ
      const later = await renderXlsx(sampleDoc());
      expect(Buffer.from(later).equals(Buffer.from(bytes))).toBe(true);
    } finally {
      vi.useRealTimers();
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });

  it('dates every zip entry from the document', async () => {
    const entries = centralDirectory(bytes);
    expect(entries.length).toBeGreaterThan(10);
    expect(entries.some((e) => e.name.endsWith('/'))).toBe(false);
    expect(entries[0].name).toBe('[Content_Types].xml');
    // The document's creation date (UTC fields; DOS times have two-second resolution).
    const d = new Date(doc.meta.created);
    for (const e of entries) {
      expect([e.year, e.month, e.day, e.hour, e.minute, e.second], e.name).toEqual([
        d.getUTCFullYear(),
        d.getUTCMonth() + 1,
        d.getUTCDate(),
        d.getUTCHours(),
        d.getUTCMinutes(),
        d.getUTCSeconds() - (d.getUTCSeconds() % 2),
      ]);
    }
    // A different creation date changes the package, so the date really comes from the document.
    const other = await renderXlsx({ ...doc, meta: { ...doc.meta, created: '2024-03-01T08:00:00Z' } });
    expect(Buffer.from(other).equals(Buffer.from(bytes))).toBe(false);
  });
});

/** Reads the zip central directory by hand: name and DOS date/time fields of every entry. */
function centralDirectory(zip: Uint8Array) {
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = zip.length - 22;
  while (eocd >= 0 && v.getUint32(eocd, true) !== 0x06054b50) eocd--;
  const count = v.getUint16(eocd + 10, true);
  let p = v.getUint32(eocd + 16, true);
  const out = [];
  for (let i = 0; i < count; i++) {
    if (v.getUint32(p, true) !== 0x02014b50) throw new Error('bad central directory');
    const time = v.getUint16(p + 12, true);
    const date = v.getUint16(p + 14, true);
    const nameLen = v.getUint16(p + 28, true);
    const extraLen = v.getUint16(p + 30, true);
    const commentLen = v.getUint16(p + 32, true);
    const name = new TextDecoder().decode(zip.subarray(p + 46, p + 46 + nameLen));
    out.push({
      name,
      year: (date >> 9) + 1980,
      month: (date >> 5) & 15,
      day: date & 31,
      hour: time >> 11,
      minute: (time >> 5) & 63,
      second: (time & 31) * 2,
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}
