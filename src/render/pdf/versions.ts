import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { RenderFiles } from './files.js';

/** The libraries whose internals the renderer's patches reach into. */
export type Library = 'pdfmake' | 'pdfkit' | 'fontkit';

/**
 * The exact versions each patch of patches.ts (with simple-text.ts and subset.ts under it) was
 * written against: they replace unexported classes' methods, private methods and read the layout
 * of fontkit's tables, which any release may change. package.json asks only for compatible ranges
 * (pdfmake ^0.3.11, which brings its PDFKit and that PDFKit's fontkit); a patch is installed only
 * when the copies a render runs are the versions it names (`patchesFor`), and otherwise the
 * libraries' own code runs: the same document, more slowly (tests/render/pdf/patches.test.ts
 * compares the two), or, without `breakRules`, a table's grid left open across a row span at a
 * page break. tests/deps/versions.test.ts fails when the lockfile installs a version a patch was
 * not written for, so that an upgrade here means re-checking (or dropping) that patch.
 *
 * One key per patch: when a patch goes, its key goes; when the last goes, so does this check.
 */
export const WRITTEN_FOR = {
  /** pdfmake's PDFDocument.provideFont, PDFKit's EmbeddedFont.layoutCached, fontkit's cmap and hmtx (simple-text.ts). */
  font: { pdfmake: '0.3.11', pdfkit: '0.19.1', fontkit: '2.0.4' },
  /** fontkit's TTFSubset._addGlyph and glyf/loca tables (subset.ts), reached through PDFKit's fonts. */
  subset: { pdfmake: '0.3.11', pdfkit: '0.19.1', fontkit: '2.0.4' },
  /** pdfmake's PDFDocument.provideFont, PDFKit's font registry and EmbeddedFont. */
  reuse: { pdfmake: '0.3.11', pdfkit: '0.19.1', fontkit: '2.0.4' },
  /** pdfmake's TableProcessor.endRow, drawHorizontalLine and rowSpanData (closes the grid at breaks). */
  breakRules: { pdfmake: '0.3.11' },
} as const satisfies Record<string, Partial<Record<Library, string>>>;

export type Patch = keyof typeof WRITTEN_FOR;

/** A package as the renderer loads it: the copy pdfmake's PDFKit and PDFKit's fontkit resolve to. */
export interface Resolved {
  readonly version: string;
  /** The package's folder. */
  readonly dir: string;
}

/** The package.json of the package `name` that holds `entry` (its resolved main file). */
function packageOf(entry: string, name: string, world: RenderFiles): Resolved {
  for (let dir = dirname(entry); dirname(dir) !== dir; dir = dirname(dir)) {
    let json: { name?: unknown; version?: unknown };
    try {
      json = JSON.parse(new TextDecoder().decode(world.readFile(join(dir, 'package.json'))));
    } catch {
      continue; // no package.json here (or a partial one of a sub-folder): look further up
    }
    if (json.name === name && typeof json.version === 'string') return { version: json.version, dir };
  }
  throw new DependencyVersionError(`cannot find the package.json of ${name} above ${entry}`);
}

/**
 * pdfmake as budget resolves it, PDFKit as that pdfmake resolves it, fontkit as that PDFKit
 * resolves it: the copies a render actually runs, wherever npm put them.
 */
export function resolvedVersions(world: RenderFiles): Record<Library, Resolved> {
  const pdfmakeMain = createRequire(import.meta.url).resolve('pdfmake');
  const pdfkitMain = createRequire(pdfmakeMain).resolve('pdfkit');
  const fontkitMain = createRequire(pdfkitMain).resolve('fontkit');
  return {
    pdfmake: packageOf(pdfmakeMain, 'pdfmake', world),
    pdfkit: packageOf(pdfkitMain, 'pdfkit', world),
    fontkit: packageOf(fontkitMain, 'fontkit', world),
  };
}

/** The renderer's dependencies could not be identified (no package.json above a resolved module): an install problem. */
export class DependencyVersionError extends Error {
  override name = 'DependencyVersionError';
}

/** Each patch whose versions are not the ones found, with what it needs and what is there. */
export function mismatches(found: Record<Library, Resolved>): Map<Patch, string> {
  const out = new Map<Patch, string>();
  for (const patch of Object.keys(WRITTEN_FOR) as Patch[]) {
    const needs: Partial<Record<Library, string>> = WRITTEN_FOR[patch];
    const wrong = (Object.keys(needs) as Library[]).filter((lib) => found[lib].version !== needs[lib]);
    if (wrong.length > 0) out.set(patch, wrong.map((lib) => `${lib} ${needs[lib]} (found ${found[lib].version} in ${found[lib].dir})`).join(', '));
  }
  return out;
}

/** The patches written for the versions found: the ones to install. */
export function patchesFor(found: Record<Library, Resolved>): ReadonlySet<Patch> {
  const wrong = mismatches(found);
  return new Set((Object.keys(WRITTEN_FOR) as Patch[]).filter((p) => !wrong.has(p)));
}

/** fontkit's own require: for the packages it uses (unicode-properties), in its version. */
export function fontkitRequire(): NodeJS.Require {
  const pdfkitMain = createRequire(createRequire(import.meta.url).resolve('pdfmake')).resolve('pdfkit');
  return createRequire(createRequire(pdfkitMain).resolve('fontkit'));
}
