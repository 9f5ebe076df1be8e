/**
 * Speed patches to pdfmake 0.3 (and the PDFKit it drives), installed once per process when pdfmake
 * is first loaded (render.ts). Each patch replaces one method by an equivalent that does less work
 * for the documents this renderer produces; none changes what is laid out or drawn, except where
 * said (the table rules of `closeRowSpansAtPageBreaks`, a fix). (pdfmake's unpaired save and
 * restore of a centred cell whose row moves whole to the next page is avoided by the document
 * definition instead: table.ts `markStart`.)
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
 * 3. `PDFDocument.provideFont`: the fontkit font parsed for a face's bytes is kept and reused by
 *    the documents that follow (a batch worker renders many), instead of being parsed again for
 *    each: its decoded tables (cmap, hmtx, loca, GSUB/GPOS) and the per-font tables of
 *    simple-text.ts and subset.ts, which hang off it, are built once per process. Only the
 *    parsed font is shared: each document still gets its own PDFKit font (id, widths, ToUnicode)
 *    and its own subset.
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
export const PATCHES = ['font', 'subset', 'reuse'] as const;
export type PatchName = (typeof PATCHES)[number];

/** Which patches act (all, unless `setPatches` says otherwise): each patched method checks. */
const enabled: Record<PatchName, boolean> = { font: true, subset: true, reuse: true };

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
 * Reuse of parsed fonts across documents (patch 3). pdfmake's provideFont reads a face's bytes
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

/**
 * A fix, not a speed-up (pdfmake issue #2270). When a table row moves to the next page while a
 * cell spanning rows runs across the break, pdfmake leaves the spanned columns open: no rule under
 * the last row on the first page, none over the first row on the next. Printed tables close the
 * grid at the foot of the page and reopen it at the head of the next, across every column. For
 * tables whose rows do not break (`dontBreakRows`, as table.ts makes them), this draws both rules
 * over the whole width when a row of a table already begun moves to a new page; the rule at the
 * head is left to the repeated header rows when there are any.
 */
function patchRulesAtBreaks(): void {
  const TableProcessor = require('pdfmake/js/TableProcessor.js').default;
  const endRow = method(TableProcessor, 'endRow', 'TableProcessor');
  method(TableProcessor, 'drawHorizontalLine', 'TableProcessor');
  const begun = new WeakSet<object>();
  /** A horizontal rule across every column (rowspans ignored), at `y` on `page`. */
  const fullRule = (tp: Any, lineIndex: number, writer: Any, y: number, page: number | undefined): void => {
    const spans = tp.rowSpanData.map((d: Any) => d.rowSpan);
    for (const d of tp.rowSpanData) d.rowSpan = 0;
    try {
      tp.drawHorizontalLine(lineIndex, writer, y, false, page);
    } finally {
      tp.rowSpanData.forEach((d: Any, i: number) => (d.rowSpan = spans[i]));
    }
  };
  TableProcessor.prototype.endRow = function (this: Any, rowIndex: number, writer: Any, pageBreaks: Any): Any {
    if (!this.dontBreakRows) return endRow.call(this, rowIndex, writer, pageBreaks);
    const started = begun.has(this);
    const onBreak = (e: { prevPage: number; prevY: number; y: number }): void => {
      if (!started) return;
      const width = this.layout.hLineWidth(rowIndex, this.tableNode) || 0;
      fullRule(this, rowIndex, writer, e.prevY - width, e.prevPage);
      if (!this.headerRows) fullRule(this, rowIndex, writer, writer.context().y, undefined);
    };
    writer.addListener('pageChanged', onBreak);
    try {
      return endRow.call(this, rowIndex, writer, pageBreaks);
    } finally {
      writer.removeListener('pageChanged', onBreak);
      if (writer.transactionLevel === 0) begun.add(this);
    }
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
  if (ok.has('breakRules')) patchRulesAtBreaks();
}
