/**
 * Chinese paragraphs handed to pdfmake a line at a time, through its public document definition.
 *
 * pdfmake breaks text at every opportunity the Unicode line-breaking algorithm gives (the
 * `linebreak` package, UAX 14): in Chinese, between nearly every two characters, except where the
 * rules for punctuation forbid it (避头尾: no break before ，。、；：？！）」》 and the like, none
 * after （「《). Each piece becomes an inline that pdfmake styles, measures, places and draws on its
 * own: ~7,700 for a 30-page document, which was most of the render's time.
 *
 * `prebreak` runs pdfmake's own line breaking ahead of it, on the same pieces with the same widths
 * (PDFKit's, on the same font bytes), and rewrites each text it can as one inline per line
 * (`noWrap`, so that pdfmake does not split it again), which pdfmake measures, places and draws
 * as one: one text object per line, where it drew one per character.
 * - The line breaks are the same: each line's inline fits (its width is what its pieces' add up
 *   to), and the next line's does not (it starts with the piece that did not fit before).
 * - A line that is not spread (the last of a paragraph, a left-aligned or centred one) is placed
 *   as before, character for character.
 * - A justified line is spread the way Chinese text is: the room left, g per gap, between its
 *   Chinese characters and punctuation (PDF's Tc, the inline's `characterSpacing`: g after each
 *   glyph, which pdfmake counts as g × (length − 1) of its width) and on either side of a figure
 *   or a Latin word, which is an inline of its own, not spread inside; pdfmake's alignLine puts the
 *   room its inlines leave, g per gap between them, there. pdfmake itself spreads the room over
 *   the gaps between its pieces, so a character of such a line may sit up to a couple of points
 *   from where pdfmake put it (a piece with punctuation glued to it, "家、", is not spread inside
 *   there); the line's ends and height are the same.
 * Before a text is rewritten, pdfmake's line filling (LayoutBuilder.buildNextLine, Line) is run
 * again on the new inlines with their own widths, as pdfmake will measure them: a text whose lines
 * would come out otherwise (a run that measures wider than its characters, two inlines that
 * pdfmake's TextBreaker would glue) is left as it is. Anything else (a text array, a style key
 * this module does not know, a piece wider than the line, a width it does not know) is left to
 * pdfmake as it is.
 *
 * Texts that pdfmake lays out in columns sized by their content (a table's header line) are not
 * broken here; when each fits on one line, it is made one inline (`rewriteColumns`). The 目录's
 * entries are single inlines by the definition (definition.ts `tocPage`).
 */

/* eslint-disable @typescript-eslint/no-explicit-any -- the pdfmake definition is loosely typed */
type Any = any;

/** Measures texts as pdfmake will, in one face and size: `family` is a family of the definition's
 * fonts. (A measuring function per style, so that the thousands of look-ups a document makes need
 * no key of face and size each.) */
export interface Measure {
  of(family: string, bold: boolean, size: number): (text: string) => number;
}

/** The pieces pdfmake's TextBreaker cuts a text into: the texts between two break opportunities. */
export type SplitWords = (text: string) => string[];

/** Where the text of a node is laid out: its width, and the style the node inherits. */
interface Context {
  readonly width: number;
  readonly style: Style;
}

export interface Style {
  readonly font: string;
  readonly bold: boolean;
  readonly fontSize: number;
  readonly alignment: string;
  readonly leadingIndent: number;
}

/** Keys a node may carry without changing how its text is cut into inlines and measured. */
const LAYOUT_NEUTRAL = new Set([
  'text', 'font', 'fontSize', 'bold', 'alignment', 'leadingIndent', 'margin', 'lineHeight', 'color',
  'pageBreak', 'pageOrientation', 'border', 'borderColor', 'fillColor', 'rowSpan', 'colSpan', 'unbreakable',
  'verticalAlignment', 'headlineLevel', 'id', 'outline', 'outlineText', 'outlineExpanded', 'outlineParentId',
]);

const WHITESPACE_AT_END = /\s+$/;
const WHITESPACE_AT_START = /^\s+/;
/**
 * A piece spaced out on a justified line: Chinese characters and full-width punctuation (one
 * glyph each, in the BMP), no white space.
 */
function spreadable(piece: string): boolean {
  for (let i = 0; i < piece.length; i++) {
    const c = piece.charCodeAt(i);
    if (!((c > 0x3000 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff01 && c <= 0xff60) ||
      (c >= 0x2018 && c <= 0x201d) || c === 0x2014 || c === 0x2026 || c === 0x00b7)) return false;
  }
  return true;
}

/** An inline as pdfmake's Line sees it. */
interface Measured {
  readonly width: number;
  readonly leadingCut: number;
  readonly trailingCut: number;
  /** Glued to the next inline (TextBreaker's `noNewLine`: no break opportunity between them). */
  readonly noNewLine: boolean;
}

