import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { nodeWorld, type World } from '../../src/world/index.js';
import { runBatch } from '../../src/batch/run.js';
import { runMany } from '../../src/cli/batch.js';
import { budget, results, ROOT, tree } from './helpers.js';

/** The real world, except that listing `boom` hits a bug (an exception that is not a WorldError). */
function worldWithBug(): World {
  const w = nodeWorld();
  return {
    ...w,
    listYamlFiles: (dir) => {
      if (dir.endsWith('boom')) throw new TypeError('simulated bug');
      return w.listYamlFiles(dir);
    },
  };
}

const opts = { strict: false, profiles: join(ROOT, 'profiles') };

describe('one item’s failure does not stop the rest', () => {
  it('an internal error is that item’s result; the items after it are checked; the run exits 70', async () => {
    const dirs = [join(ROOT, 'data/2023'), 'boom', join(ROOT, 'fixtures/reference-2022')];
    const items = await runBatch(dirs, { kind: 'check', opts }, worldWithBug(), 1);
    expect(items.map((i) => i.result.status)).toEqual(['ok', 'unusable', 'ok']);
    expect(items[1].internal).toContain('simulated bug');
    expect(items[1].result.diagnostics[0].rule).toBe('batch/internal-error');
    expect(items[2].result.balance?.income).toBe('5318');

    const run = await runMany(dirs, { kind: 'check', opts }, worldWithBug(), { format: 'json', lang: 'en', jobs: '1' });
    expect(run.close(1)).toBe(70);
  });

  it('two directories that build the same file: the later is reported, exit 2', async () => {
    const root = tree({ '2023': 'data/2023', 'copy/2023': 'data/2023' });
    const r = await budget(['build', '--all', '--out', 'out', '--format', 'json'], { cwd: root });
    expect(r.code).toBe(2);
    const res = results(r.stdout);
    expect(res.map((x) => x.status)).toEqual(['ok', 'unusable']);
    const d = res[1].diagnostics.find((x) => x.rule === 'batch/output-collision')!;
    expect(d.message).toContain('data/2023');
    expect(d.message).toContain('深圳市福田区数据管理中心-2023-部门预算.pdf');
  }, 120_000);
});
