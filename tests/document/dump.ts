import type { Block, Document, Table } from '../../src/document/index.js';

/** A plain-text view of a document, roughly as pdftotext would print it: for reading, and for the tests. */
export function tableText(t: Table): string[] {
  const out: string[] = [];
  if (t.caption) out.push(t.caption);
  if (t.title) out.push(t.title);
  if (t.headerLine) out.push(`${t.headerLine.left} ${t.headerLine.right}`);
  for (const r of t.rows) out.push(r.cells.filter((c) => c !== null).map((c) => c!.text).filter((x) => x !== '').join(' '));
  out.push(...t.notes);
  return out;
}

export function blockText(b: Block): string[] {
  switch (b.kind) {
    case 'heading':
    case 'paragraph':
      return [b.text];
    case 'list':
      return [...b.items];
    case 'table':
      return [b.header.map((h) => h.label).join(' '), ...tableText(b)];
    default:
      return [];
  }
}

export function documentText(doc: Document): string {
  return doc.sections.flatMap((s) => s.blocks.flatMap(blockText)).join('\n');
}
