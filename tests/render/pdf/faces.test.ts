/**
 * The faces as fontkit opens them for PDFKit through faces.ts (a token per face, the face parsed
 * once, text that needs no shaping laid out from its cmap and hmtx, subsets copied from the file's
 * bytes) against PDFKit given the files themselves, for fontkit's own formats: the same PDF, byte
 * for byte. Documents of Chinese text, and of text that fontkit must shape (kerning pairs,
 * ligatures, combining marks, symbols outside the shaping-free ranges), in the default faces and in
 * a Latin face with composite glyphs (pdfmake's Roboto).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Document } from '../../../src/document/model.js';
import { defaultFonts, renderPdf } from '../../../src/render/pdf/index.js';
import { setFaceFormat } from '../../../src/render/pdf/render.js';
import { nodeWorld } from '../../../src/world/index.js';
import { sampleDoc } from './sample-doc.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const roboto = createRequire(import.meta.url).resolve('pdfmake/fonts/Roboto/Roboto-Regular.ttf');

/** Text fontkit shapes: kerning (AV, To), ligatures (fi, ffl), a combining acute, ≥, figures after Latin. */
const SHAPED = 'AVATAR Today: office ﬁle, é and é, ≥95%, 5G, IDC 100%；4、Waffle 2026.';
const shapedDoc: Document = {
  ...sampleDoc,
  sections: [
    {
      newPage: true,
      blocks: [
        { kind: 'heading', level: 1, text: '一、Kerning 与连字', id: 'shaped', toc: true },
        { kind: 'paragraph', indent: true, text: `${SHAPED}预算执行率≥90%，IDC 机房 5G 网络。` },
        { kind: 'paragraph', indent: false, text: SHAPED.repeat(6) },
      ],
    },
    ...sampleDoc.sections.slice(1, 2),
  ],
};

async function both(doc: Document, fonts = defaultFonts()): Promise<[Buffer, Buffer]> {
  setFaceFormat(true);
  const viaFaces = Buffer.from(await renderPdf(doc, fonts, nodeWorld()));
  setFaceFormat(false);
  const viaFiles = Buffer.from(await renderPdf(doc, fonts, nodeWorld()));
  setFaceFormat(true);
  return [viaFaces, viaFiles];
}

afterAll(() => setFaceFormat(true));

describe('faces opened through faces.ts', () => {
  it('give the PDF fontkit’s own formats give, for the sample document', async () => {
    const [a, b] = await both(sampleDoc);
    expect(a.length).toBeGreaterThan(10_000);
    expect(a.equals(b)).toBe(true);
  }, 120_000);

  it('give the same PDF for text fontkit must shape, in the default faces and in a Latin face', async () => {
    const [a, b] = await both(shapedDoc);
    expect(a.equals(b)).toBe(true);
    // Again: fontkit's layouts of the shaped texts are kept for the process (faces.ts), each
    // document given positions of its own, which PDFKit scales in place.
    const [again] = await both(shapedDoc);
    expect(again.equals(b)).toBe(true);
    const fonts = { ...defaultFonts(), body: roboto };
    const [c, d] = await both(shapedDoc, fonts);
    expect(c.equals(d)).toBe(true);
    // Roboto drew the Latin text: its subset is embedded.
    expect(c.toString('latin1')).toContain('+Roboto');
  }, 120_000);
});

describe('the renderer', () => {
  it('overwrites no method of another library’s prototype', () => {
    const dir = join(ROOT, 'src/render/pdf');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(join(dir, file), 'utf8');
      expect(text, file).not.toMatch(/\.prototype(\.\w+|\[[^\]]+\])\s*=[^=]/);
      expect(text, file).not.toMatch(/Object\.getPrototypeOf\([^)]*\)\.\w+\s*=[^=]/);
    }
  });
});
