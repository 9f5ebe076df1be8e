import { createRequire } from 'node:module';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Workbook, Worksheet } from 'exceljs';
import { readXlsx } from '../../src/import/xlsx.js';
import { importWorkbook } from '../../src/import/index.js';
import { blankFigures, builtFixture, copyFixture, facts, importInto, loadBudget, profileOf, tmp, yamlFiles } from './helpers.js';
import { budget } from '../cli/run.js';

/**
 * What people do to spreadsheets (issue 12), done with exceljs to the reference year's workbook:
 * blank and hidden rows inside a table, numbers stored as text (thousands separators, full-width
 * digits, a trailing 万元), 科目编码 stored as numbers, a re-ordered sheet list, a sheet renamed with
 * spaces, formulas with and without cached results. The import must still get every figure.
 */
const ExcelJS = createRequire(import.meta.url)('exceljs') as { Workbook: new () => Workbook };

let original: string;
let xlsx: Buffer;

beforeAll(async () => {
  original = copyFixture('data/2023');
  xlsx = (await builtFixture('data/2023')).xlsx;
});

async function workbook(): Promise<Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as never);
  return wb;
}

/** Formulas replaced by their results, so rows can be inserted without references going stale. */
function flatten(ws: Worksheet): void {
  ws.eachRow((row) =>
    row.eachCell((c) => {
      const v = c.value as { formula?: string; result?: number } | null;
      if (v && typeof v === 'object' && 'formula' in v) c.value = v.result ?? 0;
    }),
  );
}

const sheet = (wb: Workbook, prefix: string) => wb.worksheets.find((w) => w.name.startsWith(prefix))!;

