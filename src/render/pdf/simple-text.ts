/**
 * A shaping-free layout for text that needs no shaping: Chinese characters, CJK punctuation and
 * plain ASCII, in fonts whose default OpenType features leave those glyphs alone.
 *
 * fontkit shapes every string it is asked to measure (script detection, a shaping plan, every
 * GSUB/GPOS lookup of the default features), 20–50 µs per call, and reads each glyph's advance
 * through a decoded outline; the layout asks once per distinct character of the document and per
 * font. For a glyph that no lookup of those features touches, the result is known in advance: the
 * glyph is the cmap's, its advance the hmtx's, no offsets. This module computes exactly that, from
 * the font's own tables as fontkit decodes them, and answers `null` whenever it cannot be sure
 * (and for any table it cannot read as it expects), so that the caller (faces.ts) falls back to
 * fontkit's own layout:
 * - a code point outside the ranges below (marks, controls, default-ignorables, variation
 *   selectors, scripts with their own shaper);
 * - a glyph covered by any lookup that fontkit's default features (or a contextual lookup they
 *   call) may apply to the string: those the default language system lists, in the script entry
 *   fontkit selects for the string's script (PDFKit names no language, so fontkit never takes
 *   another language system); a string of figures in a CJK font thus escapes the `locl` that
 *   only Latin text gets;
 * - fonts fontkit lays out in other ways: AAT (morx), legacy kern tables, variable fonts.
 * Because no lookup covers the glyphs used, a string of them lays out as the concatenation of its
 * characters: no kerning, no ligature, the same as a layout of one character at a time.
 * The equality with fontkit is tested (tests/render/pdf/simple-text.test.ts).
 */

import { fontkitRequire } from './deps.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- fontkit's objects are untyped */
type Any = any;

/** A glyph as PDFKit's EmbeddedFont.encode uses it. */
export interface SimpleGlyph {
  readonly id: number;
  readonly advanceWidth: number;
  readonly codePoints: readonly number[];
}

/** fontkit's default features (DefaultShaper, horizontal), plus the ones fontkit always adds. */
const GSUB_FEATURES = new Set(['rvrn', 'ltra', 'ltrm', 'ccmp', 'locl', 'rlig', 'calt', 'clig', 'liga', 'rclt']);
const GPOS_FEATURES = new Set(['mark', 'mkmk', 'curs', 'kern', 'dist', 'abvm', 'blwm']);

/** Code points laid out by fontkit's default shaper with no special handling. */
export function eligible(cp: number): boolean {
  if (cp >= 0x20 && cp <= 0x7e) return true;
  if (cp < 0x2010) return false;
  if (cp <= 0x2027) return true; // dashes, quotes, ellipsis (not 2028–202F: separators, bidi)
  if (cp === 0x2044) return false; // fraction slash: fontkit applies frac/numr/dnom around it
  if (cp >= 0x2030 && cp <= 0x205e) return true; // ‰ ′ ※ … (not 2060–206F: invisible operators)
  if (cp >= 0x2e80 && cp <= 0x2fdf) return true; // CJK and Kangxi radicals
  if (cp >= 0x3000 && cp <= 0x3029) return true; // ideographic space, 、。〈〉《》「」【】…
  if (cp >= 0x3030 && cp <= 0x303f) return true; // (not 302A–302F: tone marks)
  if (cp >= 0x3040 && cp <= 0x3096) return true; // hiragana (not 3099–309A: combining marks)
  if (cp >= 0x309b && cp <= 0x30ff) return true; // katakana
  if (cp >= 0x3200 && cp <= 0x33ff) return true; // enclosed CJK, CJK compatibility
  if (cp >= 0x3400 && cp <= 0x4dbf) return true; // CJK extension A
  if (cp >= 0x4e00 && cp <= 0x9fff) return true; // CJK unified ideographs
  if (cp >= 0xf900 && cp <= 0xfaff) return true; // CJK compatibility ideographs
  if (cp >= 0xfe30 && cp <= 0xfe4f) return true; // CJK compatibility forms
  if (cp >= 0xff01 && cp <= 0xff9f) return true; // full-width forms, half-width katakana
  if (cp >= 0xffe0 && cp <= 0xffe6) return true; // full-width signs ￥ ￡
  return cp >= 0x20000 && cp <= 0x2fa1f; // CJK extensions B–F, compatibility supplement
}

