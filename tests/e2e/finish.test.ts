/**
 * Issue 13, the document's finish: the three department-years built by the CLI, read back page by
 * page with poppler (tests/e2e/finish.ts) — no note parted from its table, no heading at the foot
 * of a page, no continued table carrying a single row or a total row alone.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { budget } from '../cli/run.js';
import { continuationPages, finishDefects, pageLines } from './finish.js';

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
  it('has no page that parts a note, a heading or a lone row from what it belongs to', () => {
    expect(finishDefects(pageLines(output(year, '.pdf')))).toEqual([]);
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
