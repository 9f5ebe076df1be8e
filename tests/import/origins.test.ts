import { createRequire } from 'node:module';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Workbook, Worksheet } from 'exceljs';
import { Grid, address } from '../../src/import/grid.js';
import { readXlsx } from '../../src/import/xlsx.js';
import { build, buildIdentityOf, builtFixture, copyFixture, tmp } from './helpers.js';
import { budget, STACK } from '../cli/run.js';

/**
 * Issue 12's last piece: after `budget import`, `budget check` names the workbook cell each figure
 * of a finding came from. The expected cell is found here independently of the import: in the
 * built workbook (exceljs), the row whose 科目编码 is the row's code and the column headed by the
 * figure's label, holding the imported value.
 */
const ExcelJS = createRequire(import.meta.url)('exceljs') as { Workbook: new () => Workbook };

interface JsonOrigin {
  workbook: string;
  csv: boolean;
  sheet: string;
  cell: string;
  imported: string;
  edited: boolean;
}
interface JsonFigure {
  label: string;
  value: string;
  span: { file: string; line: number } | null;
  origin: JsonOrigin | null;
}
interface JsonDiag {
  rule: string;
  severity: string;
  message: string;
  span: { file: string; line: number } | null;
  origin: JsonOrigin | null;
  related: { origin: JsonOrigin | null }[];
  figures: JsonFigure[];
}

async function checkJson(dir: string): Promise<{ code: number | null; diagnostics: JsonDiag[]; stderr: string }> {
  const r = await budget(['check', dir, '--format', 'json', '--lang', 'en']);
  return { code: r.code, stderr: r.stderr, diagnostics: JSON.parse(r.stdout).results[0].diagnostics };
}

const figuresOf = (ds: readonly JsonDiag[]) => ds.flatMap((d) => d.figures);

async function workbook(bytes: Uint8Array): Promise<Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as never);
  return wb;
}

const text = (v: unknown): string => {
  if (v && typeof v === 'object' && 'result' in v) return String((v as { result: unknown }).result ?? '');
  if (v && typeof v === 'object' && 'richText' in v) return (v as { richText: { text: string }[] }).richText.map((t) => t.text).join('');
  return v === null || v === undefined ? '' : String(v);
};

/**
 * Every cell (sheet!A1) of the workbook that is in a row whose code cells — one cell, or 类 | 款 | 项
 * read left to right — spell `code`, in a column headed `header` above it, and holds `value`.
 */
function cellsOf(wb: Workbook, code: string, header: string, value: number): string[] {
  const out: string[] = [];
  for (const ws of wb.worksheets) {
    const headed = new Map<number, number>(); // column → the row of its header
    ws.eachRow((row, r) =>
      row.eachCell((c, col) => {
        if (text(c.value).replace(/\s+/g, '') === header && !headed.has(col)) headed.set(col, r);
      }),
    );
    ws.eachRow((row, r) => {
      const cells = [1, 2, 3, 4].map((i) => text(row.getCell(i).value).trim());
      const spelled = cells.some((t) => t === code) || cells.slice(0, 3).join('') === code;
      if (!spelled) return;
      for (const [col, hr] of headed) {
        const c = row.getCell(col);
        if (hr < r && Number(text(c.value)) === value) out.push(`${ws.name}!${c.address}`);
      }
    });
  }
  return out;
}

const sheetOf = (wb: Workbook, prefix: string): Worksheet => wb.worksheets.find((w) => w.name.startsWith(prefix))!;

