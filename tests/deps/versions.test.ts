/**
 * The PDF renderer's dependencies: package.json asks for PDFKit alone, as a caret range (the
 * layout is the engine's own, src/render/pdf/engine; no method of PDFKit or fontkit is replaced at
 * run time; the one change to PDFKit's own files is a patch-package diff, tests/deps/patches.test.ts),
 * and the lockfile installs one copy of each, the copies the renderer resolves. pdfmake is only a
 * devDependency: the plain baseline of the benchmark (scripts/bench-plain.mjs) is written with it.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { pdfkitRequire } from '../../src/render/pdf/deps.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const NAMES = ['pdfkit', 'fontkit'];
const json = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

/** Whether `version` (x.y.z) is in `range`: an exact version, ^x.y.z or ~x.y.z (npm's semantics). */
function satisfies(version: string, range: string): boolean {
  const parse = (v: string) => v.split('.').map(Number) as [number, number, number];
  const m = /^([~^]?)(\d+\.\d+\.\d+)$/.exec(range.trim());
  if (!m) throw new Error(`range form not handled here: ${range}`);
  const [v, low] = [parse(version), parse(m[2])];
  const cmp = (a: number[], b: number[]) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
  if (m[1] === '') return cmp(v, low) === 0;
  if (cmp(v, low) < 0) return false;
  if (m[1] === '~') return v[0] === low[0] && v[1] === low[1];
  // ^: the left-most non-zero part is fixed.
  if (low[0] > 0) return v[0] === low[0];
  if (low[1] > 0) return v[0] === 0 && v[1] === low[1];
  return v[0] === 0 && v[1] === 0 && v[2] === low[2];
}

describe('the renderer dependencies', () => {
  it('range check follows npm', () => {
    expect(satisfies('0.19.1', '^0.19.1')).toBe(true);
    expect(satisfies('0.19.9', '^0.19.1')).toBe(true);
    expect(satisfies('0.20.0', '^0.19.1')).toBe(false);
    expect(satisfies('2.9.0', '^2.0.4')).toBe(true);
    expect(satisfies('2.0.3', '^2.0.4')).toBe(false);
    expect(satisfies('2.1.0', '~2.0.4')).toBe(false);
    expect(satisfies('2.0.4', '2.0.4')).toBe(true);
  });

  it('are PDFKit alone, as a caret range: fontkit is the copy PDFKit brings', () => {
    const pkg = json(join(ROOT, 'package.json'));
    const deps = pkg.dependencies as Record<string, string>;
    expect(deps).toEqual({ pdfkit: '^0.19.1' });
    const pdfkit = json(join(ROOT, 'node_modules/pdfkit/package.json'));
    const fontkit = json(join(ROOT, 'node_modules/fontkit/package.json'));
    expect(satisfies(pdfkit.version, deps.pdfkit)).toBe(true);
    expect(satisfies(fontkit.version, pdfkit.dependencies.fontkit)).toBe(true);
    // the benchmark's plain script only
    expect(Object.keys(pkg.devDependencies)).toContain('pdfmake');
  });

  it('are locked once each (one PDFKit, one fontkit: the copies the renderer loads)', () => {
    const lock = json(join(ROOT, 'package-lock.json')).packages as Record<string, { version: string }>;
    for (const name of NAMES) {
      const copies = Object.keys(lock).filter((path) => path === `node_modules/${name}` || path.endsWith(`/node_modules/${name}`));
      expect(copies, name).toEqual([`node_modules/${name}`]);
    }
    // PDFKit → its fontkit, as the renderer resolves them (src/render/pdf/deps.ts).
    const inside = (file: string, name: string) => realpathSync(file).startsWith(realpathSync(join(ROOT, 'node_modules', name)) + '/');
    expect(inside(pdfkitRequire().resolve('pdfkit'), 'pdfkit')).toBe(true);
    expect(inside(pdfkitRequire().resolve('fontkit'), 'fontkit')).toBe(true);
  });
});
