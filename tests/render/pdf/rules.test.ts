/**
 * Table rules: every cell of a table is boxed by the grid, and a page's rules are written as one
 * path and one stroke per line width (engine/draw.ts), not a stroke state per segment. Read from
 * the PDF: the rules poppler finds around each code of 表3 (`pdftocairo -svg`), and the operators
 * of the decompressed page contents.
 */
import { inflateSync } from 'node:zlib';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultFonts, renderPdf } from '../../../src/render/pdf/index.js';
import { nodeWorld } from '../../../src/world/index.js';
import { horizontalRules, pageTexts, squash, words } from './poppler.js';
import { sampleDoc, table3, table3Lines, table9 } from './sample-doc.js';

let pdf: Buffer;
let file: string;

beforeAll(async () => {
  pdf = Buffer.from(await renderPdf(sampleDoc, defaultFonts(), nodeWorld()));
  file = join(mkdtempSync(join(tmpdir(), 'budget-rules-')), 'sample.pdf');
  writeFileSync(file, pdf);
}, 120_000);

/** The operators of each decompressed stream that strokes (page contents), one list per stream. */
function strokingStreams(): string[][] {
  const out: string[][] = [];
  const text = pdf.toString('latin1');
  const re = /stream\r?\n/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    try {
      const body = inflateSync(pdf.subarray(start, end)).toString('latin1');
      if (/(^|\n)S(\n|$)/.test(body)) out.push(body.split('\n'));
    } catch {
      // not a Flate stream
    }
    re.lastIndex = end + 'endstream'.length;
  }
  return out;
}

describe('table rules', () => {
  it('box every code of 表3: a rule above and below it, across its cell', () => {
    const pages = pageTexts(file).map(squash);
    const first = pages.findIndex((p, i) => i >= 2 && p.includes(squash(table3.caption + table3.title))) + 1;
    // 表3 runs up to the page before 表9's (whose 0-based index is that page's 1-based number)
    const last = pages.findIndex((p, i) => i >= first && p.includes(squash(table9.caption + table9.title)));
    const codes = new Set(table3Lines.map(([code]) => code));
    const found = words(file).filter((w) => w.page >= first && w.page <= last && codes.has(w.text));
    expect(found.length).toBe(table3Lines.length);
    for (const w of found) {
      const rules = horizontalRules(file, w.page).filter((r) => r.x1 <= w.box[0] && r.x2 >= w.box[2]);
      const above = rules.filter((r) => r.y <= w.box[1] && w.box[1] - r.y < 20);
      const below = rules.filter((r) => r.y >= w.box[3] && r.y - w.box[3] < 20);
      expect(above.length, `${w.text}: a rule above`).toBeGreaterThan(0);
      expect(below.length, `${w.text}: a rule below`).toBeGreaterThan(0);
    }
  }, 60_000);

  it('are one path and one stroke per line width on each page', () => {
    const streams = strokingStreams();
    expect(streams.length).toBeGreaterThan(3);
    let segments = 0;
    for (const ops of streams) {
      const strokes = ops.filter((l) => l === 'S').length;
      const widths = new Set(ops.filter((l) => / w$/.test(l)));
      expect(strokes).toBe(widths.size);
      const n = ops.filter((l) => / l$/.test(l)).length;
      // a grid: at least the frame of a box
      expect(n).toBeGreaterThanOrEqual(4);
      segments += n;
    }
    expect(segments).toBeGreaterThan(150);
  });
});
