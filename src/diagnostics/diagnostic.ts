import type { Span } from '../source/span.js';

/**
 * A diagnostic is data (after codespan-reporting): the formatters (human, json, github, junit)
 * decide how it looks. Messages are in the catalog (`messages.ts`) under a stable rule id, in
 * Chinese and English; a diagnostic carries the arguments, never a finished sentence in one language.
 */
export type Severity = 'error' | 'warning' | 'note';

export type Lang = 'zh' | 'en';

/** A figure involved in a diagnostic, with where it was written (absent when it was computed). */
export interface DiagFigure {
  /** What the figure is, in both languages, e.g. { zh: '201 一般公共服务支出 支出总计', en: '201 total' }. */
  readonly label: Localized;
  /** Exact decimal text, e.g. "1234" or "-0.50". */
  readonly value: string;
  readonly span?: Span;
  /** The workbook cell it was imported from (src/origins), when the directory has the import's record. */
  readonly origin?: Origin;
}

/** Where an imported figure was read: `budget import` records it, `budget check` names it (src/origins). */
export interface Origin {
  /** The workbook's file name (or the CSV files'). */
  readonly workbook: string;
  /** Read from a CSV file: `sheet` is that file's name. */
  readonly csv: boolean;
  /** The sheet as named in the workbook. */
  readonly sheet: string;
  /** A1 address: D7. */
  readonly cell: string;
  /** The value read from the cell, exact decimal text. */
  readonly imported: string;
  /** The figure as written now is not the imported value: it was edited after the import. */
  readonly edited: boolean;
}

export interface Localized {
  readonly zh: string;
  readonly en: string;
}

export interface Related {
  readonly span: Span;
  readonly label: Localized;
  readonly origin?: Origin;
}

export interface Diagnostic {
  readonly severity: Severity;
  /** Stable rule id, e.g. "sum/parent-children". Tests assert on it; it never changes once published. */
  readonly rule: string;
  /** What happened, standing alone (no position inside: the formatter prints it). */
  readonly message: Localized;
  /** The primary position: the figure or key to change. */
  readonly span?: Span;
  /** The workbook cell the figure at `span` was imported from (src/origins). */
  readonly origin?: Origin;
  /** Short label shown under the primary span in the code frame. */
  readonly label?: Localized;
  /** Other places involved: the declared total, the parts, the other occurrence. */
  readonly related: readonly Related[];
  /** The figures compared, in order (e.g. the declared total, then the parts). */
  readonly figures: readonly DiagFigure[];
  /** Declared minus computed, exact decimal text, when the rule compares figures. */
  readonly difference?: string;
  /** Which published tables or parts the figure feeds, e.g. ["表3", "表7"]. */
  readonly feeds?: readonly string[];
  /** What to do about it. */
  readonly help?: Localized;
  /**
   * Set on the closing line of a capped rule (src/schema/validate.ts capPerRule): the number of its
   * findings that are not listed. The line stands for them — the counts include them and it sorts
   * after the listed ones, where its "fix the ones listed above" is true.
   */
  readonly more?: number;
}

/** A rule's documentation, for `budget explain <rule>` and `--verbose`. Each stage exports its own list. */
export interface RuleDoc {
  readonly id: string; // "sum/parent-children"
  readonly severity: Severity; // the usual severity of its findings
  readonly title: Localized; // one line
  /** Long explanation: what the rule proves, why it matters, how to fix a finding. */
  readonly explain: Localized;
  /** An example finding, as YAML or prose. */
  readonly example: Localized;
}

/** What a rule did in one run, for `--verbose` (a rule that did not run is never a pass). */
export interface RuleRun {
  readonly id: string;
  /** Identities (or items) the rule checked. */
  readonly checked: number;
  readonly findings: number;
}

/**
 * A bug, not the user's mistake: the CLI prints its stack and exits 70. Stages throw it for
 * "cannot happen" states; everything the user can fix is a Diagnostic instead.
 */
export class InternalError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InternalError';
  }
}
