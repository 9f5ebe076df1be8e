/**
 * The Shanghai reference end to end: `budget build` in-process through the real World, the PDF read
 * back with poppler (pdftotext -layout) and compared with the seed: every table row's figures in
 * order, every 万元 amount of the narrative, the cover and the tables' titles.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { budget } from '../cli/run.js';
import { figures, missingRows, pdfText } from '../e2e/pdf-text.js';
import { NARRATIVE_PAGES, narrativeText, seedNote, seedRows, wanAmounts } from './seed.js';

let lines: string[] = [];
let text = '';

beforeAll(async () => {
  const out = mkdtempSync(join(tmpdir(), 'budget-sh-pdf-'));
  const r = await budget(['build', 'fixtures/reference-shanghai-2026', '--out', out], { env: {} });
  expect(r.code, r.stderr).toBe(0);
  const dir = join(out, '2026');
  const pdf = readdirSync(dir).find((f) => f.endsWith('.pdf'))!;
  text = pdfText(join(dir, pdf));
  lines = text.split('\n');
}, 120_000);

const flat = (s: string) => s.replace(/\s+/g, '');

describe('the Shanghai reference built to PDF, read back with pdftotext', () => {
  it('the cover and every table title of the seed', () => {
    expect(flat(text)).toContain('上海市普陀区2026年区级部门预算');
    expect(flat(text)).toContain('预算主管部门：上海市普陀区文化和旅游局');
    for (const t of ['2026年部门财务收支预算总表', '2026年部门收入预算总表', '2026年部门财政拨款收支预算总表', '2026年部门一般公共预算基本支出部门预算经济分类预算表', '2026年部门“三公”经费和机关运行经费预算表'])
      expect(lines.some((l) => flat(l) === t), t).toBe(true);
  });

  for (let k = 0; k < 9; k++) {
    it(`table ${k + 1}: the figures of every seed row, in order`, () => {
      const want = seedRows(k).map(figures).filter((f) => f.length > 0);
      expect(missingRows(lines, want)).toEqual([]);
      // an empty table: its 合计 row and the seed's note
      const note = seedNote(k);
      if (want.length === 0) expect(note && lines.some((l) => flat(l) === flat(note))).toBe(true);
    });
  }

  it('every 万元 amount of the narrative, in order', () => {
    const got = wanAmounts(lines.map((l) => l.trim()).join(''));
    const want = wanAmounts(narrativeText(NARRATIVE_PAGES));
    expect(want.length).toBeGreaterThan(40);
    expect(got).toEqual(want);
  });
});
