import type { Diagnostic, RuleDoc, RuleRun } from '../diagnostics/diagnostic.js';
import type { Budget } from '../model/budget.js';
import { type FeedsOf, RuleCtx, type TableRef } from './context.js';
import { DEFAULT_IDENTITIES, type LayoutIdentity } from '../profile/index.js';
import { ASSETS_RESERVATIONS, FUND_SPLIT, PERSONNEL_PUBLIC, ROW_INCOME, RUNNING_COST_PUBLIC, THREE_PUBLIC_ECONOMIC } from './rules/layout.js';
import type { Rule } from './rule.js';
import { BALANCE, EXPENDITURE_TOTAL } from './rules/balance.js';
import { CLASS_CHILDREN } from './rules/class-children.js';
import { COMPARISON } from './rules/comparison.js';
import { FUNCTIONAL_ECONOMIC } from './rules/functional-economic.js';
import { INCOME } from './rules/income.js';
import { INCOME_SOURCES } from './rules/income-sources.js';
import { PERFORMANCE } from './rules/performance.js';
import { PROCUREMENT } from './rules/procurement.js';
import { PROCUREMENT_PLAN } from './rules/procurement-plan.js';
import { PROJECTS } from './rules/projects.js';
import { ROW_SOURCES, ROW_SPLIT } from './rules/row-split.js';
import { STAFFING } from './rules/staffing.js';
import { SUMMARY } from './rules/summary.js';
import { THREE_PUBLIC } from './rules/three-public.js';
import { BudgetView } from './view.js';
import { DIRECTION } from './rules/direction.js';
import { foldChains } from './chains.js';
import { unitWord } from './labels.js';

/** Every arithmetic rule, in the order its findings are listed. */
export const RULES: readonly Rule[] = [
  CLASS_CHILDREN,
  ROW_SPLIT,
  ROW_SOURCES,
  PROCUREMENT,
  INCOME,
  BALANCE,
  EXPENDITURE_TOTAL,
  FUNCTIONAL_ECONOMIC,
  INCOME_SOURCES,
  PROJECTS,
  SUMMARY,
  PROCUREMENT_PLAN,
  THREE_PUBLIC,
  PERFORMANCE,
  COMPARISON,
  STAFFING,
  FUND_SPLIT,
  ROW_INCOME,
  PERSONNEL_PUBLIC,
  THREE_PUBLIC_ECONOMIC,
  RUNNING_COST_PUBLIC,
  ASSETS_RESERVATIONS,
  DIRECTION,
];

export const CHECK_RULES: readonly RuleDoc[] = RULES.map((r) => r.doc);

export interface CheckOptions {
  /** Rounding notes become errors. */
  readonly strict?: boolean;
  /**
   * Where the document shows a figure: derived from the profile by the caller (src/compile.ts,
   * `layoutFeeds`), so a diagnostic names the tables and parts of the layout the data is built
   * with. Without it, diagnostics name none.
   */
  readonly feeds?: FeedsOf;
  /**
   * The layout-specific identities to test (the profile's `identities`); absent: the default
   * layout's (DEFAULT_IDENTITIES).
   */
  readonly identities?: readonly LayoutIdentity[];
  /** The profile's tables, for findings that name where a figure is printed. */
  readonly tables?: readonly TableRef[];
  /**
   * Fold the errors that trace to one change into one error naming the chain of totals it breaks
   * (src/check/chains.ts). The CLI's check does; `budget fix` and the rule tests read each finding.
   */
  readonly chains?: boolean;
}

export interface CheckResult {
  readonly diagnostics: Diagnostic[];
  readonly runs: RuleRun[];
}

/** Runs every arithmetic rule on a built budget. Pure: the same budget gives the same findings. */
export function checkBudget(budget: Budget, opts: CheckOptions = {}): CheckResult {
  const view = new BudgetView(budget);
  const diagnostics: Diagnostic[] = [];
  const runs: RuleRun[] = [];
  for (const rule of RULES) {
    const ctx = new RuleCtx(rule.doc.id, view, !!opts.strict, opts.feeds, opts.identities ?? DEFAULT_IDENTITIES, opts.tables ?? []);
    rule.run(ctx);
    diagnostics.push(...ctx.diagnostics);
    runs.push({ id: rule.doc.id, checked: ctx.checked, findings: ctx.diagnostics.length });
  }
  if (opts.chains) return { diagnostics: foldChains(diagnostics, view, unitWord(budget.department.unit), opts.feeds ?? (() => [])), runs };
  return { diagnostics, runs };
}
