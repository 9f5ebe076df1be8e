export { PRIOR_RULES, PRIOR_RULE, PRIOR_UNUSABLE_RULE, priorDirOf, loadPrior, checkPriorYear, priorYearCheck, convert } from './prior.js';
export type { PriorLoad, PriorCheck } from './prior.js';
