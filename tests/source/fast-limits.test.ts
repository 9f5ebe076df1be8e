// The fast path declines what yaml refuses, at yaml's exact limits: an implicit key whose ':' lies
// more than 1,024 characters after the key's start (YAML 1.2 §7.4.2; yaml reports
// KEY_OVER_1024_CHARS), whether the key is plain or quoted, and whatever spaces precede the ':'.
import { describe, expect, it } from 'vitest';
import { fastParse } from '../../src/source/fast.js';
import { LineIndex } from '../../src/source/lines.js';
import { parseFile, parseFileWithYaml } from '../../src/source/parse.js';

function both(text: string) {
  const lines = new LineIndex('k.yaml', text);
  return { fast: fastParse(lines), yaml: parseFileWithYaml(lines), used: parseFile('k.yaml', text) };
}

describe('keys of 1,024 characters and more', () => {
  const cases: [string, (n: number) => string][] = [
    ['plain', (n) => 'k'.repeat(n)],
    ['double-quoted', (n) => `"${'k'.repeat(n - 2)}"`],
    ['single-quoted', (n) => `'${'k'.repeat(n - 2)}'`],
    ['plain, spaces before the colon', (n) => 'k'.repeat(n - 3) + '   '],
  ];
  for (const [what, key] of cases) {
    it(`${what}: accepted up to 1,024 characters before the ':', refused from 1,025, by both parsers`, () => {
      for (const [n, ok] of [[1000, true], [1024, true], [1025, false], [2000, false]] as const) {
        const text = `${key(n)}: 1\n`;
        expect(text.indexOf(': 1')).toBe(n); // the ':' is n characters after the key's start
        const r = both(text);
        const yamlErrors = r.yaml.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message.en);
        if (ok) {
          expect(yamlErrors, `${n}`).toEqual([]);
          // (the fast path may leave a text to yaml; what it accepts it reads as yaml does)
          if (r.fast || !what.includes('spaces')) expect(r.fast, `${n}`).toEqual(r.yaml.root);
        } else {
          expect(yamlErrors.join(' '), `${n}`).toContain('1024');
          expect(r.fast, `${n}: the fast path must decline`).toBeUndefined();
          expect(r.used.root, `${n}`).toBeUndefined();
        }
      }
    });
  }
  it('also as the key of a mapping inside a list item', () => {
    const text = `- "${'k'.repeat(1100)}": 1\n`;
    const r = both(text);
    expect(r.fast).toBeUndefined();
    expect(r.used.diagnostics.map((d) => d.severity)).toContain('error');
  });
});
