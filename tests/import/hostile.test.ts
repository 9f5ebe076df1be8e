import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importWorkbook } from '../../src/import/index.js';
import { builtFixture, profileOf, tmp } from './helpers.js';
import { budget, ROOT } from '../cli/run.js';
import { MAX_PART_BYTES } from '../../src/import/xlsx.js';

/**
 * Edits of the workbook's XML that crashed `budget import` with exit 70 (found by fuzzing the
 * reference year's workbook): each must end as exit 2 naming the cell, with nothing written.
 */
let files: Record<string, Uint8Array>;

beforeAll(async () => {
  files = unzipSync(new Uint8Array((await builtFixture('data/2023')).xlsx));
});

/** The workbook with one sheet's XML (or the shared strings) edited. */
function edited(part: string, edit: (xml: string) => string): Uint8Array {
  const next = { ...files, [part]: strToU8(edit(strFromU8(files[part]))) };
  return zipSync(next);
}

/** The XML part of the sheet whose name starts with `prefix`, through the workbook's relationships. */
function part(prefix: string): string {
  const wb = strFromU8(files['xl/workbook.xml']);
  const rels = strFromU8(files['xl/_rels/workbook.xml.rels']);
  const rid = [...wb.matchAll(/<sheet\b[^>]*name="([^"]*)"[^>]*r:id="([^"]*)"/g)].find((m) => m[1].startsWith(prefix))![2];
  return `xl/${new RegExp(`Id="${rid}"[^>]*Target="([^"]*)"`).exec(rels)![1]}`;
}

/** Cell A1 of Table 2's sheet (its title) replaced by `cell`. */
const a1 = (cell: string) => edited(part('表2 '), (x) => x.replace(/<c r="A1"[^>]*?(\/>|>[\s\S]*?<\/c>)/, cell));

function run(bytes: Uint8Array) {
  return importWorkbook({ workbook: { name: 'w.xlsx', bytes }, profile: profileOf(), existing: [] });
}

describe('a hostile workbook', () => {
  it('a title cell that is a formula without its result is that cell\'s error, not a crash', async () => {
    const bytes = a1('<c r="A1"><f>NOW()</f></c>');
    const r = run(bytes);
    expect(r.files).toEqual([]);
    expect(r.diagnostics.map((d) => d.message.en)).toContainEqual(expect.stringMatching(/!A1: found 公式 =NOW\(\)，没有保存计算结果/));
    // and through the CLI: exit 2, no stack, nothing written
    const dir = tmp();
    const file = join(dir, 'w.xlsx');
    writeFileSync(file, bytes);
    const out = await budget(['import', file, '--to', join(dir, 'to')]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/import\/unreadable-cell: 表2 收入总表!A1/);
    expect(out.stderr).not.toMatch(/internal error|内部错误|at .*\.js/);
    expect(existsSync(join(dir, 'to'))).toBe(false);
  });

  it('a character reference past Unicode (&#99999999;) is read as U+FFFD, not a crash', () => {
    const r = run(a1('<c r="A1" t="inlineStr"><is><t>&#99999999;</t></is></c>'));
    // the title is gone, so the table is found by its sheet name; nothing else changed
    expect(r.diagnostics).toEqual([]);
    expect(r.files.length).toBeGreaterThan(0);
  });

  it('a number with an absurd exponent is refused as that cell, not a hang', () => {
    // the first number cell of Table 1 with a value
    const bytes = edited(part('表1 '), (x) => x.replace(/(<c r="([B-Z]\d+)"(?![^>]*t=)[^>]*><v>)[^<]*(<\/v>)/, '$11E999999999$3'));
    const r = run(bytes);
    expect(r.files).toEqual([]);
    expect(r.diagnostics.map((d) => d.message.en)).toContainEqual(expect.stringMatching(/found 数字 1E999999999, expected an amount/));
  });
});

