/**
 * The PDF renderer, read back with poppler: text and its order, figures, page sizes, fonts,
 * outline, metadata, reproducibility. Expectations come from the hand-built sample document,
 * never from the renderer's own output.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Document, Table } from '../../../src/document/model.js';
import { defaultFonts, renderPdf } from '../../../src/render/pdf/index.js';
import { outline, pageSizes, pageTexts, pdfFonts, pdfInfo, squash } from './poppler.js';
import { outlineOrder, sampleDoc, table12, table2, table3 } from './sample-doc.js';
import { nodeWorld } from '../../../src/world/index.js';

const dir = mkdtempSync(join(tmpdir(), 'budget-pdf-'));
let bytes: Uint8Array;
let file: string;
let pages: string[];

beforeAll(async () => {
  bytes = await renderPdf(sampleDoc, defaultFonts(), nodeWorld());
  file = join(dir, 'sample.pdf');
  writeFileSync(file, bytes);
  pages = pageTexts(file);
}, 60_000);

/** Every table of the sample, in document order. */
function tables(doc: Document): Table[] {
  return doc.sections.flatMap((s) => s.blocks.filter((b): b is Table => b.kind === 'table'));
}

/** Footer lines ("- 7 -") removed, so that page numbers are not mistaken for figures. */
function withoutFooter(text: string): string {
  return text
    .split('\n')
    .filter((l) => !/^\s*-\s*\d+\s*-\s*$/.test(l))
    .join('\n');
}

/** 1-based page numbers whose text contains `s` (white space ignored), from page `from` on. */
function pagesWith(s: string, from = 3): number[] {
  const want = squash(s);
  return pages.flatMap((p, i) => (i + 1 >= from && squash(p).includes(want) ? [i + 1] : []));
}

/** The page range of each captioned table: from its title's page to the page before the next one. */
function tablePages(): Map<string, number[]> {
  const captioned = tables(sampleDoc).filter((t) => t.caption !== '');
  const starts = captioned.map((t) => {
    const found = pagesWith(t.caption + t.title);
    expect(found, `${t.shortName} is printed (caption then title)`).not.toHaveLength(0);
    return found[0];
  });
  const out = new Map<string, number[]>();
  captioned.forEach((t, i) => {
    const end = i + 1 < starts.length ? starts[i + 1] - 1 : pages.length;
    out.set(t.id, Array.from({ length: end - starts[i] + 1 }, (_, k) => starts[i] + k));
  });
  return out;
}

