import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Document } from 'yaml';
import { budget, results, STACK, tree } from './helpers.js';
import { scrub } from '../../src/years/init.js';

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
  it('starts 2024 from the latest year: valid YAML that budget check explains (what is missing), no crash', async () => {
    const root = tree({ '2023': 'data/2023' });
    const r = await budget(['init', '2024'], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const dir = join(root, 'data/2024');
    expect(readdirSync(dir).sort()).toEqual(readdirSync(join(root, 'data/2023')).sort());

    const c = await budget(['check', 'data/2024', '--format', 'json'], { cwd: root });
    expect(c.code).toBe(2);
    expect(c.stderr).not.toMatch(STACK);
    const [res] = results(c.stdout);
    // Every error is a missing figure, at its key, and there is one per cleared amount; the
    // warnings are the carried-over texts to review (issue 11 §4).
    const errors = res.diagnostics.filter((d) => d.severity === 'error');
    expect([...new Set(errors.map((d) => d.rule))]).toEqual(['shape/missing-value']);
    expect([...new Set(res.diagnostics.filter((d) => d.severity !== 'error').map((d) => d.rule))]).toEqual(['years/carried-over']);
    let cleared = 0;
    for (const f of readdirSync(dir)) cleared += emptyPaths(parseDocument(readFileSync(join(dir, f), 'utf8'))).length;
    expect(cleared).toBeGreaterThan(100);
    expect(errors).toHaveLength(cleared);
    expect(res.diagnostics.every((d) => d.span && d.span.file.startsWith('data/2024/'))).toBe(true);
    expect(r.stdout).toContain(`清空了 ${cleared} 个本年金额`);
  });

  it('copies structure, codes, names, prose and comments; moves last year’s figures to the prior-year fields', async () => {
    const root = tree({ '2023': 'data/2023' });
    expect((await budget(['init', '2024', '--from', 'data/2023'], { cwd: root })).code).toBe(0);
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
  ])('round trip from %s: filling the cleared amounts back in gives a year that checks, prior year included', async (_what, src, from) => {
    const root = tree({ [String(from)]: src });
    const init = await budget(['init', String(from + 1)], { cwd: root });
    expect(init.code).toBe(0);
    const dir = join(root, `data/${from + 1}`);
    // No amount of the old year is left (grouped ones included), outside the prior-year fields.
    const c0 = results((await budget(['check', `data/${from + 1}`, '--format', 'json'], { cwd: root })).stdout)[0];
    expect(init.stdout).toContain(`清空了 ${c0.diagnostics.filter((d) => d.severity === 'error').length} 个本年金额`);
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
    const c = await budget(['check', `data/${from + 1}`, '--format', 'json'], { cwd: root });
    const [res] = results(c.stdout);
    expect(res.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(c.code).toBe(0);
    // data/2023 is its prior year, and they agree.
    expect(res.rules.find((x) => x.id === 'cross/prior-year')).toMatchObject({ ran: true, findings: 0 });
  });

  it('refuses to overwrite, to go backwards, or a malformed year, without a stack', async () => {
    const root = tree({ '2023': 'data/2023', '2024': 'data/2023' });
    for (const args of [['init', '2024', '--from', 'data/2023'], ['init', '2022', '--from', 'data/2023'], ['init', '24']]) {
      const r = await budget(args, { cwd: root });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).not.toMatch(STACK);
      expect(r.stderr).toMatch(/budget: /);
    }
    expect(existsSync(join(root, 'data/2022'))).toBe(false);
  });

  it('from a year that does not load: exit 2 with the reason', async () => {
    const root = tree({ '2023': 'data/2023' });
    writeFileSync(join(root, 'data/2023/income.yaml'), 'income: [\n');
    const r = await budget(['init', '2024'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('budget check data/2023');
    expect(r.stderr).not.toMatch(STACK);
    expect(existsSync(join(root, 'data/2024'))).toBe(false);
  });

  it('comments follow the years; a comment that states a cleared figure goes; the assets are to count again', async () => {
    const root = tree({ '2023': 'data/2023' });
    expect((await budget(['init', '2024'], { cwd: root })).code).toBe(0);
    const text = (f: string) => readFileSync(join(root, 'data/2024', f), 'utf8');
    const dept = parseDocument(text('department.yaml'));
    const pair = (d: Document, path: string[]) => {
      const parent = d.getIn(path.slice(0, -1), true) as { items: { key: { value: string; commentBefore?: string }; value: { comment?: string; commentBefore?: string } | null }[] };
      return parent.items.find((p) => p.key.value === path[path.length - 1])!;
    };
    // Moved figures: 2023's published totals, described as 2023's.
    expect(dept.getIn(['prior_year', 'income_total'])).toBe(5158);
    expect(pair(dept, ['prior_year', 'income_total']).value!.comment).toBe(' 2023 年部门预算收入');
    expect(pair(dept, ['prior_year', 'running_cost']).value!.comment).toBe(' 2023 年机关运行经费财政拨款预算');
    // The section header keeps its description, not 2023's stated change (“比 2022 年减少 160 万元”).
    expect(text('department.yaml')).toContain('# 上年（2023 年）比较数：第二部分，第八部分机关运行经费上年数\nprior_year:');
    // The optional change and percent (comparison, 三公 change) are left out, not left blank: they
    // are computed, and last year's would be wrong now. No comment states the old change or 5,158.
    expect(dept.has('comparison')).toBe(false);
    expect(parseDocument(text('other.yaml')).hasIn(['three_public', 'change'])).toBe(false);
    for (const f of readdirSync(join(root, 'data/2024'))) {
      const comments = text(f).split('\n').filter((l) => l.includes('#') && !l.includes('budget init'));
      expect(comments.filter((l) => /2022|160 万元|5,158|下降 3%/.test(l)), f).toEqual([]);
    }
    // Table 9: this year's row is 2024's, last year's 2023's (the copied comments said 2023 and 2022).
    const other = text('other.yaml');
    expect(other).toMatch(/this_year:\n\s+# 表9 “2024 年”行\n/);
    expect(other).toMatch(/last_year:\n\s+# 表9 “2023 年”行\n/);
    expect(text('functional.yaml')).toContain('procurement 2024 年政府采购项目');
    // Assets: keys kept, as_of and every count empty; descriptions kept (单价 50 万元 is not a figure of the data).
    const od = parseDocument(other);
    for (const k of [['as_of'], ['vehicles'], ['general_equipment'], ['special_equipment'], ['planned', 'vehicles'], ['planned', 'general_equipment'], ['planned', 'special_equipment']])
      expect(od.getIn(['assets', ...k], true), k.join('.')).toMatchObject({ value: null });
    expect(other).toContain('general_equipment: # 单价 50 万元以上通用设备（台/套）');
    expect(other).not.toContain('截至 2022');
    // Staffing is kept.
    expect(dept.getIn(['department', 'units', 0, 'staffing', 'inst_quota'])).toBe(18);
    // check lists the assets among what is missing, at their keys.
    const res = results((await budget(['check', 'data/2024', '--format', 'json'], { cwd: root })).stdout)[0];
    const assets = res.diagnostics.filter((d) => d.span?.file === 'data/2024/other.yaml' && /assets\./.test(d.message));
    expect(assets.map((d) => d.rule)).toEqual(Array(7).fill('shape/missing-value'));
  });

  it('scrub: drops what states the old value, keeps descriptions that only look numeric', async () => {
    expect(scrub(' 比 2022 年减少 160 万元', -160)).toBeUndefined();
    expect(scrub(' 下降 3%', -3)).toBeUndefined();
    expect(scrub(' “预算 5,158 万元”', 5158)).toBeUndefined();
    expect(scrub(' “截至 2022 年 10 月”', '2022 年 10 月')).toBeUndefined();
    expect(scrub(' 2022 年部门预算收入', 5318)).toBe(' 2022 年部门预算收入');
    expect(scrub(' 政府采购项目共计（与表3 政府采购项目小计核对）', 3)).toBe(' 政府采购项目共计（与表3 政府采购项目小计核对）');
    expect(scrub('   2.政府性基金预算拨款（表1、表2、表6）', 2)).toBe('   2.政府性基金预算拨款（表1、表2、表6）');
    expect(scrub(' 单价 100 万元以上专用设备（台/套）', 0)).toBe(' 单价 100 万元以上专用设备（台/套）');
    expect(scrub(' 上年比较数：第二部分“比 2022 年减少 160 万元”，第八部分')).toBe(' 上年比较数：第二部分，第八部分');
    expect(scrub(' 合计 1,234,567.5 元', 1234567.5)).toBeUndefined();
  });

  it('messages in the language asked for (--lang), one language at a time', async () => {
    const root = tree({ '2023': 'data/2023' });
    const cjk = /[\u4e00-\u9fff]/;
    for (const args of [['init', '24'], ['init', '2022', '--from', 'data/2023'], ['init', '2024', '--from', 'data/nowhere'], ['diff', 'data/2023', 'data/nowhere']]) {
      const en = await budget([...args, '--lang', 'en'], { cwd: root });
      expect(en.code, args.join(' ')).toBe(2);
      expect(en.stderr, args.join(' ')).toMatch(/^budget: [A-Za-z]/);
      expect(en.stderr.replace(/data\/\S+/g, ''), args.join(' ')).not.toMatch(cjk);
      const zh = await budget(args, { cwd: root });
      expect(zh.code).toBe(2);
      expect(zh.stderr).toMatch(cjk);
      expect(zh.stderr.split('\n').filter((l) => l.startsWith('budget: ') && !cjk.test(l)), args.join(' ')).toEqual([]);
    }
    const empty = tree({});
    const none = await budget(['init', '2024', '--lang', 'en'], { cwd: empty });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^budget: no department-year under data\/: name the starting directory with --from\.\n$/);
  });
});
