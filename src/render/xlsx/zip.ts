/**
 * Deterministic packaging of the workbook.
 *
 * exceljs zips through JSZip and gives every entry the clock's date (JSZip's `file()` defaults
 * to `new Date()`, and exceljs offers no option to pass one), so two renders of the same document
 * differ in their zip headers. We therefore ask exceljs for an uncompressed (STORE) zip, read it
 * back with fflate, and write the package again here:
 *   - every entry gets the same date, the document's creation date (UTC fields, clamped to the
 *     DOS range 1980–2107), so the bytes depend neither on the clock nor on the time zone;
 *   - entries are written in a fixed order ([Content_Types].xml first, then by name), without
 *     directory entries, no extra fields, no host attributes (made by MS-DOS, attributes 0);
 *   - internal hyperlinks are repaired: exceljs writes a `location` for a link such as
 *     '表1 收支总表'!A1 but also an external relationship with the same text as its target, which
 *     Excel reads as a file path (exceljs issue #3027). We drop those relationships and their
 *     `r:id`, leaving `location` alone, which is how Excel itself writes a link within the workbook.
 * The container is written by hand (the zip format's local headers, central directory and end
 * record are a few fixed-layout structures) because compression dominates the render's time:
 * Node's native zlib deflates the reference workbook in a few milliseconds from a cold start,
 * where a JavaScript deflate (JSZip's pako, fflate) needs tens of milliseconds to warm up.
 * Deflate output is a pure function of the input and zlib's level for a given zlib build.
 * Together with the fixed workbook properties (created/modified from the document, never the
 * clock) this makes the bytes a pure function of the document.
 */
import * as zlib from 'node:zlib';
import { strFromU8, strToU8, unzipSync } from 'fflate';

export function repack(stored: Uint8Array, date: Date, custom: Readonly<Record<string, string>> = {}): Uint8Array {
  const src = unzipSync(stored);
  fixInternalLinks(src);
  addCustomProperties(src, custom);
  const names = Object.keys(src)
    .filter((n) => !n.endsWith('/'))
    .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return writeZip(
    names.map((n) => ({ name: n, data: src[n] })),
    dosDateTime(date),
  );
}

/** DOS date and time from the UTC fields, clamped to 1980-01-01 … 2107-12-31 23:59:58. */
function dosDateTime(d: Date): { date: number; time: number } {
  const y = d.getUTCFullYear();
  if (y < 1980) return { date: (0 << 9) | (1 << 5) | 1, time: 0 };
  if (y > 2107) return { date: (127 << 9) | (12 << 5) | 31, time: (23 << 11) | (59 << 5) | 29 };
  return {
    date: ((y - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
  };
}

interface Entry {
  readonly name: string;
  readonly data: Uint8Array;
}

/** A zip archive (PKWARE APPNOTE 4.3): deflated entries, one fixed date, no extras, no zip64. */
function writeZip(entries: readonly Entry[], when: { date: number; time: number }): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = strToU8(e.name);
    const utf8 = /[^\x20-\x7e]/.test(e.name) ? 0x0800 : 0;
    const deflated = zlib.deflateRawSync(e.data, { level: 6 });
    const crc = crc32(e.data);
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true); // version needed: 2.0 (deflate)
    lv.setUint16(6, utf8, true);
    lv.setUint16(8, 8, true); // deflate
    lv.setUint16(10, when.time, true);
    lv.setUint16(12, when.date, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, deflated.length, true);
    lv.setUint32(22, e.data.length, true);
    lv.setUint16(26, name.length, true);
    lv.setUint16(28, 0, true);
    local.set(name, 30);

    const cd = new Uint8Array(46 + name.length);
    const cv = new DataView(cd.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true); // made by: MS-DOS, 2.0
    cv.setUint16(6, 20, true);
    cv.setUint16(8, utf8, true);
    cv.setUint16(10, 8, true);
    cv.setUint16(12, when.time, true);
    cv.setUint16(14, when.date, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, deflated.length, true);
    cv.setUint32(24, e.data.length, true);
    cv.setUint16(28, name.length, true);
    // extra length, comment length, disk number, internal and external attributes: 0
    cv.setUint32(42, offset, true);
    cd.set(name, 46);
    central.push(cd);

    parts.push(local, deflated);
    offset += local.length + deflated.length;
  }
  const cdSize = central.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);

  const out = new Uint8Array(offset + cdSize + end.length);
  let p = 0;
  for (const part of [...parts, ...central, end]) {
    out.set(part, p);
    p += part.length;
  }
  return out;
}

