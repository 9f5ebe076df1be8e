import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { RenderFiles } from './files.js';

/**
 * The versions of pdfmake, PDFKit and fontkit whose internals patches.ts, simple-text.ts and
 * subset.ts were written against (unexported classes, private methods, the layout of fontkit's
 * tables). package.json pins each to exactly this version (a lockfile does not apply when budget
 * is installed as a dependency of a data repository), and `checkVersions` refuses to render with
 * any other copy: a patch on a method that changed could lay the document out wrongly without
 * failing. Upgrading one means re-checking the patches (tests/render/pdf/patches.test.ts compares
 * their output with pdfmake's own) and changing the version here and in package.json together.
 */
export const PINNED = { pdfmake: '0.3.11', pdfkit: '0.19.1', fontkit: '2.0.4' } as const;

export type Pinned = keyof typeof PINNED;

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
export function resolvedVersions(world: RenderFiles): Record<Pinned, Resolved> {
  const pdfmakeMain = createRequire(import.meta.url).resolve('pdfmake');
  const pdfkitMain = createRequire(pdfmakeMain).resolve('pdfkit');
  const fontkitMain = createRequire(pdfkitMain).resolve('fontkit');
  return {
    pdfmake: packageOf(pdfmakeMain, 'pdfmake', world),
    pdfkit: packageOf(pdfkitMain, 'pdfkit', world),
    fontkit: packageOf(fontkitMain, 'fontkit', world),
  };
}

/** A dependency other than the one the renderer was written for: an install problem, reported as a bug. */
export class DependencyVersionError extends Error {
  override name = 'DependencyVersionError';
}

/** What is wrong with the versions found, or undefined when each is the pinned one. */
export function versionProblem(found: Record<Pinned, Resolved>): string | undefined {
  const wrong = (Object.keys(PINNED) as Pinned[]).filter((p) => found[p].version !== PINNED[p]);
  if (wrong.length === 0) return undefined;
  const expected = (Object.keys(PINNED) as Pinned[]).map((p) => `${p} ${PINNED[p]}`).join(', ');
  const got = wrong.map((p) => `${p} ${found[p].version} (${found[p].dir})`).join(', ');
  return (
    `the PDF renderer is written for ${expected}, but this install has ${got}; ` +
    `reinstall budget so that npm installs the exact versions its package.json names (\`npm ls pdfmake pdfkit fontkit\` shows which copies are used)`
  );
}

let checked = false;

/** Throws a DependencyVersionError naming the versions unless each is the pinned one (checked once). */
export function checkVersions(world: RenderFiles): void {
  if (checked) return;
  const problem = versionProblem(resolvedVersions(world));
  if (problem !== undefined) throw new DependencyVersionError(problem);
  checked = true;
}

/** fontkit's own require: for the packages it uses (unicode-properties), in its version. */
export function fontkitRequire(): NodeJS.Require {
  const pdfkitMain = createRequire(createRequire(import.meta.url).resolve('pdfmake')).resolve('pdfkit');
  return createRequire(createRequire(pdfkitMain).resolve('fontkit'));
}
