import { join, relative, sep } from 'node:path';
import type { Lang } from '../diagnostics/diagnostic.js';
import type { DirResult } from '../diagnostics/result.js';
import { findProjectRoot, shown, type World } from '../world/index.js';
import { loadConfig, type Config } from './config.js';

/**
 * Where the command runs: the project root found upward from the working directory (the folder
 * holding `data/` or `budget.config.yaml`), its config, and the default department-year.
 */
export interface Project {
  /** `data/` of the project root, as shown to the user (relative to the working directory). */
  readonly data: string;
  /** The department-year the working directory is in (`budget check` from inside data/2031/), if any. */
  readonly here?: string;
  /** `build`'s default `--out`: `out/` at the project root (not inside data/2031/ when run from there). */
  readonly out: string;
  readonly config: Config;
  /** The config file's findings (unusable: exit 2). */
  readonly configResult?: DirResult;
  readonly configFile?: string;
}

export function projectOf(world: World): Project {
  const cwd = world.cwd?.() ?? process.cwd();
  const root = findProjectRoot(world, cwd);
  if (!root) return { data: 'data', out: 'out', config: {} };
  const dataAbs = join(root.dir, 'data');
  const data = shown(cwd, dataAbs);
  const here = hereOf(world, cwd, dataAbs);
  const out = shown(cwd, join(root.dir, 'out'));
  if (!root.config) return { data, here, out, config: {} };
  const configFile = shown(cwd, root.config);
  const loaded = loadConfig(world, configFile, cwd);
  return { data, here, out, config: loaded.config ?? {}, configResult: loaded.result, configFile };
}

/** The nearest folder from `cwd` up to (not including) `data/` that holds data files. */
function hereOf(world: World, cwd: string, dataAbs: string): string | undefined {
  const rel = relative(dataAbs, cwd);
  if (!rel || rel.startsWith('..')) return undefined;
  const parts = rel.split(sep);
  for (let n = parts.length; n > 0; n--) {
    const dir = join(dataAbs, ...parts.slice(0, n));
    if (world.listYamlFiles(dir).files.length) return shown(cwd, dir);
  }
  return undefined;
}

/** The language before the command line is parsed: `--lang`, else the config's, else Chinese. */
export function langOf(flag: Lang | undefined, config: Config): Lang {
  return flag ?? config.lang ?? 'zh';
}

/** The report of a run that found no department-year at all (for `--format json` and the other machine formats). */
export function noDataResult(dir: string, e: { zh: string; en: string }): DirResult {
  return {
    dir,
    status: 'unusable',
    diagnostics: [
      {
        severity: 'error',
        rule: 'input/missing-dir',
        message: { zh: e.zh, en: e.en },
        related: [],
        figures: [],
        help: { zh: '给出部门年度目录，例如 budget check data/2031。', en: 'Name a department-year directory, e.g. budget check data/2031.' },
      },
    ],
    runs: [],
    sources: [],
  };
}
