/**
 * The PDF renderer's own layout engine (issue 14): the contracts between its three layers.
 *
 *   Document ──layout (flow.ts, table.ts; text.ts for lines)──▶ PagePlan ──draw (draw.ts)──▶ PDF bytes
 *
 * pdfmake laid the document out as one inline per piece of text, styled, measured and positioned
 * through a generic tree of nodes, and most of src/render/pdf worked around it (lines.ts, breaks.ts,
 * the keep-together survey layouts, table.ts's estimates of where pdfmake would break a page). The
 * engine lays the document out itself, from the same fonts' real widths, into pages of positioned
 * items, and PDFKit draws those through its public API (text at a point, lines, rectangles, links,
 * named destinations, the outline). Every layer is a pure function of its inputs except draw.ts,
 * which calls PDFKit.
 *
 * Units: PDF points. Coordinates: origin at the page's top-left corner, y growing downwards (as
 * PDFKit's). Page size: A4 (style.ts `A4`), portrait or landscape.
 */
import type { Table } from '../../../document/model.js';
import { textEms } from '../measure.js';

/** The faces a text is set in (the FontSet's: body, its bold, heading, and the 公文 title and subheading faces). */
export type FaceRole = 'body' | 'bodyBold' | 'heading' | 'title' | 'subheading';

export interface TextStyle {
  readonly face: FaceRole;
  /** Font size in points. */
  readonly size: number;
}

/**
 * Widths and vertical metrics of the document's faces (text.ts implements it over the font files;
 * tests may use `estimateMeasurer`). Pure: the same text gives the same width.
 */
export interface Measurer {
  /** Advance width in points of `text` set on one line in `style`, without extra spacing. */
  width(text: string, style: TextStyle): number;
  /** The face's ascent above the baseline, in ems (hhea ascender / unitsPerEm). */
  ascent(face: FaceRole): number;
  /** The face's descent below the baseline, in ems, positive (−hhea descender / unitsPerEm). */
  descent(face: FaceRole): number;
}

/** The height of a line box: (ascent + descent) × size × lineHeight. */
export function lineBox(m: Measurer, style: TextStyle, lineHeight: number): number {
  return (m.ascent(style.face) + m.descent(style.face)) * style.size * lineHeight;
}

/**
 * Where a line's baseline sits below the top of its line box: the box's extra height (lineHeight > 1)
 * shared evenly above and below the glyphs' ascent + descent.
 */
export function baselineOffset(m: Measurer, style: TextStyle, lineHeight: number): number {
  const glyphs = (m.ascent(style.face) + m.descent(style.face)) * style.size;
  return (lineBox(m, style, lineHeight) - glyphs) / 2 + m.ascent(style.face) * style.size;
}

/** A piece of a line drawn as one text object. */
export interface Run {
  readonly text: string;
  /** Offset of the run's first glyph from the left edge of the box the line was broken for. */
  readonly x: number;
  /** Extra space after each character (PDF Tc, PDFKit `characterSpacing`); 0 unless justified. */
  readonly spacing: number;
}

/** One line of broken text (text.ts `breakText`). */
export interface Line {
  readonly runs: readonly Run[];
  /** Where the ink of the line ends, from the box's left edge (x of the last run + its spaced width). */
  readonly right: number;
}

export interface BreakOptions {
  /** Width of the box, points. */
  readonly width: number;
  readonly align: 'left' | 'center' | 'right' | 'justify';
  /** Indent of the first line of each paragraph (a text's '\n' starts a paragraph), points. */
  readonly indent?: number;
}

/** Breaks `text` into lines (text.ts). */
export type BreakText = (text: string, style: TextStyle, options: BreakOptions) => readonly Line[];

/** What the layout needs of the fonts: widths and line breaking over the same widths. */
export interface TextKit {
  readonly measure: Measurer;
  readonly breakText: BreakText;
}

// ── The page plan: what draw.ts draws ────────────────────────────────────────────────────────

export interface TextItem {
  readonly kind: 'text';
  readonly x: number;
  /** The baseline. */
  readonly y: number;
  readonly text: string;
  readonly style: TextStyle;
  /** Extra space after each character (PDF Tc); default 0. */
  readonly spacing?: number;
}

/** A straight black rule (table grids). */
export interface RuleItem {
  readonly kind: 'rule';
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly width: number;
}

/** A filled rectangle without outline (shaded rows), drawn below the text and rules of its page. */
export interface FillItem {
  readonly kind: 'fill';
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  /** '#rrggbb' */
  readonly color: string;
}

