/**
 * What lines.ts needs from pdfmake's own dependencies, resolved through pdfmake (so the very copies
 * pdfmake lays out with): the Unicode line breaking of `linebreak`, cut into pieces as pdfmake's
 * TextBreaker cuts a string, and PDFKit's text widths, on a PDFKit document kept for measuring only
 * (never written), from the same font bytes pdfmake is given.
 */
import { createRequire } from 'node:module';
import type { Measure, SplitWords } from './lines.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- PDFKit and linebreak ship no types */
type Any = any;

interface Tools {
  readonly doc: Any;
  readonly LineBreaker: new (text: string) => { nextBreak(): { position: number } | null };
  /** Faces registered on `doc`, by name in pdfmake's virtual fs. */
  readonly faces: Set<string>;
  /** Widths by face, size and text, for the process: a batch measures each piece once. */
  readonly widths: Map<string, number>;
}
let tools: Tools | undefined;

function loadTools(): Tools {
  if (tools) return tools;
  const fromPdfmake = createRequire(createRequire(import.meta.url).resolve('pdfmake'));
  const PDFDocument = fromPdfmake('pdfkit');
  const linebreak = fromPdfmake('linebreak');
  tools = {
    doc: new (PDFDocument.default ?? PDFDocument)({ autoFirstPage: false, compress: false }),
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

/**
 * Widths as pdfmake's TextInlines.widthOfText takes them (`font.widthOfString(text, size)` of
 * PDFKit's font object, the characterSpacing added by lines.ts), for the families of a definition:
 * `faces` names each family's regular and bold face in pdfmake's virtual fs, `bytes` reads one.
 */
export function pdfkitMeasure(faces: Readonly<Record<string, { normal: string; bold: string }>>, bytes: (face: string) => Uint8Array): Measure {
  const t = loadTools();
  return {
    width(family, bold, size, text) {
      const face = faces[family]?.[bold ? 'bold' : 'normal'];
      if (face === undefined) throw new Error(`PDF: no font family ${family}`);
      const key = `${face}\u0000${size}\u0000${text}`;
      let w = t.widths.get(key);
      if (w === undefined) {
        if (!t.faces.has(face)) {
          t.doc.registerFont(face, bytes(face));
          t.faces.add(face);
        }
        // The font object pdfmake measures with (PDFKit's own widthOfString scales by 100/100).
        w = t.doc.font(face)._font.widthOfString(text, size) as number;
        t.widths.set(key, w);
      }
      return w;
    },
  };
}
