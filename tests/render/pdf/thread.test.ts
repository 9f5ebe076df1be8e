/**
 * The PDF thread (src/render/pdf/thread.ts): the same bytes as rendering in this thread, errors
 * carried back, and a clean close. A worker thread runs compiled JavaScript, so this test uses
 * dist/ (compiled first when older than src/, as `npm test` does).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Document } from '../../../src/document/model.js';
import type * as PdfIndex from '../../../src/render/pdf/index.js';
import { sampleDoc, table1 } from './sample-doc.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

let pdf: typeof PdfIndex;
let thread: PdfIndex.PdfThread;

beforeAll(async () => {
  const entry = join(ROOT, 'dist/render/pdf/thread-worker.js');
  let built = 0;
  try {
    built = Math.min(statSync(entry).mtimeMs, statSync(join(ROOT, 'dist/render/pdf/index.js')).mtimeMs);
  } catch {
    /* not built */
  }
  if (built < newest(join(ROOT, 'src/render/pdf'))) {
    spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', ROOT], { stdio: 'ignore' });
  }
  pdf = (await import(pathToFileURL(join(ROOT, 'dist/render/pdf/index.js')).href)) as typeof PdfIndex;
  thread = pdf.startPdfThread(pdf.defaultFonts());
}, 120_000);

afterAll(async () => {
  await thread?.close();
});

describe('the PDF thread', () => {
  it('renders the same bytes as renderPdf in this thread', async () => {
    const fonts = pdf.defaultFonts();
    const [there, here] = await Promise.all([thread.render(sampleDoc, fonts), pdf.renderPdf(sampleDoc, fonts)]);
    expect(there.length).toBeGreaterThan(10_000);
    expect(Buffer.from(there).equals(Buffer.from(here))).toBe(true);
  }, 60_000);

  it('rejects with the renderer’s error and keeps working', async () => {
    const broken: Document = {
      ...sampleDoc,
      sections: [{ newPage: true, blocks: [{ ...table1, rows: [{ cells: [null] }] }] }],
    };
    await expect(thread.render(broken, pdf.defaultFonts())).rejects.toThrow(/row 0 has 1 cells/);
    const again = await thread.render(sampleDoc, pdf.defaultFonts());
    expect(Buffer.from(again.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
  }, 60_000);

  it('refuses work once closed', async () => {
    const t = pdf.startPdfThread();
    await t.close();
    await expect(t.render(sampleDoc, pdf.defaultFonts())).rejects.toThrow(/closed/);
  });
});
