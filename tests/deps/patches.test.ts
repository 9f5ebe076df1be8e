/**
 * Changes to PDFKit's and fontkit's own files are patch-package diffs,
 * patches/<package>+<version>.patch, applied by `npm install` and `npm ci` (package.json `prepare`):
 * in PDFKit, a stream's operators made bytes once per stream instead of once each
 * (PDFReference.write), @noble's hashes and ciphers required when encryption first uses them, and
 * the XMP metadata's text escaped (tests/render/pdf/xmp.test.ts);
 * in fontkit, brotli required when a WOFF2 font first needs it (the render thread loads neither on
 * its way to its first render: the last test here). These tests fail when that no longer holds:
 * the lockfile or node_modules brings another version than a patch was made for (re-make the patch
 * on the new version, or drop what the release does itself), or the files the renderer loads are
 * not the patched ones (an install that skipped the scripts). The bytes are read back in
 * tests/render/pdf/faces.test.ts and render-pdf.test.ts (the same PDF whatever the path).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { pdfkitRequire } from '../../src/render/pdf/deps.js';
import { defaultFonts, renderPdf } from '../../src/render/pdf/index.js';
import { nodeWorld } from '../../src/world/index.js';
import { sampleDoc } from '../render/pdf/sample-doc.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const json = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
const PATCHES = readdirSync(join(ROOT, 'patches')).filter((f) => f.endsWith('.patch'));

interface FileDiff {
  /** The path inside the package, e.g. js/TableProcessor.js. */
  readonly file: string;
  readonly added: string[];
  readonly removed: string[];
}

/** The files a patch-package diff changes, with the lines it adds and removes (no context lines). */
function parse(text: string, pkg: string): FileDiff[] {
  const out: { file: string; added: string[]; removed: string[] }[] = [];
  for (const line of text.split('\n')) {
    const head = /^diff --git a\/node_modules\/([^ ]+) b\//.exec(line);
    if (head) {
      expect(head[1].startsWith(`${pkg}/`), head[1]).toBe(true);
      out.push({ file: head[1].slice(pkg.length + 1), added: [], removed: [] });
    } else if (out.length > 0 && line.startsWith('+') && !line.startsWith('+++')) out[out.length - 1].added.push(line.slice(1));
    else if (out.length > 0 && line.startsWith('-') && !line.startsWith('---')) out[out.length - 1].removed.push(line.slice(1));
  }
  return out;
}

/** Each patch file: its package and version. */
const parsed = PATCHES.map((f) => {
  const m = /^(pdfkit|fontkit)\+(\d+\.\d+\.\d+)\.patch$/.exec(f);
  expect(m, f).not.toBeNull();
  return { file: f, pkg: m![1], version: m![2] };
});

/** The files the renderer loads, by package: PDFKit as src/render/pdf resolves it, fontkit as PDFKit does. */
function loadedFiles(): Record<string, { dir: string; files: string[] }> {
  // Neither is in the bundle (scripts/bundle.mjs EXTERNAL): the runtime reads these files.
  const pdfkit = pdfkitRequire().resolve('pdfkit');
  const fontkit = pdfkitRequire().resolve('fontkit');
  return {
    pdfkit: { dir: dirname(dirname(pdfkit)), files: [pdfkit] },
    fontkit: { dir: dirname(dirname(fontkit)), files: [fontkit] },
  };
}

describe('the patches of PDFKit and fontkit', () => {
  it('are one per package, for the version the lockfile and node_modules hold', () => {
    expect(parsed.map((p) => p.pkg).sort()).toEqual(['fontkit', 'pdfkit']);
    const lock = json(join(ROOT, 'package-lock.json')).packages;
    for (const p of parsed) {
      expect(lock[`node_modules/${p.pkg}`].version, `the lockfile installs the patched ${p.pkg}`).toBe(p.version);
      expect(json(join(ROOT, 'node_modules', p.pkg, 'package.json')).version, `node_modules holds the patched ${p.pkg}`).toBe(p.version);
    }
  });

  it('are applied by npm install and npm ci', () => {
    const pkg = json(join(ROOT, 'package.json'));
    expect(pkg.scripts.prepare).toMatch(/^patch-package && /);
    expect(Object.keys(pkg.devDependencies)).toContain('patch-package');
  });

  it('are in the files the renderer loads', () => {
    const loaded = loadedFiles();
    for (const p of parsed) {
      const { dir, files } = loaded[p.pkg];
      const diffs = parse(readFileSync(join(ROOT, 'patches', p.file), 'utf8'), p.pkg);
      expect(diffs.map((d) => join(dir, d.file)).sort(), p.file).toEqual([...files].sort());
      for (const d of diffs) {
        const text = readFileSync(join(dir, d.file), 'utf8');
        expect(d.added.length).toBeGreaterThan(0);
        for (const line of d.added) expect(text, `${d.file}: the patched line "${line.trim()}"`).toContain(line);
        // a removed line that is not also an added one is gone from the file
        for (const line of d.removed.filter((l) => !d.added.includes(l) && l.trim() !== '')) expect(text, `${d.file}: "${line.trim()}"`).not.toContain(line);
      }
    }
  });

  it('are small', () => {
    for (const p of parsed) {
      const diffs = parse(readFileSync(join(ROOT, 'patches', p.file), 'utf8'), p.pkg);
      const changed = diffs.reduce((n, d) => n + d.added.length + d.removed.length, 0);
      expect(changed, p.file).toBeLessThan(70);
    }
  });
});

describe('what the PDFKit and fontkit patches leave unloaded', () => {
  // The render thread's way to its first render loads all of PDFKit and fontkit (src/render/thread.ts);
  // these modules only encrypt (PDFKit's @noble) or decode WOFF2 (fontkit's brotli), and building
  // their tables as they load cost the thread ~15 % of its instructions to readiness.
  it('a render loads PDFKit and fontkit, but neither @noble nor brotli', async () => {
    const bytes = await renderPdf(sampleDoc, defaultFonts(), nodeWorld());
    expect(bytes.length).toBeGreaterThan(1000);
    const loaded = Object.keys(createRequire(import.meta.url).cache).map((f) => f.split('\\').join('/'));
    expect(loaded.some((f) => f.endsWith('/pdfkit/js/pdfkit.js'))).toBe(true);
    expect(loaded.some((f) => f.endsWith('/fontkit/dist/main.cjs'))).toBe(true);
    expect(loaded.filter((f) => /\/node_modules\/(@noble\/|brotli\/)/.test(f))).toEqual([]);
  }, 60_000);
});
