/** Loads a department-year through the real stages (parse → shape → build), for the check tests. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import type { Budget } from '../../src/model/budget.js';
import { buildBudget } from '../../src/model/index.js';
import { validateShape } from '../../src/schema/index.js';
import { parseSources, type SourceInput } from '../../src/source/index.js';

export function readDir(dir: string): SourceInput[] {
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => ({ path: join(dir, f), bytes: readFileSync(join(dir, f)) }));
}

export interface Loaded {
  readonly budget?: Budget;
  /** Parse and shape findings (a budget is built only when there are no errors among them). */
  readonly diagnostics: Diagnostic[];
}

export function load(dir: string, inputs: readonly SourceInput[] = readDir(dir)): Loaded {
  const parsed = parseSources(dir, inputs);
  if (!parsed.tree) return { diagnostics: parsed.diagnostics };
  const shape = validateShape(parsed.tree);
  const diagnostics = [...parsed.diagnostics, ...shape.diagnostics];
  if (!shape.input || diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  return { budget: buildBudget(shape.input), diagnostics };
}
