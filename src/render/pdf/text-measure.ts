/**
 * What lines.ts needs from pdfmake's own dependencies, resolved through pdfmake (so the very copies
 * pdfmake lays out with): the Unicode line breaking of `linebreak`, cut into pieces as pdfmake's
 * TextBreaker cuts a string, and PDFKit's text widths, from the fonts pdfmake opens.
 */
import { createRequire } from 'node:module';
import type { Measure, SplitWords } from './lines.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- PDFKit and linebreak ship no types */
type Any = any;

interface Tools {
  /** A plain PDFKit document, made only when a measuring document cannot give its fonts. */
  readonly doc: () => Any;
  readonly LineBreaker: new (text: string) => { nextBreak(): { position: number } | null };
  /** Faces registered on `doc`, by name in pdfmake's virtual fs. */
  readonly faces: Set<string>;
  /** Widths of short texts by face and size, then text, for the process: a batch measures each piece once. */
  readonly widths: Map<string, Map<string, number>>;
}
let tools: Tools | undefined;

function loadTools(): Tools {
  if (tools) return tools;
  const fromPdfmake = createRequire(createRequire(import.meta.url).resolve('pdfmake'));
  const PDFDocument = fromPdfmake('pdfkit');
  const linebreak = fromPdfmake('linebreak');
  let doc: Any;
  tools = {
    doc: () => (doc ??= new (PDFDocument.default ?? PDFDocument)({ autoFirstPage: false, compress: false })),
    LineBreaker: linebreak.default ?? linebreak,
    faces: new Set(),
    widths: new Map(),
  };
  return tools;
}

/** pdfmake's TextBreaker's pieces of a string (splitWords, without its newline handling). */
export function pdfmakeSplit(): SplitWords {
  const t = loadTools();
  return (text) => {
    const breaker = new t.LineBreaker(text);
    const out: string[] = [];
    let last = 0;
    for (let bk = breaker.nextBreak(); bk; bk = breaker.nextBreak()) {
      out.push(text.slice(last, bk.position));
      last = bk.position;
    }
    return out;
  };
}

/** Texts up to this long have their widths kept for the process. */
const SHORT = 8;

/** What pdfmake's createPdf gives that the measure uses: the PDFKit document it laid out. */
interface Layouter {
  createPdf(definition: object): { getStream(): Promise<unknown> };
}

/**
 * Widths as pdfmake's TextInlines.widthOfText takes them: `font.widthOfString(text, size)` of the
 * font object pdfmake opens for a family (lines.ts adds the characterSpacing), for the families of
 * a definition (`faces`: each family's regular and bold face in pdfmake's virtual fs).
 *
 * The fonts are those of a document pdfmake made for the purpose, laid out empty and never
 * finished: opened by pdfmake itself, they measure exactly as the document that follows measures,
 * and a face parsed for measuring is the one that document uses, not a second copy. When that
 * document cannot give its fonts, a plain PDFKit document opens the same bytes (`bytes`) instead:
 * the same widths, at the cost of parsing each face once more.
 *
 * The widths of short texts (the pieces: a character, a figure) are kept for the process, so that
 * a batch measures each once; longer ones (a line's run, measured once to check it) only for this
 * document, and the measuring document goes with it: its fonts keep a layout of every text they
 * measured, which over a batch of documents would only grow.
 */
export async function pdfmakeMeasure(
  pm: Layouter,
  faces: Readonly<Record<string, { normal: string; bold: string }>>,
  bytes: (face: string) => Uint8Array,
): Promise<Measure> {
  const t = loadTools();
  const doc: Any = await pm.createPdf({ content: [], compress: false }).getStream();
  const local = new Map<string, Map<string, number>>();
  const byFace = new Map<string, Any>();
  const fontOf = (family: string, bold: boolean, face: string): Any => {
    let font = byFace.get(face);
    if (font === undefined) {
      if (typeof doc?.provideFont === 'function') font = doc.provideFont(family, bold, false);
      else {
        if (!t.faces.has(face)) {
          t.doc().registerFont(face, bytes(face));
          t.faces.add(face);
        }
        font = t.doc().font(face)._font;
      }
      byFace.set(face, font);
    }
    return font;
  };
  return {
    of(family, bold, size) {
      const face = faces[family]?.[bold ? 'bold' : 'normal'];
      if (face === undefined) throw new Error(`PDF: no font family ${family}`);
      const key = `${face}\u0000${size}`;
      let shared = t.widths.get(key);
      if (shared === undefined) t.widths.set(key, (shared = new Map()));
      let mine = local.get(key);
      if (mine === undefined) local.set(key, (mine = new Map()));
      const [short, long] = [shared, mine];
      return (text) => {
        const cache = text.length <= SHORT ? short : long;
        let w = cache.get(text);
        if (w === undefined) {
          w = fontOf(family, bold, face).widthOfString(text, size) as number;
          cache.set(text, w);
        }
        return w;
      };
    },
  };
}
