/**
 * Deterministic packaging of the workbook.
 *
 * exceljs zips through JSZip and gives every entry the clock's date (JSZip's `file()` defaults
 * to `new Date()`, and exceljs offers no option to pass one), so two renders of the same document
 * differ in their zip headers. We therefore ask exceljs for an uncompressed (STORE) zip, then
 * re-zip it here with fflate (several times faster than JSZip, which mattered: the re-zip was a
 * third of the render):
 *   - every entry gets the same fixed date: the document's creation day (UTC calendar date) at
 *     12:00. fflate writes DOS dates from local-time fields, so we build a Date whose local fields
 *     are that day at noon; noon is never inside a daylight-saving gap, so the bytes do not depend
 *     on the machine's time zone. Clamped to the DOS range 1980–2099;
 *   - entries are written in a fixed order ([Content_Types].xml first, then by name), without
 *     directory entries, DEFLATE level 6, no host attributes (os 0, attrs 0);
 *   - internal hyperlinks are repaired: exceljs writes a `location` for a link such as
 *     '表1 收支总表'!A1 but also an external relationship with the same text as its target, which
 *     Excel reads as a file path (exceljs issue #3027). We drop those relationships and their
 *     `r:id`, leaving `location` alone, which is how Excel itself writes a link within the workbook.
 * Together with the fixed workbook properties (created/modified from the document, never the
 * clock) this makes the bytes a pure function of the document.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';

export function repack(stored: Uint8Array, date: Date): Uint8Array {
  const year = Math.min(2099, Math.max(1980, date.getUTCFullYear()));
  const inRange = year === date.getUTCFullYear();
  const mtime = new Date(year, inRange ? date.getUTCMonth() : 0, inRange ? date.getUTCDate() : 1, 12, 0, 0);

  const src = unzipSync(stored);
  const names = Object.keys(src)
    .filter((n) => !n.endsWith('/'))
    .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  fixInternalLinks(src);

  const files: Zippable = {};
  for (const n of names) files[n] = src[n];
  return zipSync(files, { level: 6, mtime });
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
