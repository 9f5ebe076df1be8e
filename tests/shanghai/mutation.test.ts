/**
 * The mutation test (docs/mutation.md) on the Shanghai reference: every written number of
 * fixtures/reference-shanghai-2026 changed as a typist would, checked with the profile's layout
 * checks and table names. In-process on a fixed sample (every tenth number) to keep the suite fast;
 * the full run's figures are in docs/mutation.md.
 */
import { describe, expect, test } from 'vitest';
import { checkDir } from '../../src/compile.js';
import { nodeWorld } from '../../src/world/index.js';
import { Harness, mutations, type Result } from '../check/mutation.js';

const DIR = 'fixtures/reference-shanghai-2026';
const FULL = process.env.BUDGET_MUTATION_FULL === '1';

describe('mutation test on the Shanghai reference', () => {
  test('at least 90% of the typist\'s changes that change a value are caught', () => {
    const c = checkDir(DIR, nodeWorld({ env: {} }), { strict: false, profiles: 'profiles' });
    expect(c.status).toBe('ok');
    const p = c.profile!;
    const tables = p.tables.map((t) => ({
      name: (t.short_name ?? t.title).replaceAll('{year}', '2026'),
      kind: t.kind,
      columns: 'columns' in t ? [...t.columns] : [],
      ...('sources' in t && t.sources ? { sources: [...t.sources] } : {}),
      ...('classification' in t ? { classification: t.classification } : {}),
    }));
    const h = new Harness(DIR, { identities: p.identities, tables });
    const amounts = h.amounts().filter((_, i) => FULL || i % 10 === 0);
    const results: Result[] = amounts.flatMap((a) => mutations(a).map((m) => h.mutate(m)));
    const changed = results.filter((r) => r.outcome !== 'same-value');
    const caught = changed.filter((r) => r.outcome === 'input' || r.outcome === 'check');
    const by = (o: string) => changed.filter((r) => r.outcome === o).length;
    const escaped = [...new Set(changed.filter((r) => r.outcome === 'silent').map((r) => r.amount.path))];
    console.log(
      `shanghai mutation: numbers ${amounts.length}, changed ${changed.length}, caught ${caught.length} (${((100 * caught.length) / changed.length).toFixed(1)}%), note-only ${by('note-only')}, silent ${by('silent')} in ${escaped.length} numbers: ${escaped.join(' ')}`,
    );
    expect(changed.length).toBeGreaterThan(FULL ? 10000 : 1000);
    expect(caught.length / changed.length).toBeGreaterThanOrEqual(0.9);
  }, 600_000);
});
