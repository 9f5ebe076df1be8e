/**
 * src/render/pdf/lines.ts breaks Chinese text into lines ahead of pdfmake and hands it a few
 * inlines per line instead of one per character. Checked two ways: its rules on made-up widths
 * (where each line must end, 避头尾, the spacing of a justified line, worked out by hand), and real
 * documents rendered with and without it (pdfmake breaking every text itself), read back by
 * poppler: the same words on the same lines at the same places.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultFonts, renderPdf } from '../../../src/render/pdf/index.js';
import { setPrebreak } from '../../../src/render/pdf/render.js';
import { pdfmakeSplit } from '../../../src/render/pdf/text-measure.js';
import { lineInlines, type Measure } from '../../../src/render/pdf/lines.js';
import { checkDir } from '../../../src/compile.js';
import { budgetToDocument } from '../../../src/document/index.js';
import type { Document } from '../../../src/document/model.js';
import { nodeWorld } from '../../../src/world/index.js';
import { pageTexts, squash, textLines } from './poppler.js';
import { sampleDoc } from './sample-doc.js';

/** Every character 10 pt wide, a space 5 pt: a 100 pt line holds ten characters. */
const tenPtWidth = (text: string): number => [...text].reduce((w, c) => w + (c === ' ' ? 5 : 10), 0);
const tenPt: Measure = { of: () => tenPtWidth };
const style = { font: 'Body', bold: false, fontSize: 10, alignment: 'justify', leadingIndent: 0 };
const texts = (lines: { text: string }[][]): string[] => lines.map((l) => l.map((i) => i.text).join(''));