/** A clickable area that goes to a named destination of the document (the 目录's entries). */
export interface LinkItem {
  readonly kind: 'link';
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly dest: string;
}

/** A named destination (an anchor: a heading's or table's id), its view's top-left at (x, y). */
export interface DestItem {
  readonly kind: 'dest';
  readonly id: string;
  readonly x: number;
  readonly y: number;
}

export type Item = TextItem | RuleItem | FillItem | LinkItem | DestItem;

export interface Page {
  readonly orientation: 'portrait' | 'landscape';
  readonly items: readonly Item[];
}

/** An entry of the PDF outline (bookmarks), pointing at a named destination. */
export interface OutlineEntry {
  readonly title: string;
  /** The DestItem it goes to. */
  readonly dest: string;
  /** Index of the page that holds that destination. */
  readonly page: number;
  /** The entry it hangs under (its `dest`); absent: top level. Parents come before their children. */
  readonly parent?: string;
  /** Shown open. */
  readonly expanded: boolean;
}

export interface PagePlan {
  readonly pages: readonly Page[];
  /** In document order. */
  readonly outline: readonly OutlineEntry[];
}

// ── Between the flow and the tables ─────────────────────────────────────────────────────────

/** Where a table is set: the box's width (the page's text width) and what it knows of its page. */
export interface TablePlacement {
  readonly width: number;
  /**
   * Height that must follow the table's last row on the same page (its notes): the table moves
   * its last rows to a new page rather than leave the notes alone on the next.
   */
  readonly tail: number;
}

/** Where the next slice of a table starts (opaque to the flow). */
export type TableCursor = { readonly __tableCursor: true };

export interface TableSlice {
  /** Items relative to the slice's top-left corner (x from the box's left edge, y from the slice's top). */
  readonly items: readonly Item[];
  readonly height: number;
  /** Where the next slice starts; undefined when the table is done. */
  readonly rest: TableCursor | undefined;
}

/** A table laid out for its width, placed slice by slice (one slice per page it runs over). */
export interface TableLayout {
  /**
   * The next slice from `from` (undefined: the table's start), as tall as fits in `room` points;
   * its header rows come first on every slice. `pageTop`: the slice starts at the top of a page's
   * text area, so it must place something even when that overflows (a row taller than a page is cut).
   * A slice that cannot place the header and one body row (or, for a table whose rows may break,
   * its first two lines) when not at the page top returns height 0, no items and `rest === from`.
   */
  slice(from: TableCursor | undefined, room: number, pageTop: boolean): TableSlice;
  /** Height the table's first slice needs at least to be worth starting on a page (header + the first row, or its first two lines). */
  readonly keepTop: number;
}

/** Lays a table out (table.ts). `breakRows`: its rows may run on to the next page (an in-text table of paragraphs). */
export type LayoutTable = (t: Table, kit: TextKit, placement: TablePlacement, breakRows: boolean) => TableLayout;

// ── A measurer for tests and estimates ──────────────────────────────────────────────────────

/**
 * Widths by the rough rule measure.ts uses: CJK and full-width forms 1 em, anything else 0.6 em;
 * ascent 1.16 em, descent 0.29 em (Noto's CJK faces: 1.45 em a line). For unit tests of the
 * layout that must not depend on a font file.
 */
export function estimateMeasurer(): Measurer {
  return {
    width: (text, style) => textEms(text) * style.size,
    ascent: () => 1.16,
    descent: () => 0.29,
  };
}

/**
 * A naive breaker for unit tests of the flow and the tables (text.ts's `breakText` is the real
 * one): breaks anywhere between two characters, '\n' starts a paragraph, no justification.
 */
export function naiveBreaker(m: Measurer): BreakText {
  return (text, style, options) => {
    const lines: Line[] = [];
    for (const para of text.split('\n')) {
      let x = options.indent ?? 0;
      let start = x;
      let current = '';
      const flush = () => {
        const w = m.width(current, style);
        const room = options.width - start;
        const dx = options.align === 'center' ? (room - w) / 2 : options.align === 'right' ? room - w : 0;
        lines.push({ runs: current ? [{ text: current, x: start + dx, spacing: 0 }] : [], right: start + dx + w });
      };
      for (const ch of para) {
        const w = m.width(ch, style);
        if (current !== '' && x + w > options.width + 0.01) {
          flush();
          current = '';
          x = start = 0;
        }
        current += ch;
        x += w;
      }
      flush();
    }
    return lines;
  };
}
