import { basename, dirname, join } from 'node:path';
import type { World } from '../world/index.js';

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
 * `data/a/2031`. The directories are listed by the world (`World.listDir`).
 */

/** How deep below the root a department-year may sit (data/<group>/<department>/<year>). */
const MAX_DEPTH = 4;

export function discover(world: Pick<World, 'listDir'>, root = 'data'): string[] {
  const found: string[] = [];
  const walk = (dir: string, depth: number) => {
    const entries = world.listDir(dir);
    if (depth > 0 && entries.some((e) => e.kind === 'file' && /\.ya?ml$/i.test(e.name) && !e.name.startsWith('.'))) {
      found.push(dir);
      return;
    }
    if (depth >= MAX_DEPTH) return;
    for (const e of entries) if (e.kind === 'dir' && !e.name.startsWith('.') && e.name !== 'node_modules') walk(join(dir, e.name), depth + 1);
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
