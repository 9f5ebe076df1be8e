/** Page geometry and type sizes of the PDF: one place to tune how the document looks. */

/**
 * The faces the 公文 title and the level-3 headings are set in: their own ('title', 'subheading')
 * when the font set names a face for them, else the heading face, so that a document without them
 * embeds no second copy of the heading face.
 */
export interface Faces {
  readonly title: 'title' | 'heading';
  readonly subheading: 'subheading' | 'heading';
}

export const DEFAULT_FACES: Faces = { title: 'heading', subheading: 'heading' };

/** A4 in points. */
export const A4 = { width: 595.28, height: 841.89 } as const;

/** Margins [left, top, right, bottom] in points (about 22 mm at the sides, 24 mm top). */
export const MARGINS: readonly [number, number, number, number] = [62, 68, 62, 62];

export interface Geometry {
  readonly portraitTextWidth: number;
  readonly landscapeTextWidth: number;
  readonly portraitTextHeight: number;
  readonly landscapeTextHeight: number;
}

export const GEOMETRY: Geometry = {
  portraitTextWidth: A4.width - MARGINS[0] - MARGINS[2],
  landscapeTextWidth: A4.height - MARGINS[0] - MARGINS[2],
  portraitTextHeight: A4.height - MARGINS[1] - MARGINS[3],
  landscapeTextHeight: A4.width - MARGINS[1] - MARGINS[3],
};

/** Type sizes in points (Chinese 号: 二号 22, 小二 18, 三号 16, 四号 14, 五号 10.5). */
export const SIZE = {
  coverTitle: 28,
  coverLine: 16,
  tocTitle: 22,
  tocEntry: 14,
  heading1: 22,
  heading2: 18,
  heading3: 16,
  body: 16,
  caption: 14,
  tableTitle: 18,
  headerLine: 10.5,
  note: 10.5,
  footer: 12,
} as const;
