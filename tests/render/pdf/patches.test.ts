/**
 * The speed patches of src/render/pdf/patches.ts change how pdfmake gets to its result, not the
 * result: the sample document rendered with them and without them, compared byte for byte
 * (shaping-free layout, parsed fonts reused, font subsetting) and as poppler reads it back (the
 * same words at the same places, the same links and rules, page by page).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultFonts, renderPdf } from '../../../src/render/pdf/index.js';
import { setPatches, type PatchName } from '../../../src/render/pdf/patches.js';
import { horizontalRules, links, outline, pageTexts, words } from './poppler.js';
import { sampleDoc } from './sample-doc.js';
import { nodeWorld } from '../../../src/world/index.js';

const dir = mkdtempSync(join(tmpdir(), 'budget-pdf-patches-'));
const files: Record<'none' | 'all', string> = { none: '', all: '' };
const bytes: Record<string, Buffer> = {};

beforeAll(async () => {
  const fonts = defaultFonts();
  const render = async (name: keyof typeof files, on: Record<PatchName, boolean>) => {
    setPatches(on);
    const b = Buffer.from(await renderPdf(sampleDoc, fonts, nodeWorld()));
    bytes[name] = b;
    files[name] = join(dir, `${name}.pdf`);
    writeFileSync(files[name], b);
  };
  // Installed by the first render; `none` turns every one off for pdfmake's own path.
  await render('none', { font: false, subset: false, reuse: false });
  await render('all', { font: true, subset: true, reuse: true });
}, 120_000);

afterAll(() => setPatches({ font: true, subset: true, reuse: true }));

describe('the speed patches', () => {
  it('lay the document out and subset its fonts exactly as pdfmake and fontkit do (same bytes)', () => {
    expect(bytes.all.length).toBeGreaterThan(10_000);
    expect(bytes.all.equals(bytes.none)).toBe(true);
  });

  it('leave every word where pdfmake draws it', () => {
    const before = words(files.none);
    const after = words(files.all);
    expect(before.length).toBeGreaterThan(500);
    expect(after.map((w) => `${w.page} ${w.text}`)).toEqual(before.map((w) => `${w.page} ${w.text}`));
    let worst = 0;
    before.forEach((w, i) => {
      for (let k = 0; k < 4; k++) worst = Math.max(worst, Math.abs(w.box[k] - after[i].box[k]));
    });
    expect(worst).toBeLessThan(0.01);
    expect(pageTexts(files.all)).toEqual(pageTexts(files.none));
  });

  it('keep the bookmarks and the 目录’s links', () => {
    expect(outline(files.all)).toEqual(outline(files.none));
    const before = links(files.none, 2);
    const after = links(files.all, 2);
    expect(before.length).toBeGreaterThanOrEqual(13);
    expect(after).toEqual(before);
  });

  it('draw the same table rules', () => {
    const pages = pageTexts(files.none).length;
    let rules = 0;
    for (let p = 1; p <= pages; p++) {
      const before = horizontalRules(files.none, p);
      expect(horizontalRules(files.all, p), `page ${p}`).toEqual(before);
      rules += before.length;
    }
    expect(rules).toBeGreaterThan(200);
  }, 60_000);
});
