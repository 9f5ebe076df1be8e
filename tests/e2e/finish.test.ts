/**
 * Issue 13, the document's finish: the three department-years built by the CLI, read back page by
 * page with poppler (tests/e2e/finish.ts) — no note parted from its table, no heading at the foot
 * of a page, no continued table carrying a single row or a total row alone.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { outline } from '../render/pdf/poppler.js';
import { budget } from '../cli/run.js';
import { pdfFonts } from './pdf-text.js';
import { continuationPages, figureRoom, finishDefects, loneCharacters, pageLines, pageWords, shadeLeftOf, wordLines } from './finish.js';

const SOURCES = { '2023': 'data/2023', '2022': 'fixtures/reference-2022', '2024': 'fixtures/synthetic-yuan-2024' } as const;
const out = mkdtempSync(join(tmpdir(), 'budget-e2e-finish-'));

beforeAll(async () => {
  const r = await budget(['build', ...Object.values(SOURCES), '--out', out], { env: { SOURCE_DATE_EPOCH: '1700000000' } });
  expect(r.code, r.stderr + r.stdout).toBe(0);
}, 180_000);

function output(year: string, ext: string): string {
  const dir = join(out, year);
  const f = readdirSync(dir).find((n) => n.endsWith(ext));
  if (!f) throw new Error(`no ${ext} in ${dir}`);
  return join(dir, f);
}

describe.each(Object.keys(SOURCES))('the finish of %s', (year) => {
  it('sets the 目录’s leader dots on the baseline of each entry, up to its page number', () => {
    const entries = wordLines(pageWords(output(year, '.pdf'), 2)).filter((l) => /^\d+$/.test(l[l.length - 1].text) && l.length > 1);
    expect(entries.length).toBeGreaterThan(10);
    for (const line of entries) {
      const name = line.filter((w) => !/^[.\d]+$/.test(w.text)).map((w) => w.text).join(' ');
      // the leader, however poppler cuts it into words
      const run = line.filter((w) => /^\.+$/.test(w.text));
      expect(run.map((w) => w.text).join('').length, `${name}: leader dots`).toBeGreaterThan(3);
      const dots = { xMin: run[0].xMin, xMax: run[run.length - 1].xMax, yMax: Math.max(...run.map((w) => w.yMax)) };
      const number = line[line.length - 1];
      // same baseline: the same bottom as the entry's text (all one size)
      expect(Math.abs(dots!.yMax - line[0].yMax), `${name}: dots on the baseline`).toBeLessThan(0.5);
      expect(number.xMin - dots!.xMax, `${name}: dots run up to the number`).toBeLessThan(16);
      expect(dots!.xMin - line[0].xMax, `${name}: dots start after the text`).toBeGreaterThan(0);
    }
  });

  it('has no page that parts a note, a heading or a lone row from what it belongs to', () => {
    expect(finishDefects(pageLines(output(year, '.pdf')))).toEqual([]);
  });

  it('gives every figure in a table room from its cell’s rules (3 pt and more, not 1–2)', () => {
    const file = output(year, '.pdf');
    const pages = pageLines(file);
    const first = pages.findIndex((p) => p.some((l) => /^\s*表1\s*$/.test(l)));
    let figures = 0;
    for (let p = first + 1; p <= pages.length; p++) {
      for (const f of figureRoom(file, p)) {
        figures++;
        expect(Math.min(f.left, f.right), `page ${p}: ${f.text} ${f.left}/${f.right} pt`).toBeGreaterThanOrEqual(3);
      }
    }
    expect(figures).toBeGreaterThan(100);
  });

  it('splits a table only where its rows fill the page: what runs on would not fit in the room left', () => {
    const file = output(year, '.pdf');
    const pages = pageLines(file);
    // A4 in points, the bottom margin; the page number sits below it
    const bottom = 841.89 - 62;
    const body = (p: number) => pageWords(file, p).filter((w) => w.yMax < bottom + 1);
    let split = 0;
    for (let i = 1; i < pages.length; i++) {
      let table = -1;
      for (let k = 0; k <= i; k++) if (pages[k].some((l) => /^\s*表(\d+|[一二三四五六七八九十]+)\s*$/.test(l))) table = k;
      if (table < 0 || table === i || !/\d/.test(pages[i].join(''))) continue;
      // page i + 1 continues the table of page i: its body rows start at the first line with a figure
      const words = body(i + 1);
      // the repeated header: the leading lines whose every word is on the table's first page above its first figure
      const opening = wordLines(body(table + 1));
      const firstFigure = opening.findIndex((l) => l.some((w) => /^[\d,.]+$/.test(w.text) && w.text.length > 1));
      const head = new Set(opening.slice(0, firstFigure < 0 ? opening.length : firstFigure).flat().map((w) => w.text));
      const lines = wordLines(words);
      const first = lines.find((l) => !l.every((w) => head.has(w.text)));
      if (!first) continue;
      split++;
      const rowsTop = Math.min(...first.map((w) => w.yMin)) - 4;
      const ran = Math.max(...words.map((w) => w.yMax)) + 4 - rowsTop;
      const left = bottom - Math.max(...body(i).map((w) => w.yMax)) - 4;
      expect(left, `page ${i}: ${Math.round(left)} pt left empty before ${Math.round(ran)} pt of the table on page ${i + 1}`).toBeLessThan(ran);
    }
    if (year === '2024') expect(split, 'the 元 tables that run on').toBeGreaterThan(0);
  });

  it('calls each table by one name everywhere: its page, the 目录, the bookmarks, the workbook', async () => {
    const file = output(year, '.pdf');
    const pages = pageLines(file);
    const squash = (x: string) => x.replace(/\s+/g, '');
    const names: string[] = [];
    for (const p of pages) {
      const at = p.findIndex((l) => /^\s*表(\d+|[一二三四五六七八九十]+)\s*$/.test(l));
      if (at >= 0) names.push(squash(p[at]) + squash(p[at + 1]));
    }
    expect(names.length).toBe(12);
    // the 目录: its pages up to the body's first
    const tocPages = pages.slice(1, pages.findIndex((p, i) => i > 0 && p.some((l) => l.trim() === '一、文字部分')));
    const toc = squash(tocPages.flat().join('')).replace(/\.{2,}/g, '');
    const marks = outline(file).map((o) => squash(o.title));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(output(year, '.xlsx'));
    const sheets = wb.worksheets.map((w) => squash(w.name));
    const wbToc: string[] = [];
    wb.worksheets[0].eachRow((row) => row.eachCell((c) => wbToc.push(squash(String((c.value as { text?: string })?.text ?? c.value)))));
    for (const name of names) {
      expect(toc, `目录: ${name}`).toContain(name);
      expect(marks, `bookmarks: ${name}`).toContain(name);
      expect(sheets, `sheets: ${name}`).toContain(name);
      expect(wbToc, `workbook 目录: ${name}`).toContain(name);
    }
  });

  it('leaves no table label with a single character on a line', () => {
    const file = output(year, '.pdf');
    expect(loneCharacters(file, pageLines(file))).toEqual([]);
  });

  it('dates the cover with the document’s date (SOURCE_DATE_EPOCH), not the clock', () => {
    const d = new Date(1700000000 * 1000);
    const date = `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
    expect(pageLines(output(year, '.pdf'))[0].map((l) => l.replace(/\s+/g, ''))).toContain(date);
  });

  it('lets the workbook’s 文字部分 wrap in its cells, in fonts with a fallback, rows sized to the text', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(output(year, '.xlsx'));
    const ws = wb.worksheets.find((w) => w.name === '文字部分')!;
    // the merged width in points: a column unit is the width of '0' in the default 11 pt font, 7 px
    const cols = (ws.columns ?? []).map((c) => c.width ?? 8.43);
    const widthPt = cols.reduce((a, b) => a + b, 0) * 7 * 0.75;
    let checked = 0;
    ws.eachRow((row) => {
      const cell = row.getCell(1);
      const v = cell.value as string | { text?: string } | null;
      const text = typeof v === 'string' ? v : (v?.text ?? '');
      if (text.length < 30 || row.cellCount > 1 && row.getCell(2).value !== cell.value && row.getCell(2).value !== null) return;
      checked++;
      expect(text, 'no hard line break').not.toMatch(/\n/);
      expect(cell.alignment?.wrapText, text.slice(0, 10)).toBe(true);
      expect(cell.font?.name).toMatch(/^(宋体|黑体)$/);
      expect(cell.font?.family, `${cell.font?.name}: a family class to fall back on`).toBe(cell.font?.name === '黑体' ? 2 : 1);
      const size = cell.font?.size ?? 11;
      let ems = 0;
      for (const ch of text) ems += /[\u2e80-\uffff]/.test(ch) ? 1 : 0.55;
      const lines = Math.ceil((ems * size) / (widthPt - 6));
      expect(row.height, `${text.slice(0, 12)}…: room for ${lines} lines`).toBeGreaterThanOrEqual(lines * size * 1.2);
      expect(row.height, `${text.slice(0, 12)}…: no more than a line to spare`).toBeLessThanOrEqual((lines + 1) * size * 1.45 + 8);
    });
    expect(checked).toBeGreaterThan(20);
  });

  it('sets bold runs (total rows) in the bold sans, as the 公文 convention has no bold 宋体', () => {
    expect(pdfFonts(output(year, '.pdf')).map((f) => f.name.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual(['NotoSansSC-Bold', 'NotoSerifSC-Regular']);
  });

  it('shades each side of Tables 1 and 6 by its own top lines', () => {
    const file = output(year, '.pdf');
    const pages = pageLines(file);
    for (const caption of ['表1', '表6']) {
      const page = pages.findIndex((p) => p.some((l) => l.trim() === caption)) + 1;
      const words = pageWords(file, page);
      const shade = (label: RegExp) => {
        const w = words.find((x) => label.test(x.text));
        if (!w) throw new Error(`${caption}: no ${label} on page ${page}`);
        return shadeLeftOf(file, page, w);
      };
      // an income top line and an expenditure 类 line are shaded, an income sub-line is not
      expect(shade(/^一、政府预算拨款$|^政府预算拨款$/), `${caption} 政府预算拨款`).toBeLessThan(250);
      expect(shade(/^一、一般公共服务支出$/), `${caption} 一般公共服务支出`).toBeLessThan(250);
      expect(shade(/^(\d\.)?一般公共预算拨款$/), `${caption} 一般公共预算拨款`).toBe(255);
      if (caption === '表1') {
        expect(shade(/^二、财政专户管理资金$/), '二、财政专户管理资金').toBeLessThan(250);
        expect(shade(/^3\.国有资本/), '3.国有资本经营预算拨款').toBe(255);
      }
    }
  });

  it('restates Table 12’s head row and its group labels on each continuation page', () => {
    const pages = continuationPages(pageLines(output(year, '.pdf')), '表十二');
    expect(pages.length, 'Table 12 runs on to a second page').toBeGreaterThan(0);
    for (const [i, p] of pages.entries()) {
      const text = p.join('\n');
      // (the group label may wrap in its column: 年度绩效指 / 标)
      for (const label of ['年度绩效指', '一级指标', '二级指标', '三级指标', '目标值']) {
        expect(text, `continuation page ${i + 1}: ${label}`).toContain(label);
      }
      // the 一级指标 of the page's indicators, restated rather than an empty box
      expect(text, `continuation page ${i + 1}: a 一级指标 label`).toMatch(/产出|效益|满意度|成本/);
    }
  });
});

describe('the workbook as LibreOffice prints it', () => {
  it('starts each continuation page of Table 12 with its 指标 head row (its print titles)', () => {
    const dir = join(out, 'printed');
    mkdirSync(join(dir, 'profile'), { recursive: true });
    copyFileSync(output('2023', '.xlsx'), join(dir, 'book.xlsx'));
    execFileSync(
      'soffice',
      [`-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'book.xlsx')],
      { stdio: 'pipe', timeout: 170_000 },
    );
    const pages = pageLines(join(dir, 'book.pdf'));
    const first = pages.findIndex((p) => p.some((l) => l.trim() === '整体支出绩效目标表'));
    expect(first, 'Table 12’s sheet is printed').toBeGreaterThan(0);
    const rest = pages.slice(first + 1);
    expect(rest.length, 'Table 12’s sheet runs on to a second page').toBeGreaterThan(0);
    for (const [i, p] of rest.entries()) {
      // (the merged group label 年度绩效指标 of column A may be read as a line of its own above it)
      const head = p.findIndex((l) => /一级指标/.test(l));
      expect(head, `page ${first + i + 2}: ${p.slice(0, 2).join(' / ')}`).toBeGreaterThanOrEqual(0);
      expect(head, `page ${first + i + 2}: the head row first`).toBeLessThanOrEqual(p[0].trim() === '年度绩效指标' ? 1 : 0);
      expect(p[head].trim().split(/\s+/)).toEqual(['一级指标', '二级指标', '三级指标', '目标值']);
    }
  }, 180_000);
});