/**
 * pdfmake's buildNextLine and Line.hasEnoughSpaceForInline on a paragraph's inlines (none is
 * cut: they are `noWrap` or single pieces that fit, see `lineInlines`): how many go on each line.
 */
function fill(inlines: readonly Measured[], width: number): number[] {
  const counts: number[] = [];
  let i = 0;
  while (i < inlines.length) {
    let n = 0;
    let widths = 0;
    let leadingCut = 0;
    let forced = false;
    while (i < inlines.length) {
      const inline = inlines[i];
      if (n > 0 && !forced) {
        let w = inline.width;
        let tc = inline.trailingCut;
        if (inline.noNewLine) {
          for (let k = i + 1; k < inlines.length; k++) {
            w += inlines[k].width;
            tc += inlines[k].trailingCut;
            if (!inlines[k].noNewLine) break;
          }
        }
        if (widths + w - leadingCut - tc > width) break;
      }
      if (n === 0) leadingCut = inline.leadingCut;
      widths += inline.width;
      n++;
      i++;
      forced = inline.noNewLine;
    }
    counts.push(n);
  }
  return counts;
}

/**
 * The inlines for a paragraph of one style, laid out `width` points wide, or undefined when it must
 * be left to pdfmake. pdfmake's LayoutBuilder.buildNextLine and Line, step by step: a piece joins
 * the line when the line is empty or when the widths so far plus its own, less the leading cut (the
 * first-line indent) and its trailing white space, fit.
 */
export function lineInlines(text: string, style: Style, width: number, measure: Measure, split: SplitWords): Any[][] | undefined {
  if (text.length === 0 || /[\r\n]/.test(text) || WHITESPACE_AT_START.test(text)) return undefined;
  const w = measure.of(style.font, style.bold, style.fontSize);
  const pieces = split(text);
  if (pieces.join('') !== text) return undefined;
  const lines: { pieces: string[]; inlineWidths: number; leadingCut: number; trailingCut: number }[] = [];
  let line: (typeof lines)[number] | undefined;
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i];
    const pw = w(piece);
    const trail = WHITESPACE_AT_END.exec(piece);
    const tc = trail ? w(trail[0]) : 0;
    if (line && line.inlineWidths + pw - line.leadingCut - tc <= width) {
      // pdfmake's hard wrap: a piece wider than the room left is cut (here: left to pdfmake).
      if (piece.length > 1 && pw > width - (line.inlineWidths - line.leadingCut - line.trailingCut)) return undefined;
      line.pieces.push(piece);
      line.inlineWidths += pw;
      line.trailingCut = tc;
    } else {
      line = { pieces: [piece], inlineWidths: pw, leadingCut: i === 0 ? -style.leadingIndent : 0, trailingCut: tc };
      if (piece.length > 1 && pw > width + line.leadingCut) return undefined;
      lines.push(line);
    }
  }
  const out: Any[][] = [];
  for (let n = 0; n < lines.length; n++) {
    const l = lines[n];
    // A justified line but the last: the room left is spread over the gaps between its
    // characters (PDF's Tc, the inline's characterSpacing) and between its inlines (pdfmake's
    // ElementWriter.alignLine spreads what its inlines leave over the gaps between them), the
    // same amount g at each: a run of Chinese pieces is one inline spaced g, a figure or a Latin
    // word an inline of its own, not spaced inside (as pdfmake lays it out). Any other line is
    // one inline.
    const spreads = style.alignment === 'justify' && n < lines.length - 1 && l.pieces.length > 1;
    const texts: string[] = [];
    const spread: boolean[] = [];
    for (const piece of spreads ? l.pieces : [l.pieces.join('')]) {
      const s = spreads && spreadable(piece);
      if (s && spread.at(-1)) texts[texts.length - 1] += piece;
      else {
        texts.push(piece);
        spread.push(s);
      }
    }
    // The line as pdfmake will measure it: a run measures as a whole (a font may kern two
    // characters shaped together), and a line that would not fit is left to pdfmake.
    let lineWidth = -l.leadingCut;
    for (const t of texts) lineWidth += w(t);
    const trail = WHITESPACE_AT_END.exec(texts[texts.length - 1]);
    if (trail) lineWidth -= w(trail[0]);
    if (lineWidth > width + 1e-6) return undefined;
    let gaps = texts.length - 1;
    texts.forEach((t, k) => {
      if (spread[k]) gaps += t.length - 1;
    });
    // A hair less, so that float noise never makes the line wider than the room.
    const g = spreads ? Math.max(0, (width - lineWidth) / gaps - 1e-9) : 0;
    out.push(texts.map((t, k) => (spread[k] && t.length > 1 && g > 0 ? { text: t, noWrap: true, characterSpacing: g } : { text: t, noWrap: true })));
  }
  // pdfmake's line filling, again, on the new inlines as pdfmake will measure and glue them.
  // TextBreaker glues two inlines when the last word of the first (split on its own) and the
  // first word of the next make one piece.
  const flat = out.flat();
  const ends = flat.map((inline) => {
    const own = inline.text.length === 1 ? [inline.text] : split(inline.text);
    return { first: own[0] ?? '', last: own.at(-1) ?? '' };
  });
  const measured: Measured[] = flat.map((inline, k) => {
    const t: string = inline.text;
    const trail = WHITESPACE_AT_END.exec(t);
    return {
      width: w(t) + (inline.characterSpacing ?? 0) * (t.length - 1),
      leadingCut: k === 0 ? -style.leadingIndent : 0,
      trailingCut: trail ? w(trail[0]) + (inline.characterSpacing ?? 0) * (trail[0].length - 1) : 0,
      noNewLine: k + 1 < flat.length && split(ends[k].last + ends[k + 1].first).length === 1,
    };
  });
  const counts = fill(measured, width);
  if (counts.length !== out.length || counts.some((c, n) => c !== out[n].length)) return undefined;
  return out;
}

