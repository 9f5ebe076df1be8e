import { createRequire } from 'node:module';

/**
 * PDFKit's own require: for PDFKit itself and the fontkit it opens fonts with (faces.ts registers
 * its format there) and the linebreak it breaks lines with, wherever npm put the copies.
 */
export function pdfkitRequire(): NodeJS.Require {
  return createRequire(createRequire(import.meta.url).resolve('pdfkit'));
}

/** fontkit's own require: for the packages it uses (unicode-properties), in its version. */
export function fontkitRequire(): NodeJS.Require {
  return createRequire(pdfkitRequire().resolve('fontkit'));
}

/** PDFKit's document class. */
export function pdfkitDocument(): new (options: object) => unknown {
  const m = pdfkitRequire()('pdfkit') as { default?: new (options: object) => unknown };
  return (m.default ?? m) as new (options: object) => unknown;
}
