/**
 * Deterministic packaging of the workbook.
 *
 * exceljs zips through JSZip and gives every entry the clock's date (JSZip's `file()` defaults
 * to `new Date()`, and exceljs offers no option to pass one), so two renders of the same document
 * differ in their zip headers. We therefore ask exceljs for an uncompressed (STORE) zip, then
 * re-zip it here:
 *   - every entry gets the same fixed date (the document's creation date, clamped to the DOS range;
 *     JSZip writes DOS dates from the UTC fields, so the time zone does not matter);
 *   - entries are written in a fixed order ([Content_Types].xml first, then by name), without
 *     directory entries, DEFLATE level 6, DOS platform (no unix permission bits from the host);
 *   - internal hyperlinks are repaired: exceljs writes a `location` for a link such as
 *     '表1 收支总表'!A1 but also an external relationship with the same text as its target, which
 *     Excel reads as a file path (exceljs issue #3027). We drop those relationships and their
 *     `r:id`, leaving `location` alone, which is how Excel itself writes a link within the workbook.
 * Together with the fixed workbook properties (created/modified from the document, never the
 * clock) this makes the bytes a pure function of the document.
 */
import JSZip from 'jszip';

const DOS_MIN = Date.UTC(1980, 0, 1);
const DOS_MAX = Date.UTC(2107, 11, 31, 23, 59, 58);

export async function repack(stored: Uint8Array, date: Date): Promise<Uint8Array> {
  const t = Math.min(DOS_MAX, Math.max(DOS_MIN, date.getTime()));
  const fixed = new Date(t);
  const src = await JSZip.loadAsync(stored);
  const names = Object.keys(src.files)
    .filter((n) => !src.files[n].dir)
    .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));

  const text = new Map<string, string>();
  const bytes = new Map<string, Uint8Array>();
  for (const n of names) {
    if (n.endsWith('.xml') || n.endsWith('.rels') || n.endsWith('.vml')) text.set(n, await src.files[n].async('string'));
    else bytes.set(n, await src.files[n].async('uint8array'));
  }
  fixInternalLinks(text);

  const out = new JSZip();
  for (const n of names) {
    const data = text.get(n) ?? bytes.get(n)!;
    out.file(n, data, { date: fixed, createFolders: false, binary: !text.has(n) });
  }
  return out.generateAsync({
    type: 'uint8array',
    compression: 'DEFLATE',
    compressionOptions: { level: 6 },
    platform: 'DOS',
  });
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
function fixInternalLinks(files: Map<string, string>): void {
  for (const [relsName, rels] of files) {
    const m = /^xl\/worksheets\/_rels\/(sheet\d+\.xml)\.rels$/.exec(relsName);
    if (!m) continue;
    const sheetName = `xl/worksheets/${m[1]}`;
    const sheet = files.get(sheetName);
    if (sheet === undefined) continue;
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
    files.set(relsName, kept);
    files.set(sheetName, fixedSheet);
  }
}
