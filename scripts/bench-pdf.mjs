#!/usr/bin/env node
// Where the time of one PDF goes, for the reference year (or the department-year given), as one
// process: `npm run build && node scripts/bench-pdf.mjs [data/2023] [--out file.pdf]`.
// Prints each phase in ms and the peak RSS. Runs the compiled code in dist/ (as bin/budget does).
import { performance } from 'node:perf_hooks';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const out = outAt >= 0 ? args[outAt + 1] : undefined;
const valueAt = new Set([outAt + 1, args.indexOf('--skip') + 1].filter((i) => i > 0));
const dir = args.find((a, i) => !a.startsWith('--') && !valueAt.has(i)) ?? join(root, 'data/2023');

// Wall time and CPU time (user + system) of each phase: on a loaded machine the CPU time is the
// steadier figure.
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const marks = [];
let last = performance.now();
let lastCpu = cpu();
const mark = (name) => {
  const now = performance.now();
  const c = cpu();
  marks.push([name, now - last, c - lastCpu]);
  last = now;
  lastCpu = c;
};
marks.push(['node start → script', last, lastCpu]);

const { checkDir } = await import(join(root, 'dist/compile.js'));
const { nodeWorld } = await import(join(root, 'dist/world/index.js'));
const { budgetToDocument } = await import(join(root, 'dist/document/index.js'));
mark('import pipeline');
const checked = checkDir(dir, nodeWorld(), { strict: false, profiles: join(root, 'profiles') });
if (!checked.budget) throw new Error(`${dir}: the check did not produce a budget (${checked.status})`);
const { doc } = budgetToDocument(checked.budget, checked.profile, checked.templates, { sourceDateEpoch: 1676000000 });
if (!doc) throw new Error('no document');
mark('check + document');

const pdfmake = (await import('pdfmake')).default;
mark('import pdfmake (pdfkit, fontkit)');
// --files: hand pdfmake the font files themselves, for fontkit's own formats, instead of the
// faces of src/render/pdf/faces.ts (to measure what they buy).
if (args.includes('--files')) (await import(join(root, 'dist/render/pdf/render.js'))).setFaceFormat(false);
const { renderPdf, defaultFonts } = await import(join(root, 'dist/render/pdf/index.js'));
const fonts = defaultFonts();

// Split the render into pdfmake's phases by wrapping its layout and PDFKit's end().
const require = createRequire(import.meta.url);
const Printer = require('pdfmake/js/Printer.js').default;
const LayoutBuilder = require('pdfmake/js/LayoutBuilder.js').default;
const layout = LayoutBuilder.prototype.layoutDocument;
let layoutMs = 0;
let layoutCpu = 0;
LayoutBuilder.prototype.layoutDocument = function (...a) {
  const t = performance.now();
  const c = cpu();
  try {
    return layout.apply(this, a);
  } finally {
    layoutMs += performance.now() - t;
    layoutCpu += cpu() - c;
  }
};
const create = Printer.prototype.createPdfKitDocument;
let createMs = 0;
let createCpu = 0;
Printer.prototype.createPdfKitDocument = async function (...a) {
  const t = performance.now();
  const c = cpu();
  const d = await create.apply(this, a);
  createMs += performance.now() - t;
  createCpu += cpu() - c;
  return d;
};

const t0 = performance.now();
const c0 = cpu();
const bytes = await renderPdf(doc, fonts, nodeWorld());
const total = performance.now() - t0;
const totalCpu = cpu() - c0;
marks.push(['renderPdf: read fonts, measure + layout (fontkit shaping)', layoutMs, layoutCpu]);
marks.push(['renderPdf: draw pages (PDFKit content streams)', createMs - layoutMs, createCpu - layoutCpu]);
marks.push(['renderPdf: end (subset fonts, compress, write)', total - createMs, totalCpu - createCpu]);
const firstPdfAt = performance.now();
const firstPdfCpu = cpu();

// --once: only the first render (for --cpu-prof runs that should show the CLI's single render).
const once = args.includes('--once');
const t1 = performance.now();
const c1 = cpu();
if (!once) await renderPdf(doc, fonts, nodeWorld());
const second = performance.now() - t1;
const secondCpu = cpu() - c1;

if (out) writeFileSync(out, bytes);
const row = (ms, c, name) => console.log(`${ms.toFixed(0).padStart(6)} ms ${c.toFixed(0).padStart(6)} ms cpu  ${name}`);
console.log('  wall        cpu');
for (const [name, ms, c] of marks) row(ms, c, name);
row(firstPdfAt, firstPdfCpu, 'process start → first PDF in memory');
if (!once) row(second, secondCpu, 'a second render in the same process (fonts cached)');
console.log(`${(process.resourceUsage().maxRSS / 1024).toFixed(0).padStart(6)} MB  peak RSS`);
console.log(`${(bytes.length / 1024).toFixed(0).padStart(6)} KB  PDF, ${doc.sections.length} sections`);
void pdfmake;
