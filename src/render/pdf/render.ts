/**
 * `renderPdf(doc, fonts)`: the document model → PDF bytes, by the layout engine (engine/, docs/engine.md):
 * the document laid out into a page plan from the faces' own widths (engine/text.ts, flow.ts,
 * table.ts), then drawn by PDFKit through its public API (engine/draw.ts).
 *
 * Reproducibility: two renders of the same Document with the same fonts give identical bytes
 * (engine/draw.ts says what could vary and what fixes it; the test "two renders are byte-identical",
 * tests/render/pdf). The layout is plain arithmetic on the faces' advance widths.
 *
 * Fonts are read once per thread (a batch's workers share one copy, files.ts) and parsed once per
 * process (faces.ts); `preloadPdf` does both, and loads PDFKit, ahead of the first render: the
 * render thread (thread.ts) does it while the main thread is still checking the data.
 */
import type { Document } from '../../document/model.js';
import type { FontSet } from './fonts.js';
import type { RenderFiles } from './files.js';
import type { Faces } from './style.js';
import { openTextKit } from './engine/text.js';
import { layoutDocument } from './engine/flow.js';
import { layoutTable } from './engine/table.js';
import { drawPdf } from './engine/draw.js';
import { pdfkitRequire } from './deps.js';
import { trace } from '../../world/trace.js';

/**
 * Loads PDFKit and opens the given faces ahead of the first render (the PDF thread, while the
 * main thread checks the data).
 */
export async function preloadPdf(world: RenderFiles, fonts?: FontSet): Promise<void> {
  pdfkitRequire()('pdfkit');
  trace('pdfkit loaded');
  if (fonts) openTextKit(fonts, world);
}

/**
 * Renders the document as a PDF. The faces given by path are read through `world` (files.ts).
 * Throws only on internal errors (a malformed Document, a bad font file).
 */
export async function renderPdf(doc: Document, fonts: FontSet, world: RenderFiles): Promise<Uint8Array> {
  const kit = openTextKit(fonts, world);
  // The 公文 faces are set in their own faces only when the font set has them.
  const faces: Faces = { title: fonts.title !== undefined ? 'title' : 'heading', subheading: fonts.subheading !== undefined ? 'subheading' : 'heading' };
  const plan = layoutDocument(doc, kit, layoutTable, faces);
  trace('pdf laid out');
  const bytes = await drawPdf(plan, doc.meta, fonts, world);
  trace('pdf drawn');
  return bytes;
}

/** Hands PDFKit the faces' files instead of faces.ts's tokens: for tests and scripts that compare the two (engine/draw.ts). */
export { setFaceFormat } from './engine/draw.js';
