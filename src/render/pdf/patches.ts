/**
 * Speed patches to pdfmake 0.3 (and the PDFKit it drives), installed once per process when pdfmake
 * is first loaded (render.ts). Each patch replaces one method by an equivalent that does less work
 * for the documents this renderer produces; none changes what is laid out or drawn. (pdfmake's
 * defects are worked around by the document definition instead: the unpaired save and restore of
 * a centred cell whose row moves whole to the next page by table.ts `markStart`, the grid it leaves
 * open where a row span runs across a page break by spans.ts.)
 *
 * Why patches: pdfmake breaks Chinese text into one inline per character (every CJK character is
 * a line-break opportunity), so a 30-page budget document has ~7,700 inlines, and pdfmake spends
 * per inline: ~22 style look-ups walking the style stack, a fontkit shaping run for the first
 * occurrence of each character, and a full PDFKit text call with its own BT/Tf/Tm/TJ/ET.
 * lines.ts now hands pdfmake one inline per line instead (~2,000 in ~1,700 lines), through the
 * document definition: its style look-ups, line filling and drawing (one text object per line, one
 * link per 目录 entry) need no patch any more. The patches below cut the remaining costs:
 *
 * 1. `EmbeddedFont.layoutCached` (PDFKit): text that needs no shaping is laid out from the font's
 *    tables instead of by fontkit (simple-text.ts), with the same result.
 * 2. fontkit's TrueType subsetter copies each glyph from its raw bytes (subset.ts) instead of
 *    decoding its outline twice.
 * 3. `Renderer.renderVector`: a table rule drawn right after another of the same width and colour
 *    is written as its path alone, without restating the stroke state.
 * 4. `PDFDocument.provideFont`: the fontkit font parsed for a face's bytes is kept and reused by
 *    the documents that follow (a batch worker renders many), instead of being parsed again for
 *    each: its decoded tables (cmap, hmtx, loca, GSUB/GPOS) and the per-font tables of
 *    simple-text.ts and subset.ts, which hang off it, are built once per process. Only the
 *    parsed font is shared: each document still gets its own PDFKit font (id, widths, ToUnicode)
 *    and its own subset.
 * 5. PDFKit's PDFReference.write: the operators written to a page's content stream (a dozen per
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
import { simpleGlyphs } from './simple-text.js';
import { addGlyph } from './subset.js';
import { patchesFor, resolvedVersions, type Patch } from './versions.js';
import type { RenderFiles } from './files.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- pdfmake's internals are untyped JS */
type Any = any;

const require = createRequire(import.meta.url);

let installed = false;

/** The patches by name. */
export const PATCHES = ['font', 'subset', 'rules', 'reuse', 'content'] as const;
export type PatchName = (typeof PATCHES)[number];

/** Which patches act (all, unless `setPatches` says otherwise): each patched method checks. */
const enabled: Record<PatchName, boolean> = { font: true, subset: true, rules: true, reuse: true, content: true };

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
 * PDFKit's EmbeddedFont lays out every distinct string with fontkit (cached per document). Text that
 * needs no shaping (simple-text.ts) is laid out from the font's cmap and hmtx instead, with the
 * same result in the same shape ({glyphs, positions, advanceWidth}, positions scaled to 1000/em).
 * EmbeddedFont is not exported by PDFKit: its prototype is patched on the first font pdfmake opens.
 */
