// Typos in the Shanghai layout never crash the check: random edits (tests/source/fuzz.ts) of the
// Shanghai reference, the fixtures the layout added, and the two Shanghai profiles each end as exit
// 0, 1 or 2 with diagnostics that say something at a real place. Every case runs the whole check
// with the layout's profile. FUZZ_SHANGHAI_COUNT and FUZZ_SEED for more (a failure prints its case).
import { describe, expect, it } from 'vitest';
import { cases, describeCase, loadCorpora, runCase, SHANGHAI_CORPORA, SHANGHAI_PROFILES } from '../source/fuzz.js';

const COUNT = Number(process.env.FUZZ_SHANGHAI_COUNT ?? 300);
const SEED = Number(process.env.FUZZ_SEED ?? 2026);
const MAX_FAILURES = Number(process.env.FUZZ_MAX_FAILURES ?? 5);

const corpora = loadCorpora(SHANGHAI_CORPORA, SHANGHAI_PROFILES, true);
const byDir = new Map(corpora.map((c) => [c.dir, c]));

describe(`${COUNT} random typos in the Shanghai layout (seed ${SEED})`, () => {
  it('each ends as exit 0, 1 or 2 with diagnostics that say what and where', () => {
    const failures: string[] = [];
    const exits = [0, 0, 0];
    let i = 0;
    for (const c of cases(corpora, SEED, COUNT)) {
      const o = runCase(byDir.get(c.corpus)!, c);
      if (o.exit <= 2) exits[o.exit]++;
      if (o.problem || o.disagreement) {
        failures.push(describeCase(SEED, i, c, [o.problem, o.disagreement].filter(Boolean).join('\n')));
        if (failures.length >= MAX_FAILURES) break;
      }
      i++;
    }
    expect(failures.join('\n\n')).toBe('');
    // the edits reach clean files and unusable input alike (a profile typo is unusable input)
    if (COUNT >= 100) {
      expect(exits[0]).toBeGreaterThan(0);
      expect(exits[2]).toBeGreaterThan(0);
    }
  }, 300_000);
});
