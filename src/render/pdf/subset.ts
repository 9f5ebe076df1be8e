/**
 * The subset PDFKit embeds for a face (fontkit's Subset interface: `includeGlyph`, `encode`),
 * made from the face's bytes: the glyphs drawn, each copied from its bytes in `glyf`.
 *
 * fontkit's TrueType subsetter fully decodes every glyph it copies (all contour points, to learn
 * whether it is composite) and reads its advance through the glyph's metrics, which decode the
 * outline again for its bounding box: most of the time PDFKit spends finishing a document. All a
 * subset needs is in a few bytes of the face: each glyph's byte range (loca), its contour count
 * (negative for a composite, whose component glyph ids are rewritten), its advance and left side
 * bearing (hmtx). This reads them from the file, and writes the file fontkit's subsetter writes,
 * byte for byte (tests/render/pdf/subset.test.ts): its tables (head, hhea, loca, maxp, cvt , prep,
 * glyf, hmtx, fpgm) in its order, the directory as fontkit's encodes it.
 *
 * Only for TrueType outlines without variations (`rawSubset` answers null otherwise, and fontkit's
 * own subsetter is used).
 */
import { tableDirectory, type TableRecord } from './sfnt.js';

const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

/** What a subset reads of a face, once per face. */
interface SubsetTables {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  readonly dir: ReadonlyMap<string, TableRecord>;
  readonly glyf: number;
  readonly loca: number;
  readonly longLoca: boolean;
  readonly hmtx: number;
  readonly numGlyphs: number;
  readonly hMetrics: number;
}

const tablesOf = new WeakMap<Uint8Array, SubsetTables | null>();

/** The face's tables for subsetting, or null when the face is not one this copies from. */
function subsetTables(bytes: Uint8Array): SubsetTables | null {
  let t = tablesOf.get(bytes);
  if (t !== undefined) return t;
  t = null;
  const dir = tableDirectory(bytes);
  const need = ['glyf', 'loca', 'head', 'hhea', 'hmtx', 'maxp'];
  if (dir && need.every((tag) => dir.has(tag)) && !dir.has('fvar') && !dir.has('gvar')) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const at = (tag: string) => dir.get(tag)!.offset;
    const numGlyphs = view.getUint16(at('maxp') + 4);
    const hMetrics = view.getUint16(at('hhea') + 34);
    const format = view.getInt16(at('head') + 50);
    const longLoca = format === 1;
    const fits =
      (format === 0 || format === 1) &&
      hMetrics > 0 && hMetrics <= numGlyphs &&
      dir.get('loca')!.length >= (numGlyphs + 1) * (longLoca ? 4 : 2) &&
      dir.get('hmtx')!.length >= 4 * hMetrics + 2 * (numGlyphs - hMetrics) &&
      dir.get('head')!.length >= 54 && dir.get('hhea')!.length >= 36 && dir.get('maxp')!.length === 32;
    if (fits) t = { bytes, view, dir, glyf: at('glyf'), loca: at('loca'), longLoca, hmtx: at('hmtx'), numGlyphs, hMetrics };
  }
  tablesOf.set(bytes, t);
  return t;
}

/** Where glyph `gid`'s outline starts in `glyf` (fontkit's loca offsets: short ones doubled). */
function glyphAt(t: SubsetTables, gid: number): number {
  return t.longLoca ? t.view.getUint32(t.loca + 4 * gid) : 2 * t.view.getUint16(t.loca + 2 * gid);
}

/** A table's bytes as they are in the face. */
function raw(t: SubsetTables, tag: string): Uint8Array | undefined {
  const r = t.dir.get(tag);
  return r === undefined || r.length === 0 ? undefined : t.bytes.subarray(r.offset, r.offset + r.length);
}

/** A copy of a table with a 16-bit count set at `at`. */
function withCount(t: SubsetTables, tag: string, at: number, count: number): Uint8Array {
  const copy = new Uint8Array(raw(t, tag)!); // a copy (Buffer#slice, on a Buffer's bytes, would not be)
  new DataView(copy.buffer).setUint16(at, count);
  return copy;
}

export class RawSubset {
  /** The face's glyph ids, in the subset's order (fontkit's `glyphs`). */
  readonly glyphs: number[] = [];
  private readonly mapping = new Map<number, number>();

  constructor(private readonly t: SubsetTables) {
    this.includeGlyph(0); // the missing glyph, always
  }

  /** The glyph's id in the subset, adding it when new (a glyph object or an id, as fontkit takes). */
  includeGlyph(glyph: number | { id: number }): number {
    const gid = typeof glyph === 'object' ? glyph.id : glyph;
    let i = this.mapping.get(gid);
    if (i === undefined) {
      i = this.glyphs.length;
      this.glyphs.push(gid);
      this.mapping.set(gid, i);
    }
    return i;
  }

