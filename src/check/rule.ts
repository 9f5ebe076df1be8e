import type { RuleDoc } from '../diagnostics/diagnostic.js';
import type { RuleCtx } from './context.js';

/** A check: a named function with its documentation. The id is `doc.id` and never changes. */
export interface Rule {
  readonly doc: RuleDoc;
  readonly run: (ctx: RuleCtx) => void;
}
