/**
 * Text from the data is text, whatever it holds: the reference year's document with its texts
 * randomly edited (emoji and other characters outside the BMP, combining marks, right-to-left
 * script, control characters, zero-width and other spaces, an unbreakable run longer than any
 * line or cell, empty texts) renders to a PDF, never to an exception, and every page keeps to A4.
 * Seeded, so a failure names the seed and the case to replay.
 */
import { describe, expect, it } from 'vitest';
import type { Block, Cell, Document, Row } from '../../../../src/document/model.js';
import { defaultFonts, renderPdf } from '../../../../src/render/pdf/index.js';
import { nodeWorld } from '../../../../src/world/index.js';
import { sampleDoc } from '../sample-doc.js';
import { rng } from '../../../source/fuzz.js';

const PIECES = [
  '😀', '👨‍👩‍👧', '𠀀𪚥', 'é', 'a\u0301\u0323', 'שלום', 'مرحبا', '\t', '\r', '\u0000', '\u0007', '\u200b', '\u00a0', '\u3000', '\ufeff',
  'x'.repeat(300), '１２３４５６７８９０'.repeat(20), 'https://example.com/' + 'a'.repeat(120), '（', '）', '，', '。', '“', '”', '—', '…', '\n', '\n\n', '%', '&<>"', '−12.50',
];

function edit(text: string, r: () => number): string {
  const roll = r();
  if (roll < 0.1) return '';
  let out = text;
  const n = 1 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) {
    const at = Math.floor(r() * (out.length + 1));
    out = out.slice(0, at) + PIECES[Math.floor(r() * PIECES.length)] + out.slice(at);
  }
  return out;
}

function mutate(doc: Document, seed: number): Document {
  const r = rng(seed);
  const maybe = (t: string) => (r() < 0.15 ? edit(t, r) : t);
  const cell = (c: Cell): Cell => (c === null || c.kind === 'number' || r() > 0.2 ? c : { ...c, text: edit(c.text, r) });
  const row = (x: Row): Row => ({ ...x, cells: x.cells.map(cell) });
  const block = (b: Block): Block => {
    switch (b.kind) {
      case 'heading':
        return { ...b, text: maybe(b.text) };
      case 'paragraph':
        return { ...b, text: maybe(b.text) };
      case 'list':
        return { ...b, items: b.items.map(maybe) };
      case 'table':
        return { ...b, title: maybe(b.title), caption: maybe(b.caption), notes: b.notes.map(maybe), rows: b.rows.map(row), header: b.header.map((h) => ({ ...h, label: maybe(h.label) })) };
      default:
        return b;
    }
  };
  return {
    ...doc,
    meta: { ...doc.meta, title: maybe(doc.meta.title), author: maybe(doc.meta.author) },
    cover: { title: maybe(doc.cover.title), lines: doc.cover.lines.map(maybe) },
    tocTitle: maybe(doc.tocTitle),
    sections: doc.sections.map((s) => ({ ...s, blocks: s.blocks.map(block) })),
  };
}

describe('the renderer on edited text', () => {
  it('renders every case to a PDF of A4 pages', async () => {
    const fonts = defaultFonts();
    // FUZZ_PDF_SEEDS=500 for a deeper run (npm test: 30)
    const seeds = Number(process.env.FUZZ_PDF_SEEDS ?? 30);
    for (let seed = 1; seed <= seeds; seed++) {
      const doc = mutate(sampleDoc, seed);
      let bytes: Uint8Array;
      try {
        bytes = await renderPdf(doc, fonts, nodeWorld());
      } catch (e) {
        throw new Error(`seed ${seed}: ${(e as Error).stack}`);
      }
      const text = Buffer.from(bytes).toString('latin1');
      expect(text.startsWith('%PDF-1.5'), `seed ${seed}`).toBe(true);
      expect(text.trimEnd().endsWith('%%EOF'), `seed ${seed}`).toBe(true);
      // every page A4, portrait or landscape
      const boxes = [...text.matchAll(/\/MediaBox \[([^\]]*)\]/g)].map((m) => m[1].trim().split(/\s+/).map(Number));
      expect(boxes.length, `seed ${seed}`).toBeGreaterThan(2);
      for (const [, , w, h] of boxes) expect([Math.round(Math.min(w, h)), Math.round(Math.max(w, h))], `seed ${seed}`).toEqual([595, 842]);
    }
  }, 180_000);
});
