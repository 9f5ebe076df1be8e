import { describe, expect, test } from 'vitest';
import { buildBudget } from '../../src/model/index.js';
import type { BasicProject, ClassRow, Fig, Source } from '../../src/model/index.js';
import { add, eq, sum, toPlain, type Dec } from '../../src/money/decimal.js';
import { validateShape } from '../../src/schema/index.js';
import { loadTree } from '../schema/load.js';

// The synthetic department in 元 with two decimals: expectations are the figures designed by hand
// (see the fixture's header); the identities below are checked with exact decimals.
const tree = loadTree('fixtures/synthetic-yuan-2024');
const shape = validateShape(tree);
const b = buildBudget(shape.input!);
const v = (f: Fig) => toPlain(f.value);
const row = (rows: readonly ClassRow[], code: string) => rows.find((x) => x.code.text === code)!;
const bp = (x: BasicProject | undefined): Dec => (x ? add(x.basic.value, x.project.value) : { coef: 0n, scale: 0 });

describe('fixtures/synthetic-yuan-2024', () => {
  test('validates', () => {
    expect(shape.diagnostics).toEqual([]);
  });

  test('amounts keep their two decimals, grouped or not', () => {
    expect(b.department.unit).toBe('元');
    expect(b.income.total.value).toEqual({ coef: 334135782n, scale: 2 });
    expect(v(row(b.functional.rows, '2010350').total)).toBe('806789.62');
    expect(v(row(b.functional.rows, '2010301').project)).toBe('0'); // omitted part: 0
    expect(row(b.functional.rows, '2010301').code.text).toBe('2010301'); // quoted code
  });

  test('omitted subtotals are computed from their children, without a span', () => {
    const r = row(b.functional.rows, '208');
    expect([v(r.total), v(r.basic), v(r.project)]).toEqual(['210000.00', '210000.00', '0.00']);
    expect(r.total.span).toBeUndefined();
    expect(r.basic_written).toBe(true); // its children's basic was written: it is a Table 4 row
    expect(v(row(b.functional.rows, '21201').procurement!.total)).toBe('0');
  });

  test('every declared classification figure equals the sum of its children', () => {
    for (const cls of [b.functional, b.economic]) {
      const rows = cls.rows;
      for (const [i, r] of rows.entries()) {
        const kids = rows.slice(i + 1).filter((k) => k.level === r.level + 1 && k.code.text.startsWith(r.code.text));
        if (!kids.length) continue;
        for (const c of ['total', 'basic', 'project'] as const) expect(eq(r[c].value, sum(kids.map((k) => k[c].value))), `${r.code.text} ${c}`).toBe(true);
      }
      for (const r of rows) expect(eq(r.total.value, add(r.basic.value, r.project.value)), r.code.text).toBe(true);
      const tops = rows.filter((r) => r.level === 1);
      for (const c of ['total', 'basic', 'project'] as const) expect(eq(cls.total[c].value, sum(tops.map((k) => k[c].value)))).toBe(true);
    }
  });

  test('income by source = expenditure by source (functional and economic alike)', () => {
    const f = b.functional.total.by_source;
    const e = b.economic.total.by_source;
    const sources: Source[] = ['general', 'gov_fund', 'soe', 'special_account', 'unit_business', 'carryover'];
    for (const s of sources) expect(toPlain(bp(f[s])), s).toBe(toPlain(bp(e[s])));
    expect(toPlain(bp(f.general))).toBe(v(b.income.general));
    expect(toPlain(f.general!.basic.value)).toBe(v(b.income.general_kinds.basic));
    expect(toPlain(bp(f.gov_fund))).toBe(v(b.income.gov_fund));
    expect(toPlain(bp(f.unit_business))).toBe(v(b.income.unit.business));
    expect(toPlain(bp(f.carryover))).toBe(v(b.income.carryover));
    expect(v(b.income.total)).toBe(v(b.expenditure.total));
    expect(eq(b.income.total.value, add(b.income.current_total.value, b.income.carryover.value))).toBe(true);
  });

  test('projects: kinds, sources and items', () => {
    expect(eq(sum(b.projects.map((p) => p.amount.value)), b.functional.total.project.value)).toBe(true);
    const byKind = (k: string) => sum(b.projects.filter((p) => p.kind === k).map((p) => p.by_source.general?.value ?? { coef: 0n, scale: 0 }));
    expect(toPlain(byKind('performance'))).toBe(v(b.income.general_kinds.performance));
    expect(toPlain(byKind('special'))).toBe(v(b.income.general_kinds.special));
    expect(b.projects[0].items.reduce((a, i) => add(a, i.amount.value), { coef: 0n, scale: 0 })).toEqual(b.projects[0].amount.value);
  });

  test('三公 with a prior-year change, Table 12 totals, staffing of two units', () => {
    const t = b.three_public;
    for (const k of ['total', 'abroad', 'reception', 'vehicles', 'vehicle_purchase', 'vehicle_running'] as const) {
      expect(eq(t.change[k].value, add(t.this_year[k].value, { ...t.last_year[k].value, coef: -t.last_year[k].value.coef })), k).toBe(true);
    }
    expect(v(t.change.total)).toBe('-179999.50');
    const p = b.performance;
    expect(eq(p.total.value, sum(p.tasks.map((x) => x.total.value)))).toBe(true);
    expect(eq(p.total_fiscal.value, sum(p.tasks.map((x) => x.fiscal.value)))).toBe(true);
    expect(v(b.department.staffing_total!.inst_quota)).toBe('28');
    expect(p.indicators[3].level2.text).toBe('');
  });
});
