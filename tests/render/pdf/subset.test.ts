/**
 * The raw-bytes glyph copy of src/render/pdf/subset.ts against fontkit's own TrueType subsetter:
 * the same font file out, byte for byte, for glyph sets with simple, empty and composite glyphs.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { defaultFonts } from '../../../src/render/pdf/index.js';
import { addGlyph } from '../../../src/render/pdf/subset.js';

// fontkit as PDFKit resolves it (PDFKit's dependency).
const require = createRequire(createRequire(import.meta.url).resolve('pdfkit'));
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const fontkit: any = require('fontkit');

const paths = defaultFonts();
/** The three default faces (no composite glyphs) and pdfmake's Roboto (hundreds of them). */
const faces: [string, string][] = [
  ['body', paths.body as string],
  ['bodyBold', paths.bodyBold as string],
  ['heading', paths.heading as string],
  ['Roboto', createRequire(import.meta.url).resolve('pdfmake/fonts/Roboto/Roboto-Regular.ttf')],
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function subsetBytes(font: any, gids: number[], fast: boolean): Buffer {
  const subset = font.createSubset();
  if (fast) {
    const original = subset._addGlyph;
    subset._addGlyph = function (gid: number) {
      return addGlyph(this, gid) ?? original.call(this, gid);
    };
  }
  for (const g of gids) subset.includeGlyph(g);
  return Buffer.from(subset.encode());
}

describe('subset addGlyph', () => {
  it.each(faces)('writes fontkit’s subset of %s, byte for byte', (name, path) => {
    const bytes = readFileSync(path);
    const font = fontkit.create(bytes);
    const offsets: number[] = font.loca.offsets;
    const glyf: number = font.directory.tables.glyf.offset;
    const composites: number[] = [];
    const empty: number[] = [];
    for (let g = 0; g < font.numGlyphs && (composites.length < 40 || empty.length < 3); g++) {
      if (offsets[g + 1] === offsets[g]) empty.push(g);
      else if (bytes.readInt16BE(glyf + offsets[g]) < 0) composites.push(g);
    }
    if (name === 'Roboto') expect(composites.length, 'composite glyphs to try').toBeGreaterThan(10);
    // Chinese text, Latin, punctuation, the composites, a few empty glyphs (space), the last glyph.
    const text = '部门预算公开，2023年收入5,158万元（一）AVTo。';
    const gids = [
      ...[...text].map((c) => font.glyphForCodePoint(c.codePointAt(0)).id),
      ...composites.slice(0, 40),
      ...empty.slice(0, 3),
      font.numGlyphs - 1,
    ];
    const fast = subsetBytes(fontkit.create(bytes), gids, true);
    const slow = subsetBytes(fontkit.create(bytes), gids, false);
    expect(fast.length).toBeGreaterThan(1000);
    expect(fast.equals(slow)).toBe(true);
  });
});
