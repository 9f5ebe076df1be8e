/**
 * The engine's drawing (src/render/pdf/engine/draw.ts): hand-made page plans drawn with the real
 * fonts and read back with poppler, a different program from the one that wrote them: where the
 * words are (against widths and vertical metrics read here from the font files with fontkit),
 * page sizes, rules, fills, links, named destinations, the outline, Info, the embedded subsets,
 * and the same bytes for the same plan whatever the clock says.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { drawPdf } from '../../../../src/render/pdf/engine/draw.js';
import { openTextKit } from '../../../../src/render/pdf/engine/text.js';
import type { DocMeta } from '../../../../src/document/model.js';
import type { Item, PagePlan, TextItem } from '../../../../src/render/pdf/engine/model.js';
import { filledRects, outline, pageSizes, pdfFonts, pdfInfo, words } from '../poppler.js';
import { files, sans, serif, world } from './direct-faces.js';


const dir = mkdtempSync(join(tmpdir(), 'budget-draw-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const meta: DocMeta = {
  title: '2031年某某区示例局部门预算',
  author: '某某区示例局',
  subject: '部门预算公开',
  keywords: ['部门预算', '2031'],
  created: '2031-02-10T04:53:20.000Z',
  lang: 'zh-CN',
  build: 'b3f1c2d4',
};

const text = (x: number, y: number, s: string, face: TextItem['style']['face'], size: number, spacing?: number): TextItem => ({
  kind: 'text', x, y, text: s, style: { face, size }, ...(spacing ? { spacing } : {}),
});

const pages: Item[][] = [
  [
    { kind: 'fill', x: 62, y: 180, w: 200, h: 30, color: '#f0f0f0' },
    text(70, 200, '一般公共预算', 'body', 16),
    text(300, 200, '1,234.56', 'body', 10.5),
    text(120, 300, '收入支出', 'heading', 22, 6),
    { kind: 'rule', x1: 62, y1: 400, x2: 533.28, y2: 400, width: 0.6 },
    { kind: 'rule', x1: 62, y1: 430, x2: 533.28, y2: 430, width: 0.6 },
    { kind: 'rule', x1: 62, y1: 460, x2: 300, y2: 460, width: 0.6 },
    text(62, 520, '目录项', 'body', 14),
    { kind: 'link', x: 62, y: 505, w: 60, h: 20, dest: 'part-2' },
  ],
  [
    { kind: 'dest', id: 'part-2', x: 62, y: 90 },
    text(62, 110, '第二部分', 'title', 22),
    { kind: 'dest', id: 'part-2-1', x: 62, y: 200 },
    text(62, 220, '小节', 'subheading', 16),
    text(62, 300, '合计', 'bodyBold', 12),
  ],
  [text(62, 100, '附表', 'body', 16)],
];
const plan: PagePlan = {
  pages: pages.map((items, i) => ({ orientation: i === 1 ? 'landscape' : 'portrait', items })),
  outline: [
    { title: '第二部分', dest: 'part-2', page: 1, expanded: true },
    { title: '小节', dest: 'part-2-1', page: 1, parent: 'part-2', expanded: false },
    { title: '附表', dest: 'part-2', page: 1, expanded: false },
  ],
};

const bytes = await drawPdf(plan, meta, files, world);
const file = join(dir, 'plan.pdf');
writeFileSync(file, bytes);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const faceOf = (t: TextItem): any => (t.style.face === 'body' ? serif : sans);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const advance = (font: any, s: string, size: number): number =>
  [...s].reduce((w, ch) => w + font.glyphForCodePoint(ch.codePointAt(0)!).advanceWidth, 0) * size / font.unitsPerEm;

/**
 * The stroked segments of a page (`pdftocairo -svg`: a path may hold several), in page coordinates
 * (y downwards), with the stroke's style.
 */
