/**
 * The reference year passes with exactly its known rounding notes. The expectations are the
 * seed's published figures (seeds/000_6f41c63c8f66b8fd.txt), worked out by hand:
 *   Table 3/7  201, 20103, 2010350: basic 796 + project 4,164 = 4,960, total printed 4,959
 *   Table 3/7  department basic: 796 + 99 + 15 + 85 = 995, printed 994
 *   Table 8    302 basic: 8 + 1 + 4 + 4 + 8 + 1 + 2 = 28, printed 27
 *   Table 8    302 project: 4 + 541 + 34 + 1 + 3,583 = 4,163, printed 4,164
 *   Part 3     公用支出 28 against Table 8's 302 basic 27; 对个人和家庭 47 against 303's 48
 * The lines are found in the YAML by what they hold, not typed in.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { checkBudget, CHECK_RULES } from '../../src/check/index.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { load } from './load.js';
import { refBudget } from './builder.js';
import { shenzhenFeeds } from './feeds.js';

/** Rules whose facts only another layout's data writes (tests/shanghai covers them). */
const OTHER_LAYOUT_RULES = ['cross/fund-split', 'sum/row-income', 'sum/personnel-public', 'cross/three-public-economic', 'cross/running-cost-public', 'sum/vehicle-kinds'];

const DIR = 'data/2023';

/** 1-based line and column of `needle` on the first line matching `line` in a data file. */
function where(file: string, line: RegExp, needle: string): { file: string; line: number; col: number } {
  const lines = readFileSync(`${DIR}/${file}`, 'utf8').split('\n');
  const i = lines.findIndex((l) => line.test(l));
  if (i < 0) throw new Error(`no line ${line} in ${file}`);
  const col = lines[i].indexOf(needle);
  if (col < 0) throw new Error(`no ${needle} on ${file}:${i + 1}`);
  return { file: `${DIR}/${file}`, line: i + 1, col: col + needle.length - needle.replace(/^.*: /, '').length + 1 };
}

interface Expected {
  rule: string;
  at: { file: string; line: number; col: number };
  figures: string[];
  difference: string;
}

const row = (code: string) => new RegExp(`\\{code: ${code},`);
const EXPECTED: Expected[] = [
  { rule: 'sum/class-children', at: where('functional.yaml', /^\s+total: \{total: 5158/, 'basic: 994'), figures: ['994', '796', '99', '15', '85'], difference: '-1' },
  { rule: 'sum/class-children', at: where('economic.yaml', row('302'), 'basic: 27'), figures: ['27', '8', '0', '0', '1', '4', '4', '0', '8', '1', '2'], difference: '-1' },
  { rule: 'sum/class-children', at: where('economic.yaml', row('302'), 'project: 4164'), figures: ['4164', '0', '4', '541', '0', '0', '0', '34', '1', '0', '3583'], difference: '1' },
  { rule: 'sum/row-split', at: where('functional.yaml', row('201'), 'total: 4959'), figures: ['4959', '796', '4164'], difference: '-1' },
  { rule: 'sum/row-split', at: where('functional.yaml', row('20103'), 'total: 4959'), figures: ['4959', '796', '4164'], difference: '-1' },
  { rule: 'sum/row-split', at: where('functional.yaml', row('2010350'), 'total: 4959'), figures: ['4959', '796', '4164'], difference: '-1' },
  { rule: 'cross/summary', at: where('economic.yaml', /^\s+amount: 28\b/, 'amount: 28'), figures: ['28', '27'], difference: '1' },
  { rule: 'cross/summary', at: where('economic.yaml', /^\s+amount: 47\b/, 'amount: 47'), figures: ['47', '48'], difference: '-1' },
];

const key = (d: { rule: string; at?: { file: string; line: number; col: number }; span?: { file: string; line: number; col: number } }) => {
  const s = d.at ?? d.span!;
  return `${d.rule} ${s.file}:${s.line}:${s.col}`;
};

describe('data/2023, the reference year', () => {
  const loaded = load(DIR);
  test('loads without parse or shape errors', () => {
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(loaded.budget).toBeDefined();
  });
  const result = checkBudget(loaded.budget!, { feeds: shenzhenFeeds(loaded.budget!) });

  test('has no errors or warnings: only rounding notes', () => {
    expect(result.diagnostics.filter((d) => d.severity !== 'note').map((d) => d.message.zh)).toEqual([]);
  });

  test('reports exactly the known rounding notes, each at its figure', () => {
    expect(result.diagnostics.map(key).sort()).toEqual(EXPECTED.map(key).sort());
  });

  for (const e of EXPECTED) {
    test(`${e.rule} at line ${e.at.line}: ${e.figures[0]} against the parts`, () => {
      const d = result.diagnostics.find((x) => key(x) === key(e)) as Diagnostic;
      expect(d.severity).toBe('note');
      expect(d.figures.map((f) => f.value)).toEqual(e.figures);
      expect(d.difference).toBe(e.difference);
      // every written figure carries its position, the primary span is the first figure's
      expect(d.figures[0].span).toEqual(d.span);
      expect(d.related.length).toBeGreaterThan(0);
      expect(d.feeds?.length).toBeGreaterThan(0);
      expect(d.message.zh).toContain('尾数误差');
      expect(d.message.zh).toContain('万元');
      expect(d.help?.zh).toBeTruthy();
      expect(d.help?.en).toBeTruthy();
    });
  }

  test('the 201 note reads as a finance officer would say it', () => {
    const d = result.diagnostics.find((x) => x.rule === 'sum/row-split')!;
    expect(d.message.zh).toBe(
      '201 一般公共服务支出 的基本支出 796 加项目支出 4,164 为 4,960，与支出总计 4,959 相差 1 万元，在四舍五入允许的 ±1.5 之内（尾数误差）',
    );
    expect(d.feeds).toEqual(['表1', '表3', '表6', '表7']);
  });

  test('--strict turns the same eight notes into errors', () => {
    const strict = checkBudget(loaded.budget!, { strict: true });
    expect(strict.diagnostics.map((d) => d.severity)).toEqual(EXPECTED.map(() => 'error'));
  });

  test('every rule ran; all but the by-source split (nothing split) checked something', () => {
    expect(result.runs.map((r) => r.id)).toEqual(CHECK_RULES.map((r) => r.id));
    for (const r of result.runs) {
      // nothing split by source here; the rules of layouts that print per-fund summaries, income
      // per 科目, 人员经费/公用经费 or 三公 in 万元 find none of those facts in this layout's data
      if (['sum/row-sources', ...OTHER_LAYOUT_RULES].includes(r.id)) expect(r.checked, r.id).toBe(0);
      else expect(r.checked, r.id).toBeGreaterThan(0);
    }
    expect(result.runs.reduce((a, r) => a + r.findings, 0)).toBe(EXPECTED.length);
  });

  test('the hand-typed seed budget gives the same notes as the YAML (same rules, same figures)', () => {
    const hand = checkBudget(refBudget());
    const sig = (ds: Diagnostic[]) => ds.map((d) => `${d.rule} ${d.figures.map((f) => f.value).join(',')} ${d.difference}`).sort();
    expect(sig(hand.diagnostics)).toEqual(sig(result.diagnostics));
  });
});
