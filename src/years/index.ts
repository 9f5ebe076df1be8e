export { PRIOR_RULES, PRIOR_RULE, PRIOR_UNUSABLE_RULE, MISSING_PRIOR_RULE, priorDirOf, loadPrior, checkPriorYear, priorYearCheck, resolvePrior, omittedPrior, priorFiguresOf, convert } from './prior.js';
export type { PriorLoad, PriorCheck, PriorResolution } from './prior.js';
export { DRAFT_RULES, draftChecks, textHash, reviewPath, YEAR_MISMATCH_RULE, PRIOR_YEAR_YEAR_RULE, CARRIED_OVER_RULE } from './draft.js';
export { skeletonFiles, SKELETON_FILES } from './skeleton.js';
export { planInit, type InitOptions, type InitResult } from './init.js';
