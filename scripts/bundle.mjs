#!/usr/bin/env node
// Bundles the CLI into dist/bundle/, so a command starts by loading a few files instead of
// resolving some hundred ES modules (the reference check: 0.31 s → 0.22 s whole process).
// Type-checking stays with tsc (npm test); this only transpiles and links.
//
// The bundle carries every library budget runs with except the PDF stack: zod, yaml, liquidjs,
// commander, chalk, fflate and the part of exceljs the XLSX writer uses. So these are build-time
// dependencies (devDependencies), and installing budget installs only PDFKit (and its fontkit),
// which stays outside the bundle because a patch-package diff changes one of its files in place
// and PDFKit reads its data files from its own folder (issue "A lean install"; exceljs alone is 23 MB
// of browser builds around the code the bundle takes). The licences of what the bundle carries
// are written next to it (THIRD-PARTY-LICENSES.txt) and listed in bundled-packages.json, which
// tests/deps/licences.test.ts holds to the allow-list; the same test runs the bundle with only the
// production tree installed.
//
// The bundler is rolldown, the one vitest (through vite 8) installs anyway: a second bundler
// (esbuild, 12 MB with its platform binary) only for this step made every install larger.
// `rolldown` is listed in devDependencies with vite's own range, so npm keeps one copy. Its
// ES-module output creates require() for CommonJS code itself.
import { build } from 'rolldown';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist/bundle');
/** Loaded at run time from the install's node_modules (package.json's dependencies). */
const EXTERNAL = ['pdfkit', 'fontkit'];

// Chunk names carry content hashes: without a clean directory every build left its old chunks
// behind, and `npm pack` shipped them all.
rmSync(outdir, { recursive: true, force: true });
await build({
  cwd: root,
  // main.js and worker.js sit side by side: the batch runner starts `./worker.js` next to itself,
  // and `../../templates/` from dist/bundle/ is the package's templates/.
  // So is render-worker.js, the thread a single build renders its PDF on (src/render/thread.ts).
  // early.js starts the render thread of a single build before main.js is loaded (src/cli/early.ts).
  input: { main: 'src/cli/main.ts', worker: 'src/batch/worker.ts', 'render-worker': 'src/render/render-worker.ts', early: 'src/cli/early.ts' },
  platform: 'node',
  external: [...EXTERNAL.map((n) => new RegExp(`^${n}(/|$)`)), /^node:/],
  logLevel: 'warn',
  plugins: [licences(), prebuiltProfiles()],
  output: {
    dir: outdir,
    format: 'esm',
    // Every command parses the ~1.2 MB of JavaScript it loads before it reads a figure: without
    // comments and blank space, and with short local names, V8's scanner and parser have about a
    // third less text to go through (the check of a small department-year: ~3.5 % fewer
    // instructions under valgrind, all of it start-up). Names that show in a stack trace or that
    // code reads (functions', classes') are kept, and nothing is rewritten (no `compress`), so the
    // bundle still runs what tsc checked.
    minify: { compress: false, mangle: { keepNames: true }, codegen: { removeWhitespace: true } },
    entryFileNames: '[name].js',
    chunkFileNames: '[name]-[hash].js',
  },
});

// The render thread writes V8's code cache for the PDF stack next to the bundle on its first run
// (src/world/code-cache.ts): a file of this machine's Node, never part of the package.
writeFileSync(join(outdir, '.npmignore'), 'render-code-cache.bin*\n');

/**
 * Fills src/profile/prebuilt.ts with the package's profiles (profiles/*.yaml), read and validated
 * now by the parser tsc just emitted (dist/profile/parse.js), so a check with a shipped profile
 * does not parse its YAML and run zod over it on every start (data/2023: some 8 ms of a cold
 * check). Only a profile that survives JSON unchanged is taken (what JSON.parse gives back must be
 * what the parser gave), and only a valid one; any other is read at run time as before. The
 * profiles go in as one JSON text, which V8 reads faster than the same object literal.
 */
function prebuiltProfiles() {
  const target = join(root, 'src/profile/prebuilt.ts');
  return {
    name: 'budget-prebuilt-profiles',
    async load(id) {
      if (id.split('?')[0] !== target) return null;
      const { parseFresh } = await import(join(root, 'dist/profile/parse.js'));
      const dir = join(root, 'profiles');
      const entries = [];
      for (const name of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
        const file = join(dir, name);
        const text = readFileSync(file, 'utf8');
        const { profile } = parseFresh(file, text);
        if (profile && isDeepStrictEqual(JSON.parse(JSON.stringify(profile)), profile)) entries.push({ text, profile });
      }
      return `export const PREBUILT_PROFILES = JSON.parse(${JSON.stringify(JSON.stringify(entries))});\n`;
    },
  };
}

/** The package (name, version, licence, licence texts) of every node_modules module in the bundle. */
function licences() {
  return {
    name: 'budget-licences',
    generateBundle(_options, bundle) {
      const dirs = new Set();
      for (const out of Object.values(bundle)) {
        if (out.type !== 'chunk') continue;
        for (const id of out.moduleIds) {
          const dir = packageDir(id);
          if (dir) dirs.add(dir);
        }
      }
      const packages = [...dirs]
        .map((dir) => {
          const m = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
          const files = readdirSync(dir).filter((f) => /^(licen[cs]e|copying|notice)/i.test(f)).sort();
          return { name: m.name, version: m.version, license: m.license ?? m.licenses ?? null, dir: relative(root, dir).split(sep).join('/'), files, texts: files.map((f) => readFileSync(join(dir, f), 'utf8')) };
        })
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.version < b.version ? -1 : 1));
      const text = packages
        .map((p) => [`${p.name}@${p.version} (${typeof p.license === 'string' ? p.license : JSON.stringify(p.license)})`, ...(p.texts.length ? p.texts : ['(the package ships no licence file; its package.json declares the licence above)'])].join('\n\n'))
        .join('\n\n' + '-'.repeat(78) + '\n\n');
      this.emitFile({ type: 'asset', fileName: 'THIRD-PARTY-LICENSES.txt', source: `The bundle in this folder includes code from these packages, under their licences:\n\n${text}\n` });
      const list = packages.map(({ name, version, license, dir, files }) => ({ name, version, license, dir, files }));
      this.emitFile({ type: 'asset', fileName: 'bundled-packages.json', source: JSON.stringify(list, null, 2) + '\n' });
    },
  };
}

/** The folder of the package under node_modules that holds `id`, or undefined for budget's own code. */
function packageDir(id) {
  const path = id.split('?')[0];
  const marker = `${sep}node_modules${sep}`;
  const at = path.lastIndexOf(marker);
  if (at < 0) return undefined;
  const rest = path.slice(at + marker.length).split(sep);
  const dir = path.slice(0, at + marker.length) + (rest[0].startsWith('@') ? join(rest[0], rest[1]) : rest[0]);
  return existsSync(join(dir, 'package.json')) ? dir : undefined;
}
