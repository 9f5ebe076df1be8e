/**
 * Every package a user installs with budget (the production tree: package.json's dependencies and
 * theirs, as installed in node_modules), and every package whose code the CLI bundle carries
 * (dist/bundle/bundled-packages.json, written by scripts/bundle.mjs), is under a licence from the
 * allow-list below, or is one of the explained exceptions. A new dependency under GPL, a proprietary licence or none at all fails
 * here, before it ships in a finance office's install.
 *
 * The tree is walked as Node resolves it (each dependency looked up in node_modules folders from
 * its dependant's folder up), and compared with package-lock.json's non-dev entries, so a package
 * the walk missed, or one the lockfile would install that is not there, is noticed too.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../cli/run.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Licences (SPDX ids) that let budget be used, copied and published by any government office. */
const ALLOWED = new Set([
  'MIT',
  'ISC',
  'BSD-2-Clause',
  'BSD-3-Clause',
  'Apache-2.0',
  '0BSD',
  'BlueOak-1.0.0',
  'Zlib',
  'Unlicense',
  'OFL-1.1', // the fonts
  'MIT/X11', // not an SPDX id: how some old packages (chainsaw) spell the MIT licence
]);

/**
 * Packages that declare no licence in their package.json, whose licence is known from elsewhere.
 * By name@version: a new version is looked at again. `verify` checks what can be checked here.
 */
const EXCEPTIONS: Record<string, { licence: string; evidence: string; verify?: (dir: string) => boolean }> = {
  // Under pdfkit. The package ships its LICENSE file, "MIT License, Copyright (c) 2017 Devon
  // Govett"; only the package.json field is missing.
  'png-js@1.1.0': {
    licence: 'MIT',
    evidence: 'the LICENSE file in the package',
    verify: (dir) => readFileSync(join(dir, 'LICENSE'), 'utf8').startsWith('MIT License'),
  },
};

interface Manifest {
  name: string;
  version: string;
  license?: unknown;
  licenses?: unknown;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

const readManifest = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));

/** The folder of package `name` as Node finds it from `from`: node_modules/<name> there or above. */
function resolvePackage(name: string, from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === ROOT || dirname(dir) === dir) return undefined; // never above the project
  }
}

/** The production tree: folder → manifest. A missing required dependency is an error. */
function productionTree(): Map<string, Manifest> {
  const seen = new Map<string, Manifest>();
  const missing: string[] = [];
  const visit = (dir: string): void => {
    const m = readManifest(dir);
    const wanted: [string, boolean][] = [
      ...Object.keys(m.dependencies ?? {}).map((n): [string, boolean] => [n, true]),
      ...Object.keys(m.optionalDependencies ?? {}).map((n): [string, boolean] => [n, false]),
      ...Object.keys(m.peerDependencies ?? {}).map((n): [string, boolean] => [n, false]),
    ];
    for (const [name, required] of wanted) {
      const found = resolvePackage(name, dir);
      if (found === undefined) {
        if (required) missing.push(`${name} (needed by ${m.name})`);
        continue;
      }
      if (seen.has(found)) continue;
      seen.set(found, readManifest(found));
      visit(found);
    }
  };
  visit(ROOT);
  expect(missing, 'dependencies not installed (run npm ci)').toEqual([]);
  return seen;
}

/** The licence a manifest declares, as an SPDX expression; undefined if none. */
function declared(m: Manifest): string | undefined {
  if (typeof m.license === 'string') return m.license;
  if (m.license && typeof m.license === 'object' && typeof (m.license as { type?: unknown }).type === 'string') {
    return (m.license as { type: string }).type;
  }
  if (Array.isArray(m.licenses)) {
    // The old form, a list of {type}: the package may be used under any of them.
    const types = m.licenses.map((l: { type?: unknown }) => l?.type).filter((t): t is string => typeof t === 'string');
    if (types.length > 0) return types.join(' OR ');
  }
  return undefined;
}

/**
 * Whether an SPDX expression (ids, AND, OR, parentheses) is satisfied by the allow-list; anything
 * else ("SEE LICENSE IN …", "UNLICENSED", a malformed expression) is not.
 */
function allowed(expression: string): boolean {
  try {
    return evaluate(expression);
  } catch {
    return false;
  }
}

function evaluate(expression: string): boolean {
  const tokens = expression.match(/\(|\)|[^\s()]+/g) ?? [];
  let at = 0;
  const primary = (): boolean => {
    const t = tokens[at++];
    if (t === '(') {
      const v = or();
      if (tokens[at++] !== ')') throw new Error(`unbalanced licence expression: ${expression}`);
      return v;
    }
    if (t === undefined || t === ')' || t === 'AND' || t === 'OR') throw new Error(`bad licence expression: ${expression}`);
    return ALLOWED.has(t);
  };
  const and = (): boolean => {
    let v = primary();
    while (tokens[at] === 'AND') {
      at++;
      v = primary() && v;
    }
    return v;
  };
  const or = (): boolean => {
    let v = and();
    while (tokens[at] === 'OR') {
      at++;
      v = or() || v;
    }
    return v;
  };
  const v = or();
  if (at !== tokens.length) throw new Error(`bad licence expression: ${expression}`);
  return v;
}