function patchFontLayout(): void {
  const PDFDocument = require('pdfmake/js/PDFDocument.js').default;
  const provideFont = method(PDFDocument, 'provideFont', 'PDFDocument');
  let patched = false;
  const subsets = new WeakSet<object>();
  const reuse = fontReuse();
  PDFDocument.prototype.provideFont = function (this: Any, familyName: Any, bold: Any, italics: Any): Any {
    const font = (enabled.reuse ? reuse.open(this, familyName, bold, italics) : null) ?? provideFont.call(this, familyName, bold, italics);
    if (enabled.reuse) reuse.remember(this, familyName, bold, italics, font);
    // fontkit's subsetters differ by outline format: patch the TrueType one when it shows up.
    const subset = font.subset && Object.getPrototypeOf(font.subset);
    if (subset && !subsets.has(subset) && typeof subset._addGlyph === 'function' && font.font?.directory?.tables?.glyf) {
      subsets.add(subset);
      const original = subset._addGlyph;
      subset._addGlyph = function (this: Any, gid: number): Any {
        return (enabled.subset ? addGlyph(this, gid) : null) ?? original.call(this, gid);
      };
    }
    if (!patched) {
      patched = true;
      const proto = Object.getPrototypeOf(font);
      const layoutCached = method(proto.constructor, 'layoutCached', 'EmbeddedFont');
      proto.layoutCached = function (this: Any, text: string): Any {
        if (!enabled.font) return layoutCached.call(this, text);
        const cache = this.layoutCache;
        if (cache) {
          const hit = cache[text];
          if (hit) return hit;
        }
        const glyphs = simpleGlyphs(this.font, text);
        if (glyphs === null) return layoutCached.call(this, text);
        const positions = new Array(glyphs.length);
        let advanceWidth = 0;
        for (let i = 0; i < glyphs.length; i++) {
          const a = glyphs[i].advanceWidth * this.scale;
          positions[i] = { xAdvance: a, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: a };
          advanceWidth += a;
        }
        const run = { glyphs, positions, advanceWidth };
        if (cache) cache[text] = run;
        return run;
      };
    }
    return font;
  };
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

/**
 * Reuse of parsed fonts across documents (patch 4). pdfmake's provideFont reads a face's bytes
 * from its virtual fs (the same Buffer every time: render.ts registers each file once) and calls
 * PDFKit's `font(bytes)`, which parses them with `fontkit.create` and wraps the result in an
 * EmbeddedFont (PDFKit's class, not exported: taken from the first font PDFKit makes). `open` does
 * what PDFKit's `font(bytes)` does for a face the document has not seen yet (the next font id,
 * the font registered under its PostScript name, made current) with the fontkit font kept from an
 * earlier document; it answers null, for pdfmake's own path, whenever that is not the case
 * (a face not parsed yet, a font collection member, another face under a name already used).
 */
let reused = 0;

/** How many times a parsed font was reused (for the tests: the cache is hit, not just harmless). */
export function fontsReused(): number {
  return reused;
}

function fontReuse(): { open(doc: Any, family: Any, bold: Any, italics: Any): Any; remember(doc: Any, family: Any, bold: Any, italics: Any, font: Any): void } {
  /** fontkit fonts by the bytes they were parsed from. */
  const parsed = new WeakMap<object, Any>();
  let EmbeddedFont: (new (doc: Any, font: Any, id: string) => Any) | undefined;
  /** The bytes pdfmake would hand PDFKit for this face, when they come from its virtual fs. */
  const bytesOf = (doc: Any, family: Any, bold: Any, italics: Any): Uint8Array | undefined => {
    if (doc.fontCache?.[family]?.[doc.getFontType(bold, italics)]) return undefined; // pdfmake's own cache
    const file = doc.getFontFile(family, bold, italics);
    const def = Array.isArray(file) ? file : [file];
    if (def.length !== 1 || typeof def[0] !== 'string' || !doc.virtualfs?.existsSync(def[0])) return undefined;
    const bytes = doc.virtualfs.readFileSync(def[0]);
    return bytes instanceof Uint8Array ? bytes : undefined;
  };
  return {
    open(doc, family, bold, italics) {
      if (!EmbeddedFont) return null;
      const bytes = bytesOf(doc, family, bold, italics);
      const font = bytes && parsed.get(bytes);
      const name: unknown = font?.postscriptName;
      if (!font || typeof name !== 'string' || !name || !doc._fontFamilies || typeof doc._fontCount !== 'number') return null;
      const same = doc._fontFamilies[name];
      if (same && same.font !== font) return null; // another face of that name: PDFKit compares them
      // PDFKit's font(src) for a face given as bytes: the next id (taken even when the face turns
      // out to be one the document already has, under its name), the font made current.
      const id = `F${++doc._fontCount}`;
      const pdfFont = same ?? new EmbeddedFont(doc, font, id);
      reused++;
      doc._fontSource = bytes;
      doc._fontFamily = undefined;
      doc._font = pdfFont;
      doc._fontFamilies[name] = pdfFont;
      // pdfmake's provideFont: its per-document cache by family and style.
      const type = doc.getFontType(bold, italics);
      doc.fontCache[family] = doc.fontCache[family] || {};
      doc.fontCache[family][type] = pdfFont;
      return pdfFont;
    },
    remember(doc, family, bold, italics, font) {
      const inner = font?.font;
      if (!inner || typeof inner.createSubset !== 'function') return; // a standard (AFM) font
      EmbeddedFont ??= font.constructor;
      const file = doc.getFontFile(family, bold, italics);
      const path = Array.isArray(file) ? (file.length === 1 ? file[0] : undefined) : file;
      if (typeof path !== 'string' || !doc.virtualfs?.existsSync(path)) return;
      const bytes = doc.virtualfs.readFileSync(path);
      if (bytes instanceof Uint8Array && !parsed.has(bytes)) parsed.set(bytes, inner);
    },
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
  if (ok.has('font') || ok.has('subset') || ok.has('reuse')) patchFontLayout();
  if (ok.has('rules')) patchVectors();
  if (ok.has('content')) patchContent();
}
