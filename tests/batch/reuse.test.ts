/**
 * A batch renders many reports in one process (the main thread with --jobs 1, each worker
 * thread otherwise), keeping the fonts it parsed for the first report and the modules it loaded.
 * Every file it writes must be byte-for-byte the file a fresh `budget build` of that one
 * department-year writes, whichever reports came before it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { budgetProcess, ensureBuilt, results } from './helpers.js';

beforeAll(() => ensureBuilt(), 120_000);

const DIRS = ['fixtures/synthetic-yuan-2024', 'data/2023', 'fixtures/reference-2022'];
const env = { SOURCE_DATE_EPOCH: '1700000000' };

/** Builds `dirs` in one command; returns every output file's bytes by path below `out`. */
function build(dirs: readonly string[], jobs: number): Map<string, Buffer> {
  const out = mkdtempSync(join(tmpdir(), 'budget-batch-reuse-'));
  const r = budgetProcess(['build', ...dirs, '--out', out, '--jobs', String(jobs), '--format', 'json'], { env });
  expect(r.code, r.stderr).toBe(0);
  const files = new Map<string, Buffer>();
  for (const item of results(r.stdout)) {
    expect(item.status, item.dir).toBe('ok');
    for (const f of item.outputs ?? []) files.set(relative(out, f), readFileSync(f));
  }
  return files;
}

describe('reports built one after another in one process', () => {
  let fresh: Map<string, Buffer>;
  beforeAll(() => {
    fresh = new Map();
    for (const dir of DIRS) for (const [k, v] of build([dir], 1)) fresh.set(k, v);
  }, 180_000);

  it('are byte-identical to fresh builds (PDF and XLSX), in this thread', () => {
    const batch = build(DIRS, 1);
    expect([...batch.keys()].sort()).toEqual([...fresh.keys()].sort());
    expect(batch.size).toBe(2 * DIRS.length);
    for (const [k, v] of batch) expect(v.equals(fresh.get(k)!), k).toBe(true);
  }, 120_000);

  it('are byte-identical to fresh builds on worker threads (one worker renders two of the three)', () => {
    const batch = build(DIRS, 2);
    expect(batch.size).toBe(2 * DIRS.length);
    for (const [k, v] of batch) expect(v.equals(fresh.get(k)!), k).toBe(true);
  }, 120_000);
});
