import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Which department-years live under `data/`. Two layouts, also mixed:
 *
 *   data/<year>/*.yaml                 one department (the reference layout)
 *   data/<department>/<year>/*.yaml    an office that keeps several departments
 *
 * A department-year is a directory that directly holds `*.yaml` / `*.yml` files; its own
 * subdirectories are not searched. Hidden directories and `node_modules` are skipped. The order is
 * deterministic: path segments compared one by one by code unit (years are four digits, so years
 * sort chronologically), so `data/2031` comes before `data/a/2031` and `data/a/2030` before
 * `data/a/2031`. (Listing directories is the world's business; this read-only walk is the one
 * exception, kept here until the world offers it.)
 */

export interface DirEntryLike {
  readonly name: string;
  isDirectory(): boolean;
  isFile(): boolean;
}

/** Reads a directory's entries; [] when it cannot be read. Injectable for tests. */
export type ReadDir = (dir: string) => readonly DirEntryLike[];

const nodeReadDir: ReadDir = (dir) => {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
};

/** How deep below the root a department-year may sit (data/<group>/<department>/<year>). */
const MAX_DEPTH = 4;

export function discover(root = 'data', readDir: ReadDir = nodeReadDir): string[] {
  const found: string[] = [];
  const walk = (dir: string, depth: number) => {
    const entries = readDir(dir);
    if (depth > 0 && entries.some((e) => e.isFile() && /\.ya?ml$/i.test(e.name) && !e.name.startsWith('.'))) {
      found.push(dir);
      return;
    }
    if (depth >= MAX_DEPTH) return;
    for (const e of entries) if (e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules') walk(join(dir, e.name), depth + 1);
  };
  walk(root, 0);
  return sortDirs(found);
}

/** Segment-wise code-unit order (see above). */
export function sortDirs(dirs: readonly string[]): string[] {
  const key = (d: string) => d.split(/[\\/]+/);
  return [...dirs].sort((a, b) => {
    const x = key(a), y = key(b);
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
    return x.length - y.length;
  });
}

/**
 * The default when no directory is named: the latest year of each department (the directories
 * named by a four-digit year, grouped by their parent). Other department-years (not named by a
 * year) are taken as they are.
 */
export function latestPerDepartment(dirs: readonly string[]): string[] {
  const latest = new Map<string, string>();
  const rest: string[] = [];
  for (const d of dirs) {
    if (!/^\d{4}$/.test(basename(d))) {
      rest.push(d);
      continue;
    }
    const parent = dirname(d);
    const prev = latest.get(parent);
    if (!prev || basename(prev) < basename(d)) latest.set(parent, d);
  }
  return sortDirs([...latest.values(), ...rest]);
}