  /** The subset as a TrueType file, as fontkit's TTFSubset encodes it. */
  encode(): Uint8Array {
    const t = this.t;
    const outlines: Uint8Array[] = [];
    const offsets: number[] = [];
    let offset = 0;
    // Components of composites are added as they are found, and copied in turn.
    for (let i = 0; i < this.glyphs.length; i++) {
      const gid = this.glyphs[i];
      const start = glyphAt(t, gid);
      const end = glyphAt(t, gid + 1);
      let outline = t.bytes.subarray(t.glyf + start, t.glyf + end);
      if (end - start >= 10 && t.view.getInt16(t.glyf + start) < 0) {
        outline = new Uint8Array(outline);
        const view = new DataView(outline.buffer);
        let pos = 10; // past the glyph header
        let flags = MORE_COMPONENTS;
        while (flags & MORE_COMPONENTS && pos + 4 <= outline.length) {
          flags = view.getUint16(pos);
          view.setUint16(pos + 2, this.includeGlyph(view.getUint16(pos + 2)));
          pos += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
          if (flags & WE_HAVE_A_SCALE) pos += 2;
          else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) pos += 4;
          else if (flags & WE_HAVE_A_TWO_BY_TWO) pos += 8;
        }
      }
      outlines.push(outline);
      offsets.push(offset);
      offset += outline.length;
    }
    offsets.push(offset);
    const n = outlines.length;
    const loca = new Uint8Array(offsets.length * (t.longLoca ? 4 : 2));
    const locaView = new DataView(loca.buffer);
    offsets.forEach((o, i) => (t.longLoca ? locaView.setUint32(4 * i, o) : locaView.setUint16(2 * i, o >>> 1)));
    const glyf = new Uint8Array(offset);
    outlines.forEach((o, i) => glyf.set(o, offsets[i]));
    // hmtx: each glyph's advance and left side bearing, as the face's hmtx gives them.
    const hmtx = new Uint8Array(4 * n);
    const hmtxView = new DataView(hmtx.buffer);
    this.glyphs.forEach((gid, i) => {
      hmtxView.setUint16(4 * i, t.view.getUint16(t.hmtx + 4 * Math.min(gid, t.hMetrics - 1)));
      hmtxView.setInt16(4 * i + 2, gid < t.hMetrics ? t.view.getInt16(t.hmtx + 4 * gid + 2) : t.view.getInt16(t.hmtx + 4 * t.hMetrics + 2 * (gid - t.hMetrics)));
    });
    const tables: [string, Uint8Array | undefined][] = [
      ['head', raw(t, 'head')!.subarray(0, 54)],
      ['hhea', withCount(t, 'hhea', 34, n).subarray(0, 36)],
      ['loca', loca],
      ['maxp', withCount(t, 'maxp', 4, n)],
      ['cvt ', raw(t, 'cvt ')],
      ['prep', raw(t, 'prep')],
      ['glyf', glyf],
      ['hmtx', hmtx],
      ['fpgm', raw(t, 'fpgm')],
    ];
    return directory(tables.filter((e): e is [string, Uint8Array] => e[1] !== undefined));
  }
}

/**
 * fontkit's Directory.toBuffer: the tag `true`, the search fields, an entry per table (checksum 0)
 * in the order given, and the tables' data in that order right after it, unpadded.
 */
function directory(tables: readonly (readonly [string, Uint8Array])[]): Uint8Array {
  const count = tables.length;
  const head = 12 + 16 * count;
  const out = new Uint8Array(head + tables.reduce((s, [, d]) => s + d.length, 0));
  const view = new DataView(out.buffer);
  out.set([0x74, 0x72, 0x75, 0x65]); // "true"
  view.setUint16(4, count);
  const exponent = Math.floor(Math.log(count) / Math.LN2);
  const power = Math.pow(2, exponent);
  view.setUint16(6, power * 16);
  view.setUint16(8, Math.log(power) / Math.LN2);
  view.setUint16(10, count * 16 - power * 16);
  let at = head;
  tables.forEach(([tag, data], i) => {
    const entry = 12 + 16 * i;
    for (let k = 0; k < 4; k++) out[entry + k] = tag.charCodeAt(k);
    view.setUint32(entry + 8, at);
    view.setUint32(entry + 12, data.length);
    out.set(data, at);
    at += data.length;
  });
  return out;
}

/** A subset of the face in `bytes`, or null when fontkit's own subsetter must make it. */
export function rawSubset(bytes: Uint8Array): RawSubset | null {
  const t = subsetTables(bytes);
  return t === null ? null : new RawSubset(t);
}
