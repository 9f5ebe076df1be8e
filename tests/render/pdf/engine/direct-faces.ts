/** The default faces opened by fontkit directly (as PDFKit resolves fontkit, not through faces.ts's tokens): independent widths for the engine's tests. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { defaultFonts } from '../../../../src/render/pdf/index.js';

const require = createRequire(createRequire(import.meta.url).resolve('pdfkit'));
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const fontkit: any = require('fontkit');
export const files = defaultFonts();
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const serif: any = fontkit.create(readFileSync(files.body as string));
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const sans: any = fontkit.create(readFileSync(files.heading as string));
/** A world that reads the font files and nothing else. */
export const world = { readFile: (p: string) => readFileSync(p) };
