import type { RuleDoc } from '../diagnostics/diagnostic.js';
import { buildCatalog, OUTPUT_RULES, type Catalog } from '../diagnostics/index.js';
import { inputRules } from '../source/index.js';
import { SHAPE_RULES } from '../schema/index.js';
import { CHECK_RULES, TYPOGRAPHY_RULES } from '../check/index.js';
import { TEMPLATE_RULES } from '../document/index.js';
import { OUTSIDE_OUT_RULE, SOURCE_DATE_EPOCH_RULE, TEMPLATES_DIR_RULE, worldRules, WRITE_FAILED_RULE } from '../world/index.js';
import { DRAFT_RULES, PRIOR_RULES } from '../years/index.js';
import { PROFILE_RULES } from '../profile/index.js';
import { BATCH_RULES } from '../batch/rules.js';
import { IMPORT_RULES } from '../import/rules.js';
import { ORIGINS_RULES } from '../origins/index.js';

/** Every rule the program can report, by stage: what `budget explain` knows. */
export function catalog(): Catalog {
  return buildCatalog([
    { stage: 'world', rules: worldRules },
    { stage: 'source', rules: inputRules },
    { stage: 'schema', rules: SHAPE_RULES },
    { stage: 'check', rules: [...CHECK_RULES, ...TYPOGRAPHY_RULES] },
    { stage: 'years', rules: [...PRIOR_RULES, ...DRAFT_RULES] },
    { stage: 'profile', rules: PROFILE_RULES },
    { stage: 'document', rules: TEMPLATE_RULES },
    { stage: 'build', rules: OUTPUT_RULES },
    { stage: 'batch', rules: BATCH_RULES },
    { stage: 'import', rules: IMPORT_RULES },
    { stage: 'origins', rules: ORIGINS_RULES },
  ]);
}

export function allRules(): readonly RuleDoc[] {
  return catalog().rules;
}

export type ReportCommand = 'check' | 'build';

/**
 * The rules every run of `command` goes through, in pipeline order: what JUnit and `--verbose`
 * list, each as run or, when an earlier stage stopped, as not run. A rule that cannot apply to the
 * command (`output/*` for `check`) would only be a test skipped in every CI run, so it is not
 * listed. Rules that run only in some circumstances (the prior-year comparison, when a prior year's
 * data is next to this one; the batch's own findings) are listed whenever they ran or found something.
 */
export function rulesFor(command: ReportCommand): readonly RuleDoc[] {
  const world = (id: string) => worldRules.filter((r) => r.id === id);
  const check = [...inputRules, ...SHAPE_RULES, ...PROFILE_RULES, ...CHECK_RULES, ...world(TEMPLATES_DIR_RULE), ...TEMPLATE_RULES, ...DRAFT_RULES, ...TYPOGRAPHY_RULES];
  if (command === 'check') return check;
  return [...check, ...world(SOURCE_DATE_EPOCH_RULE), ...OUTPUT_RULES, ...world(OUTSIDE_OUT_RULE), ...world(WRITE_FAILED_RULE)];
}