function strokes(pdf: string, page: number): { x1: number; y1: number; x2: number; y2: number; style: string }[] {
  const svg = execFileSync('pdftocairo', ['-svg', '-f', String(page), '-l', String(page), pdf, '-'], { encoding: 'utf8' });
  const out: { x1: number; y1: number; x2: number; y2: number; style: string }[] = [];
  const re = /<path style="fill:none;(stroke-width:[^"]*)" d="([^"]*)"(?: transform="matrix\(([^)]*)\)")?/g;
  for (let m = re.exec(svg); m; m = re.exec(svg)) {
    const [a, b, c, d, e, f] = m[3] ? m[3].split(',').map(Number) : [1, 0, 0, 1, 0, 0];
    const seg = /M ([\d.-]+) ([\d.-]+) L ([\d.-]+) ([\d.-]+)/g;
    for (let s = seg.exec(m[2]); s; s = seg.exec(m[2])) {
      const [x1, y1, x2, y2] = s.slice(1).map(Number);
      out.push({ x1: a * x1 + c * y1 + e, y1: b * x1 + d * y1 + f, x2: a * x2 + c * y2 + e, y2: b * x2 + d * y2 + f, style: m[1] });
    }
  }
  return out;
}

/** The decompressed streams of a PDF that hold page content (text objects or paths). */
function contentStreams(pdf: Uint8Array): string[] {
  const s = Buffer.from(pdf).toString('latin1');
  const out: string[] = [];
  const re = /(?<!end)stream\n/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const start = m.index + m[0].length;
    const end = s.indexOf('\nendstream', start);
    if (end < 0) break;
    try {
      const text = inflateSync(Buffer.from(pdf.subarray(start, end))).toString('latin1');
      if (/^(BT|re|S)$/m.test(text)) out.push(text);
    } catch {
      // not a Flate stream (the XMP metadata)
    }
    re.lastIndex = end + 1;
  }
  return out;
}

