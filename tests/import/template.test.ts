import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Workbook } from 'exceljs';
import { readXlsx } from '../../src/import/xlsx.js';
import { importWorkbook } from '../../src/import/index.js';
import { valuesOf } from '../../src/import/emit.js';
import { profileOf, tmp } from './helpers.js';
import { budget } from '../cli/run.js';

/**
 * `budget template`: the profile's tables as an empty workbook. An officer fills it in (here with
 * exceljs: one 项 row of 5 万元 basic spending, shown in every table that shows it) and `budget
 * import` reads it back.
 */
function withoutResults(bytes: Uint8Array): Uint8Array {
  const z = unzipSync(bytes);
  for (const k of Object.keys(z)) if (k.startsWith('xl/worksheets/sheet')) z[k] = strToU8(strFromU8(z[k]).replace(/(<\/f>)<v>[^<]*<\/v>/g, '$1'));
  return zipSync(z);
}

const ExcelJS = createRequire(import.meta.url)('exceljs') as { Workbook: new () => Workbook };

async function template(): Promise<string> {
  const file = join(tmp(), 'blank.xlsx');
  const r = await budget(['template', '--out', file, '--year', '2031']);
  expect(r.code).toBe(0);
  return file;
}

describe('budget template', () => {
  it('has a sheet per table after a 说明 sheet, input cells unlocked, totals as locked formulas', async () => {
    const file = await template();
    const sheets = readXlsx(readFileSync(file));
    expect(sheets[0].name).toBe('说明');
    for (const t of profileOf().tables) expect(sheets.some((s) => s.name.startsWith(`${t.caption} `))).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as never);
    const t2 = wb.worksheets.find((w) => w.name.startsWith('表2'))!;
    expect(t2.getCell('D7').value).toBe(null);
    expect(t2.getCell('D7').protection?.locked).toBe(false);
    expect(t2.getCell('B7').value).toMatchObject({ formula: 'SUM(C7,H7:P7)' });
    expect(t2.getCell('B7').protection?.locked).not.toBe(false);
    expect((t2 as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet).toBe(true);
    // The untouched template reads without error: nothing filled in, nothing made up.
    const r = importWorkbook({ workbook: { name: 'blank.xlsx', bytes: readFileSync(file) }, profile: profileOf(), existing: [] });
    expect(r.diagnostics).toEqual([]);
  });

  it('filled in, imports to the figures typed', async () => {
    const file = await template();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as never);
    const put = (sheet: string, cells: Record<string, string | number>) => {
      const ws = wb.worksheets.find((w) => w.name.startsWith(sheet))!;
      for (const [a, v] of Object.entries(cells)) ws.getCell(a).value = v;
    };
    const names = { 201: '一般公共服务支出', 20103: '政府办公厅（室）及相关机构事务', 2010301: '行政运行' };
    put('表1 ', { B6: 5, C5: `一、${names[201]}`, C6: names[20103], C7: names[2010301], D7: 5 });
    put('表2 ', { D7: 5 });
    put('表3 ', { B6: 201, C6: names[201], B7: 20103, C7: names[20103], B8: 2010301, C8: names[2010301], E8: 5 });
    put('表6 ', { B6: 5, C5: `一、${names[201]}`, C6: names[20103], C7: names[2010301], D7: 5 });
    put('表7 ', { B5: 201, C5: names[201], B6: 20103, C6: names[20103], B7: 2010301, C7: names[2010301], E7: 5 });
    put('表8 ', { B5: 301, C5: '工资福利支出', B6: 30101, C6: '基本工资', E6: 5 });
    put('表4 ', { A6: '工资福利支出', A7: '基本工资', D7: 5 });
    put('表十二', { B3: '某某区示例局', E3: '某某区主管局', B6: '人员类支出', C6: '在职人员经费', E6: 5, B8: '保障机构运转。', B10: '产出', C10: '数量', D10: '在职人数', F10: '10 人' });
    // exceljs does not calculate: it saves the totals' stale results (0). Excel and WPS recalculate on
    // saving; here the results are dropped instead, so the import evaluates the plain sums itself.
    const bytes = withoutResults(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    const r = importWorkbook({ workbook: { name: 'filled.xlsx', bytes }, profile: profileOf(), existing: [] });
    expect(r.diagnostics).toEqual([]);
    const v = valuesOf(r.files.map((f) => ({ name: f.name, text: f.text })));
    if ('error' in v) throw new Error(v.error.message);
    const s = JSON.parse(JSON.stringify(v.sections, (_k, x) => (x && typeof x === 'object' && 'dec' in x ? String(x) : x)));
    expect(s.department).toMatchObject({ supervisor: '某某区主管局', year: '2031', unit: '万元' });
    expect(s.income).toMatchObject({ total: '5', government: '5', general: { total: '5', basic: '5' } });
    expect(s.functional.rows).toEqual([
      { code: '201', name: names[201], total: '5', basic: '5' },
      { code: '20103', name: names[20103], total: '5', basic: '5' },
      { code: '2010301', name: names[2010301], total: '5', basic: '5' },
    ]);
    expect(s.economic.rows).toEqual([
      { code: '301', name: '工资福利支出', total: '5', basic: '5' },
      { code: '30101', name: '基本工资', total: '5', basic: '5' },
    ]);
    expect(s.performance).toMatchObject({ tasks: [{ name: '人员类支出', content: '在职人员经费', total: '5', fiscal: '5' }], goal: '保障机构运转。', indicators: [{ level1: '产出', level2: '数量', level3: '在职人数', target: '10 人' }] });
  });
});