interface FontData {
  readonly font: Any;
  /** Glyphs GDEF classes as marks. */
  readonly marks: Set<number>;
  /** By fontkit's script tag for a string: the glyph ids some default-feature lookup may touch. */
  readonly covered: Map<string, Set<number>>;
  readonly bytes: Uint8Array;
  readonly hmtx: number;
  readonly hMetrics: number;
  readonly cmap: { lookup(cp: number): number };
  /** By code point: the glyph (cmap, hmtx), or null for a character fontkit must handle. */
  readonly glyphs: Map<number, SimpleGlyph | null>;
}

const fonts = new WeakMap<object, FontData | null>();

function addCoverage(cov: Any, out: Set<number>): void {
  if (!cov) return;
  if (Array.isArray(cov.glyphs) || (cov.glyphs && typeof cov.glyphs.length === 'number')) {
    for (const g of cov.glyphs) out.add(g);
  }
  if (cov.rangeRecords) {
    for (const r of cov.rangeRecords) for (let g = r.start; g <= r.end; g++) out.add(g);
  }
}

/**
 * Every glyph a lookup's subtables may apply to. Contextual subtables add the glyphs of their
 * whole input sequence and the lookups they call (returned in `called`).
 */
function lookupGlyphs(lookup: Any, out: Set<number>, called: Set<number>): void {
  for (let st of lookup.subTables ?? []) {
    if (st && st.extension) st = st.extension;
    if (!st) continue;
    for (const key of ['coverage', 'markCoverage', 'baseCoverage', 'ligatureCoverage', 'mark1Coverage', 'mark2Coverage']) {
      addCoverage(st[key], out);
    }
    for (const key of ['coverages', 'inputCoverage', 'backtrackCoverage', 'lookaheadCoverage']) {
      for (const c of st[key] ?? []) addCoverage(c, out);
    }
    const records = (rs: Any): void => {
      for (const r of rs ?? []) called.add(r.lookupListIndex);
    };
    records(st.lookupRecords);
    // Rule-based contexts (formats 1 and 2): the rules name further input glyphs or classes.
    for (const set of st.ruleSets ?? st.chainRuleSets ?? []) {
      for (const rule of set ?? []) {
        for (const g of rule.input ?? []) out.add(g);
        for (const g of rule.backtrack ?? []) out.add(g);
        for (const g of rule.lookahead ?? []) out.add(g);
        records(rule.lookupRecords);
      }
    }
    for (const set of st.classSet ?? st.chainClassSet ?? []) {
      for (const rule of set ?? []) records(rule.lookupRecords);
    }
    // Class-based contexts can match any glyph of a class: cover every glyph the class defs list.
    for (const key of ['classDef', 'inputClassDef', 'backtrackClassDef', 'lookaheadClassDef']) {
      const cd = st[key];
      if (!cd) continue;
      if (cd.classValueArray) for (let i = 0; i < cd.classValueArray.length; i++) out.add(cd.startGlyph + i);
      for (const r of cd.classRangeRecord ?? []) for (let g = r.start; g <= r.end; g++) out.add(g);
    }
  }
}

/** The glyphs the lookups of `features` among the feature records `indexes` may touch. */
function coveredGlyphs(table: Any, features: Set<string>, indexes: readonly number[]): Set<number> {
  const out = new Set<number>();
  if (!table) return out;
  const todo: number[] = [];
  for (const i of indexes) {
    const f = table.featureList[i];
    if (f && features.has(f.tag)) todo.push(...f.feature.lookupListIndexes);
  }
  const seen = new Set<number>();
  while (todo.length > 0) {
    const i = todo.pop()!;
    if (seen.has(i)) continue;
    seen.add(i);
    const called = new Set<number>();
    lookupGlyphs(table.lookupList.get(i), out, called);
    for (const c of called) todo.push(c);
  }
  return out;
}

function fontData(font: Any): FontData | null {
  let d = fonts.get(font);
  if (d !== undefined) return d;
  d = null;
  try {
    const tables = font.directory?.tables ?? {};
    const cmap = font._cmapProcessor;
    const bytes: Uint8Array | undefined = font.stream?.buffer;
    const simple =
      tables.hmtx && tables.hhea && !tables.morx && !tables.kern && !tables.fvar && !tables.mort &&
      cmap && typeof cmap.lookup === 'function' && bytes instanceof Uint8Array;
    if (simple) {
      // Glyphs GDEF classes as marks get a zero advance after GPOS (fontkit's zeroMarkWidths).
      const marks = new Set<number>();
      const classes = font.GDEF?.glyphClassDef;
      if (classes) {
        classes.classValueArray?.forEach((c: number, i: number) => c === 3 && marks.add(classes.startGlyph + i));
        for (const r of classes.classRangeRecord ?? []) if (r.class === 3) for (let g = r.start; g <= r.end; g++) marks.add(g);
      }
      d = {
        font,
        marks,
        covered: new Map(),
        bytes,
        hmtx: tables.hmtx.offset,
        hMetrics: font.hhea.numberOfMetrics,
        cmap,
        glyphs: new Map(),
      };
    }
  } catch {
    d = null; // a table fontkit cannot read: let fontkit handle (and report) it
  }
  fonts.set(font, d);
  return d;
}

