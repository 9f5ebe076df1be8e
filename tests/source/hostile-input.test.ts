// Input that is broken in a way other than the usual ones is named for what it is: UTF-32 is not
// UTF-16, damaged UTF-8 (an overlong form, an encoded surrogate) is not GBK, lone-CR line ends are
// not an empty file, a figure of 1e400 is not "a number, not the number 1e400", and a thousand
// nested "- " are deep nesting, not aliases. Fixtures: fixtures/input/make.py.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSources } from '../../src/source/index.js';
import { MAX_DEPTH } from '../../src/source/depth.js';
import { validateShape } from '../../src/schema/validate.js';
import { nodeWorld, readSources } from '../../src/world/index.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';

const world = nodeWorld({ env: {} });

function load(name: string) {
  const dir = `fixtures/input/${name}`;
  const read = readSources(world, dir);
  expect(read.diagnostics).toEqual([]);
  return parseSources(dir, read.files);
}

function only(diags: readonly Diagnostic[]): Diagnostic {
  expect(diags.map((d) => d.rule)).toHaveLength(1);
  return diags[0];
}

const at = (d: Diagnostic) => `${d.span?.line}:${d.span?.col}`;

describe('encodings named for what they are', () => {
  for (const name of ['utf32-encoding', 'utf32be-encoding']) {
    it(`${name}: UTF-32, not UTF-16`, () => {
      const bytes = readFileSync(`fixtures/input/${name}/budget.yaml`);
      expect(new TextDecoder(name.includes('be') ? 'utf-16be' : 'utf-16le').decode(bytes.subarray(4))).not.toContain('department'); // not UTF-16 text
      const d = only(load(name).diagnostics);
      expect([d.rule, at(d)]).toEqual(['input/encoding', '1:1']);
      expect(d.message.en).toContain('UTF-32');
      expect(d.message.en).not.toContain('UTF-16');
      expect(d.help?.en).toContain('iconv -f UTF-32 -t UTF-8');
    });
  }

  it('an overlong UTF-8 form in a UTF-8 file is damaged UTF-8, not GBK', () => {
    const bytes = readFileSync('fixtures/input/overlong-utf8/budget.yaml');
    // the bytes C0 AF do read as a GBK character: the old message called the file GBK
    expect(new TextDecoder('gbk').decode(bytes.subarray(bytes.indexOf(0xc0), bytes.indexOf(0xc0) + 2))).toMatch(/[\u3400-\u9fff]/);
    const d = only(load('overlong-utf8').diagnostics);
    expect(d.rule).toBe('input/encoding');
    // "  supervisor: 某某区" is 17 characters: the bad bytes start at column 18 of line 3
    expect(at(d)).toBe('3:18');
    expect(d.message.en).toBe('The file is not valid UTF-8: the bytes 0xC0 0xAF here are an overlong encoding, which UTF-8 forbids.');
    expect(d.message.zh).not.toContain('GBK');
    expect(d.help?.en).toContain('delete them');
  });

  it('an encoded surrogate is damaged UTF-8, not GBK', () => {
    const d = only(load('surrogate-utf8').diagnostics);
    expect([d.rule, at(d)]).toEqual(['input/encoding', '2:13']);
    expect(d.message.en).toContain('0xED 0xA0 0x80');
    expect(d.message.en).toContain('surrogate');
    expect(d.message.en).not.toContain('GBK');
  });

  it('a GBK file is still called GBK', () => {
    expect(only(load('gbk-encoding').diagnostics).message.en).toContain('GBK');
  });
});