describe('budget template --profile shanghai', () => {
  async function shanghai(): Promise<Buffer> {
    const file = join(tmp(), 'blank.xlsx');
    const r = await budget(['template', '--profile', 'shanghai', '--out', file, '--year', '2031', '--unit', '元']);
    expect(r.code).toBe(0);
    return readFileSync(file);
  }

  it('untouched, reads back without error and with no figure made up (the 类 | 款 | 项 cells are cleared too)', async () => {
    const r = importWorkbook({ workbook: { name: 'blank.xlsx', bytes: await shanghai() }, profile: profileOf('profiles/shanghai.yaml'), existing: [], profileName: 'shanghai' });
    expect(r.diagnostics).toEqual([]);
    const v = valuesOf(r.files.map((f) => ({ name: f.name, text: f.text })));
    if ('error' in v) throw new Error(v.error.message);
    const s = JSON.parse(JSON.stringify(v.sections, (_k, x) => (x && typeof x === 'object' && 'dec' in x ? String(x) : x)));
    // the layout the workbook was read with is the one check and build will use
    expect(s.department).toMatchObject({ year: '2031', unit: '元', profile: 'shanghai' });
    expect(s.functional.rows ?? []).toEqual([]);
    expect(s.three_public.this_year).toEqual({ total: '0', abroad: '0', reception: '0', vehicles: '0', vehicle_purchase: '0', vehicle_running: '0' });
  });

  it('filled in, imports to the figures typed', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await shanghai()) as never);
    const put = (sheet: string, cells: Record<string, string | number>) => {
      const ws = wb.worksheets.find((w) => w.name.startsWith(sheet))!;
      for (const [a, v] of Object.entries(cells)) ws.getCell(a).value = v;
    };
    // Table 3's first three rows: 201 | 201 01 | 201 01 01 行政运行, 5 元 of basic spending.
    put('3.', { A6: '201', D6: '一般公共服务支出', E6: 5, F6: 5, A7: '201', B7: '01', D7: '人大事务', E7: 5, F7: 5, A8: '201', B8: '01', C8: '01', D8: '行政运行', E8: 5, F8: 5 });
    // Tables 1 and 4 print the same 类 row and the income lines: filled in as well (each table
    // printing a figure must agree with the others).
    put('1.', { B5: 5, B6: 5, C5: '一、一般公共服务支出', D5: 5, B12: 5, D12: 5 });
    put('4.', { B5: 5, C5: '一、一般公共服务支出', E5: 5 });
    put('9.', { A6: 1.5, C6: 1.5, G6: 3 });
    const bytes = withoutResults(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    const r = importWorkbook({ workbook: { name: 'filled.xlsx', bytes }, profile: profileOf('profiles/shanghai.yaml'), existing: [] });
    expect(r.diagnostics).toEqual([]);
    const v = valuesOf(r.files.map((f) => ({ name: f.name, text: f.text })));
    if ('error' in v) throw new Error(v.error.message);
    const s = JSON.parse(JSON.stringify(v.sections, (_k, x) => (x && typeof x === 'object' && 'dec' in x ? String(x) : x)));
    expect(s.functional.rows).toEqual([
      { code: '201', name: '一般公共服务支出', total: '5', basic: '5' },
      { code: '20101', name: '人大事务', total: '5', basic: '5' },
      { code: '2010101', name: '行政运行', total: '5', basic: '5' },
    ]);
    expect(s.functional.total).toMatchObject({ total: '5', basic: '5' });
    expect(s.three_public.this_year).toMatchObject({ total: '1.5', reception: '1.5' });
    expect(s.running_cost).toBe('3');
    expect(s.income).toMatchObject({ government: '5', general: { total: '5' } });
  });
});
