// Typos never crash the check: thousands of random edits of the reference year and the fixtures'
// department-years (tests/source/fuzz.ts says which edits) each end as exit 0, 1 or 2 with
// diagnostics that say something at a real place, and the fast parser agrees with yaml on every
// edited file, whichever of them refuses it. `npm run fuzz` runs the same with more edits and any
// seed (FUZZ_COUNT, FUZZ_SEED); a failure prints the seed, the case and its edits.
import { describe, expect, it } from 'vitest';
import { cases, describeCase, loadCorpora, runCase } from './fuzz.js';

const COUNT = Number(process.env.FUZZ_COUNT ?? 5000);
const SEED = Number(process.env.FUZZ_SEED ?? 20231);
/** Every n-th case runs `checkDir` itself, rendering the narrative templates too (the slowest stage). */
const FULL_EVERY = Number(process.env.FUZZ_FULL_EVERY ?? 50);
/** Stop after this many failures (each is printed whole). */
const MAX_FAILURES = Number(process.env.FUZZ_MAX_FAILURES ?? 5);

const corpora = loadCorpora();
const byDir = new Map(corpora.map((c) => [c.dir, c]));

function withStackTraces<T>(limit: number, f: () => T): T {
  const before = Error.stackTraceLimit;
  Error.stackTraceLimit = limit;
  try {
    return f();
  } finally {
    Error.stackTraceLimit = before;
  }
}

describe(`${COUNT} random typos (seed ${SEED})`, () => {
  it('each ends as exit 0, 1 or 2 with diagnostics that say what and where; fast.ts and yaml agree on each edited file', () => {
    const failures: string[] = [];
    const exits = [0, 0, 0];
    let i = 0;
    // yaml makes an Error for each problem it finds; capturing thousands of stacks would cost more
    // than the parsing. A failing case is run again with stacks for the report.
    withStackTraces(0, () => {
      for (const c of cases(corpora, SEED, COUNT)) {
        const full = i % FULL_EVERY === 0;
        const o = runCase(byDir.get(c.corpus)!, c, full);
        if (o.exit <= 2) exits[o.exit]++;
        if (o.problem || o.disagreement) {
          const again = withStackTraces(20, () => runCase(byDir.get(c.corpus)!, c, full));
          const what = [again.problem ?? o.problem, again.disagreement ?? o.disagreement].filter(Boolean).join('\n');
          failures.push(describeCase(SEED, i, c, what));
          if (failures.length >= MAX_FAILURES) break;
        }
        i++;
      }
    });
    expect(failures.join('\n\n')).toBe('');
    // the edits reach every outcome: clean files, broken arithmetic, unusable input
    if (COUNT >= 1000) for (const n of exits) expect(n).toBeGreaterThan(COUNT / 200);
    // (about 4–5 ms of CPU a case, some 22 s in all; a machine shared with other work may take
    // several times as long)
  }, 900_000);
});