describe('data/2023: a figure edited after the import', () => {
  let xlsx: { path: string; bytes: Buffer };
  let dir: string;
  let expected: string;

  beforeAll(async () => {
    const built = await builtFixture('data/2023');
    const at = tmp();
    xlsx = { path: join(at, built.xlsxName), bytes: built.xlsx };
    writeFileSync(xlsx.path, built.xlsx);
    const wb = await workbook(built.xlsx);
    // 2080505 机关事业单位基本养老保险缴费支出: 基本支出 58 in 表3 (and again in 表7, which the import reads second)
    const cells = cellsOf(wb, '2080505', '基本支出', 58).filter((c) => c.startsWith(sheetOf(wb, '表3').name));
    expect(cells).toHaveLength(1);
    expected = cells[0];
    dir = copyFixture('data/2023');
    const r = await budget(['import', xlsx.path, '--to', dir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'import-origins.json'))).toBe(true);
  });

  const edit = (d: string, insert = '') => {
    const f = join(d, 'functional.yaml');
    const before = readFileSync(f, 'utf8');
    let after = before.replace(/(\{code: 2080505, name: 机关事业单位基本养老保险缴费支出, total: 58, basic: )58/, '$168');
    after = after.replace(/\n(\s+rows:)/, `\n${insert}$1`);
    expect(after).not.toBe(before);
    writeFileSync(f, after);
  };

  it('the finding names the cell the figure was imported from, and that it was edited since', async () => {
    const copy = copyFixture('data/2023');
    await budget(['import', xlsx.path, '--to', copy]);
    edit(copy);
    const r = await checkJson(copy);
    expect(r.code).toBe(1);
    const error = r.diagnostics.find((d) => d.severity === 'error')!;
    const edited = error.figures.filter((f) => f.origin?.edited);
    expect(edited.map((f) => `${f.origin!.sheet}!${f.origin!.cell}`)).toEqual([expected]);
    expect(edited[0]).toMatchObject({ value: '68', origin: { imported: '58', csv: false, workbook: xlsx.path.split('/').pop() } });
    // the unedited figures of the same finding name their cells without "edited"
    expect(error.figures.filter((f) => f.origin && !f.origin.edited).length).toBeGreaterThan(2);

    const zh = await budget(['check', copy]);
    expect(zh.stdout).toContain(`68（自工作簿 ${expected} 导入时为 58，此后已修改）`);
    expect(zh.stdout).toMatch(/的基本支出 98（来自工作簿 表3 支出总表!E\d+）/);
    const en = await budget(['check', copy, '--lang', 'en']);
    expect(en.stdout).toContain(`68 (imported from workbook cell ${expected} as 58, edited since)`);
    const gh = await budget(['check', copy, '--format', 'github', '--lang', 'en']);
    expect(gh.stdout).toContain(`imported from workbook cell ${expected} as 58, edited since`);
    const junit = await budget(['check', copy, '--format', 'junit', '--lang', 'en']);
    expect(junit.stdout).toContain(`imported from workbook cell ${expected} as 58, edited since`);
  });

  it('still finds the figure when lines were inserted before it', async () => {
    const copy = copyFixture('data/2023');
    await budget(['import', xlsx.path, '--to', copy]);
    edit(copy, '  # 一条说明\n\n  # 再一条\n\n');
    const r = await checkJson(copy);
    const edited = figuresOf(r.diagnostics).filter((f) => f.origin?.edited);
    expect(edited.map((f) => `${f.origin!.sheet}!${f.origin!.cell}`)).toEqual([expected]);
    // it did move: four lines down from where the import left it
    const plain = copyFixture('data/2023');
    edit(plain);
    const before = figuresOf((await checkJson(plain)).diagnostics).find((f) => f.value === '68' && f.span)!;
    expect(edited[0].span!.line).toBe(before.span!.line + 4);
    // and without the record nothing names a cell (the plain copy was never imported into)
    expect(figuresOf((await checkJson(plain)).diagnostics).every((f) => f.origin === null)).toBe(true);
  });

  it('a damaged or foreign record is one warning naming it; the check of the data still runs', async () => {
    for (const bad of ['{"format": "budget-import-origins", "version": 1, "workbook": "x.xlsx", "figures": [{"file": 1}]}', '{ not json', '{"name": "another tool"}', '']) {
      const copy = copyFixture('data/2023');
      await budget(['import', xlsx.path, '--to', copy]);
      writeFileSync(join(copy, 'import-origins.json'), bad);
      edit(copy);
      const r = await checkJson(copy);
      expect(r.code).toBe(1);
      expect(r.stderr).not.toMatch(STACK);
      const warnings = r.diagnostics.filter((d) => d.rule === 'input/import-origins');
      expect(warnings).toHaveLength(1);
      expect(warnings[0].severity).toBe('warning');
      expect(warnings[0].message).toContain(join(copy, 'import-origins.json'));
      // the edit is still found, without cells
      expect(r.diagnostics.some((d) => d.severity === 'error' && d.figures.some((f) => f.value === '68'))).toBe(true);
      expect(figuresOf(r.diagnostics).every((f) => f.origin === null)).toBe(true);
      const human = await budget(['check', copy]);
      expect(human.code).toBe(1);
      expect(human.stdout + human.stderr).not.toMatch(STACK);
    }
  });

  it('the record does not change the build: same identity with and without it', async () => {
    const copy = copyFixture('data/2023');
    await budget(['import', xlsx.path, '--to', copy]);
    expect(existsSync(join(copy, 'import-origins.json'))).toBe(true);
    const a = await build(copy);
    rmSync(join(copy, 'import-origins.json'));
    const b = await build(copy);
    expect(buildIdentityOf(a.xlsx)).toBe(buildIdentityOf(b.xlsx));
    expect(a.xlsx.equals(b.xlsx)).toBe(true);
  });

  it('an import of the same workbook again leaves the record as it was', async () => {
    const before = readFileSync(join(dir, 'import-origins.json'), 'utf8');
    const r = await budget(['import', xlsx.path, '--to', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('import-origins.json');
    expect(readFileSync(join(dir, 'import-origins.json'), 'utf8')).toBe(before);
  });
});

it('fixtures/reference-shanghai-2026: the cell of a figure in 元, written 4,614,597', async () => {
  const built = await builtFixture('fixtures/reference-shanghai-2026');
  const file = join(tmp(), built.xlsxName);
  writeFileSync(file, built.xlsx);
  const dir = copyFixture('fixtures/reference-shanghai-2026');
  const r = await budget(['import', file, '--to', dir]);
  expect(r.code).toBe(0);
  const f = join(dir, 'functional.yaml');
  const yaml = readFileSync(f, 'utf8');
  // 2070101 行政运行: basic 4,614,597 → 4,614,598 (the row's total no longer basic + project)
  const edited = yaml.replace(/(- code: 2070101\n(?:\s+\w+: .*\n)*?\s+basic: )4,614,597/, '$14,614,598');
  expect(edited).not.toBe(yaml);
  writeFileSync(f, edited);
  const { diagnostics } = await checkJson(dir);
  const hits = figuresOf(diagnostics).filter((x) => x.origin?.edited);
  expect(hits.length).toBeGreaterThan(0);
  const candidates = cellsOf(await workbook(built.xlsx), '2070101', '基本支出', 4614597);
  expect(candidates.length).toBeGreaterThan(0);
  for (const h of hits) {
    expect(candidates).toContain(`${h.origin!.sheet}!${h.origin!.cell}`);
    expect(h.origin).toMatchObject({ imported: '4614597', edited: true, csv: false });
  }
});

it('CSV: the file and cell a figure came from', async () => {
  const { xlsx } = await builtFixture('data/2023');
  const at = tmp();
  const files: string[] = [];
  for (const sheet of readXlsx(xlsx)) {
    if (!sheet.name.startsWith('表')) continue;
    const g = new Grid(sheet);
    const rows = Math.max(...[...sheet.cells.keys()].map((k) => Number(k.replace(/^[A-Z]+/, ''))));
    const lines: string[] = [];
    for (let r = 1; r <= rows; r++) {
      const cells: string[] = [];
      for (let c = 0; c < 16; c++) {
        const t = g.covered(address(r, c)) ? '' : g.text(r, c);
        cells.push(/[",\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t);
      }
      lines.push(cells.join(',').replace(/,+$/, ''));
    }
    const file = join(at, `${sheet.name}.csv`);
    writeFileSync(file, lines.join('\r\n') + '\r\n');
    files.push(file);
  }
  // The expected cell from the CSV text itself: the line whose second field is the code, the
  // column whose header field is 基本支出.
  const t3 = files.find((f) => f.split('/').pop()!.startsWith('表3'))!;
  const table = readFileSync(t3, 'utf8').split('\r\n').map((l) => l.split(','));
  const row = table.findIndex((fields) => fields[1] === '2080505') + 1;
  const col = table.find((fields) => fields.includes('基本支出'))!.indexOf('基本支出');
  expect(row).toBeGreaterThan(0);
  expect(table[row - 1][col]).toBe('58');
  const dir = copyFixture('data/2023');
  const r = await budget(['import', ...files, '--to', dir]);
  expect(r.code).toBe(0);
  const f = join(dir, 'functional.yaml');
  writeFileSync(f, readFileSync(f, 'utf8').replace(/(\{code: 2080505, name: 机关事业单位基本养老保险缴费支出, total: 58, basic: )58/, '$168'));
  const { diagnostics } = await checkJson(dir);
  const edited = figuresOf(diagnostics).filter((x) => x.origin?.edited);
  expect(edited.map((x) => x.origin)).toEqual([{ workbook: expect.any(String), csv: true, sheet: t3.split('/').pop(), cell: `${String.fromCharCode(65 + col)}${row}`, imported: '58', edited: true }]);
  const human = await budget(['check', dir]);
  expect(human.stdout).toContain(`68（自${t3.split('/').pop()} 的 ${String.fromCharCode(65 + col)}${row} 单元格 导入时为 58，此后已修改）`);
});