describe('the licence allow-list', () => {
  it('reads SPDX expressions: AND needs both, OR either', () => {
    expect(allowed('MIT')).toBe(true);
    expect(allowed('GPL-3.0-only')).toBe(false);
    expect(allowed('(MIT OR GPL-3.0-or-later)')).toBe(true);
    expect(allowed('MIT AND GPL-3.0-only')).toBe(false);
    expect(allowed('(MIT AND Zlib)')).toBe(true);
    expect(allowed('SEE LICENSE IN LICENSE.txt')).toBe(false);
    expect(allowed('UNLICENSED')).toBe(false);
    expect(allowed('(MIT')).toBe(false);
    expect(allowed('MIT OR')).toBe(false);
  });
});

describe('the production dependency tree', () => {
  const tree = productionTree();

  it('is what package-lock.json installs without dev dependencies', () => {
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean; optional?: boolean }> };
    const locked = Object.entries(lock.packages)
      .filter(([path, p]) => path !== '' && !p.dev && !(p.optional && !existsSync(join(ROOT, path))))
      .map(([path]) => path)
      .sort();
    const walked = [...tree.keys()].map((d) => relative(ROOT, d).split('\\').join('/')).sort();
    expect(walked).toEqual(locked);
    expect(walked.length).toBeGreaterThan(20); // pdfmake with PDFKit and fontkit alone bring more
  });

  it('holds only allowed licences, or an explained exception', () => {
    const refused: string[] = [];
    const used = new Set<string>();
    for (const [dir, m] of tree) {
      const id = `${m.name}@${m.version}`;
      const licence = declared(m);
      const exception = EXCEPTIONS[id];
      if (licence === undefined && exception) {
        used.add(id);
        if (!allowed(exception.licence) || (exception.verify && !exception.verify(dir))) refused.push(`${id}: exception no longer holds (${exception.evidence})`);
        continue;
      }
      if (licence === undefined) refused.push(`${id}: declares no licence (${relative(ROOT, dir)})`);
      else if (!allowed(licence)) refused.push(`${id}: ${licence}`);
    }
    expect(refused).toEqual([]);
    // An exception for a package no longer in the tree (or that now declares its licence) goes.
    expect(Object.keys(EXCEPTIONS).filter((id) => !used.has(id))).toEqual([]);
  });

  it('budget itself declares its code and fonts licences, and ships the fonts licence texts', () => {
    const own = readManifest(ROOT);
    expect(own.license).toBe('MIT AND OFL-1.1');
    expect(allowed(own.license as string)).toBe(true);
    for (const f of ['OFL-NotoSerifSC.txt', 'OFL-NotoSansSC.txt']) {
      expect(readFileSync(join(ROOT, 'fonts', f), 'utf8')).toContain('SIL OPEN FONT LICENSE Version 1.1');
    }
  });
});

describe('the bundle (dist/bundle)', () => {
  beforeAll(() => ensureBuilt(), 120_000);
  const BUNDLE = join(ROOT, 'dist/bundle');
  const bundled = () => JSON.parse(readFileSync(join(BUNDLE, 'bundled-packages.json'), 'utf8')) as { name: string; version: string; license: unknown; dir: string }[];

  it('carries only packages under allowed licences, and ships their licence texts', () => {
    const list = bundled();
    // The XLSX writer's exceljs and the front end's libraries, at least.
    for (const name of ['exceljs', 'zod', 'yaml', 'liquidjs', 'commander', 'chalk', 'fflate']) expect(list.map((p) => p.name)).toContain(name);
    const notices = readFileSync(join(BUNDLE, 'THIRD-PARTY-LICENSES.txt'), 'utf8');
    const refused: string[] = [];
    for (const p of list) {
      const licence = declared(readManifest(join(ROOT, p.dir)));
      if (licence === undefined || !allowed(licence)) refused.push(`${p.name}@${p.version}: ${String(licence)}`);
      expect(notices).toContain(`${p.name}@${p.version} (`);
    }
    expect(refused).toEqual([]);
  });

  it('runs with only the production tree installed: what the bundle needs is in it or in package.json\'s dependencies', () => {
    // An install of budget as a data repository makes it: the package's files, and node_modules
    // holding the production tree alone (none of the bundled build-time packages).
    const dir = mkdtempSync(join(tmpdir(), 'budget-install-'));
    try {
      for (const d of ['bin', 'dist/bundle']) cpSync(join(ROOT, d), join(dir, d), { recursive: true });
      for (const d of ['templates', 'profiles', 'fonts', 'schema', 'package.json']) symlinkSync(join(ROOT, d), join(dir, d));
      mkdirSync(join(dir, 'node_modules'));
      const top = [...productionTree().keys()].map((d) => relative(join(ROOT, 'node_modules'), d).split('\\').join('/')).filter((r) => !r.includes('node_modules'));
      for (const name of top) {
        mkdirSync(dirname(join(dir, 'node_modules', name)), { recursive: true });
        symlinkSync(join(ROOT, 'node_modules', name), join(dir, 'node_modules', name));
      }
      expect(existsSync(join(dir, 'node_modules/exceljs'))).toBe(false);
      expect(existsSync(join(dir, 'node_modules/zod'))).toBe(false);
      cpSync(join(ROOT, 'data/2023'), join(dir, 'data/2023'), { recursive: true });
      const r = spawnSync(process.execPath, [join(dir, 'bin/budget.js'), 'build', 'data/2023', '--out', 'out'], { cwd: dir, encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: '1700000000', NO_COLOR: '1' } });
      expect(r.stderr).not.toContain('ERR_MODULE_NOT_FOUND');
      expect(r.status, r.stderr).toBe(0);
      const written = readdirSync(join(dir, 'out/2023')).sort();
      expect(written.map((f) => f.slice(f.lastIndexOf('.')))).toEqual(['.pdf', '.xlsx']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
