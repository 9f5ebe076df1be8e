/**
 * Speed patches to pdfmake 0.3 (and the PDFKit it drives), installed once per process when pdfmake
 * is first loaded (render.ts). Each patch replaces one method by an equivalent that does less work
 * for the documents this renderer produces; none changes what is laid out or drawn, except where
 * said (the table rules of `closeRowSpansAtPageBreaks`, a fix).
 *
 * Why patches: pdfmake breaks Chinese text into one inline per character (every CJK character is
 * a line-break opportunity), so a 30-page budget document has ~7,700 inlines, and pdfmake spends
 * per inline: ~22 style look-ups walking the style stack (measure), a fontkit shaping run for the
 * first occurrence of each character (measure), and a full PDFKit text call with its own
 * BT/Tf/Tm/TJ/ET (draw). The patches below cut those per-inline costs:
 *
 * 1. `TextInlines.measure`: the style of a run of plain words (words cut from one string, carrying
 *    no style of their own) depends only on the style stack, so it is resolved once per run instead
 *    of once per word. Words with own style keys take pdfmake's own path.
 * 2. `Renderer.renderLine`: neighbouring one-character inlines of a line that share font, size and
 *    colour are drawn as one PDFKit text call; a justified line's extra space between them becomes
 *    the text's character spacing (Tc), which puts every glyph where pdfmake placed it.
 *
 * The patches address pdfmake's internals by module path (`pdfmake/js/...`): the installed version
 * is pinned by package-lock.json, and `installPatches` checks that each method it replaces exists,
 * so an upgrade that moves them fails loudly in the tests rather than silently slowing down.
 */
import { createRequire } from 'node:module';
import { simpleGlyphs } from './simple-text.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- pdfmake's internals are untyped JS */
type Any = any;

const require = createRequire(import.meta.url);

let installed = false;

function method(cls: Any, name: string, where: string): (...args: Any[]) => Any {
  const f = cls?.prototype?.[name];
  if (typeof f !== 'function') throw new Error(`pdfmake patches: ${where}.${name} not found (pdfmake version changed?)`);
  return f;
}

/** The keys TextBreaker gives a word cut from a plain string; any other key may carry style. */
const PLAIN_KEYS = new Set(['text', 'lineEnd', 'noNewLine', 'leadingCut', 'leadingIndent']);

function isPlain(item: Record<string, unknown>): boolean {
  for (const k in item) if (!PLAIN_KEYS.has(k)) return false;
  return true;
}

const LEADING = /^(\s)+/;
const TRAILING = /(\s)+$/;

/** The style-derived fields of a measured inline (pdfmake's TextInlines.measure, in its order). */
interface SharedStyle {
  font: Any;
  alignment: Any;
  fontSize: number;
  fontFeatures: Any;
  characterSpacing: Any;
  color: Any;
  decoration: Any;
  decorationColor: Any;
  decorationStyle: Any;
  decorationThickness: Any;
  background: Any;
  link: Any;
  linkToPage: Any;
  linkToDestination: Any;
  noWrap: Any;
  opacity: Any;
  sup: Any;
  sub: Any;
  height: number;
  preserveLeadingSpaces: boolean;
  preserveTrailingSpaces: boolean;
}

