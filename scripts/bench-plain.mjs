#!/usr/bin/env node
// The plain baseline of `npm run bench` (issue 14): the same content as `budget build data/2023`
// (the reference narrative and its twelve tables) written to a PDF with pdfmake and an XLSX with
// exceljs the way a team would without this project: no checking, no speed work, the libraries
// used as their READMEs show (one pdfmake document, one exceljs workbook with a sheet per table).
// Every case of the bench is reported as a ratio to this script's time, measured in the same run,
// so that the machine's load cancels out.
//
//   node scripts/bench-plain.mjs --extract content.json [data/2023]   (needs `npm run build`)
//   node scripts/bench-plain.mjs content.json --out DIR               (the timed run)
//
// The content is taken from budget's own document model once (--extract, not timed): the team's
// text and figures, as a JSON file of headings, paragraphs and table cells. The timed run reads
// that file and nothing else of budget's.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

if (args[0] === '--extract') {
  const dir = args[2] ?? join(root, 'data/2023');
  const { checkDir } = await import(join(root, 'dist/compile.js'));
  const { nodeWorld } = await import(join(root, 'dist/world/index.js'));
  const { budgetToDocument } = await import(join(root, 'dist/document/index.js'));
  const checked = checkDir(dir, nodeWorld(), { strict: false, profiles: join(root, 'profiles') });
  if (!checked.budget) throw new Error(`${dir}: no budget (${checked.status})`);
  const { doc } = budgetToDocument(checked.budget, checked.profile, checked.templates, { sourceDateEpoch: 1676000000 });
  const text = (c) => (c === null ? null : { text: c.text, colSpan: c.colSpan, rowSpan: c.rowSpan, number: c.kind === 'number' });
  const blocks = doc.sections.flatMap((s) =>
    s.blocks.map((b) => {
      if (b.kind === 'heading') return { kind: 'heading', level: b.level, text: b.text };
      if (b.kind === 'paragraph') return { kind: 'paragraph', text: b.text, indent: b.indent };
      if (b.kind === 'list') return { kind: 'list', items: b.items };
      if (b.kind === 'table')
        return { kind: 'table', caption: b.caption, title: b.title, landscape: b.orientation === 'landscape', header: b.header, widths: b.columns.map((c) => c.width), rows: b.rows.map((r) => r.cells.map(text)), notes: b.notes };
      return { kind: 'pagebreak' };
    }),
  );
  writeFileSync(args[1], JSON.stringify({ title: doc.cover.title, lines: doc.cover.lines, blocks }));
  process.exit(0);
}

const outAt = args.indexOf('--out');
const out = outAt >= 0 ? args[outAt + 1] : join(root, 'out-plain');
const content = JSON.parse(readFileSync(args.find((a, i) => !a.startsWith('--') && i !== outAt + 1), 'utf8'));
mkdirSync(out, { recursive: true });

// A header tree as table rows: each label spans its leaves, a leaf spans the rows below it.
function headerRows(nodes) {
  const depth = (n) => 1 + Math.max(0, ...(n.children ?? []).map(depth));
  const leaves = (n) => (n.children?.length ? n.children.reduce((s, c) => s + leaves(c), 0) : 1);
  const rows = Math.max(...nodes.map(depth));
  const grid = Array.from({ length: rows }, () => []);
  const place = (list, level) => {
    for (const n of list) {
      const span = leaves(n);
      const down = n.children?.length ? 1 : rows - level;
      grid[level].push({ text: n.label, colSpan: span, rowSpan: down, bold: true, alignment: 'center' });
      for (let i = 1; i < span; i++) grid[level].push({});
      for (let r = 1; r < down; r++) for (let i = 0; i < span; i++) grid[level + r].push({});
      if (n.children?.length) place(n.children, level + 1);
    }
  };
  place(nodes, 0);
  return grid;
}

// ---- PDF: pdfmake, as its README shows it.
const pdfmake = (await import('pdfmake')).default;
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy(() => true); // the font files
const fonts = join(root, 'fonts');
pdfmake.setFonts({
  // Bold runs in the bold sans, as budget sets them.
  Serif: { normal: join(fonts, 'NotoSerifSC-Regular.ttf'), bold: join(fonts, 'NotoSansSC-Bold.ttf') },
  Sans: { normal: join(fonts, 'NotoSansSC-Bold.ttf'), bold: join(fonts, 'NotoSansSC-Bold.ttf') },
});
const body = [
  { text: content.title, font: 'Sans', fontSize: 28, alignment: 'center', margin: [0, 200, 0, 40] },
  ...content.lines.map((l) => ({ text: l, fontSize: 16, alignment: 'center' })),
];
const sizes = { 1: 22, 2: 18, 3: 16 };
for (const b of content.blocks) {
  if (b.kind === 'heading') body.push({ text: b.text, font: 'Sans', fontSize: sizes[b.level], alignment: b.level === 3 ? 'left' : 'center', margin: [0, 8, 0, 4] });
  else if (b.kind === 'paragraph') body.push({ text: b.text, alignment: 'justify', leadingIndent: b.indent ? 32 : 0 });
  else if (b.kind === 'list') for (const item of b.items) body.push({ text: item, alignment: 'justify', leadingIndent: 32 });
  else if (b.kind === 'pagebreak') body.push({ text: '', pageBreak: 'after' });
  else if (b.kind === 'table') {
    const pageOrientation = b.landscape ? 'landscape' : 'portrait';
    body.push({ text: b.caption, font: 'Sans', fontSize: 14, pageBreak: 'before', pageOrientation });
    body.push({ text: b.title, font: 'Sans', fontSize: 18, alignment: 'center', margin: [0, 4, 0, 8] });
    const header = headerRows(b.header);
    const total = b.widths.reduce((s, w) => s + w, 0);
    body.push({
      table: {
        headerRows: header.length,
        widths: b.widths.map((w) => `${((w / total) * 100).toFixed(2)}%`),
        body: [
          ...header,
          ...b.rows.map((r) => {
            const row = [];
            for (const c of r) row.push(c === null ? {} : { text: c.text, colSpan: c.colSpan, rowSpan: c.rowSpan, alignment: c.number ? 'right' : 'left' });
            return row;
          }),
        ],
      },
      fontSize: 10.5,
      lineHeight: 1.2,
    });
    for (const n of b.notes) body.push({ text: n, fontSize: 10.5 });
  }
}
const definition = {
  pageSize: 'A4',
  pageMargins: [62, 68, 62, 62],
  info: { title: content.title },
  defaultStyle: { font: 'Serif', fontSize: 16, lineHeight: 1.5 },
  footer: (page) => ({ text: `- ${page} -`, alignment: 'center', fontSize: 12 }),
  content: body,
};
writeFileSync(join(out, 'plain.pdf'), await pdfmake.createPdf(definition).getBuffer());

// ---- XLSX: exceljs, one sheet per table.
const ExcelJS = (await import('exceljs')).default;
const wb = new ExcelJS.Workbook();
let n = 0;
for (const b of content.blocks) {
  if (b.kind !== 'table') continue;
  const ws = wb.addWorksheet(`表${++n}`);
  ws.addRow([b.title]);
  const header = headerRows(b.header);
  for (const r of header) ws.addRow(r.map((c) => c.text ?? null));
  for (const r of b.rows) {
    ws.addRow(r.map((c) => (c === null ? null : c.text)));
  }
  ws.columns.forEach((col, i) => (col.width = b.widths[i] ? b.widths[i] / 6 : 12));
}
await wb.xlsx.writeFile(join(out, 'plain.xlsx'));
