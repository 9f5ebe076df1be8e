import { describe, expect, it } from 'vitest';
import { checkBudget } from '../../src/check/index.js';
import type { Budget } from '../../src/model/budget.js';
import { DEFAULT_IDENTITIES, LAYOUT_IDENTITIES, type LayoutIdentity } from '../../src/profile/index.js';
import { refBudget, row, w } from './builder.js';
import { readLayout } from './feeds.js';

/**
 * Identities that hold in one layout only are the profile's to declare (`identities:`): the default
 * layout declares all four, a layout without them (a Shanghai district's 9 tables, the toy) is not
 * held to them, and every other identity holds whatever the layout.
 */

const errors = (b: Budget, identities?: readonly LayoutIdentity[]) =>
  checkBudget(b, identities ? { identities } : {}).diagnostics.filter((d) => d.severity === 'error').map((d) => d.rule);

// The economic classification of 基本支出 only (Shanghai's economic table): its project column is 0.
const basicOnly = refBudget((d) => {
  d.economic.total = row('', d.department.name.text, '994', '994', '0');
  d.economic.rows = d.economic.rows.map((r: ReturnType<typeof row>) => row(r.code.text, r.name.text, r.basic.value.coef.toString(), r.basic.value.coef.toString(), '0'));
});
// A project list that covers part of the project spending only.
const someProjects = refBudget((d) => (d.projects = d.projects.slice(0, 1)));
// A performance form for part of the budget: its first task only, the totals its own.
const partPerformance = refBudget((d) => {
  const t = d.performance.tasks[0];
  d.performance.tasks = [t];
  Object.assign(d.performance, { total: t.total, total_fiscal: t.fiscal, total_other: t.other });
});
// No procurement per 科目 row (the plan's total stands alone).
const noRows = refBudget((d) => {
  d.functional.total = row('', d.department.name.text, '5158', '994', '4164', { proc: ['0', '0', '0'] });
  d.functional.rows = d.functional.rows.map((r: ReturnType<typeof row>) => ({ ...r, ...(r.procurement ? { procurement: { total: w('0'), sme: w('0'), micro: w('0') } } : {}) }));
});

describe('layout-specific identities', () => {
  it('the default layout declares all four, the toy none', () => {
    expect(readLayout('profiles/shenzhen.yaml').profile.identities).toEqual([...DEFAULT_IDENTITIES]);
    expect(readLayout('fixtures/profiles/toy/profile.yaml').profile.identities).toEqual([]);
  });

  const cases: [LayoutIdentity, Budget, string][] = [
    ['economic-covers-projects', basicOnly, 'cross/functional-economic'],
    ['projects-complete', someProjects, 'cross/projects'],
    ['performance-covers-budget', partPerformance, 'sum/performance'],
    ['procurement-by-row', noRows, 'cross/procurement-plan'],
  ];
  for (const [id, b, rule] of cases) {
    it(`${id}: an error where declared (the default), none where not`, () => {
      expect(errors(b)).toContain(rule);
      expect(errors(b, DEFAULT_IDENTITIES)).toContain(rule);
      expect(errors(b, DEFAULT_IDENTITIES.filter((x) => x !== id))).not.toContain(rule);
    });
  }

  it('the shared identities hold without any: a broken basic column is still found', () => {
    const b = refBudget((d) => (d.economic.total = row('', d.department.name.text, '5158', '990', '4164')));
    expect(errors(b, [])).toContain('cross/functional-economic');
  });
});
