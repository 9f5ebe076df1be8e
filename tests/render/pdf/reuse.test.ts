/**
 * A batch worker renders many documents in one process, reusing what it parsed of the fonts for
 * the first (faces.ts: fontkit's parse of each face, and the tables simple-text.ts and subset.ts
 * keep per face). Whatever a document follows, its PDF must be the one a fresh process writes:
 * each document's subset holds its own glyphs only, its font ids and widths are its own.
 *
 * "Fresh" here is a render with PDFKit given the files themselves (`setFaceFormat(false)`):
 * fontkit's own formats parse them again for each document, so every per-font cache starts empty,
 * as in a new process. (tests/batch/reuse.test.ts compares with a separate process end to end.)
 */
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Document } from '../../../src/document/model.js';
import { defaultFonts, renderPdf } from '../../../src/render/pdf/index.js';
import { facesParsed } from '../../../src/render/pdf/faces.js';
import { setFaceFormat } from '../../../src/render/pdf/render.js';
import { sampleDoc, sections } from './sample-doc.js';
import { nodeWorld } from '../../../src/world/index.js';

/** Another department's document: other characters (other glyphs in the subsets), fewer parts. */
const OTHER = '云岭省测绘地理信息档案馆';
const otherDoc: Document = {
  ...sampleDoc,
  meta: { ...sampleDoc.meta, title: `2031年${OTHER}部门预算`, author: OTHER, keywords: ['部门预算', '2031', OTHER], created: '2031-01-15T00:00:00Z' },
  cover: { title: `2031年${OTHER}部门预算`, lines: [OTHER, '二〇三一年一月'] },
  sections: [
    {
      newPage: true,
      blocks: [
        { kind: 'heading', level: 1, text: '一、文字部分', id: 'text-part', toc: true },
        { kind: 'heading', level: 2, text: '第一部分 部门概况', id: 'part-1', toc: true },
        { kind: 'paragraph', indent: true, text: `${OTHER}负责测绘成果档案的接收、整理、保管和提供利用，馆藏纸质图件与数字化影像资料。` },
      ],
    },
    sections[2],
  ],
};

const fonts = defaultFonts();
const bytes = async (doc: Document): Promise<Buffer> => Buffer.from(await renderPdf(doc, fonts, nodeWorld()));

const warm: Record<string, Buffer> = {};
const fresh: Record<string, Buffer> = {};
let parsedWhileWarm = -1;
let parsedFirst = -1;

beforeAll(async () => {
  setFaceFormat(true);
  const start = facesParsed();
  await bytes(sampleDoc); // the fonts parsed and their tables filled by one document…
  parsedFirst = facesParsed() - start;
  const before = facesParsed();
  warm.other = await bytes(otherDoc); // …then two others rendered after it, in either order
  warm.sample = await bytes(sampleDoc);
  warm.otherAgain = await bytes(otherDoc);
  parsedWhileWarm = facesParsed() - before;
  setFaceFormat(false);
  fresh.sample = await bytes(sampleDoc);
  fresh.other = await bytes(otherDoc);
}, 120_000);

afterAll(() => setFaceFormat(true));

describe('fonts parsed once and reused by the documents that follow', () => {
  it('are parsed for the first document only (the later ones open the same parse)', () => {
    // A test file run after others may find the faces parsed already: at most the two faces.
    expect(parsedFirst).toBeLessThanOrEqual(2);
    expect(parsedWhileWarm).toBe(0);
  });

  it('give byte-identical PDFs to fresh renders, whatever was rendered before', () => {
    expect(fresh.sample.length).toBeGreaterThan(10_000);
    expect(warm.sample.equals(fresh.sample)).toBe(true);
    expect(warm.other.equals(fresh.other)).toBe(true);
    expect(warm.otherAgain.equals(fresh.other)).toBe(true);
  });

  it('subset each document separately (a short document embeds fewer glyphs than a long one)', () => {
    expect(fresh.other.equals(fresh.sample)).toBe(false);
    expect(fresh.other.length).toBeLessThan(fresh.sample.length);
    // The other department's characters are drawn in its document only: its name is in its
    // ToUnicode map, not in the sample's (a subset shared across documents would carry both).
    const hex = (s: string) => [...s].map((c) => c.codePointAt(0)!.toString(16).padStart(4, '0')).join('');
    const unicodeHas = (pdf: Buffer, ch: string) => pdfStreams(pdf).some((s) => s.includes(`<${hex(ch)}>`));
    expect(unicodeHas(fresh.other, '岭')).toBe(true);
    expect(unicodeHas(warm.sample, '岭')).toBe(false);
  });
});

describe('font files in shared memory (a batch’s workers share one copy)', () => {
  it('render the same bytes as files read by the thread itself', async () => {
    const shared = (path: string | Uint8Array): Uint8Array => {
      const sab = nodeWorld().readShared(path as string);
      expect(sab).toBeInstanceOf(SharedArrayBuffer);
      return new Uint8Array(sab!);
    };
    const fromShared = await renderPdf(otherDoc, { body: shared(fonts.body), bodyBold: shared(fonts.bodyBold), heading: shared(fonts.heading) }, nodeWorld());
    expect(Buffer.from(fromShared).equals(fresh.other)).toBe(true);
  }, 60_000);

  it('are not read when missing (the worker then reads, and reports, the file itself)', () => {
    expect(nodeWorld().readShared('/nonexistent/budget-font.ttf')).toBeUndefined();
  });
});

/** The decompressed streams of a PDF, as latin1 text (ToUnicode CMaps among them). */
function pdfStreams(pdf: Buffer): string[] {
  const out: string[] = [];
  const text = pdf.toString('latin1');
  const re = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    try {
      out.push(inflateSync(pdf.subarray(start, end)).toString('latin1'));
    } catch {
      // not a Flate stream
    }
    re.lastIndex = end + 'endstream'.length;
  }
  return out;
}
