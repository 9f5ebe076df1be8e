// A figure has no more decimals than its unit can mean: 2 for 元 (the fen), 4 for 万元
// (1 元 = 0.0001 万元), 2 for a percentage. More is refused at the figure, saying how many there are,
// how many the unit allows and the figure rounded — it would otherwise be printed whole.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSources } from '../../src/source/index.js';
import { validateShape } from '../../src/schema/validate.js';

function shape(dir: string, file: string, from: string, to: string) {
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => ({ path: join(dir, f), text: readFileSync(join(dir, f), 'utf8') }));
  const f = files.find((x) => x.path === join(dir, file))!;
  expect(f.text).toContain(from);
  f.text = f.text.replace(from, to);
  const parsed = parseSources(dir, files.map((x) => ({ path: x.path, bytes: new TextEncoder().encode(x.text) })));
  expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return validateShape(parsed.tree!).diagnostics;
}

const decimalsRule = (ds: ReturnType<typeof shape>) => ds.filter((d) => d.rule === 'shape/too-many-decimals');

describe('decimals beyond the unit', () => {
  it('元: 3 decimals refused at the figure, rounded to the fen in the fix', () => {
    const ds = decimalsRule(shape('fixtures/synthetic-yuan-2024', 'income.yaml', '  total: 3,341,357.82', '  total: 3,341,357.825'));
    expect(ds.map((d) => `${d.span?.file}:${d.span?.line}:${d.span?.col}`)).toEqual(['fixtures/synthetic-yuan-2024/income.yaml:6:10']);
    expect(ds[0].message.zh).toBe('income.total（合计） 的 3,341,357.825 有 3 位小数；金额单位为元时最多 2 位（分）');
    expect(ds[0].help?.zh).toBe('四舍五入到 2 位小数：写成 3341357.83');
  });

  it('元: 2 decimals are fine', () => {
    expect(decimalsRule(shape('fixtures/synthetic-yuan-2024', 'income.yaml', '  total: 3,341,357.82', '  total: 3,341,357.80'))).toEqual([]);
  });

  it('万元: up to 4 decimals (a fen) are fine, 5 are refused', () => {
    expect(decimalsRule(shape('data/2023', 'income.yaml', '  total: 5158 ', '  total: 5158.0001 '))).toEqual([]);
    const ds = decimalsRule(shape('data/2023', 'income.yaml', '  total: 5158 ', '  total: 5158.00005 '));
    expect(ds.map((d) => `${d.span?.line}:${d.span?.col}`)).toEqual(['5:10']);
    expect(ds[0].message.en).toBe('income.total: 5158.00005 has 5 decimals; with the unit 万元 an amount has at most 4 (1 元 = 0.0001 万元)');
    expect(ds[0].help?.en).toBe('round it to 4 decimals: write 5158.0001');
  });

  it('300 decimals: refused, the message shortened, the fix rounded', () => {
    const long = '4164.' + '3'.repeat(300);
    const ds = decimalsRule(shape('data/2023', 'income.yaml', '    performance: 4164 ', `    performance: ${long} `));
    expect(ds).toHaveLength(1);
    expect(ds[0].message.zh).toBe(`income.general.performance（绩效） 的 ${long.slice(0, 30)}… 有 300 位小数；金额单位为万元时最多 4 位（1 元 = 0.0001 万元）`);
    expect(ds[0].help?.zh).toBe('四舍五入到 4 位小数：写成 4164.3333');
    expect([ds[0].span?.line, ds[0].span?.length]).toEqual([11, long.length]);
  });

  it('a percentage: at most 2 decimals', () => {
    expect(decimalsRule(shape('data/2023', 'department.yaml', '  percent: -3 ', '  percent: -3.25 '))).toEqual([]);
    const ds = decimalsRule(shape('data/2023', 'department.yaml', '  percent: -3 ', '  percent: -3.125 '));
    expect(ds.map((d) => d.message.en)).toEqual(['comparison.percent: -3.125 has 3 decimals; a percentage has at most 2']);
    expect(ds[0].help?.en).toBe('round it to 2 decimals: write -3.13');
  });
});
