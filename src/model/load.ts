import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { validateShape, type ShapeResult } from '../schema/index.js';
import { parseSources, type ParseResult, type SourceFile, type SourceTree } from '../source/index.js';
import { readSources, type World } from '../world/index.js';
import type { Budget } from './budget.js';
import { buildBudget, type PriorFigures } from './build.js';

/**
 * What the prior year contributes before the model is built (src/years `resolvePrior`): the
 * figures this year omits, or the findings that keep it from being built.
 */
export interface PriorStep {
  readonly figures?: PriorFigures;
  readonly diagnostics: readonly Diagnostic[];
}

export interface Loaded<P extends PriorStep = PriorStep> {
  /** The directory's yaml files as read, with what kept any from being read. */
  readonly read: ReturnType<typeof readSources>;
  readonly parsed?: ParseResult;
  readonly shape?: ShapeResult;
  /** The prior-year step's result, when it ran (the shape was valid and a step was given). */
  readonly prior?: P;
  /** Present exactly when nothing above has an error. */
  readonly budget?: Budget;
  readonly tree?: SourceTree;
  /** The decoded files (code frames of findings that point into them). */
  readonly files: readonly SourceFile[];
  /** The findings of reading, parsing and validating (the prior step's are in `prior`). */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * The front half of the pipeline, the one way a department-year is loaded (the compiler's check
 * and build, the prior year it compares with, `budget init` and `budget diff`): read (world) →
 * parse (source) → validate (schema) → `prior` → build (model). Each stage runs only when the one
 * before produced its value; its arithmetic is checked elsewhere (src/check).
 *
 * `prior` runs on a shape-valid tree, before the model is built, and supplies the prior-year
 * figures the data omits; when it reports findings the budget is not built. Without it the
 * omitted prior-year figures are 0 (a prior year loaded for its own figures, whose comparison is
 * not used).
 */
export function loadBudget<P extends PriorStep = PriorStep>(world: World, dir: string, prior?: (tree: SourceTree) => P): Loaded<P> {
  const read = readSources(world, dir);
  const parsed = read.diagnostics.length ? undefined : parseSources(dir, read.files);
  const tree = parsed?.tree;
  const shape = tree ? validateShape(tree) : undefined;
  const step = tree && shape?.input && prior ? prior(tree) : undefined;
  const budget = shape?.input && (!step || !step.diagnostics.length) ? buildBudget(shape.input, step?.figures) : undefined;
  return {
    read,
    ...(parsed ? { parsed } : {}),
    ...(shape ? { shape } : {}),
    ...(step ? { prior: step } : {}),
    ...(budget ? { budget } : {}),
    ...(tree ? { tree } : {}),
    files: parsed?.files ?? [],
    diagnostics: [...read.diagnostics, ...(parsed?.diagnostics ?? []), ...(shape?.diagnostics ?? [])],
  };
}
