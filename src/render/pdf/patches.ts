/**
 * Speed patches to pdfmake 0.3 (and the PDFKit it drives), installed once per process when pdfmake
 * is first loaded (render.ts). Each patch replaces one method by an equivalent that does less work
 * for the documents this renderer produces; none changes what is laid out or drawn. (pdfmake's
 * defects are worked around by the document definition instead: the unpaired save and restore of
 * a centred cell whose row moves whole to the next page by table.ts `markStart`; the grid it leaves
 * open where a row span runs across a page break is fixed in pdfmake's own TableProcessor.js by a
 * patch-package diff, patches/pdfmake+0.3.11.patch, docs/pdfmake-notes.md.)
 *
 * Why patches: pdfmake breaks Chinese text into one inline per character (every CJK character is
 * a line-break opportunity), so a 30-page budget document has ~7,700 inlines, and pdfmake spends
 * per inline: ~22 style look-ups walking the style stack, a fontkit shaping run for the first
 * occurrence of each character, and a full PDFKit text call with its own BT/Tf/Tm/TJ/ET.
 * lines.ts now hands pdfmake one inline per line instead (~2,000 in ~1,700 lines), through the
 * document definition: its style look-ups, line filling and drawing (one text object per line, one
 * link per 目录 entry) need no patch any more, and faces.ts gives PDFKit the faces as a fontkit
 * format of our own (through fontkit's public `registerFormat`): parsed once per process, text
 * that needs no shaping laid out from the cmap and hmtx, subsets copied from the glyphs' bytes
 * (the `font`, `subset` and `reuse` patches until then). The patches below cut the remaining costs:
 *
 * 1. `Renderer.renderVector`: a table rule drawn right after another of the same width and colour
 *    is written as its path alone, without restating the stroke state.
 * 2. PDFKit's PDFReference.write: the operators written to a page's content stream (a dozen per
 *    line of text, a few per table rule) are collected as one string and converted to bytes once,
 *    when the stream is finished, instead of one small Buffer per operator.
 * (The `draw` patch, Renderer.renderLine drawing a line's inlines as one text object, went when
 * lines.ts made each line one inline: the PDF is as small without it, and the render cheaper.)
 *
 * The patches address pdfmake's internals by module path (`pdfmake/js/...`) and PDFKit's and
 * fontkit's by shape: each is installed only when the copies loaded are the versions it was
 * written for (versions.ts `WRITTEN_FOR`, one entry per patch), and checks that each method it
 * replaces exists; with any other version the libraries' own code runs, so an upgrade renders the
 * same document more slowly rather than laying it out differently.
 */
import { createRequire } from 'node:module';
import { patchesFor, resolvedVersions, type Patch } from './versions.js';
import type { RenderFiles } from './files.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- pdfmake's internals are untyped JS */
type Any = any;

const require = createRequire(import.meta.url);

let installed = false;

/** The patches by name. */
export const PATCHES = ['rules', 'content'] as const;
export type PatchName = (typeof PATCHES)[number];

/** Which patches act (all, unless `setPatches` says otherwise): each patched method checks. */
const enabled: Record<PatchName, boolean> = { rules: true, content: true };

/**
 * Turns patches on or off for the renders that follow: for measuring what each buys
 * (scripts/bench-pdf.mjs --skip) and for tests that compare the output with and without them.
 * Production code never calls it.
 */
export function setPatches(on: Partial<Record<PatchName, boolean>>): void {
  Object.assign(enabled, on);
  // a patch not written for the versions loaded stays off (installPatches)
  if (usable) for (const p of PATCHES) enabled[p] &&= usable.has(p as Patch);
}

/** The patches written for the versions loaded, once installPatches has looked. */
let usable: ReadonlySet<Patch> | undefined;

function method(cls: Any, name: string, where: string): (...args: Any[]) => Any {
  const f = cls?.prototype?.[name];
  if (typeof f !== 'function') throw new Error(`pdfmake patches: ${where}.${name} not found (pdfmake version changed?)`);
  return f;
}

