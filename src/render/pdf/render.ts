/**
 * `renderPdf(doc, fonts)`: the document model → PDF bytes through pdfmake 0.3 (PDFKit + fontkit).
 *
 * Reproducibility: two renders of the same Document with the same fonts give identical bytes.
 * Every source of variation in pdfmake/PDFKit, and what neutralises it:
 * - Info /CreationDate: PDFKit defaults it to `new Date()`; we always pass `meta.created` (and the
 *   same as /ModDate), so the clock is never read.
 * - Trailer /ID: PDFKit derives it as MD5 over the Info dictionary (PDFSecurity.generateFileID),
 *   so it is fixed once the dates are. Random bytes are used only for encryption, which we never
 *   ask for (no userPassword/ownerPassword).
 * - Font subset tags ("ABCDEF+NotoSerifSC-Regular"): PDFKit computes them from the font's resource
 *   id (F1, F2, …), which follows the order fonts are first used in the layout: fixed for a given
 *   document, so no random tags.
 * - XMP metadata (which would carry dates too) is written only for PDF/A or PDF/UA (`subset`,
 *   `tagged`): not enabled.
 * - Object order, named destinations, outline and page-reference ids are derived from the
 *   document order and the model's ids (pdfmake numbers the rest sequentially).
 * - Streams are compressed with Node's zlib at a fixed level: the same bytes for the same zlib.
 * - Layout numbers: column widths are rounded to 1/100 pt in table.ts.
 * - lines.ts changes how text is handed to pdfmake (an inline per line) and measures with fixed
 *   inputs only; faces.ts gives the bytes fontkit's own formats give.
 * The check is the test "two renders are byte-identical" (tests/render/pdf).
 *
 * Speed (the sample year under data/, 30 pages, 2-core machine, quiet; `node scripts/bench-pdf.mjs`): importing
 * pdfmake ~90 ms, measure + layout ~240 ms, drawing ~100 ms, subsetting + compression ~65 ms.
 * - Fonts: read once per process (a batch's workers share one copy, files.ts); pdfmake's virtual
 *   file system holds a token per face, which PDFKit opens through fontkit as the face parsed once
 *   for the thread (faces.ts), so a batch parses each face once per thread.
 * - pdfmake makes one inline per Chinese character (~7,700 here): lines.ts breaks the text into
 *   lines first, with pdfmake's own rules and widths, and hands pdfmake one inline per line (a
 *   justified line with figures: one per figure and per run of Chinese between them; ~2,000
 *   inlines in ~1,700 lines), so that its per-inline work, and its drawing (a text object per
 *   inline), shrink without touching its code; the 目录's entries and the header lines are one
 *   inline each by the definition. faces.ts cuts what is left of the text's cost: cmap/hmtx widths
 *   instead of fontkit shaping for text that needs none (simple-text.ts), glyphs copied into the
 *   subsets from their bytes (subset.ts). Table rules are written without restating their stroke
 *   state by a change to pdfmake's Renderer.js carried as a patch-package diff
 *   (patches/pdfmake+0.3.11.patch); no method of pdfmake, PDFKit or fontkit is replaced at run time.
 * - The keep-together rule (definition.ts `pageBreakBefore`) made pdfmake lay the whole document
 *   out again after each break it found (the sample year: three layouts of 31 pages); breaks.ts finds
 *   the breaks first by laying out only the parts that can need one (there: 8, 6 and 4 pages),
 *   and the document is laid out once. That single layout also centres a cell in a row that runs
 *   across a page by that layout's own break, where the repeated layouts kept pdfmake's offsets
 *   from the first try (TableProcessor sets a cell's `_bottomY`/`_willBreak` only when unset), so
 *   the text of such a cell sits a few points lower than before in the sample year (page 9).
 * - pdfmake is imported lazily (commands that never render a PDF do not load it), and
 *   `startPdfThread` (thread.ts) can load it on a second core while the data is being checked.
 */