describe('lineInlines', () => {
  const split = pdfmakeSplit();

  it('fills each line with as many characters as fit', () => {
    const lines = lineInlines('一二三四五六七八九十甲乙丙丁', style, 100, tenPt, split)!;
    expect(texts(lines)).toEqual(['一二三四五六七八九十', '甲乙丙丁']);
    // One inline per line of Chinese characters, not one per character.
    expect(lines.map((l) => l.length)).toEqual([1, 1]);
  });

  it('never starts a line with closing punctuation (避头尾): the character before moves down with it', () => {
    // The eleventh character is "，": it may not start a line, so "十，" moves down together.
    const lines = lineInlines('一二三四五六七八九十，甲乙', style, 100, tenPt, split)!;
    expect(texts(lines)).toEqual(['一二三四五六七八九', '十，甲乙']);
  });

  it('never ends a line with opening punctuation (避头尾)', () => {
    // "（" is the tenth character: it may not end a line, so it moves down with "十".
    const lines = lineInlines('一二三四五六七八九（十）甲', style, 100, tenPt, split)!;
    expect(texts(lines)).toEqual(['一二三四五六七八九', '（十）甲']);
  });

  it('spreads the room left on a justified line over the gaps between characters, as pdfmake does', () => {
    // Line 1 holds nine characters (90 pt): 10 pt left over 8 gaps = 1.25 pt after each character.
    const lines = lineInlines('一二三四五六七八九十，甲乙', style, 100, tenPt, split)!;
    expect(lines[0][0].characterSpacing).toBeCloseTo(1.25, 6);
    // The last line of a paragraph is not justified.
    expect(lines[1][0].characterSpacing).toBeUndefined();
    // Left-aligned text is never spread.
    const left = lineInlines('一二三四五六七八九十，甲乙', { ...style, alignment: 'left' }, 100, tenPt, split)!;
    expect(left[0][0].characterSpacing).toBeUndefined();
  });

  it('keeps a figure one inline, and the first-line indent out of the first line', () => {
    // Indent 20 pt: the first line has 80 pt; "1,234 " is 55 pt, its space cut at the line's end.
    const lines = lineInlines('共计1,234 万元', { ...style, leadingIndent: 20 }, 100, tenPt, split)!;
    expect(texts(lines)).toEqual(['共计1,234 ', '万元']);
    expect(lines[0].map((i) => i.text)).toEqual(['共计', '1,234 ']);
    // Spread: 80 − (20 + 55 − 5) = 10 pt over the 2 gaps between 共|计|1,234.
    expect(lines[0][0].characterSpacing).toBeCloseTo(5, 6);
  });

  it('spreads Chinese text with the punctuation glued to it, and a figure not inside', () => {
    // Line 1: 一二三 (30) "四，" (20) "12 " (25) 五六 (20) = 95 pt (七 does not fit): 5 pt left.
    // Gaps: 一|二|三|四|， (4), before and after "12 " (2), 五|六 (1): 7 gaps of 5/7 pt.
    const lines = lineInlines('一二三四，12 五六七八九十', style, 100, tenPt, split)!;
    expect(lines[0].map((i) => i.text)).toEqual(['一二三四，', '12 ', '五六']);
    expect(lines[0][0].characterSpacing).toBeCloseTo(5 / 7, 6);
    expect(lines[0][1].characterSpacing).toBeUndefined();
    expect(lines[0][2].characterSpacing).toBeCloseTo(5 / 7, 6);
    // A line that is not spread is one inline, figures and all.
    expect(lines[1].map((i) => i.text)).toEqual(['七八九十']);
    const left = lineInlines('一二三四，12 五六七八九十', { ...style, alignment: 'left' }, 100, tenPt, split)!;
    expect(left.map((l) => l.map((i) => i.text))).toEqual([['一二三四，12 五六'], ['七八九十']]);
  });

  it('leaves to pdfmake a word wider than the line (pdfmake cuts it where it can)', () => {
    expect(lineInlines('ABCDEFGHIJKLMN', style, 100, tenPt, split)).toBeUndefined();
  });

  it('leaves to pdfmake a text whose joined runs would measure otherwise than their characters', () => {
    // 一…七 (70 pt) and "AB" (20 pt) share a line. In a font that spaces 三四 3 pt apart when
    // shaped together, the run 一…七 measures 73 pt: still one line. Spaced 15 pt apart, the run
    // (85 pt) leaves no room for "AB", which pdfmake would move to a line of its own: the text is
    // left as it is rather than laid out otherwise.
    const spaced = (by: number): Measure => ({ of: () => (text) => tenPtWidth(text) + (text.includes('三四') ? by : 0) });
    expect(texts(lineInlines('一二三四五六七AB', style, 100, tenPt, split)!)).toEqual(['一二三四五六七AB']);
    expect(texts(lineInlines('一二三四五六七AB', style, 100, spaced(3), split)!)).toEqual(['一二三四五六七AB']);
    expect(lineInlines('一二三四五六七AB', style, 100, spaced(15), split)).toBeUndefined();
  });
});

/** Renders a document with and without lines.ts; returns the two files. */
async function both(doc: Document, dir: string, name: string): Promise<{ before: string; after: string }> {
  const files = { before: join(dir, `${name}-before.pdf`), after: join(dir, `${name}-after.pdf`) };
  try {
    setPrebreak(false);
    writeFileSync(files.before, await renderPdf(doc, defaultFonts(), nodeWorld()));
  } finally {
    setPrebreak(true);
  }
  writeFileSync(files.after, await renderPdf(doc, defaultFonts(), nodeWorld()));
  return files;
}

function fixture(dir: string): Document {
  const checked = checkDir(dir, nodeWorld(), { strict: false, profiles: 'profiles' });
  if (!checked.budget) throw new Error(`${dir}: ${checked.status}`);
  const { doc } = budgetToDocument(checked.budget, checked.profile, checked.templates, { sourceDateEpoch: 1676000000 });
  if (!doc) throw new Error(`${dir}: no document`);
  return doc;
}