/**
 * PDFKit's PDFReference.write turns every string it is given into a Buffer of its own (`chunk +
 * "\n"`, latin1) and keeps the list until the object is finished, when it concatenates and
 * compresses it. Strings are now appended to one pending string, turned into bytes (the same
 * latin1 conversion, one byte per UTF-16 unit) when the object is finished or before bytes are
 * written to it; the lengths PDFKit keeps (`uncompressedLength`, `Length`) are counted as before.
 */
function patchContent(): void {
  // PDFReference is not exported by PDFKit: a document's catalog is one. PDFKit as pdfmake loads it.
  const PDFKit = createRequire(require.resolve('pdfmake'))('pdfkit');
  const proto = Object.getPrototypeOf(new PDFKit({ autoFirstPage: false })._root);
  const write = method(proto.constructor, 'write', 'PDFReference');
  const finalize = method(proto.constructor, 'finalize', 'PDFReference');
  const flush = (ref: Any): void => {
    if (ref._pending) {
      ref.buffer.push(Buffer.from(ref._pending, 'latin1'));
      ref._pending = '';
    }
  };
  proto.write = function (this: Any, chunk: Any): Any {
    if (!enabled.content || chunk instanceof Uint8Array || !Array.isArray(this.buffer)) {
      flush(this);
      return write.call(this, chunk);
    }
    const text = chunk + '\n';
    this._pending = this._pending ? this._pending + text : text;
    this.uncompressedLength += text.length;
    if (this.data.Length == null) this.data.Length = 0;
    this.data.Length += text.length;
    if (this.compress) this.data.Filter = 'FlateDecode';
  };
  proto.finalize = function (this: Any): Any {
    flush(this);
    return finalize.call(this);
  };
}

/** The stroke state a table rule needs, as last written to the current page's content. */
interface StrokeState {
  content: Any;
  /** The content's length right after: anything written since may have changed the state. */
  length: number;
  width: number;
  color: string;
}

/**
 * pdfmake writes every vector with its full stroke state: line width, dash, join, cap, colour
 * space, colour and an opacity state before the path (`0.6 w [] 0 d 0 j 0 J … /DeviceRGB CS
 * 0 0 0 SCN /Gs2 gs S`): a 30-page set of tables has ~3,000 rules. A solid line in the same
 * width and colour as the rule drawn just before it, with nothing written to the page in between,
 * needs only its path and `S`. Anything else takes pdfmake's own path, which writes the full
 * state again.
 */
function patchVectors(): void {
  const Renderer = require('pdfmake/js/Renderer.js').default;
  const renderVector = method(Renderer, 'renderVector', 'Renderer');
  const state = new WeakMap<object, StrokeState>();
  const simple = (v: Any): boolean =>
    v.type === 'line' && !v.dash && !v.color && !v.linearGradient && !v.lineJoin && !v.lineCap &&
    typeof v.lineColor === 'string' && v.strokeOpacity === undefined;
  Renderer.prototype.renderVector = function (this: Any, vector: Any): Any {
    const doc = this.pdfDocument;
    const content = doc.page?.content;
    if (!enabled.rules || !simple(vector) || !content) return renderVector.call(this, vector);
    const last = state.get(doc);
    const width = vector.lineWidth || 1;
    if (last && last.content === content && last.length === content.uncompressedLength && last.width === width && last.color === vector.lineColor) {
      doc.moveTo(vector.x1, vector.y1);
      doc.lineTo(vector.x2, vector.y2);
      doc.stroke();
    } else {
      renderVector.call(this, vector);
    }
    state.set(doc, { content, length: content.uncompressedLength, width, color: vector.lineColor });
  };
}

/**
 * Installs the patches written for the versions of pdfmake, PDFKit and fontkit this process loads
 * (versions.ts `WRITTEN_FOR`; once per process, later calls do nothing); with other versions the
 * libraries' own code runs. Call after pdfmake is loaded.
 */
export function installPatches(world: RenderFiles): void {
  if (installed) return;
  const ok = patchesFor(resolvedVersions(world));
  installed = true;
  usable = ok;
  for (const p of PATCHES) enabled[p] &&= ok.has(p as Patch);
  if (ok.has('rules')) patchVectors();
  if (ok.has('content')) patchContent();
}
