import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSources } from '../../src/source/index.js';
import { buildBudget } from '../../src/model/index.js';
import { validateShape } from '../../src/schema/index.js';
import type { Budget } from '../../src/model/index.js';
import type { TemplateFile } from '../../src/document/index.js';
import { parseProfile, type Profile } from '../../src/profile/index.js';

/** Loads a department-year the way the CLI does: every .yaml file, parsed, then built. */
export function loadBudget(dir: string): Budget {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort()
    .map((f) => ({ path: join(dir, f), bytes: new Uint8Array(readFileSync(join(dir, f))) }));
  const r = parseSources(dir, files);
  if (!r.tree) throw new Error(`parse failed: ${JSON.stringify(r.diagnostics.map((d) => [d.rule, d.message.en]))}`);
  const shape = validateShape(r.tree);
  if (!shape.input) throw new Error(`shape errors: ${JSON.stringify(shape.diagnostics.map((d) => [d.rule, d.message.en]))}`);
  return buildBudget(shape.input);
}

/** Reads templates/ as src/world does. */
export function loadTemplates(dir = 'templates'): TemplateFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.liquid'))
    .sort()
    .map((f) => ({ path: join(dir, f), text: readFileSync(join(dir, f), 'utf8') }));
}

/** Reads and validates a profile file as the pipeline does (default: the package's default layout). */
export function loadProfile(file = 'profiles/shenzhen.yaml'): Profile {
  const r = parseProfile(file, readFileSync(file, 'utf8'));
  if (!r.profile) throw new Error(`profile ${file}: ${JSON.stringify(r.diagnostics.map((d) => [d.span?.line, d.message.en]))}`);
  return r.profile;
}
