import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { discover, latestPerDepartment, sortDirs } from '../../src/batch/discover.js';
import { nodeWorld } from '../../src/world/index.js';

function mk(root: string, files: string[]): void {
  for (const f of files) {
    mkdirSync(join(root, f, '..'), { recursive: true });
    writeFileSync(join(root, f), 'x: 1\n');
  }
}

describe('--all discovery', () => {
  it('finds data/<year>/ and data/<department>/<year>/ in a deterministic order, skipping hidden dirs and non-data dirs', () => {
    const root = mkdtempSync(join(tmpdir(), 'budget-disc-'));
    const data = join(root, 'data');
    // Created in a scrambled order on purpose: the order must not depend on creation or readdir order.
    mk(data, [
      'b-dept/2023/a.yaml',
      '2023/department.yaml',
      'a-dept/2024/x.yml',
      'a-dept/2022/x.yaml',
      '2021/department.yaml',
      'a-dept/2023/x.yaml',
      'a-dept/2023/sub/ignored.yaml', // inside a department-year: not searched
      '.hidden/2023/x.yaml',
      'node_modules/2023/x.yaml',
      'notes/readme.txt', // no yaml: not a department-year
      'group/c-dept/2023/x.yaml', // one level deeper
    ]);
    const found = discover(nodeWorld(), data).map((d) => d.slice(data.length + 1));
    expect(found).toEqual(['2021', '2023', 'a-dept/2022', 'a-dept/2023', 'a-dept/2024', 'b-dept/2023', 'group/c-dept/2023']);
    // Stable: the same tree, the same list.
    expect(discover(nodeWorld(), data)).toEqual(discover(nodeWorld(), data));
    // Default target: the latest year of each department.
    expect(latestPerDepartment(discover(nodeWorld(), data)).map((d) => d.slice(data.length + 1))).toEqual(['2023', 'a-dept/2024', 'b-dept/2023', 'group/c-dept/2023']);
  });

  it('returns nothing for a missing root', () => {
    expect(discover(nodeWorld(), join(tmpdir(), 'budget-no-such-dir-' + process.pid))).toEqual([]);
  });

  it('lists directories through the world: a fake World’s tree is searched, not the disk', () => {
    const tree: Record<string, { name: string; kind: 'file' | 'dir' | 'other' }[]> = {
      mem: [{ name: 'b', kind: 'dir' }, { name: '2031', kind: 'dir' }, { name: 'readme.md', kind: 'file' }],
      'mem/2031': [{ name: 'department.yaml', kind: 'file' }],
      'mem/b': [{ name: '2030', kind: 'dir' }, { name: 'link', kind: 'other' }],
      'mem/b/2030': [{ name: 'x.yml', kind: 'file' }],
    };
    const world = { listDir: (d: string) => tree[d.split(sep).join('/')] ?? [] };
    expect(discover(world, 'mem').map((d) => d.split(sep).join('/'))).toEqual(['mem/2031', 'mem/b/2030']);
  });

  it('sorts by path segment, so a department never splits another one', () => {
    // Plain string order would put "data/a-b/2023" between "data/a/2022" and "data/a/2023" ('-' < '/').
    expect(sortDirs(['data/a/2023', 'data/a-b/2023', 'data/a/2022'])).toEqual(['data/a/2022', 'data/a/2023', 'data/a-b/2023']);
  });
});