/**
 * Every line poppler reads has the same text in both files, at the same height, starting at the
 * same place and ending there (to 0.01 pt; to 1 pt at the end: poppler counts the spacing after
 * the last character of a spaced run in its box). Along a justified line the characters may sit a
 * little apart from where pdfmake puts them: pdfmake spreads the room left over the gaps between
 * its pieces (a piece of Chinese text with the punctuation glued to it, "家、", is not spread
 * inside), lines.ts over the gaps between the characters of Chinese text and between it and a
 * figure or a Latin word (which it does not spread inside, as pdfmake). poppler's words (cut
 * where a gap is wide) then differ on some spread lines; where they are the same, every word is
 * within 3 pt (under a fifth of a character), and most do not move at all: those of every line
 * that is not spread, and of every spread line whose pieces are single characters.
 */
function expectSameLines(files: { before: string; after: string }): void {
  const before = textLines(files.before);
  const after = textLines(files.after);
  expect(before.length).toBeGreaterThan(300);
  const key = (l: { page: number; words: { text: string }[] }) => `${l.page} ${l.words.map((w) => w.text).join('')}`;
  expect(after.map(key)).toEqual(before.map(key));
  const edge = { start: 0, end: 0, height: 0, word: 0 };
  let moved = 0;
  let count = 0;
  let compared = 0;
  before.forEach((l, i) => {
    const a = after[i].words;
    edge.start = Math.max(edge.start, Math.abs(l.words[0].box[0] - a[0].box[0]));
    edge.end = Math.max(edge.end, Math.abs(l.words.at(-1)!.box[2] - a.at(-1)!.box[2]));
    edge.height = Math.max(edge.height, Math.abs(l.words[0].box[1] - a[0].box[1]), Math.abs(l.words[0].box[3] - a[0].box[3]));
    count += l.words.length;
    if (a.length !== l.words.length || l.words.some((w, j) => w.text !== a[j].text)) return;
    l.words.forEach((w, j) => {
      const d = Math.max(Math.abs(w.box[0] - a[j].box[0]), Math.abs(w.box[2] - a[j].box[2]));
      edge.word = Math.max(edge.word, d);
      if (d >= 0.01) moved++;
      compared++;
    });
  });
  expect(edge.start).toBeLessThan(0.01);
  expect(edge.height).toBeLessThan(0.01);
  expect(edge.end).toBeLessThan(1);
  expect(edge.word).toBeLessThan(3);
  expect(compared / count).toBeGreaterThan(0.9);
  expect(moved / compared).toBeLessThan(0.1);
}

describe('documents rendered with and without lines.ts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'budget-pdf-lines-'));
  const files: Record<string, { before: string; after: string }> = {};

  beforeAll(async () => {
    files.sample = await both(sampleDoc, dir, 'sample');
    // The published layout (Shenzhen) with the year before's figures, and Shanghai's in 元.
    files.reference = await both(fixture('fixtures/reference-2022'), dir, 'reference');
    files.shanghai = await both(fixture('fixtures/shanghai/multi-unit-yuan-2031'), dir, 'shanghai');
  }, 240_000);
  afterAll(() => setPrebreak(true));

  it.each(['sample', 'reference', 'shanghai'])('%s: the same words on the same lines, in place', (name) => {
    expectSameLines(files[name]);
    // The same text on each page, in the same order. (Not pdftotext's layout itself: it spaces
    // columns by the width it guesses for a character from how the text is drawn, and pdfmake
    // draws a text it breaks itself a character at a time, a pre-broken line whole.)
    expect(pageTexts(files[name].after).map(squash)).toEqual(pageTexts(files[name].before).map(squash));
  });

  it('start no line with closing punctuation and end none with opening punctuation', () => {
    const lines = pageTexts(files.sample.after).flatMap((p) => p.split('\n')).map((l) => l.trim()).filter(Boolean);
    expect(lines.length).toBeGreaterThan(100);
    for (const l of lines) {
      expect(l, l).not.toMatch(/^[，。、；：？！）」》’”]/);
      expect(l, l).not.toMatch(/[（「《‘“]$/);
    }
  });
});
