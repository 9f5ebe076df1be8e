/**
 * Text for the layout engine (model.ts `TextKit`): widths from the document's faces, exactly as
 * PDFKit will draw them, and Chinese line breaking over those widths.
 *
 * Widths. A face is the one faces.ts opens for PDFKit (fontkit parses the file once for the
 * process; draw.ts registers the same token with PDFKit), and a text is measured as PDFKit's
 * EmbeddedFont measures and draws it: cut after each space or tab, each chunk laid out by the
 * face's `layout` (simple-text.ts's cmap/hmtx glyphs when the chunk needs no shaping, fontkit's
 * shaping otherwise), the advances added up. Widths are kept in font units (integers for unshaped
 * text, so a sum does not depend on how it is grouped) and scaled to the size on the way out; those
 * of short texts (the pieces lines are made of) are kept for the process, per face.
 *
 * Lines (`breakText`):
 * - break opportunities: UAX 14 (the `linebreak` package, the copy PDFKit uses), plus a break
 *   before an opening quote “‘ and after a closing one ”’ next to Chinese (UAX 14's QU class glues
 *   quotes to both neighbours), less every break that 避头尾 forbids: none before ，。、；：？！）」》”’…
 *   and the like (a line never starts with them), none after （「《“‘ (a line never ends with them);
 * - greedy filling: a piece joins the line when the line's width with it, less its trailing white
 *   space, fits the box; a piece wider than the box on a line of its own is cut between characters;
 * - '\n' ends a paragraph; the first line of each paragraph is indented by `indent`;
 * - alignment: left, centre, right, or justified: every line of a paragraph but its last reaches
 *   the box's right edge exactly, the room left shared equally between its characters (the run's
 *   `spacing`, PDF Tc: after every glyph), except that a figure or a Latin word (a run of
 *   characters that are not Chinese, not full-width punctuation, not white space) is a run of its
 *   own, unspread, with the same room on either side of it.
 * Each run is measured as a whole (as PDFKit lays it out) to place the next and to justify the line.
 */
import { fontFile, type RenderFiles } from '../files.js';
import type { FontSet, FontSource } from '../fonts.js';
import { faceToken } from '../faces.js';
import { pdfkitRequire } from '../deps.js';
import { simpleGlyphs } from '../simple-text.js';
import type { BreakOptions, FaceRole, Line, Measurer, Run, TextKit, TextStyle } from './model.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- fontkit and linebreak ship no types */
type Any = any;

// ── Faces ───────────────────────────────────────────────────────────────────────────────────

/**
 * The bytes of each role's face (title and subheading: the heading face's when the set names none),
 * the same bytes object for the same source, so that the token faces.ts gives for it (and the face
 * parsed for that token) is one per process.
 */
export function faceBytes(fonts: FontSet, world: RenderFiles): Record<FaceRole, Uint8Array> {
  const bytes = (src: FontSource): Uint8Array => (typeof src === 'string' ? fontFile(src, world) : src);
  const heading = bytes(fonts.heading);
  return {
    body: bytes(fonts.body),
    bodyBold: bytes(fonts.bodyBold),
    heading,
    title: fonts.title !== undefined ? bytes(fonts.title) : heading,
    subheading: fonts.subheading !== undefined ? bytes(fonts.subheading) : heading,
  };
}

/** A face as the engine measures it. */
interface Face {
  /** faces.ts's face for PDFKit: `layout` is the one PDFKit calls. */
  readonly font: Any;
  readonly unitsPerEm: number;
  readonly ascent: number;
  readonly descent: number;
  /** Advances of short chunks, in font units, for the process. */
  readonly short: Map<string, number>;
}

let fontkitModule: { create(bytes: Uint8Array): Any } | undefined;
/** The opened faces, by token (a token stands for one bytes object). */
const opened = new WeakMap<Uint8Array, Face>();

/** The face for `bytes`, opened through faces.ts's format in PDFKit's fontkit, once per process. */
function openFace(bytes: Uint8Array): Face {
  const token = faceToken(bytes);
  let face = opened.get(token);
  if (face === undefined) {
    fontkitModule ??= pdfkitRequire()('fontkit');
    const font = fontkitModule!.create(token);
    const upm: number = font.unitsPerEm;
    face = { font, unitsPerEm: upm, ascent: font.hhea.ascent / upm, descent: -font.hhea.descent / upm, short: new Map() };
    opened.set(token, face);
  }
  return face;
}

/** Chunks up to this many UTF-16 units have their advances kept for the process. */
const SHORT = 8;

/**
 * The advance of a chunk (a text cut after its spaces, as PDFKit cuts it) in font units: what
 * faces.ts's `layout` gives, without making its run; kept for the process when short.
 */
