import type { RuleDoc } from '../diagnostics/diagnostic.js';
import { buildCatalog, OUTPUT_RULES, type Catalog } from '../diagnostics/index.js';
import { inputRules } from '../source/index.js';
import { SHAPE_RULES } from '../schema/index.js';
import { CHECK_RULES } from '../check/index.js';
import { TEMPLATE_RULES } from '../document/index.js';
import { worldRules } from '../world/index.js';
import { PRIOR_RULES } from '../years/index.js';
import { BATCH_RULES } from '../batch/rules.js';

/** Every rule the program can report, by stage: what `budget explain` and `--verbose` know. */
export function catalog(): Catalog {
  return buildCatalog([
    { stage: 'world', rules: worldRules },
    { stage: 'source', rules: inputRules },
    { stage: 'schema', rules: SHAPE_RULES },
    { stage: 'check', rules: CHECK_RULES },
    { stage: 'years', rules: PRIOR_RULES },
    { stage: 'document', rules: TEMPLATE_RULES },
    { stage: 'build', rules: OUTPUT_RULES },
    { stage: 'batch', rules: BATCH_RULES },
  ]);
}

export function allRules(): readonly RuleDoc[] {
  return catalog().rules;
}
