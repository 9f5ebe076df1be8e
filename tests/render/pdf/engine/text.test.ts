/**
 * The engine's text (src/render/pdf/engine/text.ts) against expectations computed here: widths from
 * the fonts' hmtx and hhea read with fontkit from the files themselves, break positions worked out
 * by hand for strings built so that each rule decides a break, and justified lines that must end
 * exactly at the box's edge.
 */
import { describe, expect, it } from 'vitest';
import { openTextKit, pieces } from '../../../../src/render/pdf/engine/text.js';
import type { Line, TextStyle } from '../../../../src/render/pdf/engine/model.js';
import { files, sans, serif, world } from './direct-faces.js';

const kit = openTextKit(files, world);

const body: TextStyle = { face: 'body', size: 16 };
/** hmtx advance of each character, summed, in points. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const hmtx = (font: any, text: string, size: number): number =>
  [...text].reduce((w, ch) => w + font.glyphForCodePoint(ch.codePointAt(0)!).advanceWidth, 0) * size / font.unitsPerEm;

/** fontkit's layout of a text without spaces (kerned), in points. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const shaped = (font: any, text: string, size: number): number => (font.layout(text).advanceWidth * size) / font.unitsPerEm;

const texts = (lines: readonly Line[]): string[] => lines.map((l) => l.runs.map((r) => r.text).join(''));

describe('the measurer', () => {
  it('gives the hmtx advances of unshaped text, scaled to the size', () => {
    // Independent numbers, read from the file: Noto Serif SC's 中 and ， are 1000 units, its
    // figures 557/558, in 1000 units per em.
    expect(serif.unitsPerEm).toBe(1000);
    expect(kit.measure.width('中', body)).toBe(16);
    expect(kit.measure.width('中，2023年', body)).toBeCloseTo(hmtx(serif, '中，2023年', 16), 10);
    expect(kit.measure.width('2023', { face: 'body', size: 10.5 })).toBeCloseTo(hmtx(serif, '2023', 10.5), 10);
    expect(kit.measure.width('表1', { face: 'heading', size: 14 })).toBeCloseTo(hmtx(sans, '表1', 14), 10);
    expect(kit.measure.width('a b', body)).toBeCloseTo(hmtx(serif, 'a b', 16), 10);
  });

  it('gives fontkit’s shaped width where the text needs shaping (kerning), as PDFKit draws it', () => {
    const kerned = (serif.layout('AVTo').advanceWidth * 16) / 1000;
    expect(kerned).toBeLessThan(hmtx(serif, 'AVTo', 16) - 1); // the pairs do kern in this face
    expect(kit.measure.width('AVTo', body)).toBeCloseTo(kerned, 10);
    // PDFKit lays a text out cut after each space: no kerning across one.
    const spaced = ((serif.layout('AV ').advanceWidth + serif.layout('To').advanceWidth) * 16) / 1000;
    expect(kit.measure.width('AV To', body)).toBeCloseTo(spaced, 10);
  });

  it('reads ascent and descent from hhea over unitsPerEm; title and subheading fall back to the heading face', () => {
    expect(kit.measure.ascent('body')).toBeCloseTo(serif.hhea.ascent / serif.unitsPerEm, 12);
    expect(kit.measure.descent('body')).toBeCloseTo(-serif.hhea.descent / serif.unitsPerEm, 12);
    expect(kit.measure.ascent('heading')).toBeCloseTo(sans.hhea.ascent / 1000, 12);
    expect(kit.measure.descent('title')).toBeCloseTo(-sans.hhea.descent / 1000, 12);
    expect(kit.measure.width('2023', { face: 'title', size: 22 })).toBeCloseTo(hmtx(sans, '2023', 22), 10);
    expect(kit.measure.width('2023', { face: 'subheading', size: 16 })).toBeCloseTo(hmtx(sans, '2023', 16), 10);
    expect(kit.measure.width('2023', { face: 'bodyBold', size: 16 })).toBeCloseTo(hmtx(sans, '2023', 16), 10);
  });

  it('uses the title and subheading faces when the set names them', () => {
    const own = openTextKit({ ...files, title: files.body, subheading: files.body }, world);
    expect(own.measure.width('2023', { face: 'title', size: 22 })).toBeCloseTo(hmtx(serif, '2023', 22), 10);
    expect(own.measure.ascent('subheading')).toBeCloseTo(serif.hhea.ascent / 1000, 12);
  });
});

describe('break opportunities', () => {
  it('follow UAX 14 and 避头尾', () => {
    expect(pieces('我们（2023年）收入，支出。')).toEqual(['我', '们', '（2023', '年）', '收', '入，', '支', '出。']);
    // UAX 14 alone would break before ～ and around ·: 避头尾 does not.
    expect(pieces('五～六')).toEqual(['五～', '六']);
    expect(pieces('五·六')).toEqual(['五·', '六']);
    // A break before an opening quote and after a closing one next to Chinese (UAX 14 glues quotes).
    expect(pieces('一“四五”六')).toEqual(['一', '“四', '五”', '六']);
    expect(pieces('abc def 2,345.6万元')).toEqual(['abc ', 'def ', '2,345.6', '万', '元']);
  });
});

describe('breakText', () => {
  const left = (width: number, indent = 0) => ({ width, align: 'left' as const, indent });

  it('fills lines greedily, never starting one with closing punctuation nor ending one with opening', () => {
    // Four characters of 16 pt fit in 64 pt; a naive breaker would give 一二三四 / ，五六.
    expect(texts(kit.breakText('一二三四。', body, left(64)))).toEqual(['一二三', '四。']);
    expect(texts(kit.breakText('一二三四，五六', body, left(64)))).toEqual(['一二三', '四，五六']);
    expect(texts(kit.breakText('一二三（四）五', body, left(64)))).toEqual(['一二三', '（四）五']);
    expect(texts(kit.breakText('一二三四五～六', body, left(80)))).toEqual(['一二三四', '五～六']);
    expect(texts(kit.breakText('一二三“四五”六七', body, left(64)))).toEqual(['一二三', '“四五”', '六七']);
  });

  it('keeps a figure or a Latin word whole, breaking at spaces, and cuts a piece wider than the box between characters', () => {
    const digit = hmtx(serif, '1', 16);
    expect(texts(kit.breakText('收入1,234.56万元', body, left(48 + 2 * digit)))).toEqual(['收入', '1,234.56', '万元']);
    expect(texts(kit.breakText('open data budget', body, left(hmtx(serif, 'open data', 16) + 0.01)))).toEqual(['open data', 'budget']);
    const long = '2'.repeat(20);
    const perLine = Math.floor(50 / hmtx(serif, '2', 16)); // 5 figures of 8.93 pt
    const lines = texts(kit.breakText(long, body, left(50)));
    expect(lines[0]).toBe(long.slice(0, perLine));
    expect(lines.join('')).toBe(long);
    expect(lines).toHaveLength(Math.ceil(long.length / perLine));
  });

  it('indents the first line of each paragraph, and a \\n starts a paragraph', () => {
    const lines = kit.breakText('一二三四五六\n七八', body, left(64, 32));
    expect(texts(lines)).toEqual(['一二', '三四五六', '七八']);
    expect(lines.map((l) => l.runs[0].x)).toEqual([32, 0, 32]);
    expect(lines.map((l) => l.right)).toEqual([64, 64, 64]);
  });

  it('centres and right-aligns by the line’s real width', () => {
    const w = hmtx(serif, '预算2023', 16);
    const [c] = kit.breakText('预算2023', body, { width: 200, align: 'center' });
    expect(c.runs[0].x).toBeCloseTo((200 - w) / 2, 9);
    expect(c.right).toBeCloseTo((200 + w) / 2, 9);
    const [r] = kit.breakText('预算2023', body, { width: 200, align: 'right' });
    expect(r.runs[0].x).toBeCloseTo(200 - w, 9);
    expect(r.right).toBeCloseTo(200, 9);
  });

  describe('justified', () => {
    const text =
      '根据预算法规定，本部门2023年收入预算1,234.56万元，比上年增长12.5%，主要是GDP统计口径调整。\n第二段只有一行。';
    const width = 200;
    const lines = kit.breakText(text, body, { width, align: 'justify', indent: 32 });
    const lastOfParagraph = new Set([texts(lines).indexOf('第二段只有一行。') - 1, lines.length - 1]);

    it('ends every line but a paragraph’s last exactly at the box’s width', () => {
      expect(lines.length).toBeGreaterThan(4);
      expect(texts(lines).join('')).toBe(text.replace('\n', ''));
      lines.forEach((l, i) => {
        if (!lastOfParagraph.has(i)) expect(l.right).toBeCloseTo(width, 9);
      });
    });

    it('spreads Chinese evenly, with the same room around a figure or a Latin word, not inside it', () => {
      let words = 0;
      lines.forEach((l, i) => {
        if (lastOfParagraph.has(i)) return;
        const g = Math.max(...l.runs.map((r) => r.spacing));
        expect(g).toBeGreaterThan(0);
        l.runs.forEach((r, k) => {
          const latin = /^[0-9A-Za-z.,%]+$/.test(r.text);
          expect(r.spacing, r.text).toBe(latin ? 0 : g);
          if (latin) words++;
          const w = shaped(serif, r.text, 16);
          const next = k + 1 < l.runs.length ? l.runs[k + 1].x : undefined;
          // Tc after each glyph of a spread run; the same g after a word.
          if (next !== undefined) expect(next).toBeCloseTo(r.x + w + (latin ? g : g * [...r.text].length), 9);
          else expect(l.right).toBeCloseTo(r.x + w + (latin ? 0 : g * ([...r.text].length - 1)), 9);
        });
      });
      expect(words).toBeGreaterThan(1);
    });

    it('does not spread a paragraph’s last line', () => {
      for (const i of lastOfParagraph) {
        const l = lines[i];
        expect(l.runs).toHaveLength(1);
        expect(l.runs[0].spacing).toBe(0);
        expect(l.right).toBeCloseTo(l.runs[0].x + shaped(serif, l.runs[0].text, 16), 9);
        expect(l.right).toBeLessThan(width);
      }
      expect(lines[lines.length - 1].runs[0].x).toBe(32);
    });
  });
});
