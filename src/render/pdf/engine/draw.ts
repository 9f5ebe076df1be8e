/**
 * Draws a page plan (model.ts `PagePlan`) with PDFKit, through its public API only: pages, text at
 * a point, paths, rectangles, link annotations, named destinations, the outline, the Info
 * dictionary. No method of PDFKit or fontkit is replaced.
 *
 * - Faces: each distinct face of the FontSet is registered once per document under a name of its
 *   own, as faces.ts's token (`registerFont(name, token)`): PDFKit opens it through fontkit as the
 *   face parsed once for the process, the one text.ts measured with.
 * - Text: `text(str, x, y, { lineBreak: false, baseline: 'alphabetic', characterSpacing })`: with
 *   no width PDFKit neither wraps nor aligns, and an alphabetic baseline puts the glyphs' origin at
 *   y (its _fragment: dy = 0, then `Tm` at page height − y); the run's spacing is PDF's Tc.
 * - Each page is drawn as fills first (below everything, grouped by colour: one fill per colour,
 *   inside q/Q so that the text stays black), then rules (grouped by width: one line width, one
 *   path of all the segments, one stroke; black is PDF's initial stroke colour), then text, then
 *   links and named destinations.
 * - The outline is added after the pages, each entry on the page of its destination
 *   (`addItem`'s `pageNumber`), its view's top at the destination's y, under its parent's entry.
 * - Info: title, author, subject, keywords, creator, producer (empty fields left out), the dates
 *   both `meta.created`.
 *
 * Reproducibility: PDFKit reads the clock only for a default CreationDate, which `info` replaces
 * before it is used; the trailer /ID is an MD5 of the Info dictionary; subset tags are derived from
 * the font resource names (F1, F2, … in the order faces are first used); no encryption, no XMP. So
 * the same plan gives the same bytes.
 */
import { pdfkitDocument } from '../deps.js';
import type { DocMeta } from '../../../document/model.js';
import type { RenderFiles } from '../files.js';
import type { FontSet } from '../fonts.js';
import { faceToken } from '../faces.js';
import { A4 } from '../style.js';
import { faceBytes } from './text.js';
import type { DestItem, FaceRole, FillItem, PagePlan, RuleItem, TextItem } from './model.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- PDFKit ships no types */
type Any = any;

export const CREATOR = 'budget';
export const PRODUCER = 'budget (PDFKit)';

let asTokens = true;

/**
 * Hands PDFKit the faces' files themselves (false), for fontkit's own formats to open, instead of
 * faces.ts's tokens: for the tests that compare the two (tests/render/pdf/faces.test.ts). Production
 * code never calls it.
 */
export function setFaceFormat(on: boolean): void {
  asTokens = on;
}

/** The instant the document was made, from the model (never the clock). */
function createdDate(meta: DocMeta): Date {
  const d = new Date(meta.created);
  if (Number.isNaN(d.getTime())) throw new Error(`document: meta.created is not an ISO date: "${meta.created}"`);
  return d;
}

/** The Info dictionary, without empty values. */
function info(meta: DocMeta): Record<string, string | Date> {
  const created = createdDate(meta);
  const out: Record<string, string | Date> = {};
  const put = (key: string, value: string | undefined) => {
    if (value) out[key] = value;
  };
  put('Title', meta.title);
  put('Author', meta.author);
  put('Subject', meta.subject);
  put('Keywords', meta.keywords.join(', '));
  put('Creator', CREATOR);
  put('Producer', PRODUCER);
  out.CreationDate = created;
  out.ModDate = created;
  put('BudgetBuild', meta.build);
  return out;
}

/** Draws the plan: the PDF's bytes. */
export async function drawPdf(plan: PagePlan, meta: DocMeta, fonts: FontSet, world: RenderFiles): Promise<Uint8Array> {
  const Doc = pdfkitDocument() as new (options: object) => Any;
  const doc: Any = new Doc({
    autoFirstPage: false,
    compress: true,
    pdfVersion: '1.5',
    lang: meta.lang,
    info: info(meta),
    // No default font: PDFKit would parse Helvetica's metrics for every document (~2 ms of CPU),
    // and give it the first font resource name, for a font the plan never uses.
    font: null,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  // One registered name per distinct face.
  const bytes = faceBytes(fonts, world);
  const names = new Map<Uint8Array, string>();
  const nameOf = {} as Record<FaceRole, string>;
  for (const role of ['body', 'bodyBold', 'heading', 'title', 'subheading'] as const) {
    let name = names.get(bytes[role]);
    if (name === undefined) {
      name = `budget-face-${names.size}`;
      names.set(bytes[role], name);
      doc.registerFont(name, asTokens ? faceToken(bytes[role]) : Buffer.from(bytes[role]));
    }
    nameOf[role] = name;
  }

  const dests = new Map<string, DestItem>();
  for (const page of plan.pages) {
    doc.addPage({ size: [A4.width, A4.height], layout: page.orientation, margin: 0 });
    const fills = new Map<string, FillItem[]>();
    const rules = new Map<number, RuleItem[]>();
    const texts: TextItem[] = [];
    for (const item of page.items) {
      if (item.kind === 'fill') {
        const list = fills.get(item.color);
        if (list) list.push(item);
        else fills.set(item.color, [item]);
      } else if (item.kind === 'rule') {
        const list = rules.get(item.width);
        if (list) list.push(item);
        else rules.set(item.width, [item]);
      } else if (item.kind === 'text') texts.push(item);
    }
    if (fills.size > 0) {
      doc.save();
      for (const [color, list] of fills) {
        for (const f of list) doc.rect(f.x, f.y, f.w, f.h);
        doc.fill(color);
      }
      doc.restore();
    }
    for (const [width, list] of rules) {
      doc.lineWidth(width);
      for (const r of list) doc.moveTo(r.x1, r.y1).lineTo(r.x2, r.y2);
      doc.stroke();
    }
    let face: string | undefined;
    let size: number | undefined;
    for (const t of texts) {
      const name = nameOf[t.style.face];
      if (name !== face || t.style.size !== size) {
        doc.font(name, t.style.size);
        face = name;
        size = t.style.size;
      }
      doc.text(t.text, t.x, t.y, { lineBreak: false, baseline: 'alphabetic', characterSpacing: t.spacing || 0 });
    }
    for (const item of page.items) {
      if (item.kind === 'link') doc.goTo(item.x, item.y, item.w, item.h, item.dest);
      else if (item.kind === 'dest') {
        doc.addNamedDestination(item.id, 'XYZ', item.x, item.y, null);
        dests.set(item.id, item);
      }
    }
  }

  const entries = new Map<string, Any>();
  for (const entry of plan.outline) {
    const parent = entry.parent === undefined ? doc.outline : entries.get(entry.parent);
    if (parent === undefined) throw new Error(`PDF outline: "${entry.title}" comes before its parent ${entry.parent}`);
    const dest = dests.get(entry.dest);
    const item = parent.addItem(entry.title, { expanded: entry.expanded, pageNumber: entry.page, top: dest?.y ?? 0 });
    entries.set(entry.dest, item);
  }

  doc.end();
  await done;
  const out = Buffer.concat(chunks);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}
