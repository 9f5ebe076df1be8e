/**
 * Mutation test: every written number of data/2023 (codes and years aside) changed the way a
 * typist would (a digit replaced by each other digit, two adjacent digits swapped, a digit
 * dropped, a digit doubled), run through parse → shape → build → check. A change is caught when
 * any error appears. The analysis is in docs/mutation.md.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { Harness, mutations, type Kind, type Result } from './mutation.js';

/** Figures no identity of the twelve tables and the narrative constrains (see docs/mutation.md). */
const FEED_NO_IDENTITY = [/^running_cost$/, /^prior_year\.running_cost$/, /^assets\./];

/** Measured 92.1% of value-changing mutations caught (2023 reference data); the floor leaves a little room. */
const FLOOR = 0.9;

describe('typist mutations of data/2023', () => {
  let h: Harness;
  let results: Result[] = [];
  let changed: Result[] = [];
  let caught: Result[] = [];
  // ~5,400 runs of the whole pipeline: a few seconds on an idle machine, more on a loaded one
  beforeAll(() => {
    h = new Harness('data/2023');
    results = h.amounts().flatMap(mutations).map((m) => h.mutate(m));
    changed = results.filter((r) => r.outcome !== 'same-value');
    caught = changed.filter((r) => r.outcome === 'input' || r.outcome === 'check');
  }, 600_000);

  test('detection rate by kind', () => {
    const kinds: Kind[] = ['replace', 'swap', 'drop', 'double'];
    const rows = kinds.map((k) => {
      const all = results.filter((r) => r.kind === k);
      const ch = all.filter((r) => r.outcome !== 'same-value');
      const n = (o: Result['outcome']) => all.filter((r) => r.outcome === o).length;
      return {
        kind: k,
        mutations: all.length,
        'same value': n('same-value'),
        caught: `${ch.length - n('note-only') - n('silent')}/${ch.length}`,
        'by shape': n('input'),
        'by check': n('check'),
        'note only': n('note-only'),
        silent: n('silent'),
      };
    });
    rows.push({
      kind: 'all' as Kind,
      mutations: results.length,
      'same value': results.length - changed.length,
      caught: `${caught.length}/${changed.length}`,
      'by shape': caught.filter((r) => r.outcome === 'input').length,
      'by check': caught.filter((r) => r.outcome === 'check').length,
      'note only': changed.filter((r) => r.outcome === 'note-only').length,
      silent: changed.filter((r) => r.outcome === 'silent').length,
    });
    console.table(rows);
    console.log(`detection rate ${((100 * caught.length) / changed.length).toFixed(1)}% over ${h.amounts().length} written numbers`);
    expect(caught.length / changed.length).toBeGreaterThan(FLOOR);
  });

  test('what escapes is explained: a change within rounding tolerance shows as a new rounding note', () => {
    for (const r of changed.filter((x) => x.outcome === 'note-only')) {
      // only a last-digit change of one unit stays inside the half-unit intervals of its identities
      const delta = Math.abs(Number(r.text) - Number(r.amount.node.source));
      expect(delta, `${r.amount.path}: ${r.amount.node.source} → ${r.text}`).toBeLessThanOrEqual(2);
      expect(r.rules.length).toBeGreaterThan(0);
    }
  });

  test('a change that leaves no trace at all is in a figure that feeds no identity', () => {
    const silent = changed.filter((r) => r.outcome === 'silent');
    const unexplained = silent.filter((r) => !FEED_NO_IDENTITY.some((p) => p.test(r.amount.path)));
    expect(unexplained.map((r) => `${r.amount.path}: ${r.amount.node.source} → ${r.text}`)).toEqual([]);
  });

  test('every change to an amount that feeds an identity beyond one unit is an error', () => {
    const missed = changed.filter(
      (r) =>
        r.outcome !== 'input' &&
        r.outcome !== 'check' &&
        !FEED_NO_IDENTITY.some((p) => p.test(r.amount.path)) &&
        Math.abs(Number(r.text) - Number(r.amount.node.source)) > 2,
    );
    expect(missed.map((r) => `${r.amount.path}: ${r.amount.node.source} → ${r.text} (${r.outcome})`)).toEqual([]);
  });
});
