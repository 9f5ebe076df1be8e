/**
 * The PDF renderer's remaining patches reach into pdfmake's, PDFKit's and fontkit's internals
 * (src/render/pdf/patches.ts, simple-text.ts, subset.ts), and each is installed only with the
 * versions it was written for (versions.ts `WRITTEN_FOR`). package.json asks for pdfmake ^0.3.11
 * alone; this repository's lockfile installs the versions every patch was written for, and an
 * install with another copy renders the same document with that library's own code.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { mismatches, patchesFor, resolvedVersions, WRITTEN_FOR, type Library, type Patch } from '../../src/render/pdf/versions.js';
import { PATCHES } from '../../src/render/pdf/patches.js';
import { ensureBuilt } from '../cli/run.js';
import { nodeWorld } from '../../src/world/index.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const NAMES: Library[] = ['pdfmake', 'pdfkit', 'fontkit'];
const PATCH_KEYS = Object.keys(WRITTEN_FOR) as Patch[];
/** The patches installed whatever setPatches says (fixes, not speed-ups). */
const ALWAYS_ON: string[] = ['breakRules'];
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

  it('are pdfmake alone, as a caret range: PDFKit and fontkit are the copies pdfmake brings', () => {
    const deps = json(join(ROOT, 'package.json')).dependencies as Record<string, string>;
    expect(deps).toEqual({ pdfmake: '^0.3.11' });
    const pdfmake = json(join(ROOT, 'node_modules/pdfmake/package.json'));
    const pdfkit = json(join(ROOT, 'node_modules/pdfkit/package.json'));
    expect(satisfies(pdfmake.version, deps.pdfmake)).toBe(true);
    expect(satisfies(pdfkit.version, pdfmake.dependencies.pdfkit)).toBe(true);
  });

  it('are locked once each, at the versions every remaining patch was written for', () => {
    // Fails when the lockfile moves a library under a patch: re-check the patch, then its entry.
    const lock = json(join(ROOT, 'package-lock.json')).packages as Record<string, { version: string }>;
    for (const name of NAMES) {
      const copies = Object.keys(lock).filter((path) => path === `node_modules/${name}` || path.endsWith(`/node_modules/${name}`));
      expect(copies, name).toEqual([`node_modules/${name}`]);
      for (const patch of PATCH_KEYS) {
        const needs: Partial<Record<Library, string>> = WRITTEN_FOR[patch];
        if (needs[name] !== undefined) expect(lock[`node_modules/${name}`].version, `${patch}: ${name}`).toBe(needs[name]);
      }
    }
  });

  it('are the copies the renderer loads (pdfmake → its PDFKit → its fontkit), and every patch is installed with them', () => {
    const found = resolvedVersions(nodeWorld());
    for (const name of NAMES) {
      // Node resolves to real paths: compare those (node_modules may itself be a link).
      expect(found[name].dir, name).toBe(realpathSync(join(ROOT, 'node_modules', name)));
    }
    expect([...mismatches(found)]).toEqual([]);
    expect([...patchesFor(found)].sort()).toEqual([...PATCH_KEYS].sort());
  });

  it('another copy turns off exactly the patches written for its library, naming the versions', () => {
    const found = resolvedVersions(nodeWorld());
    const other = { ...found, fontkit: { version: '2.1.0', dir: '/x/node_modules/fontkit' } };
    const off = mismatches(other);
    const expected = PATCH_KEYS.filter((p) => (WRITTEN_FOR[p] as Partial<Record<Library, string>>).fontkit !== undefined);
    expect(expected.length).toBeGreaterThan(0);
    expect([...off.keys()].sort()).toEqual([...expected].sort());
    for (const text of off.values()) expect(text).toBe('fontkit 2.0.4 (found 2.1.0 in /x/node_modules/fontkit)');
    expect([...patchesFor(other)].sort()).toEqual(PATCH_KEYS.filter((p) => !expected.includes(p)).sort());
  });

  it('are named per patch of patches.ts, and only for patches that are there', () => {
    // When a patch is removed, so is its entry (and with the last entry, the check).
    expect(PATCH_KEYS.filter((p) => !(PATCHES as readonly string[]).includes(p) && !ALWAYS_ON.includes(p))).toEqual([]);
    for (const p of PATCHES) expect(PATCH_KEYS, p).toContain(p);
  });
});

/**
 * An install as npm could lay it out for a data repository whose tree holds another PDFKit: the
 * package's files and every dependency linked from this checkout, except pdfkit, whose
 * package.json says `version`. Run with --preserve-symlinks, Node resolves through the links, so
 * pdfmake finds that pdfkit as it would in such an install.
 */
function fakeInstall(pdfkitVersion: string): string {
  const root = mkdtempSync(join(tmpdir(), 'budget-install-'));
  cpSync(join(ROOT, 'package.json'), join(root, 'package.json'));
  cpSync(join(ROOT, 'bin'), join(root, 'bin'), { recursive: true });
  cpSync(join(ROOT, 'dist/bundle'), join(root, 'dist/bundle'), { recursive: true });
  // The rest of what the package ships ("files"), as a published install has it.
  const shipped = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[] }).files.map((f) => f.replace(/\/$/, ''));
  for (const dir of shipped.filter((f) => f !== 'bin' && !f.startsWith('dist'))) symlinkSync(join(ROOT, dir), join(root, dir));
  const modules = join(root, 'node_modules');
  mkdirSync(modules);
  for (const name of readdirSync(join(ROOT, 'node_modules'))) {
    if (name !== 'pdfkit') symlinkSync(join(ROOT, 'node_modules', name), join(modules, name));
  }
  const real = join(ROOT, 'node_modules/pdfkit');
  mkdirSync(join(modules, 'pdfkit'));
  for (const name of readdirSync(real)) if (name !== 'package.json') symlinkSync(join(real, name), join(modules, 'pdfkit', name));
  writeFileSync(join(modules, 'pdfkit/package.json'), JSON.stringify({ ...json(join(real, 'package.json')), version: pdfkitVersion }));
  return root;
}

function buildIn(root: string) {
  const r = spawnSync(
    process.execPath,
    ['--preserve-symlinks', '--preserve-symlinks-main', join(root, 'bin/budget.js'), 'build', join(ROOT, 'data/2023'), '--only', 'pdf', '--out', join(root, 'out')],
    { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
  );
  const pdfs = existsSync(join(root, 'out/2023')) ? readdirSync(join(root, 'out/2023')).filter((f) => f.endsWith('.pdf')) : [];
  return { code: r.status, stderr: r.stderr, pdfs };
}

describe('an install with another PDFKit (e2e)', () => {
  beforeAll(() => ensureBuilt(), 180_000);

  it('renders the same document without the patches written for PDFKit 0.19.1', () => {
    const same = fakeInstall('0.19.1');
    const other = fakeInstall('0.19.0');
    const a = buildIn(same);
    const b = buildIn(other);
    for (const r of [a, b]) {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.pdfs).toHaveLength(1);
    }
    const pdf = (root: string, r: { pdfs: string[] }) => join(root, 'out/2023', r.pdfs[0]);
    // the words in content order (pdftotext's -layout spacing moves with a fraction of a point)
    const text = (file: string) => spawnSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, '');
    expect(text(pdf(other, b))).toBe(text(pdf(same, a)));
    expect(text(pdf(same, a)).length).toBeGreaterThan(10_000);
    // the patches are off there, and none of those left changes a byte of the document
    expect(readFileSync(pdf(other, b)).equals(readFileSync(pdf(same, a)))).toBe(true);
  }, 120_000);
});
