import { describe, expect, it } from 'vitest';
import { fixSources, type FixFile } from '../../src/fix/index.js';
import { parseSources } from '../../src/source/index.js';
import { validateShape } from '../../src/schema/index.js';
import { buildBudget } from '../../src/model/index.js';
import { checkBudget } from '../../src/check/index.js';
import type { Node } from '../../src/source/tree.js';
import { referenceFiles, REFERENCE } from '../fixtures/invalid.js';
import { rng } from '../source/fuzz.js';

/** The reference's files with edits made: [file, 1-based line, from, to] (`from` must be on that line). */
type LineEdit = readonly [file: string, line: number, from: RegExp, to: (m: string) => string];

function edited(edits: readonly LineEdit[]): FixFile[] {
  const texts = new Map(referenceFiles());
  for (const [file, line, from, to] of edits) {
    const ls = texts.get(file)!.split('\n');
    const before = ls[line - 1];
    expect(before, `${file}:${line}`).toMatch(from);
    ls[line - 1] = before.replace(from, to);
    texts.set(file, ls.join('\n'));
  }
  return [...texts].map(([f, text]) => ({ path: `${REFERENCE}/${f}`, text }));
}

/** Every scalar of the sources by its path ("functional.rows[2].total" → "4959"), read by the parser. */
function figures(files: readonly FixFile[]): Map<string, string> {
  const parsed = parseSources(REFERENCE, files.map((f) => ({ path: f.path, bytes: new TextEncoder().encode(f.text) })));
  const out = new Map<string, string>();
  const walk = (n: Node, path: string) => {
    if (n.kind === 'scalar') out.set(path, n.source);
    else if (n.kind === 'seq') n.items.forEach((x, i) => walk(x, `${path}[${i}]`));
    else for (const e of n.entries) walk(e.value, path ? `${path}.${e.key.source}` : e.key.source);
  };
  walk(parsed.tree!.root, '');
  return out;
}

function errorsOf(files: readonly FixFile[]): string[] {
  const parsed = parseSources(REFERENCE, files.map((f) => ({ path: f.path, bytes: new TextEncoder().encode(f.text) })));
  const shape = validateShape(parsed.tree!);
  expect(shape.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return checkBudget(buildBudget(shape.input!))
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => `${d.rule} ${d.message.en}`);
}

function changed(before: Map<string, string>, after: Map<string, string>): Record<string, string> {
  expect([...after.keys()]).toEqual([...before.keys()]);
  const out: Record<string, string> = {};
  for (const [k, v] of after) if (before.get(k) !== v) out[k] = `${before.get(k)} → ${v}`;
  return out;
}

const n = (d: number) => (s: string) => s.replace(/-?\d+$/, (x) => String(Number(x) + d));

// The example: 一般管理事务 raised by 10 on its leaves — the project's item, the functional
// and economic leaf rows its money goes to, the income leaf that funds it and the performance task's
// fiscal share. Line numbers are the reference's; `edited` asserts each edit lands where it says.
const RAISE_GENERAL_ADMIN: readonly LineEdit[] = [
  ['projects.yaml', 33, /amount: 35/, n(10)],
  ['functional.yaml', 13, /project: 4164/, n(10)],
  ['economic.yaml', 32, /project: 3583/, n(10)],
  ['income.yaml', 11, /performance: 4164/, n(10)],
  ['performance.yaml', 9, /fiscal: 70/, n(10)],
];

