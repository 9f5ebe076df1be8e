#!/usr/bin/env node
// Where the time of one PDF goes, for the reference year (or the department-year given), as one
// process: `npm run build && node scripts/bench-pdf.mjs [data/2023] [--out file.pdf] [--files]`.
// Prints each phase in ms (wall and CPU) and the peak RSS; then the same render again, warm.
// Runs the compiled code in dist/ (as bin/budget does). --files: hand PDFKit the font files
// themselves, for fontkit's own formats, instead of the faces of src/render/pdf/faces.ts (to
// measure what they buy).
import { performance } from 'node:perf_hooks';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const out = outAt >= 0 ? args[outAt + 1] : undefined;
const dir = args.find((a, i) => !a.startsWith('--') && i !== outAt + 1) ?? join(root, 'data/2023');

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

const render = await import(join(root, 'dist/render/pdf/render.js'));
const { openTextKit } = await import(join(root, 'dist/render/pdf/engine/text.js'));
const { layoutDocument } = await import(join(root, 'dist/render/pdf/engine/flow.js'));
const { layoutTable } = await import(join(root, 'dist/render/pdf/engine/table.js'));
const { drawPdf } = await import(join(root, 'dist/render/pdf/engine/draw.js'));
const { defaultFonts } = await import(join(root, 'dist/render/pdf/fonts.js'));
if (args.includes('--files')) render.setFaceFormat(false);
const fonts = defaultFonts();
const world = nodeWorld();
mark('import renderer');
await render.preloadPdf(world, fonts);
mark('load PDFKit, read and parse the faces');

let bytes;
for (const pass of ['first', 'second']) {
  const kit = openTextKit(fonts, world);
  const plan = layoutDocument(doc, kit, layoutTable, { title: 'heading', subheading: 'heading' });
  mark(`${pass} render: layout (${plan.pages.length} pages)`);
  bytes = await drawPdf(plan, doc.meta, fonts, world);
  mark(`${pass} render: draw, subset, compress`);
}
if (out) writeFileSync(out, bytes);

const w = Math.max(...marks.map(([n]) => n.length));
for (const [name, ms, c] of marks) console.log(`${name.padEnd(w)}  ${ms.toFixed(0).padStart(6)} ms  cpu ${c.toFixed(0).padStart(6)} ms`);
console.log(`${'peak RSS'.padEnd(w)}  ${(process.resourceUsage().maxRSS / 1024).toFixed(0).padStart(6)} MB`);
console.log(`${'PDF'.padEnd(w)}  ${(bytes.length / 1024).toFixed(0).padStart(6)} KB`);
