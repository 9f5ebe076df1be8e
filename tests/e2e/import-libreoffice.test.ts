/**
 * Issue 12: real clients rewrite files. The reference year's workbook re-saved by LibreOffice Calc
 * (headless, `--convert-to xlsx`: its own shared strings, styles, formula cells and cached results)
 * still imports to the original figures, and the rebuild is the original PDF and XLSX. Slow (a
 * LibreOffice start), so one file, and one start that re-saves both workbooks. CI installs
 * libreoffice-calc (.ci/run).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, expect, it } from 'vitest';
import { blankFigures, build, buildIdentityOf, builtFixture, copyFixture, facts, importInto, loadBudget, pdfWithoutIdentity, profileOf, tmp, xlsxEntries } from '../import/helpers.js';

const FIXTURES = { reference: 'data/2023', shanghai: 'fixtures/reference-shanghai-2026' } as const;
type Which = keyof typeof FIXTURES;
const built = {} as Record<Which, Awaited<ReturnType<typeof builtFixture>>>;
const resaved = {} as Record<Which, Buffer>;

beforeAll(async () => {
  const dir = tmp();
  mkdirSync(join(dir, 'out'));
  for (const [which, fixture] of Object.entries(FIXTURES) as [Which, string][]) {
    built[which] = await builtFixture(fixture);
    writeFileSync(join(dir, `${which}.xlsx`), built[which].xlsx);
  }
  const files = Object.keys(FIXTURES).map((w) => join(dir, `${w}.xlsx`));
  execFileSync('soffice', [`-env:UserInstallation=${pathToFileURL(join(dir, 'lo-profile')).href}`, '--headless', '--norestore', '--convert-to', 'xlsx', '--outdir', join(dir, 'out'), ...files], { stdio: 'ignore', timeout: 170_000 });
  for (const which of Object.keys(FIXTURES) as Which[]) resaved[which] = readFileSync(join(dir, 'out', `${which}.xlsx`));
}, 240_000);

it('data/2023: build → LibreOffice re-save → import → the same figures and the same files', async () => {
  const original = copyFixture('data/2023');
  const first = built.reference;
  // LibreOffice wrote its own file, not a copy of ours.
  expect(resaved.reference.equals(first.xlsx)).toBe(false);

  const copy = copyFixture('data/2023');
  blankFigures(copy);
  importInto(copy, { name: 'book.xlsx', bytes: resaved.reference }, profileOf());
  expect(facts(loadBudget(copy))).toEqual(facts(loadBudget(original)));
  const second = await build(copy);
  const a = buildIdentityOf(first.xlsx);
  const b = buildIdentityOf(second.xlsx);
  expect(xlsxEntries(second.xlsx, b)).toEqual(xlsxEntries(first.xlsx, a));
  expect(pdfWithoutIdentity(second.pdf, b)).toBe(pdfWithoutIdentity(first.pdf, a));
}, 240_000);

it('fixtures/reference-shanghai-2026 (classified-columns, summary-by-class, three-public-row): the same after a LibreOffice re-save', async () => {
  const original = copyFixture('fixtures/reference-shanghai-2026');
  const first = built.shanghai;
  expect(resaved.shanghai.equals(first.xlsx)).toBe(false);

  const copy = copyFixture('fixtures/reference-shanghai-2026');
  // what the Shanghai tables do not show is kept (tests/import/roundtrip.test.ts)
  blankFigures(copy, { keep: ['income.general.basic', 'income.general.performance', 'income.general.special', 'income.general.investment', 'three_public.last_year', 'functional.rows.personnel', 'functional.rows.public'] });
  importInto(copy, { name: 'book.xlsx', bytes: resaved.shanghai }, profileOf('profiles/shanghai.yaml'));
  expect(facts(loadBudget(copy))).toEqual(facts(loadBudget(original)));
  const second = await build(copy);
  const a = buildIdentityOf(first.xlsx);
  const b = buildIdentityOf(second.xlsx);
  expect(xlsxEntries(second.xlsx, b)).toEqual(xlsxEntries(first.xlsx, a));
  expect(pdfWithoutIdentity(second.pdf, b)).toBe(pdfWithoutIdentity(first.pdf, a));
}, 240_000);
