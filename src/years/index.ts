export { PRIOR_RULES, PRIOR_RULE, PRIOR_UNUSABLE_RULE, MISSING_PRIOR_RULE, priorDirOf, loadPrior, checkPriorYear, priorYearCheck, resolvePrior, omittedPrior, priorFiguresOf, convert } from './prior.js';
export type { PriorLoad, PriorCheck, PriorResolution } from './prior.js';
