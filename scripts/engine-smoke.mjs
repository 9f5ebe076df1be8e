#!/usr/bin/env node
// A look at the layout engine's text and drawing (src/render/pdf/engine/text.ts, draw.ts) on the
// reference narrative, before the flow exists: `npm run build && node scripts/engine-smoke.mjs
// [data/2023] [--out file.pdf] [--pages n]`. Breaks every paragraph, list item and heading of the
// document with text.ts and places the lines by hand on A4 pages (body 16 pt justified, first-line
// indent 2 em, line height 1.5; headings centred in the heading face), draws them with draw.ts and
// writes the PDF (default /tmp/engine-smoke.pdf). Prints the CPU time of breakText over the whole
// narrative (warm: the mean of later runs) and of drawPdf for a plan of `--pages` pages (30 by
// default: the narrative's pages repeated), in ms.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const out = opt('--out', '/tmp/engine-smoke.pdf');
const pagesWanted = Number(opt('--pages', '30'));
const values = new Set([args.indexOf('--out') + 1, args.indexOf('--pages') + 1].filter((i) => i > 0));
const dir = args.find((a, i) => !a.startsWith('--') && !values.has(i)) ?? join(root, 'data/2023');

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const { checkDir } = await import(join(root, 'dist/compile.js'));
const { nodeWorld } = await import(join(root, 'dist/world/index.js'));
const { budgetToDocument } = await import(join(root, 'dist/document/index.js'));
const { defaultFonts } = await import(join(root, 'dist/render/pdf/fonts.js'));
const { GEOMETRY, MARGINS, A4 } = await import(join(root, 'dist/render/pdf/style.js'));
const { openTextKit } = await import(join(root, 'dist/render/pdf/engine/text.js'));
const { drawPdf } = await import(join(root, 'dist/render/pdf/engine/draw.js'));
const { lineBox, baselineOffset } = await import(join(root, 'dist/render/pdf/engine/model.js'));

const world = nodeWorld();
const checked = checkDir(dir, world, { strict: false, profiles: join(root, 'profiles') });
if (!checked.budget) throw new Error(`${dir}: the check did not produce a budget (${checked.status})`);
const { doc } = budgetToDocument(checked.budget, checked.profile, checked.templates, { sourceDateEpoch: 1676000000 });
const fonts = defaultFonts();
const kit = openTextKit(fonts, world);

/** The narrative's texts with how they are set. */
const texts = [];
for (const section of doc.sections) {
  for (const b of section.blocks) {
    if (b.kind === 'paragraph') {
      texts.push({ text: b.text, style: { face: b.bold ? 'bodyBold' : 'body', size: 16 }, align: b.align ?? 'justify', indent: b.indent ? 32 : 0, lh: 1.5 });
    } else if (b.kind === 'list') {
      for (const item of b.items) texts.push({ text: item, style: { face: 'body', size: 16 }, align: 'justify', indent: 32, lh: 1.5 });
    } else if (b.kind === 'heading') {
      const size = b.level === 1 ? 22 : b.level === 2 ? 18 : 16;
      const face = b.level === 1 ? 'title' : b.level === 2 ? 'heading' : 'subheading';
      texts.push({ text: b.text, style: { face, size }, align: b.level === 3 ? 'left' : 'center', indent: b.level === 3 ? 32 : 0, lh: 1.3 });
    }
  }
}
const chars = texts.reduce((n, t) => n + t.text.length, 0);
const width = GEOMETRY.portraitTextWidth;
const breakAll = () => texts.map((t) => kit.breakText(t.text, t.style, { width, align: t.align, indent: t.indent }));

let c0 = cpu();
const broken = breakAll();
const cold = cpu() - c0;
const runs = 20;
c0 = cpu();
for (let i = 0; i < runs; i++) breakAll();
const warm = (cpu() - c0) / runs;
const lines = broken.reduce((n, ls) => n + ls.length, 0);
console.log(`breakText: ${texts.length} texts, ${chars} characters, ${lines} lines: first run ${cold.toFixed(1)} ms CPU, warm ${warm.toFixed(2)} ms CPU (mean of ${runs})`);

// Place the lines on pages.
const pages = [];
let items = [];
let y = MARGINS[1];
const bottom = A4.height - MARGINS[3];
const newPage = () => {
  pages.push({ orientation: 'portrait', items });
  items = [];
  y = MARGINS[1];
};
texts.forEach((t, k) => {
  const box = lineBox(kit.measure, t.style, t.lh);
  const base = baselineOffset(kit.measure, t.style, t.lh);
  for (const line of broken[k]) {
    if (y + box > bottom) newPage();
    for (const r of line.runs) items.push({ kind: 'text', x: MARGINS[0] + r.x, y: y + base, text: r.text, style: t.style, spacing: r.spacing });
    y += box;
  }
  y += 2;
});
if (items.length > 0) newPage();
// Page number and a frame of rules at the text area's edges, to see the lines flush with it.
pages.forEach((p, i) => {
  const footer = `- ${i + 1} -`;
  const fw = kit.measure.width(footer, { face: 'body', size: 12 });
  p.items.push({ kind: 'text', x: (A4.width - fw) / 2, y: bottom + 22 + 12, text: footer, style: { face: 'body', size: 12 }, spacing: 0 });
  for (const x of [MARGINS[0], MARGINS[0] + width]) p.items.push({ kind: 'rule', x1: x, y1: MARGINS[1] - 10, x2: x, y2: bottom, width: 0.6 });
});
const plan = { pages, outline: [] };
const meta = { ...doc.meta };
const pdf = await drawPdf(plan, meta, fonts, world);
writeFileSync(out, pdf);
console.log(`${pages.length} pages → ${out} (${pdf.length} bytes)`);

// drawPdf on a plan of `pagesWanted` pages (the narrative's, repeated).
const big = { pages: Array.from({ length: pagesWanted }, (_, i) => pages[i % pages.length]), outline: [] };
await drawPdf(big, meta, fonts, world); // warm
const draws = Number(process.env.DRAWS ?? 5);
c0 = cpu();
let size = 0;
for (let i = 0; i < draws; i++) size = (await drawPdf(big, meta, fonts, world)).length;
const textItems = big.pages.reduce((n, p) => n + p.items.filter((i) => i.kind === 'text').length, 0);
console.log(`drawPdf: ${pagesWanted} pages, ${textItems} text items, ${size} bytes: ${((cpu() - c0) / draws).toFixed(1)} ms CPU (warm, mean of ${draws})`);
