/**
 * Issue 12: real clients rewrite files. The reference year's workbook re-saved by LibreOffice Calc
 * (headless, `--convert-to xlsx`: its own shared strings, styles, formula cells and cached results)
 * still imports to the original figures, and the rebuild is the original PDF and XLSX. Slow (one
 * LibreOffice start), so one file. CI installs libreoffice-calc (.ci/run).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';
import { blankFigures, build, buildIdentityOf, copyFixture, facts, importInto, loadBudget, pdfWithoutIdentity, profileOf, tmp, xlsxEntries } from '../import/helpers.js';

it('data/2023: build → LibreOffice re-save → import → the same figures and the same files', async () => {
  const original = copyFixture('data/2023');
  const first = await build(original);
  const dir = tmp();
  writeFileSync(join(dir, 'book.xlsx'), first.xlsx);
  const profile = join(dir, 'lo-profile');
  mkdirSync(join(dir, 'out'));
  execFileSync('soffice', [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--norestore', '--convert-to', 'xlsx', '--outdir', join(dir, 'out'), join(dir, 'book.xlsx')], { stdio: 'ignore', timeout: 120_000 });
  const resaved = readFileSync(join(dir, 'out', 'book.xlsx'));
  // LibreOffice wrote its own file, not a copy of ours.
  expect(resaved.equals(first.xlsx)).toBe(false);

  const copy = copyFixture('data/2023');
  blankFigures(copy);
  importInto(copy, { name: 'book.xlsx', bytes: resaved }, profileOf());
  expect(facts(loadBudget(copy))).toEqual(facts(loadBudget(original)));
  const second = await build(copy);
  const a = buildIdentityOf(first.xlsx);
  const b = buildIdentityOf(second.xlsx);
  expect(xlsxEntries(second.xlsx, b)).toEqual(xlsxEntries(first.xlsx, a));
  expect(pdfWithoutIdentity(second.pdf, b)).toBe(pdfWithoutIdentity(first.pdf, a));
}, 240_000);

it('fixtures/reference-shanghai-2026 (classified-columns, summary-by-class, three-public-row): the same after a LibreOffice re-save', async () => {
  const original = copyFixture('fixtures/reference-shanghai-2026');
  const first = await build(original);
  const dir = tmp();
  writeFileSync(join(dir, 'book.xlsx'), first.xlsx);
  const profile = join(dir, 'lo-profile');
  mkdirSync(join(dir, 'out'));
  execFileSync('soffice', [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--norestore', '--convert-to', 'xlsx', '--outdir', join(dir, 'out'), join(dir, 'book.xlsx')], { stdio: 'ignore', timeout: 120_000 });
  const resaved = readFileSync(join(dir, 'out', 'book.xlsx'));
  expect(resaved.equals(first.xlsx)).toBe(false);

  const copy = copyFixture('fixtures/reference-shanghai-2026');
  // what the Shanghai tables do not show is kept (tests/import/roundtrip.test.ts)
  blankFigures(copy, { keep: ['income.general.basic', 'income.general.performance', 'income.general.special', 'income.general.investment', 'three_public.last_year', 'functional.rows.personnel', 'functional.rows.public'] });
  importInto(copy, { name: 'book.xlsx', bytes: resaved }, profileOf('profiles/shanghai.yaml'));
  expect(facts(loadBudget(copy))).toEqual(facts(loadBudget(original)));
  const second = await build(copy);
  const a = buildIdentityOf(first.xlsx);
  const b = buildIdentityOf(second.xlsx);
  expect(xlsxEntries(second.xlsx, b)).toEqual(xlsxEntries(first.xlsx, a));
  expect(pdfWithoutIdentity(second.pdf, b)).toBe(pdfWithoutIdentity(first.pdf, a));
}, 240_000);