/** fontkit's OpenType script tags for the scripts of the characters `eligible` accepts. */
const SCRIPT_TAGS: Record<string, string> = { Han: 'hani', Hiragana: 'hira', Katakana: 'kana', Latin: 'latn', Bopomofo: 'bopo', Hangul: 'hang' };
/** What fontkit falls back to when the font has no entry for a string's script. */
const DEFAULT_SCRIPTS = ['DFLT', 'dflt', 'latn'];
/** Characters that do not decide a string's script (fontkit's Script.forString skips them). */
const NEUTRAL = new Set(['Common', 'Inherited', 'Unknown']);

type GetScript = (cp: number) => string;
let getScriptFn: GetScript | undefined;
/** Unicode's script property, from the same package (and version) fontkit uses for it. */
function getScript(cp: number): string {
  if (!getScriptFn) {
    getScriptFn = (fontkitRequire()('unicode-properties') as { getScript: GetScript }).getScript;
  }
  return getScriptFn(cp);
}

/** The script entry fontkit's OTProcessor.selectScript takes for a requested tag. */
function selectedScript(table: Any, tag: string): Any {
  const list: Any[] = table?.scriptList ?? [];
  for (const t of [tag, ...DEFAULT_SCRIPTS]) {
    const entry = list.find((e) => e.tag === t);
    if (entry) return entry;
  }
  return undefined;
}

/**
 * The glyphs fontkit may change for a string whose script is `tag`: the lookups of the default
 * features listed by the default language system of the script entry GSUB and GPOS each select
 * (PDFKit names no language, so fontkit never takes another), and the marks.
 */
function coveredFor(d: FontData, tag: string): Set<number> {
  let c = d.covered.get(tag);
  if (c === undefined) {
    c = new Set(d.marks);
    for (const [table, features] of [[d.font.GSUB, GSUB_FEATURES], [d.font.GPOS, GPOS_FEATURES]] as const) {
      const langSys = selectedScript(table, tag)?.script?.defaultLangSys;
      if (langSys) for (const g of coveredGlyphs(table, features, langSys.featureIndexes)) c.add(g);
    }
    d.covered.set(tag, c);
  }
  return c;
}

function advance(d: FontData, gid: number): number {
  const at = d.hmtx + 4 * Math.min(gid, d.hMetrics - 1);
  return (d.bytes[at] << 8) | d.bytes[at + 1];
}

/** The glyph for a code point from the cmap and hmtx, or null for a character left to fontkit. */
function glyphFor(d: FontData, cp: number): SimpleGlyph | null {
  let g = d.glyphs.get(cp);
  if (g === undefined) {
    g = null;
    if (eligible(cp)) {
      const id: number = d.cmap.lookup(cp);
      g = { id, advanceWidth: advance(d, id), codePoints: [cp] };
    }
    d.glyphs.set(cp, g);
  }
  return g;
}

/** Script names by code point (the characters of a document repeat). */
const scripts = new Map<number, string>();

/**
 * The glyphs of `text` and their advances (font units), or null when the text needs shaping.
 * `font` is a fontkit font.
 */
export function simpleGlyphs(font: object, text: string): SimpleGlyph[] | null {
  const d = fontData(font);
  if (d === null || text.length === 0) return null;
  const out: SimpleGlyph[] = [];
  let script: string | undefined;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    i += cp > 0xffff ? 2 : 1;
    const g = glyphFor(d, cp);
    if (g === null) return null;
    out.push(g);
    if (script === undefined) {
      let s = scripts.get(cp);
      if (s === undefined) {
        s = getScript(cp);
        scripts.set(cp, s);
      }
      if (!NEUTRAL.has(s)) script = s;
    }
  }
  // fontkit's script for the string: its first character of a script of its own, else 'zzzz'.
  const tag = script === undefined ? 'zzzz' : SCRIPT_TAGS[script];
  if (tag === undefined) return null;
  const covered = coveredFor(d, tag);
  for (const g of out) if (covered.has(g.id)) return null;
  return out;
}
