// A directory the user may not read or enter is reported as a permission problem, with the fix —
// not as a missing directory or as one without .yaml files. (Tests run as root in CI, where no mode
// bits deny anything, so the operating system's answers are simulated.)
import { describe, expect, it, vi } from 'vitest';

const denied = new Map<string, 'stat' | 'readdir' | 'stat-files'>();

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const eacces = (p: string) => Object.assign(new Error(`EACCES: permission denied, '${p}'`), { code: 'EACCES' });
  const mocked = {
    ...fs,
    statSync: ((p: string, ...rest: unknown[]) => {
      const s = String(p);
      if (denied.get(s) === 'stat') throw eacces(s);
      for (const [dir, how] of denied) if (how === 'stat-files' && s.startsWith(dir + '/')) throw eacces(s);
      if (denied.has(s)) return { isDirectory: () => true, isFile: () => false };
      return (fs.statSync as (...a: unknown[]) => unknown)(p, ...rest);
    }) as typeof fs.statSync,
    readdirSync: ((p: string, ...rest: unknown[]) => {
      const s = String(p);
      if (denied.get(s) === 'readdir') throw eacces(s);
      if (denied.get(s) === 'stat-files') return ['budget.yaml'];
      return (fs.readdirSync as (...a: unknown[]) => unknown)(p, ...rest);
    }) as typeof fs.readdirSync,
  };
  return { ...mocked, default: mocked };
});

const { nodeWorld } = await import('../../src/world/index.js');

describe('permission denied on the data directory', () => {
  const world = nodeWorld({ env: {} });
  for (const [how, words] of [
    ['stat', /Permission denied for the directory data\/2031 \(EACCES\)/],
    ['readdir', /Permission denied reading the directory data\/2031 \(EACCES\)/],
    ['stat-files', /Permission denied entering the directory data\/2031 \(EACCES\)/],
  ] as const) {
    it(`when ${how} is refused: says permission, and how to grant it`, () => {
      denied.clear();
      denied.set('data/2031', how);
      const r = world.listYamlFiles('data/2031');
      expect(r.files).toEqual([]);
      expect(r.diagnostics).toHaveLength(1);
      const d = r.diagnostics[0];
      expect(d.rule).toBe('input/missing-dir');
      expect(d.message.en).toMatch(words);
      expect(d.message.en).not.toMatch(/does not exist|no \.yaml/);
      expect(d.message.zh).toContain('没有权限');
      expect(d.help?.en).toMatch(/chmod u\+/);
    });
  }
});