describe('a table cut short', () => {
  it('Table 2 without its 合计 row is said at the row it should be on, not as conflicts at "Bundefined"', () => {
    // rows 1–6 are its title, header line and four header rows; row 7 its only body row
    const bytes = edited(part('表2 '), (x) => x.replace(/<row r="(\d+)"[^>]*?(\/>|>[\s\S]*?<\/row>)/g, (m, r: string) => (Number(r) >= 7 ? '' : m)));
    const r = run(bytes);
    expect(r.files).toEqual([]);
    expect(r.diagnostics.map((d) => d.message.zh)).toEqual(['表2 收入总表!A7：读到“”，应为合计行（表头下的第一行）']);
  });
});

describe('hostile files around the workbook', () => {
  it('a part that unpacks past the limit (a zip bomb) is refused before it is inflated', () => {
    const big = new Uint8Array(MAX_PART_BYTES + 1).fill(0x61);
    const bytes = zipSync({ ...files, 'xl/sharedStrings.xml': big }, { level: 0 });
    const r = run(bytes);
    expect(r.files).toEqual([]);
    expect(r.diagnostics.map((d) => `${d.rule} ${d.message.en}`)).toEqual([expect.stringMatching(/^import\/not-a-workbook .*xl\/sharedStrings\.xml unpacks to 64 MiB, more than 64 MiB/)]);
  });

  it('a CSV not in UTF-8 is named with its place', async () => {
    const dir = tmp();
    writeFileSync(join(dir, '表1 收支总表.csv'), Buffer.from('\ufeff表1,收支总表\n', 'utf16le'));
    const out = await budget(['import', '表1 收支总表.csv', '--to', 'to'], { cwd: dir });
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/^budget: 表1 收支总表\.csv:1:1: input\/encoding: /);
  });

  it('--profile with a path is read from where the user typed it, not from --to', async () => {
    const dir = tmp();
    copyFileSync(join(ROOT, 'profiles/shenzhen.yaml'), join(dir, 'mine.yaml'));
    writeFileSync(join(dir, 'w.xlsx'), zipSync(files));
    const out = await budget(['import', 'w.xlsx', '--to', 'to', '--profile', './mine.yaml', '--dry-run'], { cwd: dir });
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
  });
});

describe('budget template with a hostile profile', () => {
  it('an invalid profile file is named with file:line:col, and nothing is written', async () => {
    const dir = tmp();
    const original = readFileSync(join(ROOT, 'profiles/shanghai.yaml'), 'utf8');
    expect(original).toContain('\ntypography: { figure_space: false }\n');
    const text = original.replace('\ntypography: { figure_space: false }\n', '\ntypography: {figure_space: maybe}\n');
    writeFileSync(join(dir, 'p.yaml'), text);
    const line = text.split('\n').findIndex((l) => l.startsWith('typography:')) + 1;
    const out = await budget(['template', '--out', 'x.xlsx', '--profile', './p.yaml'], { cwd: dir });
    expect(out.code).toBe(2);
    expect(out.stderr).toBe(`budget: p.yaml:${line}:28: 版式文件有误：typography.figure_space: Invalid input: expected boolean, received string\n`);
    expect(existsSync(join(dir, 'x.xlsx'))).toBe(false);
  });
});

describe('a target directory that cannot take the files', () => {
  it('a directory named like one of the files is found before any file is written', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'w.xlsx'), zipSync(files));
    mkdirSync(join(dir, 'to', 'performance.yaml'), { recursive: true });
    const out = await budget(['import', 'w.xlsx', '--to', 'to'], { cwd: dir });
    expect(out.code).toBe(2);
    expect(out.stderr).toBe('budget: output/write-failed: 无法写入 to/performance.yaml：这是一个目录。\nbudget: 1 个错误，没有写入任何文件。\n');
    expect(readdirSync(join(dir, 'to'))).toEqual(['performance.yaml']);
  });
});