/** A margin's left and right, or undefined for a form this module does not read. */
function margins(m: unknown): [number, number] | undefined {
  if (m === undefined) return [0, 0];
  if (typeof m === 'number') return [m, m];
  if (Array.isArray(m) && m.length === 2) return [m[0], m[0]];
  if (Array.isArray(m) && m.length === 4) return [m[0], m[2]];
  return undefined;
}

function styleOf(node: Any, outer: Style): Style {
  return {
    font: node.font ?? outer.font,
    bold: node.bold ?? outer.bold,
    fontSize: node.fontSize ?? outer.fontSize,
    alignment: node.alignment ?? outer.alignment,
    leadingIndent: node.leadingIndent ?? outer.leadingIndent,
  };
}

/**
 * The inlines of a text of one style, paragraph by paragraph (at each newline), or undefined when
 * it is left to pdfmake. A paragraph but the last ends with a newline of its own, which pdfmake's
 * TextBreaker turns into an empty inline that ends the line, as the newline did before.
 */
function textInlines(text: string, style: Style, width: number, measure: Measure, split: SplitWords): Any[] | undefined {
  if (text.includes('\r')) return undefined;
  const out: Any[] = [];
  const paragraphs = text.split('\n');
  for (let p = 0; p < paragraphs.length; p++) {
    const para = paragraphs[p];
    // An empty paragraph, or white space before the newline (pdfmake cuts it from the line's
    // width): left to pdfmake.
    if (para.length === 0 || (p < paragraphs.length - 1 && /\s$/.test(para))) return undefined;
    const lines = lineInlines(para, p === 0 ? style : { ...style, leadingIndent: 0 }, width, measure, split);
    // (Two lines glued by pdfmake's TextBreaker, no break opportunity between their inlines alone,
    // would be laid out as one: lineInlines's second filling finds that.)
    if (!lines) return undefined;
    out.push(...lines.flat());
    if (p < paragraphs.length - 1) out.push('\n');
  }
  return out;
}

/** Rewrites a text node in place when it can (see the module's comment). */
function rewriteText(node: Any, ctx: Context, measure: Measure, split: SplitWords): void {
  if (typeof node.text !== 'string' || node.characterSpacing || node.italics) return;
  for (const k in node) if (!LAYOUT_NEUTRAL.has(k)) return;
  // pdfmake's outline entry takes the node's text unless it is given apart.
  if (node.outline && typeof node.outlineText !== 'string') return;
  const m = margins(node.margin);
  if (!m) return;
  const style = styleOf(node, ctx.style);
  const inlines = textInlines(node.text, style, ctx.width - m[0] - m[1], measure, split);
  if (!inlines) return;
  node.text = inlines;
}

/** The inherited style keys a container passes to its children. (A column gap set on anything
 * but the columns it separates would be inherited by columns below: not followed here.) */
function inherit(node: Any, style: Style): Style | undefined {
  if (node.style !== undefined || node.characterSpacing || node.italics || node.noWrap) return undefined;
  if (node.columnGap !== undefined && !Array.isArray(node.columns)) return undefined;
  return styleOf(node, style);
}

/**
 * Columns of short texts (a table's header line: the department on the left, the unit on the
 * right): when every text fits on one line of its column, each is made one `noWrap` inline.
 * pdfmake's ColumnCalculator gives an `auto` column the width of its text on one line, and `*`
 * columns what is left, when the columns' widths on one line (DocMeasure's maxWidth) add up to
 * less than the room; `noWrap` changes only their minimum widths (DocMeasure's minWidth), which
 * that case does not read. So the columns keep their widths, and each text its one line; checked
 * here with a point to spare.
 */
