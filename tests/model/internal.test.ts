import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { InternalError } from '../../src/diagnostics/index.js';
import { buildBudget } from '../../src/model/index.js';
import { unvalidatedSource, validateShape } from '../../src/schema/index.js';
import { parseSources } from '../../src/source/index.js';

/** data/2023 with other.yaml edited, parsed but (deliberately) not stopped at its shape errors. */
function unvalidated(edit: (text: string) => string) {
  const dir = 'data/2023';
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => {
      const text = readFileSync(join(dir, f), 'utf8');
      return { path: join(dir, f), bytes: new TextEncoder().encode(f === 'other.yaml' ? edit(text) : text) };
    });
  const parsed = parseSources(dir, files);
  if (!parsed.tree) throw new Error('parse failed');
  return parsed.tree;
}

describe('buildBudget called against its contract', () => {
  test('an unvalidated tree is a bug in the caller: InternalError, not a plain Error', () => {
    const tree = unvalidated((t) => t.replace(/^running_cost: 0$/m, ''));
    expect(validateShape(tree).diagnostics.map((d) => d.rule)).toContain('shape/missing-value');
    // Only unvalidatedSource (for budget fix's derived trees) hands the builder an unchecked tree.
    expect(() => buildBudget(unvalidatedSource(tree))).toThrow(InternalError);
    expect(() => buildBudget(unvalidatedSource(tree))).toThrow(/running_cost/);
  });
});
