/**
 * Two changes to pdfmake's own files are a patch-package diff, patches/pdfmake+<version>.patch,
 * applied by `npm install` and `npm ci` (package.json `prepare`): the grid closed at a page break
 * across a row span (pdfmake issue #2270, TableProcessor.js) and a table rule written without
 * restating the stroke state it already has (the TODO in Renderer.renderVector). These tests fail
 * when that no longer holds: the lockfile or node_modules brings another pdfmake than the patch
 * was made for (re-make the patch on the new version, or drop what the release does itself:
 * docs/pdfmake-notes.md), or the files the renderer loads are not the patched ones (an install
 * that skipped the scripts). The behaviour is read back from PDFs in
 * tests/render/pdf/breaks.test.ts (the grid) and tests/render/pdf/rules.test.ts (the rules).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

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

describe('the pdfmake patch', () => {
  it('is the only patch, for the pdfmake version the lockfile and node_modules hold', () => {
    expect(PATCHES).toHaveLength(1);
    const m = /^pdfmake\+(\d+\.\d+\.\d+)\.patch$/.exec(PATCHES[0]);
    expect(m, PATCHES[0]).not.toBeNull();
    const version = m![1];
    expect(json(join(ROOT, 'package-lock.json')).packages['node_modules/pdfmake'].version, 'the lockfile installs the patched version').toBe(version);
    expect(json(join(ROOT, 'node_modules/pdfmake/package.json')).version, 'node_modules holds the patched version').toBe(version);
  });

  it('is applied by npm install and npm ci', () => {
    const pkg = json(join(ROOT, 'package.json'));
    expect(pkg.scripts.prepare).toMatch(/^patch-package && /);
    expect(Object.keys(pkg.devDependencies)).toContain('patch-package');
  });

  it('is in the files the renderer loads: pdfmake as src/render/pdf resolves it, TableProcessor as its LayoutBuilder does, Renderer as its Printer does', () => {
    // pdfmake stays outside the bundle (scripts/bundle.mjs EXTERNAL): the runtime reads these files.
    const main = createRequire(join(ROOT, 'src/render/pdf/render.ts')).resolve('pdfmake');
    const printer = createRequire(createRequire(main).resolve('./base')).resolve('./Printer');
    const layoutBuilder = createRequire(printer).resolve('./LayoutBuilder');
    const loaded = [createRequire(printer).resolve('./Renderer'), createRequire(layoutBuilder).resolve('./TableProcessor')];
    const pkgDir = dirname(createRequire(main).resolve('pdfmake/package.json'));
    const diffs = parse(readFileSync(join(ROOT, 'patches', PATCHES[0]), 'utf8'), 'pdfmake');
    expect(diffs.map((d) => join(pkgDir, d.file)).sort()).toEqual(loaded.sort());
    for (const d of diffs) {
      const text = readFileSync(join(pkgDir, d.file), 'utf8');
      expect(d.added.length).toBeGreaterThan(0);
      for (const line of d.added) expect(text, `${d.file}: the patched line "${line.trim()}"`).toContain(line);
      // a removed line that is not also an added one is gone from the file
      for (const line of d.removed.filter((l) => !d.added.includes(l) && l.trim() !== '')) expect(text, `${d.file}: "${line.trim()}"`).not.toContain(line);
    }
  });

  it('is small', () => {
    const diffs = parse(readFileSync(join(ROOT, 'patches', PATCHES[0]), 'utf8'), 'pdfmake');
    const changed = diffs.reduce((n, d) => n + d.added.length + d.removed.length, 0);
    expect(changed).toBeLessThan(70);
  });
});
