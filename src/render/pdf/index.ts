export { renderPdf } from './render.js';
export { defaultFonts } from './fonts.js';
export type { FontSet, FontSource } from './fonts.js';