let table: Uint32Array | undefined;
/** CRC-32 (IEEE): Node's native one where it exists (20.15+), else a table-driven one. */
function crc32(data: Uint8Array): number {
  // Looked up at run time: a named import would fail to link on Node releases without it.
  const native = (zlib as { crc32?: (d: Uint8Array) => number }).crc32;
  if (typeof native === 'function') return native(data) >>> 0;
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function rank(name: string): number {
  return name === '[Content_Types].xml' ? 0 : 1;
}

const SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;
const REL = /<Relationship\b[^>]*?\/>/g;

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? m[1] : undefined;
}

/** Drops the bogus external relationships exceljs writes for links within the workbook. */
function fixInternalLinks(files: Record<string, Uint8Array>): void {
  for (const relsName of Object.keys(files)) {
    const m = /^xl\/worksheets\/_rels\/(sheet\d+\.xml)\.rels$/.exec(relsName);
    if (!m) continue;
    const rels = strFromU8(files[relsName]);
    if (!rels.includes('/hyperlink"')) continue;
    const sheetName = `xl/worksheets/${m[1]}`;
    if (!files[sheetName]) continue;
    const sheet = strFromU8(files[sheetName]);
    // Links that carry a location (exceljs's test for "internal") and point at a relationship.
    const located = new Set<string>();
    for (const tag of sheet.match(/<hyperlink\b[^>]*?\/>/g) ?? []) {
      const id = attr(tag, 'r:id');
      if (id && attr(tag, 'location') !== undefined) located.add(id);
    }
    const internal = new Set<string>();
    const kept = rels.replace(REL, (tag) => {
      const id = attr(tag, 'Id');
      const type = attr(tag, 'Type') ?? '';
      const target = attr(tag, 'Target') ?? '';
      if (id && located.has(id) && type.endsWith('/hyperlink') && !SCHEME.test(target)) {
        internal.add(id);
        return '';
      }
      return tag;
    });
    if (internal.size === 0) continue;
    const fixedSheet = sheet.replace(/<hyperlink\b[^>]*?\/>/g, (tag) => {
      const id = attr(tag, 'r:id');
      return id && internal.has(id) ? tag.replace(` r:id="${id}"`, '') : tag;
    });
    files[relsName] = strToU8(kept);
    files[sheetName] = strToU8(fixedSheet);
  }
}

/**
 * Custom document properties (docProps/custom.xml: File → Properties → Custom in Excel), which
 * exceljs does not write: the build identity goes here, beside the PDF's info /BudgetBuild.
 */
function addCustomProperties(files: Record<string, Uint8Array>, props: Readonly<Record<string, string>>): void {
  const keys = Object.keys(props).sort();
  if (keys.length === 0) return;
  const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  // The fmtid every custom property carries (ECMA-376 Part 1, 22.3.2.2); pids start at 2.
  const FMTID = '{D5CDD505-2E9C-101B-9397-08002B2CF9AE}';
  const body = keys.map((k, i) => `<property fmtid="${FMTID}" pid="${i + 2}" name="${esc(k)}"><vt:lpwstr>${esc(props[k])}</vt:lpwstr></property>`).join('');
  files['docProps/custom.xml'] = strToU8(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
      body +
      '</Properties>',
  );
  const types = strFromU8(files['[Content_Types].xml']);
  if (!types.includes('/docProps/custom.xml'))
    files['[Content_Types].xml'] = strToU8(
      types.replace('</Types>', '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>'),
    );
  const rels = strFromU8(files['_rels/.rels']);
  if (!rels.includes('docProps/custom.xml'))
    files['_rels/.rels'] = strToU8(
      rels.replace(
        '</Relationships>',
        '<Relationship Id="rIdBudgetCustom" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>',
      ),
    );
}
