import type { RuleDoc } from '../diagnostics/diagnostic.js';

/** Documentation of the shape rules (filled in below). */
export const SHAPE_RULES: readonly RuleDoc[] = [];
