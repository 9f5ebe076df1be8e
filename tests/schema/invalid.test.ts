import { describe, expect, test } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { SHAPE_RULES, validateShape } from '../../src/schema/index.js';
import { parseSources } from '../../src/source/index.js';
import { SHAPE_CASES as cases, caseFiles, caseInputs, dirOf, type ShapeCase } from '../fixtures/invalid.js';

/** The case's department-year (data/2023 with its one edit, made in memory), parsed. */
function loadCase(c: ShapeCase) {
  const r = parseSources(dirOf(c.name), caseInputs(c));
  if (!r.tree) throw new Error(`parse failed: ${JSON.stringify(r.diagnostics.map((d) => [d.rule, d.message.en]))}`);
  return r.tree;
}

function lineOf(c: ShapeCase, needle: string): number {
  const text = caseFiles(c).get(c.file)!;
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`"${needle}" not in ${c.name}/${c.file}`);
  return text.slice(0, i + (needle.startsWith('  - ') ? 2 : 0)).split('\n').length;
}

const said = (d: Diagnostic) =>
  [d.message.zh, d.message.en, d.label?.zh, d.label?.en, d.help?.zh, d.help?.en, ...d.figures.map((f) => f.value)].join('\n');

describe('one fixture per shape rule (fixtures/invalid/cases.json)', () => {
  test.each(cases)('$name → $rule', (c) => {
    const dir = dirOf(c.name);
    const r = validateShape(loadCase(c));
    expect(r.input).toBeUndefined();
    const d = r.diagnostics.find((x) => x.rule === c.rule);
    expect(d, JSON.stringify(r.diagnostics.map((x) => [x.rule, x.message.en]))).toBeDefined();
    expect(d!.severity).toBe('error');
    expect(d!.span!.file.replace(/\\/g, '/')).toBe(`${dir}/${c.file}`);
    expect(d!.span!.line).toBe(lineOf(c, c.at));
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
