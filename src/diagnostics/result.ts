import type { SourceFile } from '../source/tree.js';
import type { Diagnostic, RuleRun, Severity } from './diagnostic.js';

/**
 * What one department-year's check (or build) produced: the input of every formatter.
 * `status` is decided once, here, so the exit code and every format agree.
 */
export type Status = 'ok' | 'failed' | 'unusable';

export interface Balance {
  /** 收入总计, exact plain decimal. */
  readonly income: string;
  /** 支出总计, exact plain decimal. */
  readonly expenditure: string;
  readonly unit: string; // 万元 | 元
}

export type Counts = Readonly<Record<Severity, number>>;

export interface DirResult {
  readonly dir: string;
  readonly department?: string;
  readonly year?: number;
  readonly status: Status;
  readonly balance?: Balance;
  readonly diagnostics: readonly Diagnostic[];
  /** Rules that ran, with how many identities each checked. */
  readonly runs: readonly RuleRun[];
  /** Decoded source texts, for code frames. */
  readonly sources: readonly SourceFile[];
  /** Files written by `budget build`. */
  readonly outputs?: readonly string[];
  /** The build identity both written files carry in their metadata (src/compile.ts buildIdentity). */
  readonly build?: string;
  /** The check passed but the build could not render or write its files (status `unusable`). */
  readonly buildFailed?: boolean;
}

export function countSeverities(diags: readonly Diagnostic[]): Counts {
  const c = { error: 0, warning: 0, note: 0 };
  // A capped rule's closing line counts the findings it stands for, not itself.
  for (const d of diags) c[d.severity] += d.more ?? 1;
  return c;
}

/**
 * `unusable` when no budget could be loaded (unreadable files, malformed YAML, shape errors: exit 2);
 * `failed` on check errors, or with `strict` on warnings and rounding notes too (exit 1).
 */
export function statusOf(loaded: boolean, diags: readonly Diagnostic[], strict: boolean): Status {
  if (!loaded) return 'unusable';
  const c = countSeverities(diags);
  if (c.error > 0) return 'failed';
  if (strict && c.warning + c.note > 0) return 'failed';
  return 'ok';
}

export const EXIT = { ok: 0, failed: 1, unusable: 2, internal: 70 } as const;

/** The exit code of a run over several directories: the worst result wins. */
export function exitCodeOf(results: readonly DirResult[]): number {
  let code: number = EXIT.ok;
  for (const r of results) code = Math.max(code, EXIT[r.status]);
  return code;
}

/**
 * Diagnostics by severity, then in reading order (file, line, column). Machine formats list errors
 * first; the terminal lists them last, so they sit right above the summary on the last screen.
 */
export function sortDiagnostics(diags: readonly Diagnostic[], errors: 'first' | 'last' = 'first'): Diagnostic[] {
  const rank: Record<Severity, number> = errors === 'first' ? { error: 0, warning: 1, note: 2 } : { error: 2, warning: 1, note: 0 };
  return diags
    .map((d, i) => ({ d, i }))
    .sort((a, b) => {
      const bySeverity = rank[a.d.severity] - rank[b.d.severity];
      if (bySeverity) return bySeverity;
      // The line counting a capped rule's unlisted findings follows every listed finding.
      if ((a.d.more !== undefined) !== (b.d.more !== undefined)) return a.d.more !== undefined ? 1 : -1;
      const sa = a.d.span, sb = b.d.span;
      if (sa && sb) {
        if (sa.file !== sb.file) return sa.file < sb.file ? -1 : 1;
        if (sa.line !== sb.line) return sa.line - sb.line;
        if (sa.col !== sb.col) return sa.col - sb.col;
      } else if (sa || sb) return sa ? 1 : -1; // whole-input findings first
      return a.i - b.i;
    })
    .map((x) => x.d);
}
