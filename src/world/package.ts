import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/**
 * The installed package's own folder (where `fonts/` ships): the nearest folder above this module
 * with a package.json. Found from the module's location, since it runs from src/ (tests), dist/
 * (tsc) and dist/bundle/ (the CLI) at different depths. A fact about the installation, not about
 * the user's data, so it is looked up once and not part of the World a test replaces.
 */
export function packageDir(): string {
  if (root !== undefined) return root;
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (let dir = here; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return (root = dir);
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${here}: the package is incomplete`);
  }
}
