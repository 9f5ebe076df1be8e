/**
 * The default fonts (fonts/, found through `defaultFonts`) have a glyph for every character a
 * budget is likely to hold: every hanzi of GB 2312 and of GBK, and every character of the
 * reference seed, the templates and the sample data. A name with a character the body font lacks
 * would print as a blank box in a published document, and no check would notice.
 *
 * The character sets are decoded from the code tables (TextDecoder 'gb18030', a superset of both),
 * not from the fonts, and their sizes are checked against the standards' own counts.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultFonts } from '../../../src/render/pdf/index.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- fontkit is untyped */
const fontkit = createRequire(import.meta.url)('fontkit') as { create(b: Uint8Array): any };

const decoder = new TextDecoder('gb18030', { fatal: false });
const HAN = /^\p{Script=Han}$/u;

/** The hanzi of a double-byte area: lead bytes `leads`, trail bytes `trails`. */
function hanzi(leads: [number, number], trails: [number, number]): number[] {
  const out: number[] = [];
  for (let lead = leads[0]; lead <= leads[1]; lead++) {
    for (let trail = trails[0]; trail <= trails[1]; trail++) {
      if (trail === 0x7f) continue; // never a trail byte in GBK
      const s = decoder.decode(new Uint8Array([lead, trail]));
      if (HAN.test(s)) out.push(s.codePointAt(0)!);
    }
  }
  return out;
}

/** GB 2312 rows 16–55 (level 1, by pinyin) and 56–87 (level 2, by radical). */
const GB2312_LEVEL1 = hanzi([0xb0, 0xd7], [0xa1, 0xfe]);
const GB2312_LEVEL2 = hanzi([0xd8, 0xf7], [0xa1, 0xfe]);
/** GBK's whole double-byte range: GB 2312 plus the rest of the CJK Unified Ideographs. */
const GBK = hanzi([0x81, 0xfe], [0x40, 0xfe]);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

/** Every printable character of the seeds, templates and reference data. */
function textCharacters(): number[] {
  const set = new Set<number>();
  for (const dir of ['seeds', 'templates', 'data']) {
    for (const f of files(dir)) for (const ch of readFileSync(f, 'utf8')) if (!/\p{Cc}/u.test(ch)) set.add(ch.codePointAt(0)!);
  }
  return [...set];
}

const faces = Object.entries(defaultFonts()).map(([face, path]) => ({ face, font: fontkit.create(readFileSync(path as string)) }));

function missing(font: any, cps: readonly number[]): string {
  return cps
    .filter((cp) => !font.hasGlyphForCodePoint(cp))
    .map((cp) => `U+${cp.toString(16).toUpperCase()} ${String.fromCodePoint(cp)}`)
    .join(', ');
}

describe('character sets (decoded from the code tables)', () => {
  it('GB 2312 has 3,755 level-1 and 3,008 level-2 hanzi', () => {
    expect(GB2312_LEVEL1.length).toBe(3755);
    expect(GB2312_LEVEL2.length).toBe(3008);
    expect(GB2312_LEVEL1).toContain('啊'.codePointAt(0)); // B0A1, the first
    expect(GB2312_LEVEL2).toContain('齄'.codePointAt(0)); // F7FE, the last
  });

  it('GBK holds every CJK Unified Ideograph U+4E00–U+9FA5 (20,902) and GB 2312', () => {
    const gbk = new Set(GBK);
    const uro = Array.from({ length: 0x9fa5 - 0x4e00 + 1 }, (_, i) => 0x4e00 + i);
    expect(uro.filter((cp) => !gbk.has(cp))).toEqual([]);
    expect([...GB2312_LEVEL1, ...GB2312_LEVEL2].filter((cp) => !gbk.has(cp))).toEqual([]);
  });

  it('the texts hold hanzi outside GB 2312 level 1 (the test is not vacuous)', () => {
    const chars = textCharacters();
    expect(chars.length).toBeGreaterThan(500);
    const level1 = new Set(GB2312_LEVEL1);
    expect(chars.some((cp) => HAN.test(String.fromCodePoint(cp)) && !level1.has(cp))).toBe(true);
  });
});

describe.each(faces)('the $face font', ({ font }) => {
  it('has a glyph for every GB 2312 hanzi', () => {
    expect(missing(font, [...GB2312_LEVEL1, ...GB2312_LEVEL2])).toBe('');
  });

  it('has a glyph for every GBK hanzi', () => {
    expect(missing(font, GBK)).toBe('');
  });

  it('has a glyph for every character of the seeds, templates and data', () => {
    expect(missing(font, textCharacters())).toBe('');
  });

  it('tells a character it lacks (hasGlyphForCodePoint is no constant)', () => {
    expect(font.hasGlyphForCodePoint(0xe000)).toBe(false); // private use: no Noto glyph
    expect(missing(font, [0xe000])).toBe('U+E000 \ue000');
  });
});
