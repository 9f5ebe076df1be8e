/**
 * The faces PDFKit draws with, as a fontkit font format of our own (fontkit's `registerFormat`,
 * its public way to add formats): what the renderer hands PDFKit for a face is a 16-byte token, which
 * fontkit's own formats do not recognise and this one does, and what it opens for the token is
 * the face fontkit parsed from the file once for the process, seen through an object of ours:
 *
 * - `layout`: a text that needs no shaping (simple-text.ts: Chinese, CJK punctuation, ASCII, in
 *   a face whose default OpenType features leave those glyphs alone) is laid out from the face's
 *   cmap and hmtx, as fontkit would lay it out, without fontkit's shaping run (20–50 µs a text,
 *   and the renderer asks for every line); anything else is fontkit's own `layout`, kept for the
 *   process by text (figures and Latin, which CJK faces kern, took ~6 ms of fontkit's shaping a
 *   report in a batch: the engine measures a text and PDFKit lays it out again to draw it, and
 *   the row labels recur from report to report).
 * - `createSubset`: the glyphs drawn are copied from the file's bytes (subset.ts), not decoded
 *   outline by outline, into the file fontkit's subsetter would write.
 * - everything else (metrics, tables, glyphs) is the parsed face's own, through the prototype:
 *   the face is parsed, and its tables decoded, once per process and not once per document
 *   (a batch worker renders many documents).
 *
 * No method of PDFKit or fontkit is replaced: PDFKit calls what it calls on any fontkit
 * font (fontkit's documented font interface), and gets these answers. The PDF is byte for byte the
 * one PDFKit writes from the file itself (tests/render/pdf/faces.test.ts; `setFaceFormat(false)`
 * hands PDFKit the file instead, as tests and scripts/bench-pdf.mjs do to compare).
 */
import { simpleGlyphs } from './simple-text.js';
import { rawSubset } from './subset.js';
import { pdfkitRequire } from './deps.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- fontkit's objects are untyped */
type Any = any;

interface Fontkit {
  create(bytes: Uint8Array, postscriptName?: string): Any;
  registerFormat(format: Any): void;
}

const MAGIC = 'budget:face:';
const TOKEN_LENGTH = MAGIC.length + 4;

/** The faces by token id: the file's bytes, and fontkit's parse of them once made. */
const registry: { bytes: Uint8Array; font?: Any; shaped?: Map<string, Shaped> }[] = [];

/** fontkit's layout of a text, kept: its glyphs, and its positions as fontkit gave them. */
interface Shaped {
  readonly glyphs: readonly Any[];
  readonly positions: readonly { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[];
}

/** How many of fontkit's layouts a face keeps before it starts over (figures differ from report to report). */
const SHAPED_KEPT = 4096;
const tokens = new WeakMap<Uint8Array, Buffer>();

/** The id of a token, or undefined for any other bytes. */
function tokenId(bytes: Uint8Array): number | undefined {
  if (bytes.length !== TOKEN_LENGTH) return undefined;
  for (let i = 0; i < MAGIC.length; i++) if (bytes[i] !== MAGIC.charCodeAt(i)) return undefined;
  const id = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(MAGIC.length);
  return id < registry.length ? id : undefined;
}

let fontkitModule: Fontkit | undefined;
/** fontkit as PDFKit resolves it: the copy whose registry PDFKit opens fonts through. */
function fontkit(): Fontkit {
  if (fontkitModule === undefined) {
    fontkitModule = pdfkitRequire()('fontkit') as Fontkit;
    fontkitModule.registerFormat(FaceFormat);
  }
  return fontkitModule;
}

let parses = 0;

/** How many faces fontkit has parsed for faces.ts in this process (for the tests: once per face). */
export function facesParsed(): number {
  return parses;
}

/** fontkit's parse of a registered face, made on first use. */
function parsed(id: number): Any {
  const entry = registry[id];
  if (entry.font === undefined) {
    entry.font = fontkit().create(entry.bytes);
    parses++;
  }
  return entry.font;
}

/** A text laid out as fontkit lays it out: glyphs, and positions in font units. */
class SimpleRun {
  constructor(
    readonly glyphs: readonly { id: number; advanceWidth: number; codePoints: readonly number[] }[],
    readonly positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[],
  ) {}

  /** fontkit's GlyphRun.advanceWidth: the sum of the advances, as they are when asked. */
  get advanceWidth(): number {
    let width = 0;
    for (const p of this.positions) width += p.xAdvance;
    return width;
  }
}

/** What PDFKit opens for a token: the parsed face, with the two methods above of our own. */
function faceFont(id: number): Any {
  const face = parsed(id);
  const bytes = registry[id].bytes;
  const font = Object.create(face);
  const shaped = (registry[id].shaped ??= new Map());
  font.layout = (text: string, features?: unknown): Any => {
    if (features) return face.layout(text, features);
    const glyphs = simpleGlyphs(face, text);
    if (glyphs === null) {
      // A text fontkit must shape (figures and Latin, which CJK faces kern): shaped once for the
      // process, and each caller given positions of its own (PDFKit scales them in place).
      let run = shaped.get(text);
      if (run === undefined) {
        const laid = face.layout(text);
        run = { glyphs: laid.glyphs, positions: laid.positions.map((p: Any) => ({ xAdvance: p.xAdvance, yAdvance: p.yAdvance, xOffset: p.xOffset, yOffset: p.yOffset })) };
        if (shaped.size >= SHAPED_KEPT) shaped.clear();
        shaped.set(text, run);
      }
      return new SimpleRun(
        run.glyphs,
        run.positions.map((p: Shaped['positions'][number]) => ({ xAdvance: p.xAdvance, yAdvance: p.yAdvance, xOffset: p.xOffset, yOffset: p.yOffset })),
      );
    }
    return new SimpleRun(
      glyphs,
      glyphs.map((g) => ({ xAdvance: g.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 })),
    );
  };
  font.createSubset = (): Any => rawSubset(bytes) ?? face.createSubset();
  return font;
}

/** Which token the constructor below opens: fontkit's `create` probes, then constructs, at once. */
let probed: number | undefined;

/** The format fontkit is given: it recognises the tokens, and opens the face each names. */
class FaceFormat {
  static probe(bytes: Uint8Array): boolean {
    probed = tokenId(bytes);
    return probed !== undefined;
  }

  constructor() {
    const id = probed;
    probed = undefined;
    if (id === undefined) throw new Error('budget faces: a face opened without its token');
    return faceFont(id) as FaceFormat;
  }
}

/**
 * The token that stands for the face in `bytes` (the same token for the same bytes object),
 * to register with PDFKit instead of the bytes themselves. Registers the format with fontkit.
 */
export function faceToken(bytes: Uint8Array): Buffer {
  let token = tokens.get(bytes);
  if (token === undefined) {
    fontkit();
    token = Buffer.alloc(TOKEN_LENGTH);
    token.write(MAGIC, 0, 'latin1');
    token.writeUInt32BE(registry.length, MAGIC.length);
    registry.push({ bytes });
    tokens.set(bytes, token);
  }
  return token;
}
