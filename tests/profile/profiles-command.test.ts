import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { profilesCommand } from '../../src/cli/profiles.js';
import { UsageError } from '../../src/cli/usage.js';
import { nodeWorld } from '../../src/world/index.js';
import { budget } from '../cli/run.js';

/** Runs `budget profiles` in-process, capturing what it prints. */
function run(ref: string | undefined, format: 'human' | 'json' = 'human') {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
  try {
    const code = profilesCommand(ref, { format, lang: 'zh' }, 'profiles', nodeWorld({ env: {} }));
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

describe('budget profiles', () => {
  it('lists the package profiles with their parts and tables', () => {
    const r = run(undefined);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    // listed by file name: shanghai-unit, shanghai, shenzhen
    expect(r.stdout).toMatch(/^shanghai-unit {2}/);
    expect(r.stdout).toMatch(/\nshanghai {2}/);
    expect(r.stdout).toMatch(/\nshenzhen {2}/);
    expect(r.stdout).toContain('表格（9 张）');
    expect(r.stdout).toContain('文字部分（9 个部分）');
    expect(r.stdout).toContain('表格（12 张）');
    expect(r.stdout).toMatch(/表十二 +整体支出绩效目标表 +performance-form +landscape/);
    expect(r.stdout).toMatch(/9\. 名词解释 +part9-glossary\.liquid/);
  });

  it('as JSON: the same, one object per profile', () => {
    const r = run('shenzhen', 'json');
    const [p] = JSON.parse(r.stdout);
    expect(p.name).toBe('shenzhen');
    expect(p.tables).toHaveLength(12);
    expect(p.tables[6]).toEqual({ id: 'table-7', caption: '表7', title: '一般公共预算支出表（按功能分类）', kind: 'classified-by-source', orientation: 'portrait' });
    expect(p.parts.map((x: { template: string }) => x.template)[0]).toBe('part1-overview.liquid');
  });

  it('a profile file outside the package: the toy layout, named by its folder', () => {
    const [p] = JSON.parse(run('fixtures/profiles/toy/profile.yaml', 'json').stdout);
    expect(p.name).toBe('toy');
    expect(p.tables.map((t: { caption: string }) => t.caption)).toEqual(['附表一', '附表二', '附表三']);
    expect(p.templates).toBe(join('fixtures/profiles/toy', 'templates'));
  });

  it('a malformed profile file: each finding at its file and line, exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'budget-profiles-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'description: x\nparts: []\ntables: []\nfoo: 1\n');
    const r = run(file);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${file}:4:1: profile/invalid`);
    expect(r.stderr).toContain(`${file}:1:1: profile/invalid`); // document, templates missing: at the top
  });

  it('an unknown name is a usage error naming the profiles there are', () => {
    expect(() => run('nope')).toThrow(UsageError);
  });
});

describe('budget profiles (the command as a user runs it)', () => {
  it('is wired: exit 0 and the list; an unknown name exits 2', async () => {
    const r = await budget(['profiles', '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('tables (12)');
    expect((await budget(['profiles', 'nope'])).code).toBe(2);
  });
});
