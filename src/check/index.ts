export { checkBudget, CHECK_RULES, RULES, type CheckOptions, type CheckResult } from './check.js';
export type { TableRef } from './context.js';
export { fixTypography, isProseKey, typographyChecks, typographyIssues, TYPOGRAPHY_RULES, valueOffsetInSource, type TypoIssue } from './typography.js';
export { judge, tolOf, writtenTol, type Verdict } from './tolerance.js';
