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
  /** Advances of short texts, in font units, for the process. */
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

/** Texts up to this many UTF-16 units have their advances kept for the process. */
const SHORT = 8;

/** The advance of `text` in font units, as PDFKit's EmbeddedFont.layout adds it up. */
function advanceOf(face: Face, text: string): number {
  const short = text.length <= SHORT;
  if (short) {
    const known = face.short.get(text);
    if (known !== undefined) return known;
  }
  let units = 0;
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9) {
      units += face.font.layout(text.slice(last, i + 1)).advanceWidth;
      last = i + 1;
    }
  }
  if (last < text.length) units += face.font.layout(last === 0 ? text : text.slice(last)).advanceWidth;
  if (short) face.short.set(text, units);
  return units;
}

// ── Break opportunities ─────────────────────────────────────────────────────────────────────

/** Characters no line may start with (避头尾). */
const NO_START = new Set(
  '，。、；：？！）」』》〉】〕〗〙〛］｝”’…‥·・～％‰℃°′″〃々〆ゝゞヽヾーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ．,.;:?!)]}%',
);
/** Characters no line may end with. */
const NO_END = new Set('（「『《〈【〔〖〘〚［｛“‘([{￥$£');

const OPENING_QUOTES = new Set('“‘');
const CLOSING_QUOTES = new Set('”’');

/** Chinese characters and full-width punctuation (a quote next to them is Chinese punctuation). */
function wide(c: number): boolean {
  return (c >= 0x2e80 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff01 && c <= 0xff60) || (c >= 0xd800 && c <= 0xdfff);
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
  if (para.length === 0) return [];
  const at = new Set<number>();
  const breaker = new (breakerClass())(para);
  for (let bk = breaker.nextBreak(); bk; bk = breaker.nextBreak()) if (bk.position < para.length) at.add(bk.position);
  for (let p = 1; p < para.length; p++) {
    const before = para[p - 1];
    const after = para[p];
    if ((OPENING_QUOTES.has(after) && wide(para.charCodeAt(p - 1))) || (CLOSING_QUOTES.has(before) && wide(para.charCodeAt(p)))) at.add(p);
  }
  const out: string[] = [];
  let last = 0;
  for (const p of [...at].sort((a, b) => a - b)) {
    if (NO_START.has(para[p]) || NO_END.has(para[p - 1])) continue;
    out.push(para.slice(last, p));
    last = p;
  }
  out.push(para.slice(last));
  return out;
}

// ── Lines ───────────────────────────────────────────────────────────────────────────────────

/** Tolerance of the fitting test, in points (float noise). */
const EPS = 1e-6;

const TRAILING_SPACE = /\s+$/;

/** A character of a spread run: Chinese, full-width punctuation, the quotes and dashes set with them, white space. */
function spreads(c: number): boolean {
  return (
    (c >= 0x2e80 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff01 && c <= 0xff60) ||
    (c >= 0x2018 && c <= 0x201d) || c === 0x2014 || c === 0x2026 || c === 0x00b7 || c >= 0x20000 || c === 32 || c === 9 || c === 0x3000
  );
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
  let text = '';
  let used = 0;
  let start = indent;
  const flush = () => {
    lines.push({ text: text.replace(TRAILING_SPACE, ''), start, last: false });
    text = '';
    used = 0;
    start = 0;
  };
  for (let i = 0; i < queue.length; i++) {
    const piece = queue[i];
    const w = points(piece);
    const trail = TRAILING_SPACE.exec(piece);
    const ink = trail ? w - points(trail[0]) : w;
    const room = width - start;
    if (used + ink <= room + EPS) {
      text += piece;
      used += w;
      continue;
    }
    if (text !== '') {
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
    text = piece;
    used = w;
  }
  if (text !== '' || lines.length === 0) flush();
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
