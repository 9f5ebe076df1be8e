export { renderPdf } from './render.js';
export { defaultFonts } from './fonts.js';
export type { FontSet, FontSource } from './fonts.js';
export { startPdfThread } from './thread.js';
export type { PdfThread } from './thread.js';
