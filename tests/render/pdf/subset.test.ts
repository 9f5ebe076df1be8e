/**
 * The subsets of src/render/pdf/subset.ts (glyphs copied from the file's bytes) against fontkit's
 * own TrueType subsetter: the same font file out, byte for byte, for glyph sets with simple, empty
 * and composite glyphs.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { defaultFonts } from '../../../src/render/pdf/index.js';
import { rawSubset } from '../../../src/render/pdf/subset.js';

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

/** The subset of `gids` by fontkit (from the parsed `font`) or by subset.ts (from `bytes`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function subsetBytes(font: any, bytes: Buffer, gids: number[], raw: boolean): Buffer {
  const subset = raw ? rawSubset(bytes) : font.createSubset();
  expect(subset).not.toBeNull();
  // The ids the subset gives, as PDFKit writes them into the text: the same from either.
  const ids = gids.map((g) => subset!.includeGlyph(g));
  return Buffer.concat([Buffer.from(ids.join(',')), Buffer.from(subset!.encode())]);
}

describe('raw subsets', () => {
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
    const fast = subsetBytes(undefined, bytes, gids, true);
    const slow = subsetBytes(fontkit.create(bytes), bytes, gids, false);
    expect(fast.length).toBeGreaterThan(1000);
    expect(fast.equals(slow)).toBe(true);
  });
});

describe('faces rawSubset leaves to fontkit', () => {
  it('a CFF font, a variable font and bytes that are no font get none', () => {
    const head = (tag: string, tables: string[]): Buffer => {
      const b = Buffer.alloc(12 + 16 * tables.length + 64);
      b.write(tag, 0, 'latin1');
      b.writeUInt16BE(tables.length, 4);
      tables.forEach((t, i) => {
        b.write(t, 12 + 16 * i, 'latin1');
        b.writeUInt32BE(12 + 16 * tables.length, 12 + 16 * i + 8);
        b.writeUInt32BE(8, 12 + 16 * i + 12);
      });
      return b;
    };
    expect(rawSubset(head('OTTO', ['CFF ', 'head', 'hhea', 'hmtx', 'maxp']))).toBeNull();
    expect(rawSubset(head('\u0000\u0001\u0000\u0000', ['glyf', 'loca', 'head', 'hhea', 'hmtx', 'maxp', 'fvar']))).toBeNull();
    expect(rawSubset(Buffer.from('not a font at all'))).toBeNull();
    const real = readFileSync(paths.body as string);
    expect(rawSubset(real)).not.toBeNull();
  });
});