describe('line ends and nesting', () => {
  it('lone-CR line ends: said so, at the first CR, not "the file is empty"', () => {
    const d = only(load('cr-line-ends').diagnostics);
    expect(d.rule).toBe('input/line-ends');
    expect(at(d)).toBe('1:7'); // "# 部门概况" is 6 characters
    expect(d.message.en).toContain('lone CR');
    expect(d.message.en).toContain('4 of them');
    expect(d.help?.en).toContain('LF');
  });

  it('a thousand nested "- " are deep nesting, not aliases', () => {
    const text = 'department:\n  duties:\n    ' + '- '.repeat(1000) + 'x\n';
    const r = parseSources('m', [{ path: 'm/deep.yaml', bytes: new TextEncoder().encode(text) }]);
    expect(r.tree).toBeUndefined();
    const rules = r.diagnostics.map((d) => d.rule);
    expect(rules).not.toContain('input/alias');
    expect(rules[0]).toBe('input/yaml-syntax');
    expect(r.diagnostics[0].message.en).toContain('nested too deeply');
    // where the nesting passes MAX_DEPTH: three block levels, then the 126th "- "
    expect(at(r.diagnostics[0])).toBe(`3:${5 + 2 * (MAX_DEPTH - 3)}`);
  });

  // Up to MAX_DEPTH levels of each kind of nesting parse; one more is refused, before either parser
  // runs, so the answer does not depend on how warm the process is.
  const nested = {
    dashes: (n: number) => 'department:\n  duties:\n    ' + '- '.repeat(n - 3) + 'x\n',
    brackets: (n: number) => 'a: ' + '['.repeat(n - 1) + ']'.repeat(n - 1) + '\n',
    indentation: (n: number) => Array.from({ length: n }, (_, i) => ' '.repeat(i) + 'k:').join('\n') + ' 1\n',
  };
  for (const [kind, make] of Object.entries(nested)) {
    it(`${kind}: ${MAX_DEPTH} levels parse, ${MAX_DEPTH + 1} are refused`, () => {
      const parse = (text: string) => parseSources('m', [{ path: 'm/deep.yaml', bytes: new TextEncoder().encode(text) }]);
      expect(parse(make(MAX_DEPTH)).diagnostics).toEqual([]);
      const r = parse(make(MAX_DEPTH + 1));
      expect(r.tree).toBeUndefined();
      expect(only(r.diagnostics).message.en).toContain('nested too deeply');
    });
  }

  it('a fresh process reads a file at the limit whole, like a warm one (no stack overflow)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'budget-deep-'));
    try {
      for (const [kind, make] of Object.entries(nested)) writeFileSync(join(dir, `${kind}.yaml`), make(MAX_DEPTH));
      const r = spawnSync(process.execPath, ['bin/budget.js', 'check', dir, '--format', 'json'], { encoding: 'utf8' });
      expect(r.status).toBe(2); // not a budget, but read: the shape check's errors, not exit 70
      expect(r.stderr).not.toContain('internal error');
      expect(r.stdout).not.toContain('nested too deeply');
      expect(r.stdout).toContain('dashes.yaml');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('figures beyond any number', () => {
  it('is reported once, as not a plain decimal', () => {
    const dir = 'data/2023';
    const files = ['department', 'economic', 'functional', 'income', 'other', 'performance', 'projects'].map((f) => {
      const path = join(dir, `${f}.yaml`);
      let text = readFileSync(path, 'utf8');
      if (f === 'income') text = text.replace('  total: 5158 ', '  total: 1e400 ');
      return { path, bytes: new TextEncoder().encode(text) };
    });
    const ds = validateShape(parseSources(dir, files).tree!).diagnostics;
    expect(ds.map((d) => `${d.rule} ${at(d)}`)).toEqual(['shape/bad-number 5:10']);
    expect(ds[0].message.en).toBe('1e400 is not a plain decimal: income.total');
  });

  it('a code written as .nan: the row is named by what else it has, never "NaN"', () => {
    const dir = 'data/2023';
    const files = ['department', 'economic', 'functional', 'income', 'other', 'performance', 'projects'].map((f) => {
      const path = join(dir, `${f}.yaml`);
      let text = readFileSync(path, 'utf8');
      if (f === 'economic') text = text.replace('{code: 30101, name: 基本工资', '{code: .nan, name: 基本工资');
      return { path, bytes: new TextEncoder().encode(text) };
    });
    const ds = validateShape(parseSources(dir, files).tree!).diagnostics;
    expect(ds.map((d) => `${d.rule} ${at(d)}`)).toEqual(['shape/bad-number 12:14']);
    expect(ds[0].message.zh).toBe('无法按十进制读取的数字 .nan：economic.rows[1].code（基本工资 · 科目编码）');
  });

  it('a figure of 400 nines: too large, once (not "a number, not the number 999…")', () => {
    const dir = 'data/2023';
    const nines = '9'.repeat(400);
    const files = ['department', 'economic', 'functional', 'income', 'other', 'performance', 'projects'].map((f) => {
      const path = join(dir, `${f}.yaml`);
      let text = readFileSync(path, 'utf8');
      if (f === 'income') text = text.replace('  total: 5158 ', `  total: ${nines} `);
      return { path, bytes: new TextEncoder().encode(text) };
    });
    const ds = validateShape(parseSources(dir, files).tree!).diagnostics;
    expect(ds.map((d) => `${d.rule} ${at(d)}`)).toEqual(['shape/bad-number 5:10']);
    expect(ds[0].message.en).toBe(`${'9'.repeat(30)}… has 400 digits, too large to be a budget figure: income.total`);
  });
});
