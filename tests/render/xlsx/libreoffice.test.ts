/**
 * A real client opens the workbook: LibreOffice Calc (headless) converts every sheet to CSV.
 * Its private profile is told to recalculate every formula on load, and a second copy of the
 * workbook has every cached formula result replaced by 999999, so the figures LibreOffice prints
 * for the totals are the ones its own recalculation of our formulas gives.
 * CI installs libreoffice-calc (.ci/run).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderXlsx } from '../../../src/render/xlsx/index.js';
import { captionedTables, figures } from './expect.js';
import { referenceDoc } from './reference-doc.js';
import { sampleDoc } from './sample-doc.js';

const RECALC_ALWAYS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;
// Field separator ",", text delimiter '"', UTF-8, from line 1, raw values (not as shown), every
// sheet to its own file (-1; LibreOffice ≥ 7.2).
const CSV = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1';
const POISON = '999999';

/** A small RFC 4180 reader: quoted fields, doubled quotes, newlines inside quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Replaces the cached value of every formula cell, so only a recalculation can restore it. */
function poisonCachedResults(bytes: Uint8Array): { bytes: Uint8Array; count: number } {
  const files = unzipSync(bytes);
  let count = 0;
  for (const name of Object.keys(files)) {
    if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) continue;
    const xml = strFromU8(files[name]).replace(/(<f>[^<]*<\/f>)<v>[^<]*<\/v>/g, (_m, f: string) => {
      count++;
      return `${f}<v>${POISON}</v>`;
    });
    files[name] = strToU8(xml);
  }
  return { bytes: zipSync(files), count };
}

describe('LibreOffice opens the workbook', () => {
  const doc = sampleDoc();
  const ref = referenceDoc();
  let dir: string;
  let poisoned = 0;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'budget-xlsx-lo-'));
    const profile = join(dir, 'profile');
    mkdirSync(join(profile, 'user'), { recursive: true });
    writeFileSync(join(profile, 'user', 'registrymodifications.xcu'), RECALC_ALWAYS);
    const bytes = await renderXlsx(doc);
    const p = poisonCachedResults(bytes);
    poisoned = p.count;
    writeFileSync(join(dir, 'book.xlsx'), bytes);
    writeFileSync(join(dir, 'poisoned.xlsx'), p.bytes);
    const r = poisonCachedResults(await renderXlsx(ref));
    poisoned += r.count;
    writeFileSync(join(dir, 'reference.xlsx'), r.bytes);
    mkdirSync(join(dir, 'out'));
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=${pathToFileURL(profile).href}`,
        '--headless',
        '--norestore',
        '--convert-to',
        CSV,
        '--outdir',
        join(dir, 'out'),
        join(dir, 'book.xlsx'),
        join(dir, 'poisoned.xlsx'),
        join(dir, 'reference.xlsx'),
      ],
      { stdio: 'pipe', timeout: 170_000 },
    );
    // The same workbook as flat OpenDocument, to see how LibreOffice understood the links.
    execFileSync(
      'soffice',
      [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--norestore', '--convert-to', 'fods', '--outdir', join(dir, 'out'), join(dir, 'book.xlsx')],
      { stdio: 'pipe', timeout: 170_000 },
    );
  }, 360_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function sheetCsv(book: string, sheet: string): string[][] {
    return parseCsv(readFileSync(join(dir, 'out', `${book}-${sheet}.csv`), 'utf8'));
  }

  it('converts every sheet', () => {
    const files = readdirSync(join(dir, 'out')).sort();
    const names = ['目录', '文字部分', ...captionedTables(doc).map((t) => t.shortName)];
    for (const book of ['book', 'poisoned']) for (const n of names) expect(files).toContain(`${book}-${n}.csv`);
  });

  it('reads the 目录 links as jumps to the table sheets', () => {
    const fods = readFileSync(join(dir, 'out', 'book.fods'), 'utf8');
    const hrefs = [...fods.matchAll(/xlink:href="([^"]*)"/g)].map((m) => m[1].replace(/&apos;/g, "'"));
    for (const t of captionedTables(doc)) expect(hrefs).toContain(`#'${t.shortName}'.A1`);
  });

  it('shows every figure where the document has it', () => {
    for (const t of captionedTables(doc)) {
      const rows = sheetCsv('book', t.shortName);
      expect(rows[0][0], t.shortName).toBe(t.title);
      for (const f of figures(t)) {
        const got = rows[f.row - 1]?.[f.col - 1];
        expect(Number(got), `${t.shortName} r${f.row} c${f.col}`).toBe(Number(f.cell.value));
      }
    }
  });

  it('recalculates every formula to the published figure (sample and reference year)', () => {
    expect(poisoned).toBeGreaterThan(140);
    let checked = 0;
    const books: [string, typeof doc][] = [
      ['poisoned', doc],
      ['reference', ref],
    ];
    for (const [book, d] of books) for (const t of captionedTables(d)) {
      const rows = sheetCsv(book, t.shortName);
      for (const f of figures(t)) {
        const got = rows[f.row - 1]?.[f.col - 1];
        expect(got, `${t.shortName} r${f.row} c${f.col}`).not.toBe(POISON);
        expect(Number(got), `${t.shortName} r${f.row} c${f.col}`).toBe(Number(f.cell.value));
        if (f.cell.sumOf && f.cell.partsSum === undefined) checked++;
      }
    }
    expect(checked).toBeGreaterThan(140);
  });
});