describe('drawPdf', () => {
  it('puts each text at its baseline and x, as wide as its glyphs and spacing (poppler’s boxes)', () => {
    const found = words(file);
    const sizes = pageSizes(file, 3);
    expect(sizes.map((s) => [s.width, s.height])).toEqual([[595.28, 841.89], [841.89, 595.28], [595.28, 841.89]]);
    let checked = 0;
    pages.forEach((items, p) => {
      for (const t of items) {
        if (t.kind !== 'text') continue;
        const w = found.find((x) => x.page === p + 1 && x.text === t.text);
        expect(w, t.text).toBeDefined();
        const font = faceOf(t);
        const descent = (-font.hhea.descent / font.unitsPerEm) * t.style.size;
        const ascent = (font.hhea.ascent / font.unitsPerEm) * t.style.size;
        const [x0, y0, x1, y1] = w!.box;
        expect(Math.abs(x0 - t.x), t.text).toBeLessThan(0.5);
        expect(Math.abs(y1 - descent - t.y), t.text).toBeLessThan(0.5); // baseline
        expect(Math.abs(y0 + ascent - t.y), t.text).toBeLessThan(0.5);
        // poppler's box ends at the last glyph's advance: the spacing between glyphs only.
        const width = advance(font, t.text, t.style.size) + (t.spacing ?? 0) * ([...t.text].length - 1);
        expect(Math.abs(x1 - (t.x + width)), t.text).toBeLessThan(0.5);
        checked++;
      }
    });
    expect(checked).toBe(8);
  });

  it('draws the rules 0.6 pt black, stating the stroke once for rules of one width', () => {
    const rules = strokes(file, 1);
    const planned = pages[0].filter((i) => i.kind === 'rule');
    expect(rules).toHaveLength(planned.length);
    rules.forEach((r, k) => {
      const p = planned[k] as { x1: number; y1: number; x2: number; y2: number };
      // (poppler's cairo output scales a stroked path by ~0.9988 about the page's corner: 0.64 pt at x = 533)
      for (const key of ['x1', 'y1', 'x2', 'y2'] as const) expect(Math.abs(r[key] - p[key]), key).toBeLessThan(1);
      expect(r.style).toMatch(/stroke-width:0\.6;.*stroke:rgb\(0%,0%,0%\)/);
    });
    const page1 = contentStreams(bytes).find((c) => c.includes('re\n'))!;
    // The segments exactly where the plan puts them (y downwards: the page's first cm flips it).
    const segments = [...page1.matchAll(/^([\d.]+) ([\d.]+) m\n([\d.]+) ([\d.]+) l$/gm)].map((m) => m.slice(1).map(Number));
    expect(segments).toEqual(planned.map((r) => r.kind === 'rule' && [r.x1, r.y1, r.x2, r.y2]));
    expect(page1.match(/ w\n/g)).toHaveLength(1);
    expect(page1.match(/^S$/gm)).toHaveLength(1);
  });

  it('fills below the text, and the text over a fill stays black', () => {
    const fills = filledRects(file, 1);
    expect(fills).toHaveLength(1);
    expect(fills[0].color).toMatch(/^rgb\(94\.1\d*%,94\.1\d*%,94\.1\d*%\)$/); // #f0f0f0
    fills[0].box.forEach((v, k) => expect(Math.abs(v - [62, 180, 262, 210][k])).toBeLessThan(0.5));
    const page1 = contentStreams(bytes).find((c) => c.includes('re\n'))!;
    expect(page1.indexOf('f\n')).toBeLessThan(page1.indexOf('BT'));
    // The text's pixels on the fill are black: render the page in grey and look at the darkest.
    execFileSync('pdftoppm', ['-r', '72', '-gray', '-f', '1', '-l', '1', '-x', '62', '-y', '180', '-W', '200', '-H', '30', file, join(dir, 'fill')]);
    const pgm = readFileSync(join(dir, readdirSync(dir).find((f) => f.startsWith('fill'))!));
    const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.toString('latin1', 0, 40))!;
    const pixels = pgm.subarray(header[0].length);
    expect(Math.min(...pixels)).toBeLessThan(40);
    expect(Math.max(...pixels)).toBe(240); // #f0f0f0 around the glyphs
  });

  it('links to named destinations, which sit where the plan puts them', () => {
    const xml = execFileSync('pdftohtml', ['-xml', '-i', '-q', '-stdout', '-f', '1', '-l', '1', file], { encoding: 'utf8' });
    expect(xml).toMatch(/<a href="[^"#]*#2">目录项<\/a>/);
    const dests = execFileSync('pdfinfo', ['-dests', file], { encoding: 'utf8' });
    const found = new Map<string, number[]>();
    for (const m of dests.matchAll(/^\s*(\d+) \[ XYZ\s+([\d.]+)\s+([\d.]+) null\s*\] "([^"]+)"$/gm)) found.set(m[4], [m[1], m[2], m[3]].map(Number));
    // Page 2 is landscape, 595.28 high: y = 90 from the top is 505.28 from the bottom (pdfinfo rounds).
    expect([...found.keys()].sort()).toEqual(['part-2', 'part-2-1']);
    const [page, x, y] = found.get('part-2')!;
    expect([page, x]).toEqual([2, 62]);
    expect(Math.abs(y - 505.28)).toBeLessThan(0.5);
    expect(Math.abs(found.get('part-2-1')![2] - 395.28)).toBeLessThan(0.5);
  });

  it('writes the outline with its tree', () => {
    expect(outline(file)).toEqual([
      { title: '第二部分', page: 2, depth: 1 },
      { title: '小节', page: 2, depth: 2 },
      { title: '附表', page: 2, depth: 1 },
    ]);
  });

  it('writes Info as the pdfmake renderer did, PDF 1.5, /Lang, compressed, with the faces subset', () => {
    const info = pdfInfo(file);
    expect(info.Title).toBe(meta.title);
    expect(info.Author).toBe(meta.author);
    expect(info.Subject).toBe(meta.subject);
    expect(info.Keywords).toBe('部门预算, 2031');
    expect(info.Creator).toBe('budget');
    expect(info.Producer).toBe('budget (PDFKit)');
    expect(info.CreationDate).toBe('2031-02-10T04:53:20Z');
    expect(info.ModDate).toBe('2031-02-10T04:53:20Z');
    expect(info['PDF version']).toBe('1.5');
    expect(info.Pages).toBe('3');
    const custom = execFileSync('pdfinfo', ['-custom', file], { encoding: 'utf8' });
    expect(custom).toMatch(/^BudgetBuild:\s+b3f1c2d4$/m);
    const raw = Buffer.from(bytes).toString('latin1');
    expect(raw).toMatch(/\/Lang \(zh-CN\)/);
    expect(raw).toMatch(/\/Filter \/FlateDecode/);
    const fonts = pdfFonts(file);
    expect(fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual(['NotoSansSC-Bold', 'NotoSerifSC-Regular']);
    for (const f of fonts) expect([f.emb, f.sub, f.uni, f.name.includes('+')]).toEqual(['yes', 'yes', 'yes', true]);
  });

  it('gives the same bytes for the same plan, whatever the clock', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2040-01-01T00:00:00Z'));
      const again = await drawPdf(plan, meta, files, world);
      expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
    } finally {
      vi.useRealTimers();
    }
    // …and different bytes for a different plan (the comparison can fail).
    const moved = { ...plan, pages: [{ ...plan.pages[0], items: [text(71, 200, '一般公共预算', 'body', 16)] }, ...plan.pages.slice(1)] };
    expect(Buffer.from(await drawPdf(moved, meta, files, world)).equals(Buffer.from(bytes))).toBe(false);
  });
});