describe('renderPdf on the sample document', () => {
  it('is a PDF with the document metadata, dated from the model', () => {
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const info = pdfInfo(file);
    expect(info.Title).toBe(sampleDoc.meta.title);
    expect(info.Author).toBe(sampleDoc.meta.author);
    expect(info.Subject).toBe(sampleDoc.meta.subject);
    expect(info.Keywords).toBe(sampleDoc.meta.keywords.join(', '));
    expect(info.Creator).toBe('budget');
    expect(info.CreationDate).toBe('2023-02-10T00:00:00Z');
    expect(info.ModDate).toBe('2023-02-10T00:00:00Z');
    expect(info['Page size']).toMatch(/^595\.28 x 841\.89 pts \(A4\)/);
    expect(Number(info.Pages)).toBe(pages.length);
  });

  it('starts with the cover (no page number) and the 目录 page', () => {
    expect(squash(pages[0])).toContain(squash(sampleDoc.cover.title));
    for (const line of sampleDoc.cover.lines) expect(squash(pages[0])).toContain(squash(line));
    expect(pages[0]).not.toMatch(/-\s*1\s*-/);
    expect(squash(pages[1])).toContain(sampleDoc.tocTitle);
    expect(pages[1]).toMatch(/-\s*2\s*-/);
  });

  it('numbers every page after the cover in the footer', () => {
    pages.forEach((p, i) => {
      if (i > 0) expect(p, `page ${i + 1}`).toMatch(new RegExp(`-\\s*${i + 1}\\s*-`));
    });
  });

  it('prints every heading and table title, in document order, after the 目录', () => {
    const body = squash(pages.slice(2).join('\n'));
    let at = 0;
    for (const text of outlineOrder(sampleDoc)) {
      const found = body.indexOf(squash(text), at);
      expect(found, `"${text}" after position ${at}`).toBeGreaterThanOrEqual(at);
      at = found + squash(text).length;
    }
  });

  it('lists the toc entries in the 目录 with the pages they are printed on', () => {
    const entries = [
      ...sampleDoc.sections.flatMap((s) =>
        s.blocks.flatMap((b) =>
          b.kind === 'heading' && b.toc
            ? [{ text: b.text, printed: b.text }]
            : b.kind === 'table' && b.toc
              ? [{ text: b.shortName, printed: b.caption + b.title }]
              : [],
        ),
      ),
    ];
    expect(entries.length).toBe(13);
    const toc = pages[1];
    for (const e of entries) {
      const pattern = e.text.split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*');
      // the entry, its leader dots, its page number
      const m = new RegExp(`${pattern}[\\s.]+(\\d+)\\s*$`, 'm').exec(toc);
      expect(m, `目录 entry for ${e.text}`).not.toBeNull();
      const page = Number(m![1]);
      expect(squash(pages[page - 1]), `${e.text} on page ${page}`).toContain(squash(e.printed));
    }
    // Level-3 headings of the sample are not toc entries.
    expect(squash(toc)).not.toContain('部门职责');
  });

  it('links each 目录 entry once over its text and once over its page number', () => {
    // pdfmake makes a link per inline it draws: an entry laid out as one inline per character (its
    // own breaking) would have one per character. PDFKit writes annotations uncompressed.
    const annotations = Buffer.from(bytes).toString('latin1').match(/\/Subtype \/Link\b/g) ?? [];
    expect(outline(file)).toHaveLength(13);
    expect(annotations).toHaveLength(2 * 13);
  });

  it('has a bookmark for every part and table, nested under its part, pointing at its page', () => {
    const items = outline(file);
    expect(items.map((i) => [i.title, i.depth])).toEqual([
      ['一、文字部分', 1],
      ['第一部分 部门概况', 2],
      ['第二部分 部门预算收支总体情况', 2],
      ['第三部分 部门预算支出具体情况', 2],
      ['第七部分 重点项目预算绩效情况说明', 2],
      ['第九部分 名词解释', 2],
      ['二、表格部分', 1],
      ['表1 收支总表', 2],
      ['表2 收入总表', 2],
      ['表3 支出总表', 2],
      ['表9 一般公共预算“三公”经费支出表', 2],
      ['表10 政府性基金预算支出表', 2],
      ['表十二 整体支出绩效目标表', 2],
    ]);
    const ranges = tablePages();
    for (const t of tables(sampleDoc).filter((x) => x.toc)) {
      const item = items.find((i) => i.title === t.shortName)!;
      expect(item.page, t.shortName).toBe(ranges.get(t.id)![0]);
    }
  });

  it('prints every figure of every table on the table’s pages, right where the table is', () => {
    const ranges = tablePages();
    for (const t of tables(sampleDoc)) {
      // the in-text table is found by its header (the only one reading 预算数（万元）)
      const onPages = t.caption !== '' ? ranges.get(t.id)! : pagesWith(t.header[1].label);
      expect(onPages.length, t.id).toBeGreaterThan(0);
      const tokens = onPages.flatMap((p) => withoutFooter(pages[p - 1]).split(/\s+/));
      const have = new Map<string, number>();
      for (const tok of tokens) have.set(tok, (have.get(tok) ?? 0) + 1);
      const want = new Map<string, number>();
      for (const r of t.rows) for (const c of r.cells) if (c?.kind === 'number') want.set(c.text, (want.get(c.text) ?? 0) + 1);
      for (const [text, count] of want) {
        expect(have.get(text) ?? 0, `${t.id}: "${text}" ×${count}`).toBeGreaterThanOrEqual(count);
      }
    }
  });

  it('prints notes under their tables, and empty tables still appear', () => {
    const ranges = tablePages();
    for (const t of tables(sampleDoc)) {
      for (const note of t.notes) {
        const where = pagesWith(note);
        expect(where.length, note).toBeGreaterThan(0);
        expect(ranges.get(t.id), `${t.id} note on its own pages`).toContain(where[0]);
      }
    }
  });

  it('puts landscape tables on landscape pages and everything else on portrait A4', () => {
    const sizes = pageSizes(file, pages.length);
    expect(sizes).toHaveLength(pages.length);
    const ranges = tablePages();
    const landscape = new Set([table2, table12].flatMap((t) => ranges.get(t.id)!));
    expect(landscape.size).toBeGreaterThanOrEqual(3); // 表十二 continues on a second page
    sizes.forEach((s, i) => {
      const expected = landscape.has(i + 1) ? { width: 841.89, height: 595.28 } : { width: 595.28, height: 841.89 };
      expect(s, `page ${i + 1}`).toEqual(expected);
    });
  });

  it('starts each captioned table on a new page and keeps the in-text table in the flow', () => {
    const ranges = tablePages();
    for (const t of tables(sampleDoc).filter((x) => x.caption !== '')) {
      const first = pages[ranges.get(t.id)![0] - 1];
      // Only the table-part heading may come before a caption on its page.
      const before = squash(first).split(squash(t.caption + t.title))[0];
      expect(['', squash('二、表格部分')], t.id).toContain(before);
    }
    const intext = pagesWith('预算数（万元）');
    expect(intext).toHaveLength(1);
    expect(pagesWith('第七部分 重点项目预算绩效情况说明')).toContain(intext[0]);
  });

  it('repeats the header rows on every page of a long table', () => {
    const range = tablePages().get(table3.id)!;
    expect(range.length).toBeGreaterThanOrEqual(3);
    for (const p of range) {
      for (const label of ['科目编码', '科目名称', '支出总计', '基本支出', '项目支出']) {
        expect(squash(pages[p - 1]), `page ${p}: ${label}`).toContain(label);
      }
    }
    // and every classification code is printed once
    const text = range.map((p) => pages[p - 1]).join('\n');
    for (const r of table3.rows.slice(1)) {
      const code = (r.cells[0] as { text: string }).text;
      expect(text.match(new RegExp(`(^|\\s)${code}(\\s|$)`, 'g')) ?? [], code).toHaveLength(1);
    }
  });

  it('embeds and subsets the two faces (bold runs in the sans face), with no fallback font', () => {
    const fonts = pdfFonts(file);
    expect(fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual(['NotoSansSC-Bold', 'NotoSerifSC-Regular']);
    for (const f of fonts) {
      expect(f, f.name).toMatchObject({ type: 'CID TrueType', emb: 'yes', sub: 'yes', uni: 'yes' });
      expect(f.name).toMatch(/^[A-Z]{6}\+/);
    }
  });

  it('keeps the embedded fonts small (subset, compressed)', () => {
    // Three CJK faces of 10–15 MB each: a full embed would be tens of MB.
    expect(bytes.length).toBeLessThan(1_500_000);
  });

  it('gives identical bytes for the same document, whichever way the fonts are given', async () => {
    const again = await renderPdf(sampleDoc, defaultFonts(), nodeWorld());
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
    const paths = defaultFonts();
    const asBytes = await renderPdf(sampleDoc, {
      body: new Uint8Array(readFileSync(paths.body as string)),
      bodyBold: new Uint8Array(readFileSync(paths.bodyBold as string)),
      heading: new Uint8Array(readFileSync(paths.heading as string)),
    }, nodeWorld());
    expect(Buffer.from(asBytes).equals(Buffer.from(bytes))).toBe(true);
  }, 60_000);

  it('takes the dates from the document, not the clock', async () => {
    const older: Document = { ...sampleDoc, meta: { ...sampleDoc.meta, created: '2019-06-30T08:00:00Z' } };
    const out = join(dir, 'older.pdf');
    writeFileSync(out, await renderPdf(older, defaultFonts(), nodeWorld()));
    const info = pdfInfo(out);
    expect(info.CreationDate).toBe('2019-06-30T08:00:00Z');
    expect(info.ModDate).toBe('2019-06-30T08:00:00Z');
  }, 60_000);
});

describe('renderPdf with a department’s own fonts', () => {
  it('uses the faces it is given', async () => {
    const d = defaultFonts();
    // e.g. a department that sets everything in one face
    const out = join(dir, 'own-fonts.pdf');
    writeFileSync(out, await renderPdf(sampleDoc, { body: d.heading, bodyBold: d.heading, heading: d.heading }, nodeWorld()));
    const names = pdfFonts(out).map((f) => f.name.replace(/^[A-Z]{6}\+/, ''));
    expect(names.sort()).toEqual(['NotoSansSC-Bold']);
    expect(squash(pageTexts(out).join(''))).toContain(squash(table12.title));
  }, 60_000);
});