describe('budget fix (fixSources)', () => {
  it('the reference needs no fix', () => {
    expect(fixSources(REFERENCE, edited([])).kind).toBe('clean');
  });

  it('is held to the layout-specific identities the check is given (the profile’s), no others', () => {
    // Part 4's plan at 500 against the rows' procurement of 512: an error only where the layout
    // splits procurement per row (procurement-by-row).
    const input = edited([
      ['other.yaml', 5, /total: 512/, n(-12)],
      ['other.yaml', 8, /services: 512/, n(-12)],
    ]);
    expect(fixSources(REFERENCE, input).kind).not.toBe('clean');
    expect(fixSources(REFERENCE, input, undefined, { check: { identities: ['economic-covers-projects', 'projects-complete', 'performance-covers-budget'] } }).kind).toBe('clean');
  });

  it('the issue example: a project raised by 10 on its leaves — every total follows, no leaf moves', () => {
    const input = edited(RAISE_GENERAL_ADMIN);
    expect(errorsOf(input).length).toBeGreaterThan(0);
    const r = fixSources(REFERENCE, input);
    expect(r.kind).toBe('fixed');
    if (r.kind !== 'fixed') return;
    expect(errorsOf(r.files)).toEqual([]);
    // Written out by hand from the reference: each total on the chain above the raised leaves.
    expect(changed(figures(input), figures(r.files))).toEqual({
      'functional.total.total': '5158 → 5168',
      'functional.total.project': '4164 → 4174',
      'functional.rows[0].total': '4959 → 4969',
      'functional.rows[0].project': '4164 → 4174',
      'functional.rows[1].total': '4959 → 4969',
      'functional.rows[1].project': '4164 → 4174',
      'functional.rows[2].total': '4959 → 4969',
      'economic.total.total': '5158 → 5168',
      'economic.total.project': '4164 → 4174',
      'economic.rows[11].total': '4191 → 4201',
      'economic.rows[11].project': '4164 → 4174',
      'economic.rows[21].total': '3585 → 3595',
      'summary.project': '4164 → 4174',
      'summary.total': '5158 → 5168',
      'projects[1].amount': '70 → 80',
      'income.total': '5158 → 5168',
      'income.current_total': '5158 → 5168',
      'income.government': '5158 → 5168',
      'income.general.total': '5158 → 5168',
      'expenditure.current_total': '5158 → 5168',
      'expenditure.total': '5158 → 5168',
      'performance.tasks[0].total': '70 → 80',
      'performance.total': '5158 → 5168',
      'performance.total_fiscal': '5158 → 5168',
      'comparison.change': '-160 → -150',
    });
  });

  it('procurement on a 项 row and in the plan: the parent rows\' procurement follows (a group the builder sums whole)', () => {
    const input = edited([
      ['functional.yaml', 13, /procurement: \{total: 512/, (m) => m.replace('512', '522')],
      ['other.yaml', 8, /services: 512/, n(10)],
    ]);
    const r = fixSources(REFERENCE, input);
    expect(r.kind).toBe('fixed');
    if (r.kind !== 'fixed') return;
    expect(errorsOf(r.files)).toEqual([]);
    expect(changed(figures(input), figures(r.files))).toEqual({
      'functional.total.procurement.total': '512 → 522',
      'functional.rows[0].procurement.total': '512 → 522',
      'functional.rows[1].procurement.total': '512 → 522',
      'procurement.total': '512 → 522',
    });
  });

  it('a unit\'s staffing raised: the department\'s staffing total follows, the other counts stay', () => {
    const input = edited([['department.yaml', 30, /inst_actual: 14/, n(2)]]);
    const r = fixSources(REFERENCE, input);
    expect(r.kind).toBe('fixed');
    if (r.kind !== 'fixed') return;
    expect(errorsOf(r.files)).toEqual([]);
    expect(changed(figures(input), figures(r.files))).toEqual({ 'department.staffing_total.inst_actual': '14 → 16' });
  });

  it('a figure that grows a digit keeps a trailing comment in its column', () => {
    const input = edited([
      ['functional.yaml', 16, /basic: 22/, n(5000)],
      ['economic.yaml', 12, /basic: 270/, n(5000)],
      ['income.yaml', 10, /basic: 994/, n(5000)],
      ['performance.yaml', 21, /fiscal: 994/, n(5000)],
    ]);
    const r = fixSources(REFERENCE, input);
    expect(r.kind).toBe('fixed');
    if (r.kind !== 'fixed') return;
    expect(errorsOf(r.files)).toEqual([]);
    const line = (files: readonly FixFile[], i: number) => files.find((f) => f.path.endsWith('income.yaml'))!.text.split('\n')[i - 1];
    expect(line(input, 5)).toBe('  total: 5158               # 收入总计（表1、表2、表6）');
    expect(line(r.files, 5)).toBe('  total: 10158              # 收入总计（表1、表2、表6）');
  });

  // Mutation: one amount raised consistently on its leaves (seeded, so a failure replays): a
  // project's item, or a basic-expenditure row. Each case edits the leaves a user would — the
  // classification leaf rows where the money goes, the income leaf that funds it, the performance
  // task's fiscal share — and fix must make check pass by moving totals only.
  const CASES = 30;
  for (let seed = 1; seed <= CASES; seed++) {
    it(`mutation ${seed}: a raise on the leaves, fixed by moving totals only`, () => {
      const rand = rng(seed);
      const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
      const d = 1 + Math.floor(rand() * 60);
      const ref = referenceFiles();
      const kind = pick(['project', 'basic'] as const);
      const leafRows = (file: string, digits: number, field: string) =>
        ref
          .get(file)!
          .split('\n')
          .map((l, i) => ({ l, line: i + 1 }))
          .filter(({ l }) => new RegExp(`\\{code: \\d{${digits}},.* ${field}: \\d+`).test(l));
      const bump = (file: string, line: number, field: string): LineEdit => [file, line, new RegExp(`${field}: \\d+`), n(d)];
      const edits: LineEdit[] = [];
      if (kind === 'project') {
        // Projects: 电子政务运行维护 (items on lines 11–14, task fiscal line 15), 一般管理事务 (32–33, line 9).
        const [itemLines, taskLine] = pick([[[11, 12, 13, 14], 15], [[32, 33], 9]] as const);
        edits.push(bump('projects.yaml', pick(itemLines), 'amount'));
        edits.push(bump('performance.yaml', taskLine, 'fiscal'));
        edits.push(bump('functional.yaml', pick(leafRows('functional.yaml', 7, 'project').filter(({ l }) => !/project: 0\b/.test(l))).line, 'project'));
        edits.push(bump('economic.yaml', pick(leafRows('economic.yaml', 5, 'project')).line, 'project'));
        edits.push(bump('income.yaml', 11, 'performance'));
      } else {
        edits.push(bump('functional.yaml', pick(leafRows('functional.yaml', 7, 'basic')).line, 'basic'));
        edits.push(bump('economic.yaml', pick(leafRows('economic.yaml', 5, 'basic')).line, 'basic'));
        edits.push(bump('income.yaml', 10, 'basic'));
        edits.push(bump('performance.yaml', 21, 'fiscal'));
      }
      const input = edited(edits);
      const r = fixSources(REFERENCE, input);
      // A raise of 1 can hide within every identity's rounding tolerance: then check passes already.
      if (!errorsOf(input).length) return void expect(r.kind).toBe('clean');
      expect(r.kind === 'refused' ? r.diagnostics.map((x) => x.message.en) : r.kind).toBe('fixed');
      if (r.kind !== 'fixed') return;
      expect(errorsOf(r.files)).toEqual([]);
      const moved = Object.keys(changed(figures(input), figures(r.files)));
      expect(moved.length).toBeGreaterThan(0);
      expect(moved.filter((p) => !isTotal(p))).toEqual([]);
    });
  }
});


/**
 * Whether a figure is a total of parts in the format (docs/format.md), written out here rather than
 * taken from src/fix: a classification row's total, a parent row's columns (the reference's parents
 * are the rows whose code is shorter than the next row's), the department rows, the income and
 * expenditure totals, a project's amount (its items), Part 3's lines, the performance totals and
 * the year-over-year comparison.
 */
function isTotal(path: string): boolean {
  const parents: Record<string, number[]> = { functional: [0, 1, 3, 4, 8, 10, 11, 13, 14], economic: [0, 11, 22] };
  const row = /^(functional|economic)\.rows\[(\d+)\]\.(total|basic|project)$/.exec(path);
  if (row) return row[3] === 'total' || parents[row[1]].includes(Number(row[2]));
  return (
    /^(functional|economic)\.total\.(total|basic|project)$/.test(path) ||
    /^income\.(total|current_total|government|general\.total|unit_funds\.total)$/.test(path) ||
    /^expenditure\.(current_total|total)$/.test(path) ||
    /^projects\[\d+\]\.amount$/.test(path) ||
    /^summary\.((personnel|public|household)\.amount|project|total)$/.test(path) ||
    /^performance\.(tasks\[\d+\]\.total|total|total_fiscal|total_other)$/.test(path) ||
    /^comparison\.(change|percent)$/.test(path)
  );
}
