import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { Grid, address } from '../../src/import/grid.js';
import { readXlsx } from '../../src/import/xlsx.js';
import { blankFigures, builtFixture, copyFixture, facts, loadBudget, tmp } from './helpers.js';
import { budget } from '../cli/run.js';

/**
 * The same tables as CSV, one file per table, as a spreadsheet exports them: a merged cell's value
 * in its first cell only, formulas as their values, no hidden rows. Written here from the built
 * workbook (one with a byte order mark), imported over a blanked copy: the original figures.
 */
it('data/2023 as one CSV per table imports to the original figures', async () => {
  const original = copyFixture('data/2023');
  const { xlsx } = await builtFixture('data/2023');
  const dir = tmp();
  const files: string[] = [];
  readXlsx(xlsx).forEach((sheet, i) => {
    if (!sheet.name.startsWith('表')) return;
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
    const file = join(dir, `${sheet.name}.csv`);
    writeFileSync(file, (i === 2 ? '\ufeff' : '') + lines.join('\r\n') + '\r\n');
    files.push(file);
  });
  expect(files.length).toBe(12);
  const copy = copyFixture('data/2023');
  blankFigures(copy);
  const r = await budget(['import', ...files, '--to', copy]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(facts(loadBudget(copy))).toEqual(facts(loadBudget(original)));
});
