import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { SHAPE_RULES, validateShape } from '../../src/schema/index.js';
import { loadTree } from './load.js';

interface Case {
  name: string;
  file: string;
  rule: string;
  /** Text on the line the diagnostic must point at (found here by a plain text search, independently of the parser). */
  at: string;
  /** A figure or key the diagnostic must mention. */
  mentions: string;
}

const cases: Case[] = JSON.parse(readFileSync('fixtures/invalid/cases.json', 'utf8'));

function lineOf(path: string, needle: string): number {
  const text = readFileSync(path, 'utf8');
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`"${needle}" not in ${path}`);
  return text.slice(0, i + (needle.startsWith('  - ') ? 2 : 0)).split('\n').length;
}

const said = (d: Diagnostic) =>
  [d.message.zh, d.message.en, d.label?.zh, d.label?.en, d.help?.zh, d.help?.en, ...d.figures.map((f) => f.value)].join('\n');

describe('one fixture per shape rule (fixtures/invalid)', () => {
  test.each(cases)('$name → $rule', (c) => {
    const dir = join('fixtures/invalid', c.name);
    const r = validateShape(loadTree(dir));
    expect(r.input).toBeUndefined();
    const d = r.diagnostics.find((x) => x.rule === c.rule);
    expect(d, JSON.stringify(r.diagnostics.map((x) => [x.rule, x.message.en]))).toBeDefined();
    expect(d!.severity).toBe('error');
    expect(d!.span!.file.replace(/\\/g, '/')).toBe(`${dir}/${c.file}`);
    expect(d!.span!.line).toBe(lineOf(join(dir, c.file), c.at));
    expect(said(d!)).toContain(c.mentions);
    expect(d!.message.zh).not.toBe(d!.message.en);
    expect(d!.help).toBeDefined();
  });

  test('every shape rule has a fixture, and every fixture rule is documented', () => {
    const documented = new Set(SHAPE_RULES.map((r) => r.id));
    const fixtured = new Set(cases.map((c) => c.rule));
    for (const c of fixtured) expect(documented.has(c), c).toBe(true);
    // missing-value is also covered by the empty-row and missing-section tests in shape.test.ts
    for (const r of documented) expect(fixtured.has(r), r).toBe(true);
  });
});