import type { Document } from '../../document/model.js';
import { lineHeightEm, type FontSet, type FontSource } from './fonts.js';
import { toDefinition } from './definition.js';
import { FONT_BODY, FONT_HEADING, FONT_SUBHEADING, FONT_TITLE, GEOMETRY, type Faces } from './style.js';
import { faceToken } from './faces.js';
import { fontFile, type RenderFiles } from './files.js';
import { settleBreaks } from './breaks.js';
import { prebreak } from './lines.js';
import { pdfmakeMeasure, pdfmakeSplit } from './text-measure.js';
import { trace } from '../../world/trace.js';
import { createRequire } from 'node:module';

/** Names in pdfmake's virtual fs by source: a path, or the identity of the bytes given. */
const pathNames = new Map<string, string>();
const byteNames = new WeakMap<Uint8Array, string>();
let vfsCounter = 0;
let asTokens = true;
/** The name under which the file itself is registered, beside a face's token (`setFaceFormat`). */
const FILE = '.file';

/**
 * Hands pdfmake the faces' files themselves (false), for fontkit's own formats to open, instead
 * of tokens for faces.ts's: for the tests and scripts/bench-pdf.mjs that compare the two. Production
 * code never calls it.
 */
export function setFaceFormat(on: boolean): void {
  asTokens = on;
}

type PdfMake = typeof import('pdfmake').default;
let pdfmakePromise: Promise<PdfMake> | undefined;

/**
 * pdfmake, loaded on first use. It is CommonJS, and required as such (what `import()` of it gives
 * as `default`): `import()` would take it through the ES module loader, which resolves it again,
 * reads its entry file a second time and has cjs-module-lexer scan it for named exports nobody
 * uses, on the render thread's way to its first render.
 */
async function loadPdfMake(): Promise<PdfMake> {
  pdfmakePromise ??= Promise.resolve().then(() => {
    const pm = createRequire(import.meta.url)('pdfmake') as PdfMake;
    trace('pdfmake loaded');
    // Fonts come from the virtual fs and the document has no images: refuse every URL and every
    // local path (this also silences pdfmake's warning about missing policies).
    pm.setUrlAccessPolicy(() => false);
    pm.setLocalAccessPolicy(() => false);
    return pm;
  });
  return pdfmakePromise;
}

/** Font bytes by path are read once per thread, or shared by the batch runner (files.ts). */
function fontBytes(src: FontSource, world: RenderFiles): Uint8Array {
  return typeof src === 'string' ? fontFile(src, world) : src;
}

/** The byte sources registered, by length: a face given as bytes again (a batch reads a
 * department's own fonts for each report) maps to the file registered for equal bytes. */
const bySize = new Map<number, { bytes: Uint8Array; name: string }[]>();
const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);

/**
 * Registers a font with pdfmake's (process-wide) virtual fs and returns its name there. Each face
 * is registered once, as a token that faces.ts opens as the face parsed once for the process:
 * its tables are decoded once, whatever the number of documents, and a batch's memory stays flat.
 * (The file itself is registered beside it, for `setFaceFormat(false)`.)
 */
function vfsName(pm: PdfMake, src: FontSource, world: RenderFiles): string {
  let name = typeof src === 'string' ? pathNames.get(src) : byteNames.get(src);
  if (name === undefined) {
    const bytes = fontBytes(src, world);
    const known = typeof src === 'string' ? undefined : bySize.get(bytes.byteLength)?.find((r) => same(r.bytes, bytes));
    if (known) {
      name = known.name;
    } else {
      name = `budget-font-${vfsCounter++}.ttf`;
      // Shared memory stays a plain Uint8Array (files.ts says why); other bytes become a Buffer.
      const buffer =
        Buffer.isBuffer(bytes) || bytes.buffer instanceof SharedArrayBuffer ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      pm.virtualfs.writeFileSync(name, faceToken(buffer));
      pm.virtualfs.writeFileSync(name + FILE, buffer);
      if (typeof src !== 'string') {
        const list = bySize.get(bytes.byteLength) ?? [];
        list.push({ bytes: buffer, name });
        bySize.set(bytes.byteLength, list);
      }
    }
    if (typeof src === 'string') pathNames.set(src, name);
    else byteNames.set(src, name);
  }
  return asTokens ? name : name + FILE;
}

/**
 * Loads pdfmake (and reads the given fonts) ahead of the first render: the PDF thread (thread.ts)
 * does this while the main thread is still checking the data.
 */
