import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildBudget } from '../../src/model/index.js';
import { toPlain } from '../../src/money/decimal.js';
import { validateShape } from '../../src/schema/index.js';
import { parseSources } from '../../src/source/index.js';

/** data/2023 in memory, with edits: file → (text → text), or null to drop the file. */
function variant(edits: Record<string, ((t: string) => string) | null> = {}) {
  const dir = 'data/2023';
  const inputs = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') && edits[f] !== null)
    .map((f) => {
      const text = readFileSync(join(dir, f), 'utf8');
      const edit = edits[f];
      return { path: join(dir, f), bytes: new TextEncoder().encode(edit ? edit(text) : text) };
    });
  const parsed = parseSources(dir, inputs);
  if (!parsed.tree) throw new Error(JSON.stringify(parsed.diagnostics.map((d) => d.message.en)));
  return { tree: parsed.tree, shape: validateShape(parsed.tree) };
}

function replaceOnce(from: string, to: string) {
  return (t: string) => {
    expect(t.split(from)).toHaveLength(2);
    return t.replace(from, to);
  };
}

describe('validateShape', () => {
  test('the reference year has no shape diagnostic', () => {
    const { shape } = variant();
    expect(shape.diagnostics).toEqual([]);
    expect(shape.input?.data.functional.rows).toHaveLength(17);
    expect(shape.input?.data.economic.rows).toHaveLength(25);
  });

  test('an unquoted, correctly grouped amount is accepted and read exactly', () => {
    const { tree, shape } = variant({
      'income.yaml': replaceOnce('  total: 5158               # 收入总计', '  total: 5,158              # 收入总计'),
    });
    expect(shape.diagnostics).toEqual([]);
    const b = buildBudget(shape.input!);
    expect(toPlain(b.income.total.value)).toBe('5158');
    expect(b.income.total.span?.line).toBe(5);
  });

  test('a missing section is a missing value', () => {
    const { shape } = variant({ 'other.yaml': null });
    const missing = shape.diagnostics.filter((d) => d.rule === 'shape/missing-value').map((d) => d.message.en);
    expect(missing).toEqual(
      expect.arrayContaining(['procurement', 'three_public', 'running_cost', 'assets'].map((k) => `the ${k} section is missing: no file of this directory has "${k}:"`)),
    );
  });

  test('a leaf row without any amount is a missing value at that row', () => {
    const { shape } = variant({
      'functional.yaml': replaceOnce('{code: 2210203, name: 购房补贴, total: 27, basic: 27, project: 0}', '{code: 2210203, name: 购房补贴}'),
    });
    const d = shape.diagnostics.find((x) => x.rule === 'shape/missing-value')!;
    expect(d.message.en).toContain('2210203');
    expect(d.span?.line).toBe(27);
  });

  test('unknown top-level section suggests the right one', () => {
    const { shape } = variant({ 'other.yaml': replaceOnce('three_public:', 'three_pubic:') });
    const d = shape.diagnostics.find((x) => x.rule === 'shape/unknown-key')!;
    expect(d.label?.en).toBe('did you mean "three_public"?');
    expect(d.span?.file).toMatch(/other\.yaml$/);
  });

  test('a misspelt section is one diagnostic: the unknown key, not also the section missing elsewhere', () => {
    const { shape } = variant({ 'other.yaml': replaceOnce('three_public:', 'three_publics:') });
    expect(shape.diagnostics.map((d) => d.rule)).toEqual(['shape/unknown-key']);
    const d = shape.diagnostics[0];
    expect(d.label?.en).toBe('did you mean "three_public"?');
    expect(d.span?.file).toMatch(/other\.yaml$/);
  });

  test('a misspelt nested key needed as a value is reported once, at the misspelling', () => {
    const { shape } = variant({ 'other.yaml': replaceOnce('  this_year:', '  this_yeer:') });
    expect(shape.diagnostics.map((d) => d.rule)).toEqual(['shape/unknown-key']);
    expect(shape.diagnostics[0].label?.en).toBe('did you mean "this_year"?');
  });

  test('an unknown key that suggests nothing leaves the missing section reported', () => {
    const { shape } = variant({ 'other.yaml': replaceOnce('three_public:', 'zzzzzzzzzzzz:') });
    expect(shape.diagnostics.map((d) => d.rule).sort()).toEqual(['shape/missing-value', 'shape/unknown-key']);
  });

  test('a negative budget amount is a shape error at the figure; a negative change is not', () => {
    const neg = variant({ 'other.yaml': replaceOnce('running_cost: 0\n', 'running_cost: -3\n') });
    expect(neg.shape.diagnostics.map((d) => [d.rule, d.span?.file.endsWith('other.yaml')])).toEqual([['shape/negative-amount', true]]);
    expect(neg.shape.diagnostics[0].figures.map((f) => f.value)).toEqual(['-3']);
    const item = variant({ 'projects.yaml': (t) => t.replace(/(\n\s+amount: )(\d)/, '$1-$2') });
    expect(item.shape.diagnostics.map((d) => d.rule)).toEqual(['shape/negative-amount']);
    // Table 9's change row may fall below zero (the reference year's comparison.change is negative too).
    const change = variant({
      'other.yaml': (t) => t.replace(/(  change:[^\n]*\n    total: )0\n    abroad: 0/, '$1-2\n    abroad: -2'),
    });
    expect(change.shape.diagnostics.filter((d) => d.rule.startsWith('shape/negative'))).toEqual([]);
  });

  test('a wrong unit is an invalid value with a suggestion', () => {
    const { shape } = variant({ 'department.yaml': replaceOnce('  unit: 万元  ', '  unit: 元元  ') });
    const d = shape.diagnostics.find((x) => x.rule === 'shape/invalid-value')!;
    expect(d.help?.en).toBe('allowed: 万元, 元');
    expect(d.span?.line).toBe(9);
  });

  test('a number where a text is expected is taken as written; codes may be quoted', () => {
    const { tree, shape } = variant({
      'performance.yaml': replaceOnce('level3: 商用密码安全性评估, target: 1 次', 'level3: 商用密码安全性评估, target: 1.0'),
      'functional.yaml': replaceOnce('{code: 201,', '{code: "201",'),
    });
    expect(shape.diagnostics).toEqual([]);
    const b = buildBudget(shape.input!);
    expect(b.performance.indicators.find((i) => i.level3.text === '商用密码安全性评估')!.target.text).toBe('1.0');
    expect(b.functional.rows[0].code.text).toBe('201');
  });

  test('a mapping where an amount belongs is a wrong type, not a crash', () => {
    const { shape } = variant({ 'other.yaml': replaceOnce('running_cost: 0\n', 'running_cost:\n  total: 0\n') });
    const d = shape.diagnostics.find((x) => x.rule === 'shape/wrong-type')!;
    expect(d.message.en).toBe('running_cost must be a number, not a mapping');
  });

  test('an empty value (as left by a cleared template) is a missing value at its key', () => {
    const { shape } = variant({ 'other.yaml': replaceOnce('  goods: 0        # 货物采购', '  goods:          # 货物采购') });
    const d = shape.diagnostics.find((x) => x.rule === 'shape/missing-value')!;
    expect(d.message.en).toBe('procurement.goods is empty');
    expect(d.span?.file).toMatch(/other\.yaml$/);
    expect(d.span?.line).toBe(6);
    expect(d.span?.col).toBe(3);
  });
});
