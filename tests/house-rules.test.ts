import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * House rule: nothing in src/ names the reference department (the seed's 深圳市福田区数据管理中心),
 * its year (2023, with 2022 as its "last year") or its totals — not in code, comments, help texts
 * or rule examples. Everything comes from data (or templates/ for standard wording); examples use
 * an invented department, years and figures.
 */
const ROOT = join(__dirname, '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

/** The reference department and its place, as written anywhere in a line. */
const NAMES = ['深圳市福田区数据管理中心', '数据管理中心', '福田', '深圳市'];
/**
 * The reference year and its figures (seed: 收入总计 5,158; 201 一般公共服务支出 4,959 = 796 + 4,164;
 * 基本支出 994; project total 4,094; last year's 5,318 …), as whole numbers: 2023 inside 20230 or
 * 1,2023 is another number. Written with or without thousands separators.
 */
const FIGURES = ['2023', '2022', '5158', '4164', '4959', '4960', '994', '5318', '796', '4094', '4191', '1486', '2163', '3583', '3585'];

function wholeNumber(n: string): RegExp {
  const grouped = n.length > 3 ? `${n.slice(0, n.length - 3)},${n.slice(-3)}` : n;
  const alt = grouped === n ? n : `${n}|${grouped}`;
  return new RegExp(`(?<![\\d.,])(?:${alt})(?![\\d]|[.,]\\d)`);
}

function findings(): string[] {
  const out: string[] = [];
  const patterns = [...NAMES.map((n) => ({ what: n, re: new RegExp(n) })), ...FIGURES.map((n) => ({ what: n, re: wholeNumber(n) }))];
  for (const f of files(join(ROOT, 'src'))) {
    readFileSync(f, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        for (const p of patterns) if (p.re.test(line)) out.push(`${relative(ROOT, f)}:${i + 1}: ${p.what}: ${line.trim().slice(0, 120)}`);
      });
  }
  return out;
}

describe('house rules', () => {
  it('the number patterns match whole numbers only', () => {
    const re = wholeNumber('5158');
    expect(['5158', '5,158', '= 5,158 万元', '(5158)'].every((s) => re.test(s))).toBe(true);
    expect(['51580', '15158', '5,1580', '5158.5', '5,158,000', '1,5158'].some((s) => re.test(s))).toBe(false);
    expect(wholeNumber('2023').test('20230')).toBe(false);
    expect(wholeNumber('2023').test('data/2023/')).toBe(true);
  });

  it('nothing in src/ names the reference department, its year or its totals', () => {
    expect(findings()).toEqual([]);
  });
});
