import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Workbook, Worksheet } from 'exceljs';
import { importWorkbook } from '../../src/import/index.js';
import { blankFigures, builtFixture, copyFixture, facts, importInto, loadBudget, profileOf, yamlFiles } from './helpers.js';

/**
 * The Shanghai layout's tables read back (classified-columns, summary-by-class, three-public-row):
 * what a person does to the workbook is still read, and a cell that cannot be read or two tables
 * that print the same figure differently are errors naming the cells, with nothing written.
 */
const ExcelJS = createRequire(import.meta.url)('exceljs') as { Workbook: new () => Workbook };
const FIXTURE = 'fixtures/shanghai/gov-fund-2031';

let original: string;
let xlsx: Buffer;

beforeAll(async () => {
  original = copyFixture(FIXTURE);
  xlsx = (await builtFixture(FIXTURE)).xlsx;
});

async function edited(edit: (wb: Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as never);
  for (const ws of wb.worksheets)
    ws.eachRow((row) =>
      row.eachCell((c) => {
        const v = c.value as { formula?: string; result?: number } | null;
        if (v && typeof v === 'object' && 'formula' in v) c.value = v.result ?? 0;
      }),
    );
  edit(wb);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

const sheet = (wb: Workbook, prefix: string): Worksheet => wb.worksheets.find((w) => w.name.startsWith(prefix))!;

/** The row number whose 类 | 款 | 项 columns spell the code. */
function rowOf(ws: Worksheet, code: string): number {
  let at = 0;
  ws.eachRow((row, n) => {
    const c = [1, 2, 3].map((i) => String(row.getCell(i).value ?? '')).join('');
    if (c === code && !at) at = n;
  });
  if (!at) throw new Error(`no row ${code} in ${ws.name}`);
  return at;
}

function importOver(bytes: Uint8Array, dir: string) {
  return importWorkbook({ workbook: { name: 'book.xlsx', bytes }, profile: profileOf('profiles/shanghai.yaml'), existing: yamlFiles(dir) });
}

describe('a Shanghai workbook', () => {
  it('with codes stored as numbers (款 1 for 01) and figures as text still gives the original figures', async () => {
    const bytes = await edited((wb) => {
      const t3 = sheet(wb, '3.');
      const r = rowOf(t3, '2070109');
      t3.getCell(r, 1).value = 207;
      t3.getCell(r, 2).value = 1; // 01 saved as a number
      t3.getCell(r, 3).value = 9;
      t3.getCell(r, 5).value = '500,000.75';
    });
    const copy = copyFixture(FIXTURE);
    expect(blankFigures(copy, { keep: ['income.general.basic', 'income.general.performance', 'three_public.last_year'] })).toBeGreaterThan(5);
    importInto(copy, { name: 'book.xlsx', bytes }, profileOf('profiles/shanghai.yaml'));
    expect(facts(loadBudget(copy))).toEqual(facts(loadBudget(original)));
  });

  it('where Table 5 prints a row figure differently from Table 3 (a row paid only from 一般公共预算), says both cells and writes nothing', async () => {
    let cell = '';
    const bytes = await edited((wb) => {
      const t5 = sheet(wb, '5.');
      const r = rowOf(t5, '2070101');
      t5.getCell(r, 5).value = 1234;
      cell = t5.getCell(r, 5).address;
    });
    const r = importOver(bytes, copyFixture(FIXTURE));
    expect(r.files).toEqual([]);
    const msg = r.diagnostics.map((d) => `${d.rule} ${d.message.en}`).join('\n');
    expect(msg).toMatch(/import\/conflict 5\. .+!E\d+: functional 2070101 total differs between two tables/);
    expect(msg).toContain(`5. 2031年部门一般公共预算支出功能分类预算表!${cell} has 1234`);
    expect(msg).toMatch(/3\. 2031年部门支出预算总表!E\d+ has 1234567\.89/);
  });

  it('where Table 1 and Table 4 print 一般公共预算 differently, it is the conflict of income.general.total', async () => {
    const bytes = await edited((wb) => {
      const t4 = sheet(wb, '4.');
      t4.eachRow((row) => {
        if (String(row.getCell(1).value).includes('一般公共预算')) row.getCell(2).value = 1234;
      });
    });
    const r = importOver(bytes, copyFixture(FIXTURE));
    expect(r.files).toEqual([]);
    expect(r.diagnostics.map((d) => `${d.rule} ${d.message.en}`).join('\n')).toMatch(/import\/conflict income\.general\.total differs between two tables: 1\. 2031年部门财务收支预算总表!B\d+ has 1783334\.07, 4\. 2031年部门财政拨款收支预算总表!B\d+ has 1234/);
  });

  it('an unreadable code or figure is said with its sheet, cell, what was found and what was expected', async () => {
    const bytes = await edited((wb) => {
      const t2 = sheet(wb, '2.');
      const r = rowOf(t2, '2070101');
      t2.getCell(r, 1).value = '二零七';
      const t9 = sheet(wb, '9.');
      t9.eachRow((row, n) => {
        if (n > 4 && typeof row.getCell(3).value === 'number') row.getCell(3).value = '约两万';
      });
    });
    const r = importOver(bytes, copyFixture(FIXTURE));
    expect(r.files).toEqual([]);
    const msg = r.diagnostics.map((d) => d.message.en).join('\n');
    expect(msg).toMatch(/2\. 2031年部门收入预算总表!A\d+: found “二零七”, expected one level of a classification code/);
    expect(msg).toMatch(/9\. 2031年部门“三公”经费和机关运行经费预算表!C\d+: found .*约两万.*, expected an amount/);
  });
});
