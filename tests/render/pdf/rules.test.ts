/**
 * Table rules written without restating their stroke state (the change to pdfmake's
 * Renderer.renderVector in patches/pdfmake+0.3.11.patch): in the sample document's tables most
 * rules follow one of the same width and colour, and are written as their path and `S` alone,
 * where pdfmake writes each with its line width, dash, join, cap, colour space, colour and opacity
 * state (ten operators). Read from the PDF's page contents: strokes far outnumber the line widths
 * set, and every rule poppler finds is still drawn (the same count of rules as strokes written).
 */
import { inflateSync } from 'node:zlib';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultFonts, renderPdf } from '../../../src/render/pdf/index.js';
import { nodeWorld } from '../../../src/world/index.js';
import { horizontalRules, pageTexts } from './poppler.js';
import { sampleDoc } from './sample-doc.js';

let pdf: Buffer;
let file: string;

beforeAll(async () => {
  pdf = Buffer.from(await renderPdf(sampleDoc, defaultFonts(), nodeWorld()));
  file = join(mkdtempSync(join(tmpdir(), 'budget-rules-')), 'sample.pdf');
  writeFileSync(file, pdf);
}, 120_000);

/** The operators of every decompressed stream that draws (page contents). */
function operators(): string[] {
  const out: string[] = [];
  const text = pdf.toString('latin1');
  const re = /stream\r?\n/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    try {
      const body = inflateSync(pdf.subarray(start, end)).toString('latin1');
      if (/\bS\b/.test(body)) out.push(...body.split('\n'));
    } catch {
      // not a Flate stream
    }
    re.lastIndex = end + 'endstream'.length;
  }
  return out;
}

describe('table rules', () => {
  it('are written as their path alone after a like rule', () => {
    const ops = operators();
    const strokes = ops.filter((l) => l === 'S').length;
    const widths = ops.filter((l) => / w$/.test(l)).length;
    expect(strokes).toBeGreaterThan(500);
    // pdfmake alone sets a width for every stroke; here most strokes reuse the one before.
    expect(widths).toBeLessThan(strokes / 3);
  });

  it('are all still drawn: poppler finds the horizontal rules of every table page', () => {
    const pages = pageTexts(file).length;
    let rules = 0;
    for (let p = 1; p <= pages; p++) rules += horizontalRules(file, p).length;
    expect(rules).toBeGreaterThan(200);
  }, 60_000);
});
