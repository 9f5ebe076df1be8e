/**
 * A faster `_addGlyph` for fontkit's TrueType subsetter (TTFSubset), which PDFKit uses to embed
 * each face with only the glyphs drawn.
 *
 * fontkit's version fully decodes every glyph it copies (all contour points, to learn whether it is
 * composite) and reads its advance through the glyph metrics, which decode the outline again for
 * its bounding box: most of the time PDFKit spends finishing a document. All the subsetter needs
 * is in a few bytes of the font: the glyph's byte range (loca), its contour count (negative for a
 * composite, whose component glyph ids are rewritten), and its advance and left side bearing
 * (hmtx). This reads them directly and produces exactly fontkit's tables: the rest of the subset
 * (table encoding, directory) is fontkit's own. Variable fonts keep fontkit's path (their outlines
 * are re-encoded at the chosen instance).
 */

/* eslint-disable @typescript-eslint/no-explicit-any -- fontkit's objects are untyped */
type Any = any;

const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

interface Tables {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  readonly glyf: number;
  readonly hmtx: number;
  readonly hMetrics: number;
  readonly offsets: ArrayLike<number>;
}

const cache = new WeakMap<object, Tables | null>();

function tables(font: Any): Tables | null {
  let t = cache.get(font);
  if (t !== undefined) return t;
  t = null;
  const dir = font.directory?.tables ?? {};
  const bytes: unknown = font.stream?.buffer;
  if (dir.glyf && dir.hmtx && !font._variationProcessor && bytes instanceof Uint8Array) {
    t = {
      bytes,
      view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      glyf: dir.glyf.offset,
      hmtx: dir.hmtx.offset,
      hMetrics: font.hhea.numberOfMetrics,
      offsets: font.loca.offsets,
    };
  }
  cache.set(font, t);
  return t;
}

/**
 * Adds glyph `gid` of `subset.font` to a TTFSubset as fontkit's `_addGlyph` does, and returns its
 * index in the subset; or null when fontkit's own method must do it.
 */
export function addGlyph(subset: Any, gid: number): number | null {
  const t = tables(subset.font);
  if (t === null) return null;
  const start = t.offsets[gid];
  const end = t.offsets[gid + 1];
  let buffer: Uint8Array = t.bytes.subarray(t.glyf + start, t.glyf + end);
  if (end > start && t.view.getInt16(t.glyf + start) < 0) {
    // A composite: copy it and point its components at their places in the subset.
    buffer = new Uint8Array(buffer);
    const view = new DataView(buffer.buffer);
    let pos = 10; // past the glyph header
    let flags = MORE_COMPONENTS;
    while (flags & MORE_COMPONENTS) {
      flags = view.getUint16(pos);
      const component = view.getUint16(pos + 2);
      view.setUint16(pos + 2, subset.includeGlyph(component));
      pos += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
      if (flags & WE_HAVE_A_SCALE) pos += 2;
      else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) pos += 4;
      else if (flags & WE_HAVE_A_TWO_BY_TWO) pos += 8;
    }
  }
  const metric = Math.min(gid, t.hMetrics - 1);
  const advance = t.view.getUint16(t.hmtx + 4 * metric);
  const bearing =
    gid < t.hMetrics
      ? t.view.getInt16(t.hmtx + 4 * gid + 2)
      : t.view.getInt16(t.hmtx + 4 * t.hMetrics + 2 * (gid - t.hMetrics));
  subset.glyf.push(buffer);
  subset.loca.offsets.push(subset.offset);
  subset.hmtx.metrics.push({ advance, bearing });
  subset.offset += buffer.length;
  return subset.glyf.length - 1;
}
