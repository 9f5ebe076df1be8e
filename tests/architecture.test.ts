import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The import graph of src/: arrows run only down the pipeline (docs/architecture.md). A stage may
 * import a stage of a lower rank, never one of its own rank in another folder or a higher one; the
 * contracts every stage shares (money, positions, diagnostics) sit at the bottom.
 */

const SRC = join(import.meta.dirname, '..', 'src');

/** Rank of each top-level folder (or file) of src/: lower ranks are imported by higher ones. */
const RANK: Record<string, number> = {
  money: 0,
  'version.ts': 0,
  diagnostics: 1,
  world: 2,
  source: 2,
  schema: 3,
  // Where imported figures came from: `budget import` writes the record, the compiler reads it
  // against the parsed sources (positions → YAML paths) to name a finding's workbook cells.
  origins: 3.5,
  model: 4,
  // The report definition reads the model's vocabulary (funding sources); check and document read it.
  profile: 4.5,
  check: 5,
  years: 5,
  // `budget fix` derives totals with the model and judges them with the check.
  fix: 5.5,
  // `budget import` reads workbooks back into sources: the model's vocabulary, the profile's tables.
  import: 5.5,
  document: 6,
  render: 7,
  'compile.ts': 8,
  batch: 9,
  cli: 10,
};

/**
 * Files every stage may import whatever their folder's rank: the position type (a leaf: it imports
 * nothing) and the document model, the one contract between budget logic and the renderers.
 */
const SHARED_LEAVES = new Set(['source/span.ts', 'source/tree.ts', 'document/model.ts']);

/**
 * Known arrows against the grain, each with the reason it is still here. None today: the schema
 * holds the format's vocabulary (src/schema/vocabulary.ts) and the model is built from the schema's
 * typed output, so schema ↔ model runs one way only.
 */
const KNOWN: ReadonlySet<string> = new Set<string>([]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:from\s+|import\s*\(\s*)'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]!);
  return specs.map((s) => relative(SRC, join(dirname(file), s)).split(sep).join('/').replace(/\.js$/, '.ts'));
}

const top = (rel: string) => rel.split('/')[0]!;

interface Arrow {
  readonly from: string;
  readonly to: string;
}

function arrows(): Arrow[] {
  return sourceFiles(SRC).flatMap((f) => {
    const from = relative(SRC, f).split(sep).join('/');
    return importsOf(f).map((to) => ({ from, to }));
  });
}

describe('src/ import graph', () => {
  const all = arrows();

  it('finds the pipeline', () => {
    // A broken scan would pass every rule below vacuously.
    expect(all.length).toBeGreaterThan(300);
    expect(all).toContainEqual({ from: 'compile.ts', to: 'check/index.ts' });
  });

  it('every folder of src/ has a rank', () => {
    const folders = readdirSync(SRC);
    expect(folders.filter((f) => !(f in RANK))).toEqual([]);
  });

  it('arrows run only down the pipeline', () => {
    const against = all.filter(({ from, to }) => {
      const a = top(from), b = top(to);
      if (a === b || SHARED_LEAVES.has(to)) return false;
      if (KNOWN.has(`${a} -> ${b}`)) return false;
      return RANK[b]! >= RANK[a]!;
    });
    expect(against.map(({ from, to }) => `${from} -> ${to}`)).toEqual([]);
  });

  it('the known exceptions are still real (drop them from KNOWN once they are gone)', () => {
    for (const k of KNOWN) {
      const [a, b] = k.split(' -> ');
      expect(all.some(({ from, to }) => top(from) === a && top(to) === b), k).toBe(true);
    }
  });

  it('a stage is entered through its index.ts from outside, except the shared contracts', () => {
    // Only index.ts re-exports; reaching into another stage's files couples to its insides. Today
    // many stages import contract files directly (budget.ts, diagnostic.ts, decimal.ts); the rule
    // enforced here is the narrower one that renderers never reach into the document builders.
    const intoDocument = all.filter(({ from, to }) => top(from) === 'render' && top(to) === 'document' && to !== 'document/model.ts');
    expect(intoDocument.map(({ from, to }) => `${from} -> ${to}`)).toEqual([]);
  });

  it('only src/world touches the file system; only src/cli exits', () => {
    const fsUsers = sourceFiles(SRC)
      .filter((f) => /from 'node:fs(\/promises)?'|require\('node:fs'\)/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(SRC, f).split(sep).join('/'));
    // Fonts, the renderer's dependencies' package.json and --all's directory listings are read
    // through the World too (World.readFile, readShared, listDir), so a test's fake World serves them.
    const allowed = new Set(['world']);
    expect(fsUsers.filter((f) => !allowed.has(top(f)) && !allowed.has(f))).toEqual([]);
    const exits = sourceFiles(SRC)
      .filter((f) => /process\.exit\(/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(SRC, f).split(sep).join('/'));
    expect(exits.filter((f) => top(f) !== 'cli')).toEqual([]);
  });
});