function chunkAdvance(face: Face, text: string): number {
  const short = text.length <= SHORT;
  if (short) {
    const known = face.short.get(text);
    if (known !== undefined) return known;
  }
  let units = 0;
  const glyphs = simpleGlyphs(face.font, text);
  if (glyphs === null) units = face.font.layout(text).advanceWidth;
  else for (let i = 0; i < glyphs.length; i++) units += glyphs[i].advanceWidth;
  if (short) face.short.set(text, units);
  return units;
}

/** The advance of `text` in font units, as PDFKit's EmbeddedFont.layout adds it up: chunk by chunk. */
function advanceOf(face: Face, text: string): number {
  let units = 0;
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9) {
      units += chunkAdvance(face, text.slice(last, i + 1));
      last = i + 1;
    }
  }
  if (last < text.length) units += chunkAdvance(face, last === 0 ? text : text.slice(last));
  return units;
}

// ── Break opportunities ─────────────────────────────────────────────────────────────────────

/** Characters no line may start with (避头尾). */
const NO_START = '，。、；：？！）」』》〉】〕〗〙〛］｝”’…‥·・～％‰℃°′″〃々〆ゝゞヽヾーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ．,.;:?!)]}%';
/** Characters no line may end with. */
const NO_END = '（「『《〈【〔〖〘〚［｛“‘([{￥$£';

/** By UTF-16 unit: 1 no line starts with it, 2 no line ends with it, 4 an opening quote, 8 a closing quote. */
const RULES = new Uint8Array(0x10000);
for (const ch of NO_START) RULES[ch.charCodeAt(0)] |= 1;
for (const ch of NO_END) RULES[ch.charCodeAt(0)] |= 2;
for (const ch of '“‘') RULES[ch.charCodeAt(0)] |= 4;
for (const ch of '”’') RULES[ch.charCodeAt(0)] |= 8;

/** CJK characters and full-width forms in the BMP (by UTF-16 unit). */
function cjk(c: number): boolean {
  return (c >= 0x2e80 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff01 && c <= 0xff60);
}

/** Chinese characters and full-width punctuation, and either half of a character beyond the BMP (a quote next to them is Chinese punctuation). */
function wide(c: number): boolean {
  return cjk(c) || (c >= 0xd800 && c <= 0xdfff);
}

type LineBreakerCtor = new (text: string) => { nextBreak(): { position: number; required: boolean } | null };
let lineBreaker: LineBreakerCtor | undefined;

/** `linebreak` as PDFKit resolves it (UAX 14). */
function breakerClass(): LineBreakerCtor {
  if (lineBreaker === undefined) {
    const m = pdfkitRequire()('linebreak');
    lineBreaker = (m.default ?? m) as LineBreakerCtor;
  }
  return lineBreaker;
}

/**
 * The pieces of a paragraph (no '\n'): the texts between two break opportunities, UAX 14's and
 * the quotes' (see the module's comment), less those 避头尾 forbids.
 */
export function pieces(para: string): string[] {
  const n = para.length;
  if (n === 0) return [];
  const uax = new Uint8Array(n + 1);
  const breaker = new (breakerClass())(para);
  for (let bk = breaker.nextBreak(); bk; bk = breaker.nextBreak()) uax[bk.position] = 1;
  const out: string[] = [];
  let last = 0;
  let before = para.charCodeAt(0);
  for (let p = 1; p < n; p++) {
    const after = para.charCodeAt(p);
    const ra = RULES[after];
    const rb = RULES[before];
    if (
      (uax[p] === 1 || ((ra & 4) !== 0 && wide(before)) || ((rb & 8) !== 0 && wide(after))) &&
      (ra & 1) === 0 &&
      (rb & 2) === 0
    ) {
      out.push(para.slice(last, p));
      last = p;
    }
    before = after;
  }
  out.push(para.slice(last));
  return out;
}

// ── Lines ───────────────────────────────────────────────────────────────────────────────────

/** Tolerance of the fitting test, in points (float noise). */
const EPS = 1e-6;

/** White space a line may end with, left out of its width and its text. */
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 0x3000 || c === 0xa0 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || (c >= 10 && c <= 13);
}

/** Where `text`'s trailing white space starts between `from` and `to` (`to` when it has none). */
function inkEnd(text: string, from: number, to: number): number {
  while (to > from && isSpace(text.charCodeAt(to - 1))) to--;
  return to;
}

/** A character of a spread run: Chinese, full-width punctuation, the quotes and dashes set with them, white space. */
function spreads(c: number): boolean {
  return cjk(c) || (c >= 0x2018 && c <= 0x201d) || c === 0x2014 || c === 0x2026 || c === 0x00b7 || c >= 0x20000 || c === 32 || c === 9 || c === 0x3000;
}