describe('text.ts’s lines drawn by draw.ts', () => {
  it('end where text.ts says: a justified line at the box’s right edge, as poppler reads the glyphs', async () => {
    const kit = openTextKit(files, world);
    const style = { face: 'body' as const, size: 16 };
    const para =
      '根据预算法规定，本部门2023年收入预算1,234.56万元，比上年增长12.5%，主要是GDP统计口径调整，“数字政府”建设任务增加所致。';
    const [left, width, top, lh] = [62, 300, 100, 24];
    const lines = kit.breakText(para, style, { width, align: 'justify', indent: 32 });
    expect(lines.length).toBeGreaterThan(3);
    const items: Item[] = lines.flatMap((l, i) =>
      l.runs.map((r) => ({ kind: 'text' as const, x: left + r.x, y: top + i * lh, text: r.text, style, spacing: r.spacing })),
    );
    const pdf = join(dir, 'lines.pdf');
    writeFileSync(pdf, await drawPdf({ pages: [{ orientation: 'portrait', items }], outline: [] }, meta, files, world));
    const found = words(pdf);
    const descent = (-serif.hhea.descent / 1000) * 16;
    lines.forEach((l, i) => {
      const on = found.filter((w) => Math.abs(w.box[3] - descent - (top + i * lh)) < 0.5);
      expect(on.map((w) => w.text).join(''), `line ${i}`).toBe(l.runs.map((r) => r.text).join(''));
      expect(Math.abs(Math.min(...on.map((w) => w.box[0])) - (left + l.runs[0].x)), `line ${i} start`).toBeLessThan(0.5);
      const end = Math.max(...on.map((w) => w.box[2]));
      expect(Math.abs(end - (left + l.right)), `line ${i} end`).toBeLessThan(0.5);
      if (i < lines.length - 1) expect(Math.abs(end - (left + width)), `line ${i} flush`).toBeLessThan(0.5);
    });
    // Glyph by glyph (pdftocairo's SVG places each glyph; it scales the page by a hair, ~0.9988,
    // so its x is mapped back through the two line starts the plan fixes, 62 and 94 pt).
    const svg = execFileSync('pdftocairo', ['-svg', pdf, '-'], { encoding: 'utf8' });
    const glyphs = [...svg.matchAll(/<use xlink:href="#glyph[^"]*" x="([\d.]+)" y="([\d.]+)"\/>/g)].map((m) => [Number(m[1]), Number(m[2])]);
    const rows = [...new Set(glyphs.map((g) => g[1]))].sort((a, b) => a - b);
    expect(rows).toHaveLength(lines.length);
    const xs = rows.map((y) => glyphs.filter((g) => g[1] === y).map((g) => g[0]).sort((a, b) => a - b));
    const scale = (xs[0][0] - xs[1][0]) / 32;
    const toPdf = (x: number): number => left + (x - xs[1][0]) / scale;
    lines.forEach((l, i) => {
      // From the line's start on, each glyph after the one before it with the file's advances (a run
      // after a figure or a word after the room g): the runs' x follow from the widths alone.
      const g = Math.max(...l.runs.map((r) => r.spacing));
      const expected: number[] = [];
      let x = left + l.runs[0].x;
      for (const r of l.runs) {
        for (const p of serif.layout(r.text).positions as { xAdvance: number }[]) {
          expected.push(x);
          x += (p.xAdvance * 16) / 1000 + r.spacing;
        }
        if (r.spacing === 0) x += g;
      }
      expect(xs[i]).toHaveLength(expected.length);
      xs[i].forEach((x, k) => expect(Math.abs(toPdf(x) - expected[k]), `line ${i} glyph ${k}`).toBeLessThan(0.1));
    });
  });
});

describe('the engine’s sources', () => {
  it('overwrite no method of another library’s prototype', () => {
    const src = join(import.meta.dirname, '../../../../src/render/pdf/engine');
    for (const f of readdirSync(src).filter((n) => n.endsWith('.ts'))) {
      const s = readFileSync(join(src, f), 'utf8');
      expect(s, f).not.toMatch(/\.prototype(\.\w+|\[[^\]]+\])\s*=[^=]/);
      expect(s, f).not.toMatch(/Object\.getPrototypeOf\([^)]*\)\.\w+\s*=[^=]/);
    }
  });
});
