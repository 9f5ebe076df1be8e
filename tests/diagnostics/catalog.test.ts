import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/cli/rules.js';
import { RULE_ID } from '../../src/diagnostics/index.js';
import { checkDir } from '../../src/compile.js';
import { nodeWorld } from '../../src/world/index.js';

/** The message catalog: every stage's rules together, as `budget explain` and `--verbose` see them. */
describe('rule catalog', () => {
  const c = catalog();

  it('has unique ids across input, shape, check, template and output rules', () => {
    expect(c.duplicates).toEqual([]);
    expect(c.rules.length).toBeGreaterThan(20);
  });

  it('documents each rule in both languages, with an example', () => {
    for (const r of c.rules) {
      expect(r.id, r.id).toMatch(RULE_ID);
      for (const lang of ['zh', 'en'] as const) {
        expect(r.title[lang].trim(), `${r.id} title ${lang}`).not.toBe('');
        expect(r.explain[lang].trim(), `${r.id} explain ${lang}`).not.toBe('');
        expect(r.example[lang].trim(), `${r.id} example ${lang}`).not.toBe('');
      }
    }
  });

  it('knows every rule the reference year reports', () => {
    const r = checkDir('data/2023', nodeWorld(), { strict: false, profiles: 'profiles' });
    const known = new Set(c.rules.map((x) => x.id));
    for (const d of r.diagnostics) expect(known.has(d.rule), d.rule).toBe(true);
    for (const run of r.runs) expect(known.has(run.id), run.id).toBe(true);
  });
});