function rewriteColumns(node: Any, ctx: Context, measure: Measure): void {
  const columns: unknown = node.columns;
  if (!Array.isArray(columns) || columns.length === 0) return;
  const gap = node.columnGap ?? 0;
  if (typeof gap !== 'number') return;
  let room = ctx.width - gap * (columns.length - 1);
  let texts = 0;
  for (const col of columns as Any[]) {
    if (!col || typeof col !== 'object' || typeof col.text !== 'string' || col.margin !== undefined || col.characterSpacing || col.italics) return;
    for (const k in col) if (k !== 'width' && !LAYOUT_NEUTRAL.has(k)) return;
    const text: string = col.text;
    if (text.length === 0 || /[\r\n]/.test(text) || WHITESPACE_AT_START.test(text) || WHITESPACE_AT_END.test(text)) return;
    const style = styleOf(col, ctx.style);
    const width = measure.of(style.font, style.bold, style.fontSize)(text);
    if (typeof col.width === 'number') {
      if (width > col.width - 1) return;
      room -= col.width;
    } else if (col.width === undefined || col.width === '*' || col.width === 'auto') {
      texts += width;
    } else return;
  }
  if (texts > room - 1) return;
  for (const col of columns as Any[]) col.noWrap = true;
}

/**
 * The cells of a table whose column widths are all given in points: a cell's text is as wide as its
 * column, or, spanning columns, as pdfmake's LayoutBuilder.processRow adds them up: the widths and
 * the gaps between them (the padding on either side and the rule, DocMeasure's offsets).
 */
function rewriteTable(node: Any, style: Style, measure: Measure, split: SplitWords): void {
  const widths: unknown = node.table?.widths;
  if (!Array.isArray(widths) || !widths.every((x) => typeof x === 'number')) return;
  const layout = node.layout;
  const fn = (name: string, dflt: number) => (i: number): number =>
    typeof layout?.[name] === 'function' ? layout[name](i, node) : layout?.[name] === undefined ? dflt : NaN;
  const [vLine, padL, padR] = [fn('vLineWidth', 1), fn('paddingLeft', 4), fn('paddingRight', 4)];
  const gap = (i: number): number => padR(i - 1) + vLine(i) + padL(i);
  for (const row of node.table.body as Any[][]) {
    row.forEach((cell, c) => {
      if (!cell || typeof cell !== 'object') return;
      let width = widths[c] as number;
      for (let j = 1; j < (cell.colSpan ?? 1); j++) width += (widths[c + j] as number) + gap(c + j);
      // A cell is a text, or a stack (table.ts's centred cells: a mark, then the text).
      if (Number.isFinite(width)) walk(cell, { width, style }, measure, split);
    });
  }
}

function walk(node: Any, ctx: Context, measure: Measure, split: SplitWords): void {
  if (!node || typeof node !== 'object') return;
  if (typeof node.text === 'string') return rewriteText(node, ctx, measure, split);
  const style = inherit(node, ctx.style);
  const m = margins(node.margin);
  if (!style || !m) return;
  if (Array.isArray(node.stack)) {
    for (const child of node.stack) walk(child, { width: ctx.width - m[0] - m[1], style }, measure, split);
  } else if (node.table) rewriteTable(node, style, measure, split);
  else if (Array.isArray(node.columns)) rewriteColumns(node, { width: ctx.width - m[0] - m[1], style }, measure);
}

/**
 * Rewrites the definition's text nodes whose width is known: in the content and its stacks (the
 * page's text width, by orientation, less margins) and the cells of tables with fixed widths (a
 * cell's text, or the texts of a cell's stack), and columns of one-line texts. Everything else
 * (tables sized by their content, columns that wrap) is left as it is.
 */
export function prebreak(definition: Any, pageWidths: { portrait: number; landscape: number }, measure: Measure, split: SplitWords): void {
  const d = definition.defaultStyle ?? {};
  const base: Style = { font: d.font ?? 'Roboto', bold: d.bold ?? false, fontSize: d.fontSize ?? 12, alignment: d.alignment ?? 'left', leadingIndent: d.leadingIndent ?? 0 };
  if (definition.styles || d.characterSpacing || d.italics || d.noWrap || d.columnGap !== undefined) return;
  let orientation: 'portrait' | 'landscape' = definition.pageOrientation ?? 'portrait';
  for (const node of definition.content as Any[]) {
    if (!node || typeof node !== 'object') continue;
    if (node.pageOrientation && node.pageBreak === 'before') orientation = node.pageOrientation;
    walk(node, { width: pageWidths[orientation], style: base }, measure, split);
    if (node.pageOrientation && node.pageBreak === 'after') orientation = node.pageOrientation;
  }
}
