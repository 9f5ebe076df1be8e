/**
 * table.ts `mergedRules`: the rule under a body row drawn as one line across the table instead of
 * pdfmake's one segment per cell. The sample document (its tables of figures, a body span in 表10,
 * the form of 表十二 with spans in both directions) rendered both ways, as poppler reads it back:
 * the same ink (horizontal rules covering the same stretches, the same vertical rules, fills and
 * words), in fewer strokes.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultFonts, renderPdf } from '../../../src/render/pdf/index.js';
import { setMergedRules } from '../../../src/render/pdf/table.js';
import { filledRects, horizontalRules, pageTexts, verticalRules, words, type Rule } from './poppler.js';
import { sampleDoc } from './sample-doc.js';
import { nodeWorld } from '../../../src/world/index.js';

const dir = mkdtempSync(join(tmpdir(), 'budget-merged-rules-'));
const files = { cells: join(dir, 'cells.pdf'), merged: join(dir, 'merged.pdf') };

beforeAll(async () => {
  for (const [name, on] of [['cells', false], ['merged', true]] as const) {
    setMergedRules(on);
    writeFileSync(files[name], Buffer.from(await renderPdf(sampleDoc, defaultFonts(), nodeWorld())));
  }
}, 120_000);

afterAll(() => setMergedRules(true));

/** The stretches a page's rules cover, by line (y and stroke), touching segments joined. */
function coverage(rules: readonly Rule[]): string[] {
  const lines = new Map<string, [number, number][]>();
  for (const r of rules) {
    const key = `${r.y.toFixed(2)} ${r.stroke}`;
    lines.set(key, [...(lines.get(key) ?? []), [r.x1, r.x2]]);
  }
  const out: string[] = [];
  for (const [key, spans] of lines) {
    spans.sort((a, b) => a[0] - b[0]);
    let [a, b] = spans[0];
    for (const [x1, x2] of spans.slice(1)) {
      if (x1 <= b + 0.01) b = Math.max(b, x2);
      else {
        out.push(`${key} ${a.toFixed(2)}–${b.toFixed(2)}`);
        [a, b] = [x1, x2];
      }
    }
    out.push(`${key} ${a.toFixed(2)}–${b.toFixed(2)}`);
  }
  return out.sort();
}

describe('merged body rules', () => {
  it('draw the same rules, fills and words as one segment per cell', () => {
    const pages = pageTexts(files.cells).length;
    expect(pageTexts(files.merged)).toEqual(pageTexts(files.cells));
    expect(words(files.merged).map((w) => `${w.page} ${w.text} ${w.box.map((v) => v.toFixed(2))}`)).toEqual(
      words(files.cells).map((w) => `${w.page} ${w.text} ${w.box.map((v) => v.toFixed(2))}`),
    );
    let ruled = 0;
    for (let p = 1; p <= pages; p++) {
      const before = horizontalRules(files.cells, p);
      expect(coverage(horizontalRules(files.merged, p)), `page ${p}`).toEqual(coverage(before));
      expect(coverage(verticalRules(files.merged, p)), `page ${p}`).toEqual(coverage(verticalRules(files.cells, p)));
      expect(filledRects(files.merged, p), `page ${p}`).toEqual(filledRects(files.cells, p));
      if (before.length > 0) ruled++;
    }
    expect(ruled).toBeGreaterThan(5);
  }, 120_000);

  it('in fewer strokes: a body row’s rule is one line across the table', () => {
    let cells = 0;
    let merged = 0;
    let across = 0;
    for (let p = 1; p <= pageTexts(files.cells).length; p++) {
      cells += horizontalRules(files.cells, p).length;
      const rules = horizontalRules(files.merged, p);
      merged += rules.length;
      across += rules.filter((r) => r.x2 - r.x1 > 400).length;
    }
    expect(merged).toBeLessThan(0.6 * cells);
    expect(across).toBeGreaterThan(50);
  }, 60_000);
});