export async function preloadPdf(world: RenderFiles, fonts?: FontSet): Promise<void> {
  const pm = await loadPdfMake();
  if (fonts) for (const src of [fonts.body, fonts.bodyBold, fonts.heading, fonts.title, fonts.subheading]) if (src !== undefined) vfsName(pm, src, world);
}

/** What renders a document: its pdfmake definition, and pdfmake with the document's fonts. */
export interface Prepared {
  readonly definition: Record<string, unknown>;
  /** pdfmake's createPdf with the document's fonts: set anew each time (synchronously before it
   * reads them), since pdfmake's fonts are process-wide and another render may run between the
   * survey layouts (breaks.ts) and the full one. */
  readonly pm: { createPdf(definition: object): ReturnType<PdfMake['createPdf']> };
}

/** The document's definition and pdfmake ready for it (renderPdf; the tests that lay a
 * definition out themselves). */
export async function prepare(doc: Document, fonts: FontSet, world: RenderFiles): Promise<Prepared> {
  const pm = await loadPdfMake();
  const body = vfsName(pm, fonts.body, world);
  const bodyBold = vfsName(pm, fonts.bodyBold, world);
  const heading = vfsName(pm, fonts.heading, world);
  // The 公文 faces get families of their own only when given: otherwise they are the heading family.
  const title = fonts.title !== undefined ? vfsName(pm, fonts.title, world) : heading;
  const subheading = fonts.subheading !== undefined ? vfsName(pm, fonts.subheading, world) : heading;
  const faces: Faces = { title: title === heading ? FONT_HEADING : FONT_TITLE, subheading: subheading === heading ? FONT_HEADING : FONT_SUBHEADING };
  const definition = toDefinition(
    doc,
    {
      body: lineHeightEm(fontBytes(fonts.body, world)),
      heading: lineHeightEm(fontBytes(fonts.heading, world)),
    },
    faces,
  );
  const family = (name: string) => ({ normal: name, bold: name, italics: name, bolditalics: name });
  const families = {
    [FONT_BODY]: { normal: body, bold: bodyBold, italics: body, bolditalics: bodyBold },
    [FONT_HEADING]: family(heading),
    ...(faces.title === FONT_TITLE ? { [FONT_TITLE]: family(title) } : {}),
    ...(faces.subheading === FONT_SUBHEADING ? { [FONT_SUBHEADING]: family(subheading) } : {}),
  };
  if (prebreakOn) {
    pm.setFonts(families);
    const measure = await pdfmakeMeasure(pm, families, (face) => pm.virtualfs.readFileSync(face));
    prebreak(definition, { portrait: GEOMETRY.portraitTextWidth, landscape: GEOMETRY.landscapeTextWidth }, measure, pdfmakeSplit());
  }
  const createPdf = (d: object) => {
    pm.setFonts(families);
    return pm.createPdf(d);
  };
  return { pm: { createPdf }, definition };
}

let prebreakOn = true;

/** Turns lines.ts off or on for the renders that follow: for the tests and scripts/bench-pdf.mjs
 * that compare the layout and the cost with and without it. Production code never calls it. */
export function setPrebreak(on: boolean): void {
  prebreakOn = on;
}

export interface RenderOptions {
  /** Decide the keep-together breaks before the full layout (breaks.ts); default on. Off, pdfmake's
   * own loop finds them, laying the whole document out once more per break (tests compare the two). */
  readonly settle?: boolean;
}

/**
 * Renders the document as a PDF. The faces given by path, and the renderer's dependencies'
 * package.json, are read through `world` (files.ts). Throws only on internal errors (a malformed
 * Document, a bad font file).
 */
export async function renderPdf(doc: Document, fonts: FontSet, world: RenderFiles, options: RenderOptions = {}): Promise<Uint8Array> {
  const { pm, definition } = await prepare(doc, fonts, world);
  trace('pdf definition + prebreak');
  if (options.settle !== false) await settleBreaks(pm, definition);
  trace('pdf breaks settled');
  const buffer = await pm.createPdf(definition).getBuffer();
  trace('pdf buffer');
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
