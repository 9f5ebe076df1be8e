import { supportsColor } from 'chalk';
import type { Lang, RuleDoc } from '../diagnostics/diagnostic.js';
import { formatGithub, formatHuman, formatJson, formatJunit, type DirResult } from '../diagnostics/index.js';
import type { World } from '../world/index.js';
import { draftView } from './todo.js';

export type Format = 'human' | 'json' | 'github' | 'junit';

export interface ReportOptions {
  readonly format: Format;
  readonly lang: Lang;
  readonly color: 0 | 1 | 2 | 3;
  readonly verbose: boolean;
  readonly strict: boolean;
  readonly rules: readonly RuleDoc[];
  /** `--max-errors N`: at most N errors listed in full (human format). */
  readonly maxErrors?: number;
}

export function report(results: readonly DirResult[], o: ReportOptions): string {
  switch (o.format) {
    case 'json':
      return formatJson(results, { lang: o.lang, rules: o.rules });
    case 'github':
      return formatGithub(results, { lang: o.lang });
    case 'junit':
      return formatJunit(results, { lang: o.lang, rules: o.rules, strict: o.strict });
    case 'human':
      return formatHuman(results, { lang: o.lang, color: o.color, verbose: o.verbose, rules: o.rules, view: (r) => draftView(r, o.lang, o.maxErrors) });
  }
}

/**
 * `--color` forces, `--no-color` and NO_COLOR refuse; then `FORCE_COLOR` (chalk's convention: 1, 2
 * or 3 forces that level, 0 or false refuses, empty or true forces level 1); otherwise colour only
 * on a terminal. Our level always overrides chalk's own detection, so FORCE_COLOR is read here.
 */
export function colorLevel(flag: boolean | undefined, world: World, stream: 'stdout' | 'stderr' = 'stdout'): 0 | 1 | 2 | 3 {
  const detected = (supportsColor ? supportsColor.level : 0) as 0 | 1 | 2 | 3;
  if (flag === false) return 0;
  if (flag === true) return detected || 1;
  const force = world.env('FORCE_COLOR');
  if (force !== undefined) {
    if (force === '0' || force === 'false') return 0;
    if (force === '1' || force === '2' || force === '3') return Number(force) as 1 | 2 | 3;
    if (force === '' || force === 'true') return detected || 1;
  }
  if (world.noColor || !world.isTTY(stream)) return 0;
  return detected || 1;
}
