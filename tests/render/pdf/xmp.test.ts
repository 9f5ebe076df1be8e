/**
 * The XMP metadata PDFKit writes beside the Info dictionary carries the title, author, subject and
 * keywords as XML text: a department's name with & or < in it must come out escaped, or the
 * packet is not XML and readers drop it (the PDFKit diff in patches/, tests/deps/patches.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { defaultFonts, renderPdf } from '../../../src/render/pdf/index.js';
import { nodeWorld } from '../../../src/world/index.js';
import { sampleDoc } from './sample-doc.js';

/** The XMP packet: PDFKit writes it uncompressed, between its xpacket processing instructions. */
function xmp(pdf: Buffer): string {
  const text = pdf.toString('utf8');
  const start = text.indexOf('<?xpacket begin');
  const end = text.indexOf('<?xpacket end', start);
  expect(start, 'an XMP packet').toBeGreaterThan(0);
  return text.slice(start, end);
}

describe('the XMP metadata', () => {
  it('holds the document’s title, author, subject and keywords as escaped XML text', async () => {
    const meta = { ...sampleDoc.meta, title: '甲&乙<丙>预算', author: 'A&B 中心', subject: '<部门预算>', keywords: ['x&y', '预算'] };
    const packet = xmp(Buffer.from(await renderPdf({ ...sampleDoc, meta }, defaultFonts(), nodeWorld())));
    expect(packet).toContain('<rdf:li xml:lang="x-default">甲&amp;乙&lt;丙&gt;预算</rdf:li>');
    expect(packet).toContain('<rdf:li>A&amp;B 中心</rdf:li>');
    expect(packet).toContain('&lt;部门预算&gt;');
    expect(packet).toContain('<pdf:Keywords>x&amp;y, 预算</pdf:Keywords>');
    // every & starts an entity, and no text holds a bare < (each < opens a tag or a processing instruction)
    expect(packet.match(/&(?!amp;|lt;|gt;|quot;|apos;)/g)).toBeNull();
    expect(packet.match(/<(?![/?!]?[A-Za-z])/g)).toBeNull();
  }, 60_000);
});
