// `--name` fills {department} and {year}; any other {…} is a typo (`{deparment}`) that would
// otherwise be copied into every file name as it stands. It is a usage error: exit 2, the stray
// placeholder named, the two real ones listed, nothing written.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { budget, copyReference } from './run.js';

const { dir } = copyReference();

describe('build --name with a placeholder that does not exist', () => {
  it('exits 2 naming it and writes nothing', async () => {
    const out = mkdtempSync(join(tmpdir(), 'budget-name-'));
    const r = await budget(['build', dir, '--out', out, '--name', '{deparment}-{year}']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('“{deparment}”不是可用的占位符');
    expect(r.stderr).toContain('{department}（部门名称）和 {year}（年度）');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(out, '2023'))).toBe(false);
  });

  it('in English too', async () => {
    const out = mkdtempSync(join(tmpdir(), 'budget-name-'));
    const r = await budget(['build', dir, '--out', out, '--name', 'x-{}', '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"{}" is not a placeholder');
  });
});
