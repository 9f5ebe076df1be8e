/**
 * The shaping-free layout (src/render/pdf/simple-text.ts) against fontkit's own layout, which is
 * what PDFKit would otherwise use: for every character it accepts, and for whole strings of the
 * sample document, the glyphs and advances must be fontkit's.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { defaultFonts } from '../../../src/render/pdf/index.js';
import { eligible, simpleGlyphs } from '../../../src/render/pdf/simple-text.js';
import { sampleDoc } from './sample-doc.js';

// fontkit as PDFKit resolves it (it is PDFKit's dependency, not ours).
const require = createRequire(createRequire(import.meta.url).resolve('pdfkit'));
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const fontkit: any = require('fontkit');

const files = defaultFonts();
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const faces: [string, any][] = (['body', 'bodyBold', 'heading'] as const).map((k) => [
  k,
  fontkit.create(readFileSync(files[k] as string)),
]);

/** fontkit's layout of `text`: glyph ids and (advance, offsets) per glyph. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function shaped(font: any, text: string): { ids: number[]; adv: number[]; offsets: boolean } {
  const run = font.layout(text);
  return {
    ids: run.glyphs.map((g: { id: number }) => g.id),
    adv: run.positions.map((p: { xAdvance: number }) => p.xAdvance),
    offsets: run.positions.some((p: { xOffset: number; yOffset: number }) => p.xOffset !== 0 || p.yOffset !== 0),
  };
}

/** Code points to try: ASCII, CJK punctuation, full-width forms, and every 7th ideograph. */
function sampleCodePoints(): number[] {
  const out: number[] = [];
  const range = (a: number, b: number, step = 1): void => {
    for (let c = a; c <= b; c += step) out.push(c);
  };
  range(0x20, 0x7e);
  range(0x2010, 0x205e);
  range(0x3000, 0x303f);
  range(0xff01, 0xff5e);
  range(0x4e00, 0x9fff, 7);
  return out;
}

/** Every text of the sample document: paragraphs, headings, cells, notes. */
function sampleTexts(): string[] {
  const out: string[] = [sampleDoc.cover.title, ...sampleDoc.cover.lines];
  for (const s of sampleDoc.sections) {
    for (const b of s.blocks) {
      if (b.kind === 'paragraph' || b.kind === 'heading') out.push(b.text);
      if (b.kind === 'list') out.push(...b.items);
      if (b.kind === 'table') {
        out.push(b.title, ...b.notes);
        for (const r of b.rows) for (const c of r.cells) if (c !== null) out.push(c.text);
      }
    }
  }
  return out.filter((t) => t.length > 0);
}

describe('simpleGlyphs', () => {
  it.each(faces)('gives fontkit’s glyph and advance for every character it accepts (%s)', (_name, font) => {
    let accepted = 0;
    let ideographs = 0;
    let ideographsAccepted = 0;
    for (const cp of sampleCodePoints()) {
      const ch = String.fromCodePoint(cp);
      const g = simpleGlyphs(font, ch);
      const isIdeograph = cp >= 0x4e00 && cp <= 0x9fff;
      if (isIdeograph) ideographs++;
      if (g === null) continue;
      accepted++;
      if (isIdeograph) ideographsAccepted++;
      const want = shaped(font, ch);
      expect([g.map((x) => x.id), g.map((x) => x.advanceWidth), false], `U+${cp.toString(16)}`).toEqual([
        want.ids,
        want.adv,
        want.offsets,
      ]);
      expect(g[0].codePoints).toEqual([cp]);
    }
    // Not vacuous: the fast path takes (nearly) every Chinese character.
    expect(ideographsAccepted / ideographs).toBeGreaterThan(0.95);
    expect(accepted).toBeGreaterThan(3000);
  });

  it.each(faces)('lays out whole strings of the sample document as fontkit does (%s)', (_name, font) => {
    let accepted = 0;
    for (const text of sampleTexts()) {
      const g = simpleGlyphs(font, text);
      if (g === null) continue;
      accepted++;
      const want = shaped(font, text);
      expect(g.map((x) => x.id), text).toEqual(want.ids);
      expect(g.map((x) => x.advanceWidth), text).toEqual(want.adv);
      expect(want.offsets, text).toBe(false);
    }
    expect(accepted).toBeGreaterThan(50);
  });

  it.each(faces)('lays out figures as fontkit does, in whichever script the string falls (%s)', (_name, font) => {
    // fontkit picks the script entry (and so the features) from the string's first character of a
    // script of its own: figures alone take the default entry, figures after a Latin letter the
    // Latin one (with its locl), figures after a Chinese character the Han one.
    const strings: string[] = [];
    for (const n of ['0', '7', '42', '2023', '5158', '31415', '9876543']) {
      for (const around of ['', ' ', '年', '万元', '、', '%', '.5', ',000', '（一）']) strings.push(n + around, around + n);
      for (const before of ['A', 'IDC ', 'x', 'Ａ', '第', 'カ', 'か', '—', '“']) strings.push(before + n);
    }
    let accepted = 0;
    for (const text of strings) {
      const g = simpleGlyphs(font, text);
      if (g === null) continue;
      accepted++;
      const want = shaped(font, text);
      expect([g.map((x) => x.id), g.map((x) => x.advanceWidth), false], JSON.stringify(text)).toEqual([want.ids, want.adv, want.offsets]);
    }
    // Not vacuous: plain figures, and figures with Chinese text, take the fast path.
    for (const text of ['2023', '5158 ', '2023年', '第7']) expect(simpleGlyphs(font, text), text).not.toBeNull();
    expect(accepted).toBeGreaterThan(strings.length / 3);
  });

  it.each(faces)('refuses the characters the font kerns (%s)', (_name, font) => {
    // Latin capitals kern in these fonts ("AV", "To"): shaping changes the advances, so the fast
    // path must leave any string with them to fontkit.
    for (const pair of ['AV', 'To', 'LT']) {
      const want = shaped(font, pair);
      const plain = pair.split('').map((c) => shaped(font, c).adv[0]);
      if (want.adv.join() !== plain.join()) expect(simpleGlyphs(font, pair), pair).toBeNull();
    }
  });

  it('refuses what the default shaper does not treat plainly', () => {
    const font = faces[0][1];
    for (const s of ['\u0301', 'a\u0301', '\u200b', '\ufe0f', '\u2044', '\t', '\n', 'é', '\u202e']) {
      expect(simpleGlyphs(font, s), JSON.stringify(s)).toBeNull();
    }
    expect(eligible(0x4e2d)).toBe(true);
    expect(eligible(0x3099)).toBe(false);
    expect(simpleGlyphs(font, '')).toBeNull();
  });
});
