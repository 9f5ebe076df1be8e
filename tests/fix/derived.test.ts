import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixSources, type FixFile, type FixOptions } from '../../src/fix/index.js';
import { parseSources } from '../../src/source/index.js';
import { validateShape } from '../../src/schema/index.js';
import { buildBudget } from '../../src/model/index.js';
import { checkBudget } from '../../src/check/index.js';
import { parseProfile } from '../../src/profile/index.js';

/**
 * `budget fix` takes the totals it may move from the declared identities (src/model/identities.ts),
 * not from a list of its own: a roll-up family the model fills is a family fix settles. The cases
 * below are totals of two families the former hand-written list did not name (a parent's 人员经费 /
 * 公用经费, `sum/personnel-public`; a row's income as the income table prints it, `ROW_INCOME`):
 * before, fix refused both; the expected figures are worked out by hand from the fixtures.
 */

const profile = parseProfile('profiles/shanghai.yaml', readFileSync('profiles/shanghai.yaml', 'utf8')).profile!;
const opts: FixOptions = { figureSpace: profile.typography.figure_space, check: { identities: profile.identities } };

function files(dir: string, file: string, from: string, to: string): FixFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => {
      const text = readFileSync(join(dir, f), 'utf8');
      if (f !== file) return { path: `${dir}/${f}`, text };
      expect(text.split(from).length, `${f}: ${from}`).toBe(2);
      return { path: `${dir}/${f}`, text: text.replace(from, to) };
    });
}

function errorsOf(dir: string, fs: readonly FixFile[]): string[] {
  const parsed = parseSources(dir, fs.map((f) => ({ path: f.path, bytes: new TextEncoder().encode(f.text) })));
  const shape = validateShape(parsed.tree!);
  return checkBudget(buildBudget(shape.input!), { identities: profile.identities })
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => `${d.rule} ${d.message.en}`);
}

describe('budget fix: the totals it moves are the declared identities\'', () => {
  it('a leaf\'s basic split anew into 人员经费 and 公用经费: its parent\'s and the department\'s follow (the personnel/public roll-up)', () => {
    const dir = 'fixtures/shanghai/street-office-2031';
    // 30201 办公费 430,000 of 公用经费 becomes 10,000 人员经费 + 420,000 公用经费 (basic unchanged)
    const input = files(dir, 'economic.yaml', '{code: 30201, name: 办公费, basic: 430000, public: 430000}', '{code: 30201, name: 办公费, basic: 430000, personnel: 10000, public: 420000}');
    expect(errorsOf(dir, input).length).toBeGreaterThan(0);
    const r = fixSources(dir, input, undefined, opts);
    expect(r.kind === 'refused' ? r.diagnostics.map((d) => d.message.en) : r.kind).toBe('fixed');
    if (r.kind !== 'fixed') return;
    expect(errorsOf(dir, r.files)).toEqual([]);
    // 302 商品和服务支出: 420,000 + 20,000 (30217); the department: 3,370,000 + 10,000 and 440,000
    expect(Object.fromEntries(r.edits.map((e) => [e.path, `${e.from} → ${e.to}`]))).toEqual({
      'economic.rows[2].public': '450000 → 440000',
      'economic.total.personnel': '3370000 → 3380000',
      'economic.total.public': '450000 → 440000',
    });
  });

  it('a leaf\'s written fiscal income mistyped: set back to its split\'s fiscal sources (the row income)', () => {
    const dir = 'fixtures/shanghai/gov-fund-2031';
    // 2070109 群众文化: by_source general 200,000.50 + 250,000.25 = 450,000.75 of fiscal money
    const input = files(dir, 'functional.yaml', 'fiscal: 450000.75', 'fiscal: 450000.78');
    expect(errorsOf(dir, input).length).toBeGreaterThan(0);
    const r = fixSources(dir, input, undefined, opts);
    expect(r.kind === 'refused' ? r.diagnostics.map((d) => d.message.en) : r.kind).toBe('fixed');
    if (r.kind !== 'fixed') return;
    expect(errorsOf(dir, r.files)).toEqual([]);
    expect(r.edits.map((e) => [e.path, e.from, e.to])).toEqual([['functional.rows[3].income.fiscal', '450000.78', '450000.75']]);
  });
});
