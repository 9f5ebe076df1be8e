import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { buildDir, fileName, MAX_NAME_BYTES, outputPaths } from '../../src/compile.js';
import { nodeWorld } from '../../src/world/index.js';

/**
 * Output names: every output path resolves inside --out, whatever the department is called and
 * whatever --name says; a long name fits the file system's 255 bytes with the temporary suffix.
 */
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
const insideOut = (out: string, file: string) => {
  const rel = relative(resolve(out), resolve(file));
  return rel !== '' && !rel.startsWith('..') && !rel.startsWith('/');
};

describe('outputPaths', () => {
  it.each([
    ['..', '..'],
    ['.', '.'],
    ['../../etc/passwd', '{department}'],
    ['a/../../b', '{department}-{year}'],
    ['x', '../{department}'],
    ['x', '/abs/{department}'],
    ['x', '..\\\\{department}'],
  ])('department %j with --name %j stays one file inside out/<year>/', (department, pattern) => {
    const p = outputPaths('out', pattern, department, 2031);
    for (const f of [p.pdf, p.xlsx]) {
      expect(insideOut('out', f), f).toBe(true);
      expect(dirname(f)).toBe(join('out', '2031'));
      expect(basename(f).startsWith('.')).toBe(false);
    }
  });

  it('a department named ".." no longer writes <out>.pdf in the parent of --out', () => {
    expect(outputPaths('out', '{department}', '..', 2031).pdf).toBe(join('out', '2031', '__.pdf'));
    expect(outputPaths('out', '{department}', '.', 2031).pdf).toBe(join('out', '2031', '_.pdf'));
  });

  it('keeps ordinary names as they were', () => {
    expect(outputPaths('out', '{department}-{year}-部门预算', '某某区示例局', 2031).pdf).toBe(join('out', '2031', '某某区示例局-2031-部门预算.pdf'));
  });
});

describe('fileName', () => {
  const long = (n: number, tail = '') => '某'.repeat(n) + tail;

  it('shortens a name over the limit to fit 255 bytes with the longest temporary suffix', () => {
    // 75 characters of Chinese: 225 bytes, which with ".xlsx.<pid>.<hex>.tmp" exceeded 255 (ENAMETOOLONG).
    const name = fileName(long(75) + '-2031-部门预算');
    expect(bytes(name)).toBeLessThanOrEqual(MAX_NAME_BYTES);
    expect(bytes(`.${name}.xlsx.4194304.0123abcd.tmp`)).toBeLessThanOrEqual(255);
    expect(name).toMatch(/~[0-9a-f]{8}$/);
    expect(name.startsWith(long(60))).toBe(true);
  });

  it('maps the same long name to the same file, and two long names that share a beginning to two files', () => {
    expect(fileName(long(100, '甲'))).toBe(fileName(long(100, '甲')));
    expect(fileName(long(100, '甲'))).not.toBe(fileName(long(100, '乙')));
  });

  it('cuts at a character boundary (valid UTF-8)', () => {
    const name = fileName('a' + long(120));
    expect(Buffer.from(name, 'utf8').toString('utf8')).toBe(name);
    expect(name).not.toContain('\uFFFD');
  });

  it('replaces control, bidi and zero-width characters a --name pattern may hold', () => {
    expect(fileName('a\u0000b\u202Ec\u200Bd')).toBe('a_b_c_d');
  });

  it('leaves a name within the limit alone', () => {
    expect(fileName(long(66))).toBe(long(66));
  });
});

/** A copy of data/2023 whose department is called `name`. */
function named(name: string): { root: string; dir: string } {
  const root = mkdtempSync(join(tmpdir(), 'budget-names-'));
  const dir = join(root, 'data', '2023');
  cpSync('data/2023', dir, { recursive: true });
  const f = join(dir, 'department.yaml');
  writeFileSync(f, readFileSync(f, 'utf8').replace(/^department:\n  name: [^\n#]+/m, `department:\n  name: ${JSON.stringify(name)} `));
  return { root, dir };
}

describe('a build of a department named ".."', () => {
  it('writes inside --out, nothing in its parent', async () => {
    const { root, dir } = named('..');
    const out = join(root, 'out');
    const r = await buildDir(dir, nodeWorld({ env: {} }), { strict: false, templates: 'templates', profiles: 'profiles', out, name: '{department}', formats: ['xlsx'] });
    expect(r.status).toBe('ok');
    expect(readdirSync(root).sort()).toEqual(['data', 'out']);
    expect(readdirSync(join(out, '2023'))).toEqual(['__.xlsx']);
    expect(r.outputs).toEqual([join(out, '2023', '__.xlsx')]);
  }, 60_000);
});

describe('a build of a department with a 75-character name', () => {
  it('writes (it failed with ENAMETOOLONG on the temporary file)', async () => {
    const { root, dir } = named('某'.repeat(75));
    const out = join(root, 'out');
    const r = await buildDir(dir, nodeWorld({ env: {} }), { strict: false, templates: 'templates', profiles: 'profiles', out, name: '{department}-{year}-部门预算', formats: ['xlsx'] });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.status).toBe('ok');
    const [written] = readdirSync(join(out, '2023'));
    expect(written).toMatch(/^某{60,}~[0-9a-f]{8}\.xlsx$/);
  }, 60_000);
});
