import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Which department-years a command works on when none is named: the latest year under `data/`
 * (`data/<yyyy>/`). `--all` takes every year, oldest first. Returns [] when `data/` holds none.
 * (Listing a directory is the world's business; this one read lives here until the world offers it.)
 */
export function yearDirs(root = 'data'): string[] {
  let names: string[];
  try {
    names = readdirSync(root, { withFileTypes: true })
      .filter((e) => e.isDirectory() && /^\d{4}$/.test(e.name))
      .map((e) => e.name);
  } catch {
    return [];
  }
  return names.sort().map((n) => join(root, n));
}

export function defaultDirs(all: boolean, root = 'data'): string[] {
  const years = yearDirs(root);
  return all ? years : years.slice(-1);
}
