/**
 * A shaping-free layout for text that needs no shaping: Chinese characters, CJK punctuation and
 * plain ASCII, in fonts whose default OpenType features leave those glyphs alone.
 *
 * fontkit shapes every string it is asked to measure (script detection, a shaping plan, every
 * GSUB/GPOS lookup of the default features), 20–50 µs per call, and reads each glyph's advance
 * through a decoded outline; pdfmake asks once per distinct character of the document and per
 * font. For a glyph that no lookup of those features touches, the result is known in advance: the
 * glyph is the cmap's, its advance the hmtx's, no offsets. This module computes exactly that, from
 * the font's own tables, and answers `null` whenever it cannot be sure, so that the caller falls
 * back to fontkit:
 * - a code point outside the ranges below (marks, controls, default-ignorables, variation
 *   selectors, scripts with their own shaper);
 * - a glyph covered by any lookup that fontkit's default features (or a contextual lookup they
 *   call) may apply, in any script or language system of GSUB or GPOS;
 * - fonts fontkit lays out in other ways: AAT (morx), legacy kern tables, variable fonts.
 * Because no lookup covers the glyphs used, a string of them lays out as the concatenation of its
 * characters: no kerning, no ligature, the same as pdfmake's one-inline-per-character layout.
 * The equality with fontkit is tested (tests/render/pdf/simple-text.test.ts).
 */

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
  /** Glyph ids some default-feature lookup may touch. */
  readonly covered: Set<number>;
  readonly bytes: Uint8Array;
  readonly hmtx: number;
  readonly hMetrics: number;
  readonly cmap: { lookup(cp: number): number };
  /** By code point: the glyph, or null when it must be shaped. */
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

function coveredGlyphs(table: Any, features: Set<string>): Set<number> {
  const out = new Set<number>();
  if (!table) return out;
  const todo: number[] = [];
  table.featureList.forEach((f: Any) => {
    if (features.has(f.tag)) todo.push(...f.feature.lookupListIndexes);
  });
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
      const covered = coveredGlyphs(font.GSUB, GSUB_FEATURES);
      for (const g of coveredGlyphs(font.GPOS, GPOS_FEATURES)) covered.add(g);
      // Glyphs GDEF classes as marks get a zero advance after GPOS (fontkit's zeroMarkWidths).
      const classes = font.GDEF?.glyphClassDef;
      if (classes) {
        classes.classValueArray?.forEach((c: number, i: number) => c === 3 && covered.add(classes.startGlyph + i));
        for (const r of classes.classRangeRecord ?? []) if (r.class === 3) for (let g = r.start; g <= r.end; g++) covered.add(g);
      }
      d = {
        covered,
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

function advance(d: FontData, gid: number): number {
  const at = d.hmtx + 4 * Math.min(gid, d.hMetrics - 1);
  return (d.bytes[at] << 8) | d.bytes[at + 1];
}

/** The glyph for a code point, or null when fontkit must shape it. */
function glyphFor(d: FontData, cp: number): SimpleGlyph | null {
  let g = d.glyphs.get(cp);
  if (g === undefined) {
    g = null;
    if (eligible(cp)) {
      const id: number = d.cmap.lookup(cp);
      if (!d.covered.has(id)) g = { id, advanceWidth: advance(d, id), codePoints: [cp] };
    }
    d.glyphs.set(cp, g);
  }
  return g;
}

/**
 * The glyphs of `text` and their advances (font units), or null when the text needs shaping.
 * `font` is a fontkit font.
 */
export function simpleGlyphs(font: object, text: string): SimpleGlyph[] | null {
  const d = fontData(font);
  if (d === null || text.length === 0) return null;
  const out: SimpleGlyph[] = [];
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    i += cp > 0xffff ? 2 : 1;
    const g = glyphFor(d, cp);
    if (g === null) return null;
    out.push(g);
  }
  return out;
}