/** A line's text, cut into runs to spread (Chinese) and runs kept whole (figures, Latin words). */
function segments(text: string): { text: string; spread: boolean; glyphs: number }[] {
  const out: { text: string; spread: boolean; glyphs: number }[] = [];
  for (const ch of text) {
    const s = spreads(ch.codePointAt(0)!);
    const prev = out[out.length - 1];
    if (prev && prev.spread === s) {
      prev.text += ch;
      prev.glyphs++;
    } else out.push({ text: ch, spread: s, glyphs: 1 });
  }
  return out;
}

interface Filled {
  readonly text: string;
  /** Left edge of the line's room (the indent on a paragraph's first line). */
  readonly start: number;
  readonly last: boolean;
}

/** Greedy filling of one paragraph's lines (texts without trailing white space). */
function fillParagraph(para: string, points: (t: string) => number, width: number, indent: number): Filled[] {
  const lines: Filled[] = [];
  const queue = pieces(para);
  // The line is para[from, to): pieces are consecutive slices of the paragraph.
  let from = 0;
  let to = 0;
  let used = 0;
  let start = indent;
  const flush = () => {
    lines.push({ text: para.slice(from, inkEnd(para, from, to)), start, last: false });
    from = to;
    used = 0;
    start = 0;
  };
  for (let i = 0; i < queue.length; i++) {
    const piece = queue[i];
    const w = points(piece);
    const end = inkEnd(piece, 0, piece.length);
    const ink = end < piece.length ? w - points(piece.slice(end)) : w;
    if (used + ink <= width - start + EPS) {
      to += piece.length;
      used += w;
      continue;
    }
    if (to > from) {
      flush();
      i--; // the piece again, on the new line
      continue;
    }
    // Alone on its line and still too wide: cut between characters (a single character stays).
    const chars = Array.from(piece);
    if (chars.length > 1) {
      queue.splice(i, 1, ...chars);
      i--;
      continue;
    }
    to += piece.length;
    used = w;
  }
  if (to > from || lines.length === 0) flush();
  lines[lines.length - 1] = { ...lines[lines.length - 1], last: true };
  return lines;
}

/** The measurer and the line breaker over the faces of a FontSet. */
export function openTextKit(fonts: FontSet, world: RenderFiles): TextKit {
  const bytes = faceBytes(fonts, world);
  const faces: Record<FaceRole, Face> = {
    body: openFace(bytes.body),
    bodyBold: openFace(bytes.bodyBold),
    heading: openFace(bytes.heading),
    title: openFace(bytes.title),
    subheading: openFace(bytes.subheading),
  };
  const measure: Measurer = {
    width(text, style) {
      const face = faces[style.face];
      return (advanceOf(face, text) * style.size) / face.unitsPerEm;
    },
    ascent: (role) => faces[role].ascent,
    descent: (role) => faces[role].descent,
  };

  function breakText(text: string, style: TextStyle, options: BreakOptions): readonly Line[] {
    const face = faces[style.face];
    const scale = style.size / face.unitsPerEm;
    const points = (t: string): number => advanceOf(face, t) * scale;
    const out: Line[] = [];
    for (const para of text.split('\n')) {
      for (const line of fillParagraph(para, points, options.width, options.indent ?? 0)) {
        out.push(setLine(line, points, options));
      }
    }
    return out;
  }

  return { measure, breakText };
}

/** A filled line's runs, placed by the alignment. */
function setLine(line: Filled, points: (t: string) => number, options: BreakOptions): Line {
  const room = options.width - line.start;
  if (line.text === '') return { runs: [], right: line.start };
  if (options.align === 'justify' && !line.last) {
    const segs = segments(line.text);
    let gaps = -1;
    let used = 0;
    const widths = segs.map((s) => {
      gaps += s.spread ? s.glyphs : 1;
      const w = points(s.text);
      used += w;
      return w;
    });
    if (gaps > 0) {
      const g = (room - used) / gaps;
      const runs: Run[] = [];
      let x = line.start;
      segs.forEach((s, k) => {
        runs.push({ text: s.text, x, spacing: s.spread ? g : 0 });
        x += widths[k] + (s.spread ? g * s.glyphs : g);
      });
      const lastSeg = segs[segs.length - 1];
      const lastRun = runs[runs.length - 1];
      return { runs, right: lastRun.x + widths[widths.length - 1] + (lastSeg.spread ? g * (lastSeg.glyphs - 1) : 0) };
    }
  }
  const w = points(line.text);
  const dx = options.align === 'center' ? (room - w) / 2 : options.align === 'right' ? room - w : 0;
  const x = line.start + dx;
  return { runs: [{ text: line.text, x, spacing: 0 }], right: x + w };
}
