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
