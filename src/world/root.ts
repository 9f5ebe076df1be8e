import * as path from 'node:path';
import type { World } from './world.js';

/** The config file's name; found upward from the working directory, like git's `.git` or cargo's `Cargo.toml`. */
export const CONFIG_FILE = 'budget.config.yaml';

export interface ProjectRoot {
  /** The folder holding `data/` or `budget.config.yaml` (absolute). */
  readonly dir: string;
  /** `<dir>/budget.config.yaml` when it exists. */
  readonly config?: string;
}

/**
 * The project root: the nearest folder, from `start` upward, that holds `budget.config.yaml` or a
 * `data/` directory. So `budget check` works from `data/2031/` or any other subdirectory, as `git`
 * and `cargo` do. Undefined when no folder up to the file system's root qualifies.
 */
export function findProjectRoot(world: Pick<World, 'kind'>, start: string): ProjectRoot | undefined {
  const kind = world.kind;
  if (!kind) return undefined;
  let dir = path.resolve(start);
  for (;;) {
    const config = path.join(dir, CONFIG_FILE);
    const hasConfig = kind(config) === 'file';
    if (hasConfig || kind(path.join(dir, 'data')) === 'dir') return { dir, ...(hasConfig ? { config } : {}) };
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/** A path as the user should see it: relative to the working directory when that is shorter. */
export function shown(cwd: string, p: string): string {
  const rel = path.relative(cwd, p);
  return rel === '' ? '.' : rel.length <= p.length ? rel : p;
}
