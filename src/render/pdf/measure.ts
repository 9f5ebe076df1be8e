/**
 * Rough text measures for decisions taken without the faces (column widths for figures and
 * labels, the test measurer of engine/model.ts). CJK text is full-width in every CJK font, which makes the estimate good for the
 * Chinese labels these decisions are about; the layout engine measures with the faces themselves.
 */

/** Width of a character in ems: full width for CJK and full-width forms, about half for the rest. */
export function charEm(ch: string): number {
  const c = ch.codePointAt(0)!;
  const wide = c >= 0x2e80 || (c >= 0x2018 && c <= 0x201d) || c === 0x2014 || c === 0x2026;
  return wide ? 1 : 0.6;
}

/** Width of a one-line text in ems. */
export function textEms(text: string): number {
  let w = 0;
  for (const ch of text) w += charEm(ch);
  return w;
}
