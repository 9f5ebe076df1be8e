/**
 * The PDF renderer patches pdfmake's, PDFKit's and fontkit's internals (src/render/pdf/patches.ts,
 * simple-text.ts, subset.ts), so it must run with the versions those patches were written for in
 * every install, not only in one made from this repository's lockfile: package.json pins them, npm
 * can keep one copy of each (every dependant's range admits the pinned version), and a render with
 * any other copy stops with an internal error naming the versions (versions.ts).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { PINNED, resolvedVersions, versionProblem, type Pinned } from '../../src/render/pdf/versions.js';
import { ensureBuilt } from '../cli/run.js';
import { nodeWorld } from '../../src/world/index.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const NAMES = Object.keys(PINNED) as Pinned[];
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

describe('the pinned renderer dependencies', () => {
  it('range check follows npm', () => {
    expect(satisfies('0.19.1', '^0.19.1')).toBe(true);
    expect(satisfies('0.19.9', '^0.19.1')).toBe(true);
    expect(satisfies('0.20.0', '^0.19.1')).toBe(false);
    expect(satisfies('2.9.0', '^2.0.4')).toBe(true);
    expect(satisfies('2.0.3', '^2.0.4')).toBe(false);
    expect(satisfies('2.1.0', '~2.0.4')).toBe(false);
    expect(satisfies('2.0.4', '2.0.4')).toBe(true);
  });

  it('are declared in package.json at exactly the versions the patches were written for', () => {
    const deps = json(join(ROOT, 'package.json')).dependencies as Record<string, string>;
    for (const name of NAMES) expect(deps[name], name).toBe(PINNED[name]);
  });

  it('each dependant admits the pinned version, so npm installs one copy of each', () => {
    const pdfmake = json(join(ROOT, 'node_modules/pdfmake/package.json'));
    const pdfkit = json(join(ROOT, 'node_modules/pdfkit/package.json'));
    expect(satisfies(PINNED.pdfkit, pdfmake.dependencies.pdfkit)).toBe(true);
    expect(satisfies(PINNED.fontkit, pdfkit.dependencies.fontkit)).toBe(true);
  });

  it('are locked once each, at the pinned version', () => {
    const lock = json(join(ROOT, 'package-lock.json')).packages as Record<string, { version: string }>;
    for (const name of NAMES) {
      const copies = Object.keys(lock).filter((path) => path === `node_modules/${name}` || path.endsWith(`/node_modules/${name}`));
      expect(copies, name).toEqual([`node_modules/${name}`]);
      expect(lock[`node_modules/${name}`].version, name).toBe(PINNED[name]);
    }
  });

  it('are the copies the renderer loads (pdfmake → its PDFKit → its fontkit)', () => {
    const found = resolvedVersions(nodeWorld());
    for (const name of NAMES) {
      expect(found[name].version, name).toBe(PINNED[name]);
      // Node resolves to real paths: compare those (node_modules may itself be a link).
      expect(found[name].dir, name).toBe(realpathSync(join(ROOT, 'node_modules', name)));
    }
    expect(versionProblem(found)).toBeUndefined();
  });

  it('a different copy is refused with the versions expected and found', () => {
    const found = resolvedVersions(nodeWorld());
    const problem = versionProblem({ ...found, fontkit: { version: '2.1.0', dir: '/x/node_modules/fontkit' } });
    expect(problem).toContain('pdfmake 0.3.11, pdfkit 0.19.1, fontkit 2.0.4');
    expect(problem).toContain('fontkit 2.1.0 (/x/node_modules/fontkit)');
    expect(problem).not.toContain('pdfkit 0.19.1 ('); // only the wrong ones are listed as found
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

  it('builds when the linked PDFKit says the pinned version (the layout itself works)', () => {
    const r = buildIn(fakeInstall(PINNED.pdfkit));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.pdfs).toHaveLength(1);
  });

  it('stops with an internal error naming the versions, and writes nothing', () => {
    const root = fakeInstall('0.19.0');
    const r = buildIn(root);
    expect(r.code).toBe(70);
    expect(r.stderr).toContain('internal error');
    expect(r.stderr).toContain('written for pdfmake 0.3.11, pdfkit 0.19.1, fontkit 2.0.4');
    expect(r.stderr).toContain(`pdfkit 0.19.0 (${join(root, 'node_modules/pdfkit')})`);
    expect(r.pdfs).toEqual([]);
  });
});
