/**
 * Row styles as printed: 类 rows ('subtotal') sit on a light shade, the others on white; read back
 * from the page (poppler's word boxes and filled rectangles), not from the definition.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultFonts, renderPdf } from '../../../src/render/pdf/index.js';
import { filledRects, pageTexts, squash, words } from './poppler.js';
import { sampleDoc, table3, table3Lines, table9 } from './sample-doc.js';
import { nodeWorld } from '../../../src/world/index.js';

describe('row styles', () => {
  it('shades every 类 row of 表3 and no 款 or 项 row', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'budget-pdf-rows-')), 'sample.pdf');
    writeFileSync(file, await renderPdf(sampleDoc, defaultFonts(), nodeWorld()));
    const pages = pageTexts(file).map(squash);
    const start = pages.findIndex((p, i) => i >= 2 && p.includes(squash(table3.caption + table3.title))) + 1;
    // 表3 runs up to the page before 表9's (whose 0-based index is that page's 1-based number)
    const end = pages.findIndex((p, i) => i >= start && p.includes(squash(table9.caption + table9.title)));
    expect(start).toBeGreaterThan(2);
    expect(end).toBeGreaterThanOrEqual(start);
    const all = words(file);
    const codes = new Map(table3Lines.map(([code]) => [code, code.length === 3]));
    let shaded = 0;
    let plain = 0;
    for (let page = start; page <= end; page++) {
      const fills = filledRects(file, page).filter((f) => f.color !== 'rgb(100%,100%,100%)');
      for (const w of all.filter((x) => x.page === page && codes.has(x.text))) {
        const inside = fills.some(
          (f) => f.box[0] <= w.box[0] && f.box[1] <= w.box[1] && f.box[2] >= w.box[2] && f.box[3] >= w.box[3],
        );
        expect(inside, `page ${page}: ${w.text}`).toBe(codes.get(w.text));
        if (codes.get(w.text)) shaded++;
        else plain++;
      }
    }
    expect(shaded).toBe(table3Lines.filter(([c]) => c.length === 3).length);
    expect(plain).toBe(table3Lines.filter(([c]) => c.length !== 3).length);
  }, 60_000);
});