function patchMeasure(): void {
  const TextInlines = require('pdfmake/js/TextInlines.js').default;
  const StyleContextStack = require('pdfmake/js/StyleContextStack.js').default;
  const original = method(TextInlines, 'measure', 'TextInlines');
  const get = (item: Any, stack: Any, name: string, dflt: Any): Any =>
    StyleContextStack.getStyleProperty(item, stack, name, dflt);

  /** Exactly the look-ups of pdfmake's measure, for an item without style keys of its own. */
  function resolve(self: Any, stack: Any): SharedStyle {
    const probe = { text: '' };
    const font = get(probe, stack, 'font', 'Roboto');
    const bold = get(probe, stack, 'bold', false);
    const italics = get(probe, stack, 'italics', false);
    const s: SharedStyle = {
      font: self.pdfDocument.provideFont(font, bold, italics),
      alignment: get(probe, stack, 'alignment', 'left'),
      fontSize: get(probe, stack, 'fontSize', 12),
      fontFeatures: get(probe, stack, 'fontFeatures', null),
      characterSpacing: get(probe, stack, 'characterSpacing', 0),
      color: get(probe, stack, 'color', 'black'),
      decoration: get(probe, stack, 'decoration', null),
      decorationColor: get(probe, stack, 'decorationColor', null),
      decorationStyle: get(probe, stack, 'decorationStyle', null),
      decorationThickness: get(probe, stack, 'decorationThickness', null),
      background: get(probe, stack, 'background', null),
      link: get(probe, stack, 'link', null),
      linkToPage: get(probe, stack, 'linkToPage', null),
      linkToDestination: get(probe, stack, 'linkToDestination', null),
      noWrap: get(probe, stack, 'noWrap', null),
      opacity: get(probe, stack, 'opacity', 1),
      sup: get(probe, stack, 'sup', false),
      sub: get(probe, stack, 'sub', false),
      height: 0,
      preserveLeadingSpaces: get(probe, stack, 'preserveLeadingSpaces', false),
      preserveTrailingSpaces: get(probe, stack, 'preserveTrailingSpaces', false),
    };
    if (s.sup || s.sub) s.fontSize *= 0.58;
    const lineHeight = get(probe, stack, 'lineHeight', 1);
    s.height = s.font.lineHeight(s.fontSize) * lineHeight;
    return s;
  }

  TextInlines.prototype.measure = function measure(this: Any, array: Any[], stack: Any): Any[] {
    if (!array.every(isPlain)) return original.call(this, array, stack);
    if (array.length) {
      const leadingIndent = get(array[0], stack, 'leadingIndent', 0);
      if (leadingIndent) {
        array[0].leadingCut = -leadingIndent;
        array[0].leadingIndent = leadingIndent;
      }
    }
    if (array.length === 0) return array;
    const s = resolve(this, stack);
    for (const item of array) {
      item.font = s.font;
      item.alignment = s.alignment;
      item.fontSize = s.fontSize;
      item.fontFeatures = s.fontFeatures;
      item.characterSpacing = s.characterSpacing;
      item.color = s.color;
      item.decoration = s.decoration;
      item.decorationColor = s.decorationColor;
      item.decorationStyle = s.decorationStyle;
      item.decorationThickness = s.decorationThickness;
      item.background = s.background;
      item.link = s.link;
      item.linkToPage = s.linkToPage;
      item.linkToDestination = s.linkToDestination;
      item.noWrap = s.noWrap;
      item.opacity = s.opacity;
      item.sup = s.sup;
      item.sub = s.sub;
      item.width = this.widthOfText(item.text, item);
      item.height = s.height;
      if (!item.leadingCut) item.leadingCut = 0;
      if (!s.preserveLeadingSpaces) {
        const m = LEADING.exec(item.text);
        if (m) item.leadingCut += this.widthOfText(m[0], item);
      }
      item.trailingCut = 0;
      if (!s.preserveTrailingSpaces) {
        const m = TRAILING.exec(item.text);
        if (m) item.trailingCut = this.widthOfText(m[0], item);
      }
    }
    return array;
  };
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
  PDFDocument.prototype.provideFont = function (this: Any, ...args: Any[]): Any {
    const font = provideFont.apply(this, args);
    if (!patched) {
      patched = true;
      const proto = Object.getPrototypeOf(font);
      const layoutCached = method(proto.constructor, 'layoutCached', 'EmbeddedFont');
      proto.layoutCached = function (this: Any, text: string): Any {
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

/** Same look, same place: the inline properties that decide how a text is drawn. */
function sameDrawing(a: Any, b: Any): boolean {
  return a.font === b.font && a.fontSize === b.fontSize && a.color === b.color && a.opacity === b.opacity;
}

/** An inline that is plain text: no link, decoration, background, super/subscript, features. */
function plainInline(i: Any): boolean {
  return (
    !i.link && !i.linkToPage && !i.linkToDestination && !i.decoration && !i.background && !i.sup && !i.sub &&
    !i.fontFeatures && !i.characterSpacing && !i._pageNodeRef && typeof i.text === 'string' && i.text.length > 0 &&
    simpleGlyphs(i.font.font, i.text) !== null
  );
}

function oneCodePoint(s: string): boolean {
  return s.length === 1 || (s.length === 2 && s.codePointAt(0)! > 0xffff);
}

/** Positions closer than this (points) are the same position. */
const EPS = 1e-6;

/**
 * The inlines of a line with runs of mergeable neighbours joined: same drawing, plain, laid out
 * with no shaping (so the joined text's glyphs fall where the separate inlines' did), evenly
 * spaced. A non-zero spacing (a justified line) is drawn as character spacing, which applies
 * between every two glyphs: so it joins only one-character inlines. Returns `inlines` itself when
 * nothing joins.
 */
export function mergeInlines(inlines: Any[]): Any[] {
  const out: Any[] = [];
  let changed = false;
  let i = 0;
  while (i < inlines.length) {
    const a = inlines[i];
    let j = i + 1;
    let spacing = 0;
    if (plainInline(a)) {
      while (j < inlines.length) {
        const prev = inlines[j - 1];
        const b = inlines[j];
        if (!sameDrawing(a, b) || !plainInline(b)) break;
        const gap = b.x - (prev.x + prev.width);
        if (j === i + 1) spacing = Math.abs(gap) < EPS ? 0 : gap;
        else if (Math.abs(gap - spacing) > EPS) break;
        if (spacing !== 0 && !(oneCodePoint(a.text) && oneCodePoint(b.text))) break;
        j++;
      }
    }
    if (j - i < 2) {
      out.push(a);
      i++;
      continue;
    }
    const last = inlines[j - 1];
    let text = '';
    for (let k = i; k < j; k++) text += inlines[k].text;
    out.push({ ...a, text, width: last.x + last.width - a.x, characterSpacing: spacing, justifyShift: undefined });
    changed = true;
    i = j;
  }
  return changed ? out : inlines;
}

/**
 * pdfmake draws each inline with its own PDFKit text call (save, BT, Tm, Tf, TJ, ET, restore, and
 * an opacity and a fill colour before it): for Chinese text, one per character. Runs of
 * neighbours that `mergeInlines` joins are drawn by one call instead. Lines that carry a page
 * reference (the 目录's page numbers, rewritten at draw time) are left as they are.
 */
function patchRenderLine(): void {
  const Renderer = require('pdfmake/js/Renderer.js').default;
  const renderLine = method(Renderer, 'renderLine', 'Renderer');
  Renderer.prototype.renderLine = function (this: Any, line: Any, x: number, y: number): Any {
    const inlines = line.inlines;
    if (line._pageNodeRef || inlines.length < 2) return renderLine.call(this, line, x, y);
    const merged = mergeInlines(inlines);
    if (merged === inlines) return renderLine.call(this, line, x, y);
    line.inlines = merged;
    try {
      return renderLine.call(this, line, x, y);
    } finally {
      line.inlines = inlines;
    }
  };
}

/** The patches by name, in the order they are installed. */
export const PATCHES = ['measure', 'font', 'draw'] as const;
export type PatchName = (typeof PATCHES)[number];

/**
 * Installs the patches (once per process; later calls do nothing). Call after pdfmake is loaded,
 * before the first render. `skip` leaves some out: for measuring what each one buys
 * (scripts/bench-pdf.mjs --skip), never in production.
 */
export function installPatches(skip: readonly PatchName[] = []): void {
  if (installed) return;
  installed = true;
  if (!skip.includes('measure')) patchMeasure();
  if (!skip.includes('font')) patchFontLayout();
  if (!skip.includes('draw')) patchRenderLine();
}
