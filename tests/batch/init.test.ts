import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Document } from 'yaml';
import { budget, ensureBuilt, results, STACK, tree } from './helpers.js';

beforeAll(() => ensureBuilt(), 120_000);

/** Every path whose value is empty (null) in `doc`. */
function emptyPaths(doc: Document): (string | number)[][] {
  const out: (string | number)[][] = [];
  const walk = (n: unknown, path: (string | number)[]) => {
    if (isMap(n)) for (const p of n.items) walk(p.value, [...path, String(isScalar(p.key) ? p.key.value : p.key)]);
    else if (isSeq(n)) n.items.forEach((x, i) => walk(x, [...path, i]));
    else if (isScalar(n) && n.value === null) out.push(path);
    else if (n === null) out.push(path);
  };
  walk(doc.contents, []);
  return out;
}

describe('budget init', () => {
  it('starts 2024 from the latest year: valid YAML that budget check explains (what is missing), no crash', () => {
    const root = tree({ '2023': 'data/2023' });
    const r = budget(['init', '2024'], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const dir = join(root, 'data/2024');
    expect(readdirSync(dir).sort()).toEqual(readdirSync(join(root, 'data/2023')).sort());

    const c = budget(['check', 'data/2024', '--format', 'json'], { cwd: root });
    expect(c.code).toBe(2);
    expect(c.stderr).not.toMatch(STACK);
    const [res] = results(c.stdout);
    // Every finding is a missing figure, at its key, and there is one per cleared amount.
    const rules = new Set(res.diagnostics.map((d) => d.rule));
    expect([...rules]).toEqual(['shape/missing-value']);
    let cleared = 0;
    for (const f of readdirSync(dir)) cleared += emptyPaths(parseDocument(readFileSync(join(dir, f), 'utf8'))).length;
    expect(cleared).toBeGreaterThan(100);
    expect(res.diagnostics).toHaveLength(cleared);
    expect(res.diagnostics.every((d) => d.span && d.span.file.startsWith('data/2024/'))).toBe(true);
    expect(r.stdout).toContain(`清空了 ${cleared} 个本年金额`);
  });

  it('copies structure, codes, names, prose and comments; moves last year’s figures to the prior-year fields', () => {
    const root = tree({ '2023': 'data/2023' });
    expect(budget(['init', '2024', '--from', 'data/2023'], { cwd: root }).code).toBe(0);
    const read = (y: number, f: string) => parseDocument(readFileSync(join(root, `data/${y}`, f), 'utf8'));
    const dept = read(2024, 'department.yaml');
    expect(dept.getIn(['department', 'year'])).toBe(2024);
    expect(dept.getIn(['department', 'name'])).toBe('深圳市福田区数据管理中心');
    expect(dept.getIn(['prior_year', 'year'])).toBe(2023);
    expect(dept.getIn(['prior_year', 'income_total'])).toBe(5158);
    expect(dept.getIn(['prior_year', 'expenditure_total'])).toBe(5158);
    expect(dept.getIn(['prose', 'change_reason'])).toBe(read(2023, 'department.yaml').getIn(['prose', 'change_reason']));
    const fn = read(2024, 'functional.yaml');
    const codes = (d: Document) => (d.getIn(['functional', 'rows']) as { items: unknown[] }).items.map((_, i) => [d.getIn(['functional', 'rows', i, 'code']), d.getIn(['functional', 'rows', i, 'name'])]);
    expect(codes(fn)).toEqual(codes(read(2023, 'functional.yaml')));
    expect(fn.getIn(['functional', 'rows', 0, 'total'])).toBeNull();
    // Comments survive.
    const text = readFileSync(join(root, 'data/2024/functional.yaml'), 'utf8');
    expect(text).toContain('# 支出按功能分类（表3 支出总表');
    expect(text).toContain('budget init 2024');
    // Table 9: last year's row is 2023's this-year row.
    const other = read(2024, 'other.yaml');
    expect(other.getIn(['three_public', 'last_year', 'total'])).toBe(0);
    expect(other.getIn(['three_public', 'this_year', 'total'])).toBeNull();
  });

  it.each([
    ['the reference year (万元)', 'data/2023', 2023],
    ['the synthetic 元 year (two decimals, grouped thousands)', 'fixtures/synthetic-yuan-2024', 2024],
  ])('round trip from %s: filling the cleared amounts back in gives a year that checks, prior year included', (_what, src, from) => {
    const root = tree({ [String(from)]: src });
    const init = budget(['init', String(from + 1)], { cwd: root });
    expect(init.code).toBe(0);
    const dir = join(root, `data/${from + 1}`);
    // No amount of the old year is left (grouped ones included), outside the prior-year fields.
    const c0 = results(budget(['check', `data/${from + 1}`, '--format', 'json'], { cwd: root }).stdout)[0];
    expect(init.stdout).toContain(`清空了 ${c0.diagnostics.length} 个本年金额`);
    for (const f of readdirSync(dir)) {
      const doc = parseDocument(readFileSync(join(dir, f), 'utf8'));
      const old = parseDocument(readFileSync(join(root, `data/${from}`, f), 'utf8'));
      for (const p of emptyPaths(doc)) {
        // The same budget again: this year = last year, so the change is 0.
        const v = p[0] === 'comparison' ? 0 : p[0] === 'three_public' && p[1] === 'change' ? 0 : old.getIn(p);
        expect(v, p.join('.')).not.toBeNull();
        doc.setIn(p, v);
      }
      writeFileSync(join(dir, f), doc.toString({ lineWidth: 0 }));
    }
    const c = budget(['check', `data/${from + 1}`, '--format', 'json'], { cwd: root });
    const [res] = results(c.stdout);
    expect(res.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(c.code).toBe(0);
    // data/2023 is its prior year, and they agree.
    expect(res.rules.find((x) => x.id === 'cross/prior-year')).toMatchObject({ ran: true, findings: 0 });
  });

  it('refuses to overwrite, to go backwards, or a malformed year, without a stack', () => {
    const root = tree({ '2023': 'data/2023', '2024': 'data/2023' });
    for (const args of [['init', '2024', '--from', 'data/2023'], ['init', '2022', '--from', 'data/2023'], ['init', '24']]) {
      const r = budget(args, { cwd: root });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).not.toMatch(STACK);
      expect(r.stderr).toMatch(/budget: /);
    }
    expect(existsSync(join(root, 'data/2022'))).toBe(false);
  });

  it('from a year that does not load: exit 2 with the reason', () => {
    const root = tree({ '2023': 'data/2023' });
    writeFileSync(join(root, 'data/2023/income.yaml'), 'income: [\n');
    const r = budget(['init', '2024'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('budget check data/2023');
    expect(r.stderr).not.toMatch(STACK);
    expect(existsSync(join(root, 'data/2024'))).toBe(false);
  });
});