async function bytes(wb: Workbook): Promise<Uint8Array> {
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('a messy workbook', () => {
  it('imports to the original figures', async () => {
    const wb = await workbook();
    const t3 = sheet(wb, '表3');
    flatten(t3);
    // 201 一般公共服务支出 is row 6; 2010350 事业运行 row 8.
    t3.getCell('B6').value = 201; // a code stored as a number
    t3.getCell('D8').value = '4,959'; // thousands separator, as text
    t3.getCell('E8').value = '７９６'; // full-width digits
    t3.getCell('F8').value = '4164 万元'; // a trailing unit
    t3.insertRow(9, []); // a blank row
    const hidden = t3.insertRow(10, ['', '999', '不该读到', 1, 2, 3]);
    hidden.hidden = true; // a hidden row with junk
    t3.name = ' 表3  支出总表 '; // renamed with spaces
    // Table 2's figures as text with separators; the formula cells of Table 1 keep their cached results.
    const t2 = sheet(wb, '表2');
    t2.getCell('B5').value = '5,158.00';
    // The sheet list re-ordered: Table 12 first.
    const t12 = sheet(wb, '表十二');
    for (const w of wb.worksheets) w.orderNo = w === t12 ? 0 : w.orderNo + 1;
    const messy = await bytes(wb);
    // The sheets really are in another order, and the rename and the hidden row are in the file.
    const raw = readXlsx(messy);
    expect(raw[0].name).toBe('表十二 整体支出绩效目标表');
    expect(raw.some((s) => s.name === ' 表3  支出总表 ')).toBe(true);
    expect([...raw.find((s) => s.name === ' 表3  支出总表 ')!.hiddenRows]).toEqual([10]);

    const copy = copyFixture('data/2023');
    blankFigures(copy);
    importInto(copy, { name: 'messy.xlsx', bytes: messy }, profileOf());
    expect(facts(loadBudget(copy))).toEqual(facts(loadBudget(original)));
  });

  it('a formula without a cached result that is not a plain sum is an error naming the cell', async () => {
    const wb = await workbook();
    sheet(wb, '表3').getCell('E8').value = { formula: 'VLOOKUP(A1,H:I,2,FALSE)' } as never;
    const r = importWorkbook({ workbook: { name: 'x.xlsx', bytes: await bytes(wb) }, profile: profileOf(), existing: [] });
    expect(r.files).toEqual([]);
    expect(r.diagnostics.map((d) => d.message.zh)).toEqual([expect.stringContaining('表3 支出总表!E8：读到 公式 =VLOOKUP(A1,H:I,2,FALSE)，没有保存计算结果')]);
  });

  it('an unreadable cell: exit 2, the sheet, the cell, what was found and expected, and nothing written', async () => {
    const wb = await workbook();
    sheet(wb, '表3').getCell('D8').value = '约五千';
    const file = join(tmp(), 'bad.xlsx');
    writeFileSync(file, await bytes(wb));
    const dir = copyFixture('data/2023');
    blankFigures(dir);
    const before = yamlFiles(dir);
    const r = await budget(['import', file, '--to', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('import/unreadable-cell: 表3 支出总表!D8：读到 文字“约五千”，应为一个金额');
    expect(r.stderr).toContain('没有写入任何文件');
    expect(yamlFiles(dir)).toEqual(before);
    expect(readdirSync(dir).length).toBe(before.length);
  });

  it('budget import through the CLI fills a blanked copy, then budget check passes', async () => {
    const file = join(tmp(), 'ok.xlsx');
    writeFileSync(file, xlsx);
    const dir = copyFixture('data/2023');
    blankFigures(dir);
    const r = await budget(['import', file, '--to', dir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('检查通过：');
    expect((await budget(['check', dir])).code).toBe(0);
    expect(readFileSync(join(dir, 'functional.yaml'), 'utf8')).toContain('code: 2010350, name: 事业运行, total: 4959, basic: 796, project: 4164');
  });
});

describe('into an empty directory', () => {
  it('writes every figure the workbook has and leaves the rest empty, for budget check to list', async () => {
    const file = join(tmp(), 'book.xlsx');
    writeFileSync(file, xlsx);
    const dir = join(tmp(), '2023');
    const r = await budget(['import', file, '--to', dir]);
    expect(r.code).toBe(0);
    const { valuesOf } = await import('../../src/import/emit.js');
    const plain = (v: unknown) => JSON.parse(JSON.stringify(v, (_k, x) => (x && typeof x === 'object' && 'dec' in x ? String(x) : x)));
    const mine = valuesOf(yamlFiles(dir));
    const theirs = valuesOf(yamlFiles(original));
    if ('error' in mine || 'error' in theirs) throw new Error('unreadable');
    expect(plain(mine.sections.income)).toEqual(plain(theirs.sections.income));
    // An omitted part is 0 (docs/format.md): the import leaves a zero part out.
    const rows = (s: { [k: string]: unknown }) => plain((s.functional as { rows: object[] }).rows.map((x: any) => [x.code, x.name, x.total, x.basic ?? '0', x.project ?? '0']));
    expect(rows(mine.sections)).toEqual(rows(theirs.sections));
    expect(plain(mine.sections.performance)).toMatchObject({ total: '5158', goal: expect.stringContaining('通过本项目的实施') });
    // The narrative sheet's free text, read back by the profile's templates where a line prints it whole.
    const dep = (x: typeof mine) => plain(x.sections.department);
    expect(dep(mine).duties).toEqual(dep(theirs).duties);
    expect(dep(mine).goals).toBe(dep(theirs).goals);
    for (const k of ['personnel', 'public', 'household']) expect(plain(mine.sections.summary)[k].includes).toBe(plain(theirs.sections.summary)[k].includes);
    const assets = (x: typeof mine) => { const { planned: _p, ...rest } = plain(x.sections.assets); return rest; };
    expect(assets(mine)).toEqual(assets(theirs));
    // Each section names the sheet and cells it came from.
    expect(readFileSync(join(dir, 'functional.yaml'), 'utf8')).toContain('# 导入自 book.xlsx：表3 支出总表!A5:I22，表7 一般公共预算支出表（按功能分类）!A4:F21');
    const check = await budget(['check', dir]);
    expect(check.code).toBe(2);
    expect(check.stdout).toContain('待填写：');
    expect(check.stdout).toMatch(/department\.yaml +\d+ 个/);
  });
});

describe('CSV, one file per table', () => {
  it('a GBK file gets the iconv hint of the YAML reader', async () => {
    const dir = tmp();
    // 表 in GBK is 0xB1 0xED: not UTF-8.
    const file = join(dir, 'table.csv');
    writeFileSync(file, Buffer.from([0xb1, 0xed, 0x31, 0x2c, 0x31, 0x0a]));
    const r = await budget(['import', file, '--to', join(dir, 'out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('iconv -f GBK -t UTF-8');
    expect(readdirSync(dir)).toEqual(['table.csv']);
  });

  it('a UTF-8 CSV with a byte order mark reads like its sheet', async () => {
    const { readCsv } = await import('../../src/import/csv.js');
    const text = '\ufeff表3 支出总表\n部门名称：某某区示例局,,,,,单位：万元\n"预算单位",科目编码,科目名称\n某某区示例局,,,"1,234"\n';
    const r = readCsv('表3 支出总表.csv', new TextEncoder().encode(text));
    if ('error' in r) throw new Error(r.error.message.en);
    expect(r.sheet.name).toBe('表3 支出总表');
    expect(r.sheet.cells.get('A1')?.value).toBe('表3 支出总表');
    expect(r.sheet.cells.get('D4')?.value).toBe('1,234');
    expect(r.sheet.cells.get('F2')?.value).toBe('单位：万元');
  });
});

describe('what cannot be read', () => {
  it('every unreadable cell is reported at once, each with its sheet and cell', async () => {
    const wb = await workbook();
    sheet(wb, '表3').getCell('E8').value = '七九六';
    sheet(wb, '表2').getCell('D7').value = '5 158 元'; // a unit other than the tables' (万元)
    sheet(wb, '表8').getCell('B6').value = '三〇一';
    const r = importWorkbook({ workbook: { name: 'x.xlsx', bytes: await bytes(wb) }, profile: profileOf(), existing: [] });
    expect(r.files).toEqual([]);
    expect(r.diagnostics.map((d) => d.message.zh).sort()).toEqual([
      '表2 收入总表!D7：读到 “5 158 元”（单位 元），应为以万元为单位的金额（本表单位：万元）',
      '表3 支出总表!E8：读到 文字“七九六”，应为一个金额（数字，可带千位分隔符或单位）',
      '表8 一般公共预算支出表（按经济分类）!B6：读到 “三〇一”，应为科目编码（3、5 或 7 位数字）',
    ]);
  });

  it('the same figure different in two tables names both cells', async () => {
    const wb = await workbook();
    sheet(wb, '表2').getCell('C7').value = 1234;
    const r = importWorkbook({ workbook: { name: 'x.xlsx', bytes: await bytes(wb) }, profile: profileOf(), existing: [] });
    expect(r.files).toEqual([]);
    expect(r.diagnostics.map((d) => `${d.rule} ${d.message.zh}`)).toEqual([
      'import/conflict income.general.total 在两张表中不一致：表1 收支总表!B6 为 5158，表2 收入总表!C7 为 1234',
    ]);
  });

  it('a file that is not a workbook: exit 2, the rule and what to do', async () => {
    const file = join(tmp(), '预算.xls');
    writeFileSync(file, 'not a zip');
    const dir = join(tmp(), 'out');
    const r = await budget(['import', file, '--to', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('import/not-a-workbook: 预算.xls 不是 XLSX 工作簿');
    expect(r.stderr).toContain('另存为 .xlsx');
  });

  it('without --profile, the layout the existing data names is used (the toy profile)', async () => {
    const dir = copyFixture('fixtures/profiles/toy/data/2024');
    const { xlsx } = await builtFixture('fixtures/profiles/toy/data/2024');
    const file = join(tmp(), 'toy.xlsx');
    writeFileSync(file, xlsx);
    blankFigures(dir, { sections: ['three_public'] });
    const r = await budget(['import', file, '--to', dir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect((await budget(['check', dir])).code).toBe(0);
  });
});

describe('a row no table gives a code', () => {
  it('is written with its code empty, and the import says so', async () => {
    const { xlsx } = await builtFixture('fixtures/synthetic-yuan-2024');
    const r = importWorkbook({ workbook: { name: 'syn.xlsx', bytes: xlsx }, profile: profileOf(), existing: [] });
    expect(r.diagnostics).toEqual([]);
    expect(r.warnings?.map((w) => w.zh)).toEqual(['表4 基本支出总表!A20：基本支出表的“资本性支出”不在按经济分类的支出表中，没有科目编码：已写入该行，科目编码待填写']);
    expect(r.files.find((f) => f.name === 'economic.yaml')!.text).toContain('- {code:, name: 资本性支出, basic: 0.00}');
  });
});
