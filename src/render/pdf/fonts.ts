import { join } from 'node:path';
import { packageDir } from '../../world/index.js';

/** A font file: a path to a TTF/OTF, or its bytes. */
export type FontSource = string | Uint8Array;

/**
 * The three faces the PDF uses. A department that must publish in its own fonts (方正小标宋 for
 * headings, 仿宋_GB2312 for the body) passes their files here; the defaults come from npm.
 */
export interface FontSet {
  /** Body text and table cells: a serif (宋体/仿宋-like). */
  readonly body: FontSource;
  /**
   * Bold body text: total rows, bold paragraphs. The 公文 convention has no bold 宋体: bold runs
   * are set in the 黑体-like face, so the default is the heading face.
   */
  readonly bodyBold: FontSource;
  /** Headings, captions, table titles and header cells: a bold sans (黑体-like). */
  readonly heading: FontSource;
  /**
   * The 公文 convention's title face (小标宋): the cover title, the 目录 title, level-1 headings
   * (一、文字部分) and table titles. Absent: the heading face.
   */
  readonly title?: FontSource;
  /** The 公文 convention's second heading face (楷体): level-3 headings (一、部门职责). Absent: the heading face. */
  readonly subheading?: FontSource;
}

/**
 * Noto Serif SC Regular and Noto Sans SC Bold (headings and every bold run), shipped in the package's `fonts/` folder
 * (fonts/README.md says where they come from and why they are not an npm dependency), in the
 * installed package's folder (`packageDir`, src/world/package.ts). Only resolves the paths: nothing
 * is read until a render needs the bytes, and then through the world (files.ts).
 */
export function defaultFonts(): FontSet {
  const dir = join(packageDir(), 'fonts');
  return {
    body: join(dir, 'NotoSerifSC-Regular.ttf'),
    bodyBold: join(dir, 'NotoSansSC-Bold.ttf'),
    heading: join(dir, 'NotoSansSC-Bold.ttf'),
  };
}

/**
 * The height of one line of text in ems, as PDFKit computes it ((ascent − descent) / unitsPerEm
 * from the 'hhea' and 'head' tables). Used to estimate row heights when centring spanned cells.
 * Falls back to 1.45 (typical of CJK fonts) for anything that is not a plain TrueType/OpenType file.
 */
export function lineHeightEm(bytes: Uint8Array): number {
  const fallback = 1.45;
  if (bytes.length < 12) return fallback;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tables = view.getUint16(4);
  let hhea = -1;
  let head = -1;
  for (let i = 0; i < tables && 12 + 16 * (i + 1) <= bytes.length; i++) {
    const at = 12 + 16 * i;
    const tag = String.fromCharCode(bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]);
    if (tag === 'hhea') hhea = view.getUint32(at + 8);
    if (tag === 'head') head = view.getUint32(at + 8);
  }
  if (hhea < 0 || head < 0 || hhea + 10 > bytes.length || head + 20 > bytes.length) return fallback;
  const unitsPerEm = view.getUint16(head + 18);
  const ascent = view.getInt16(hhea + 4);
  const descent = view.getInt16(hhea + 6);
  if (unitsPerEm === 0 || ascent - descent <= 0) return fallback;
  return (ascent - descent) / unitsPerEm;
}
