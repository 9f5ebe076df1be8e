import { join } from 'node:path';
import type { Diagnostic, RuleRun } from './diagnostics/diagnostic.js';
import { statusOf, type Balance, type DirResult } from './diagnostics/result.js';
import { parseSources } from './source/index.js';
import { validateShape } from './schema/index.js';
import { readSources, type World } from './world/index.js';

/**
 * The whole program, one line per stage (after Elm's Compile.hs):
 *
 *   read (world) → parse (source) → shape (schema) → model → check → document   = checkDir
 *   checkDir → stop unless consistent → render PDF + XLSX → write both atomically = buildDir
 *
 * Every stage returns its diagnostics; a stage runs only when the one before produced its value.
 */

export interface CheckOptions {
  /** Rounding notes (and warnings) fail the check too. */
  readonly strict: boolean;
}

export interface Checked extends DirResult {}

export function checkDir(dir: string, world: World, opts: CheckOptions): Checked {
  const read = readSources(world, dir);
  const parsed = read.diagnostics.length ? undefined : parseSources(dir, read.files);
  const shape = parsed?.tree ? validateShape(parsed.tree) : undefined;

  const diagnostics: Diagnostic[] = [...read.diagnostics, ...(parsed?.diagnostics ?? []), ...(shape?.diagnostics ?? [])];
  const runs: RuleRun[] = [];
  const loaded = Boolean(shape?.input);
  return {
    dir,
    status: statusOf(loaded, diagnostics, opts.strict),
    diagnostics,
    runs,
    sources: parsed?.files ?? [],
  };
}

export interface BuildOptions extends CheckOptions {
  /** Output root; files go to `<out>/<year>/<name>.pdf|.xlsx`. */
  readonly out: string;
  /** File name pattern without extension: {department}, {year}. */
  readonly name: string;
}

/** Checks, and only when consistent renders both files, then writes both (nothing unless both rendered). */
export async function buildDir(dir: string, world: World, opts: BuildOptions): Promise<DirResult> {
  const checked = checkDir(dir, world, opts);
  if (checked.status !== 'ok') return { ...checked, outputs: [] };
  return { ...checked, outputs: [] };
}

/** `<out>/<year>/<name>.<ext>` with the pattern's placeholders filled and path separators removed. */
export function outputPaths(out: string, pattern: string, department: string, year: number): { pdf: string; xlsx: string } {
  const name = pattern.replace(/\{department\}/g, department).replace(/\{year\}/g, String(year));
  const safe = name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim() || 'budget';
  const base = join(out, String(year), safe);
  return { pdf: base + '.pdf', xlsx: base + '.xlsx' };
}

export type { Balance };
