import { createRequire } from 'node:module';

/**
 * PDFKit's own require, PDFKit as pdfmake resolves it: for the fontkit PDFKit opens fonts with
 * (faces.ts registers its format there), wherever npm put the copies.
 */
export function pdfkitRequire(): NodeJS.Require {
  return createRequire(createRequire(createRequire(import.meta.url).resolve('pdfmake')).resolve('pdfkit'));
}

/** fontkit's own require: for the packages it uses (unicode-properties), in its version. */
export function fontkitRequire(): NodeJS.Require {
  return createRequire(pdfkitRequire().resolve('fontkit'));
}
