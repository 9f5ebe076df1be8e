// Thousands of findings of one kind (a pasted block of unknown keys) are listed as the first 20, in
// file order, each at its key, and one closing line that counts the rest — the report stays
// readable and its size bounded. (The time this takes is measured by scripts/bench-hostile.mjs, not
// here: 100,000 unknown keys once took minutes, by a linear search for each key.)
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSources } from '../../src/source/index.js';
import { MAX_PER_RULE, validateShape } from '../../src/schema/validate.js';

const DIR = 'data/2023';

function withUnknownKeys(n: number) {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).map((f) => ({ path: join(DIR, f), text: readFileSync(join(DIR, f), 'utf8') }));
  const dept = files.find((f) => f.path.endsWith('department.yaml'))!;
  const at = dept.text.indexOf('department:\n') + 'department:\n'.length;
  const firstLine = dept.text.slice(0, at).split('\n').length; // the line of the first inserted key
  dept.text = dept.text.slice(0, at) + Array.from({ length: n }, (_, i) => `  stray_${i}: ${i}\n`).join('') + dept.text.slice(at);
  const parsed = parseSources(DIR, files.map((f) => ({ path: f.path, bytes: new TextEncoder().encode(f.text) })));
  expect(parsed.diagnostics).toEqual([]);
  return { shape: validateShape(parsed.tree!), firstLine };
}

describe('repeated findings of one kind are capped', () => {
  it('5,000 unknown keys: the first 20 at their keys, then one line counting the other 4,980', () => {
    expect(MAX_PER_RULE).toBe(20);
    const { shape, firstLine } = withUnknownKeys(5000);
    expect(shape.input).toBeUndefined();
    const unknown = shape.diagnostics.filter((d) => d.rule === 'shape/unknown-key');
    expect(unknown).toHaveLength(21);
    const listed = unknown.slice(0, 20);
    expect(listed.map((d) => `${d.span?.line}:${d.span?.col}`)).toEqual(Array.from({ length: 20 }, (_, i) => `${firstLine + i}:3`));
    expect(listed.map((d) => d.message.en)).toEqual(Array.from({ length: 20 }, (_, i) => `unknown key "stray_${i}" in department`));
    for (const d of listed) expect(d.help?.en).toMatch(/^keys allowed here: name, /);
    const summary = unknown[20];
    expect(summary.span).toBeUndefined();
    expect(summary.message.en).toBe('… and 4980 more shape/unknown-key not listed (5000 in all; the first 20 are listed)');
    expect(summary.message.zh).toBe('……另有 4980 处 shape/unknown-key 未列出（共 5000 处，只列出前 20 处）');
    expect(shape.diagnostics).toHaveLength(21);
  });

  it('20 findings are listed whole, with no closing line', () => {
    const { shape } = withUnknownKeys(20);
    expect(shape.diagnostics.filter((d) => d.rule === 'shape/unknown-key')).toHaveLength(20);
    expect(shape.diagnostics.some((d) => d.message.en.includes('more'))).toBe(false);
  });
});
