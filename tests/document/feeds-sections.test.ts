/**
 * src/document/feeds.ts lays out, for a finding, only the tables whose kind can show a section of
 * the budget its figures lie in (src/document/tables/index.ts `tableShows`). A section a kind's cells
 * show but its declaration leaves out would silently drop that table from every finding's feeds:
 * here every table of every layout is laid out against every example department, and each fact on
 * its cells must lie in a section its declaration names.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkDir } from '../../src/compile.js';
import { tableContext } from '../../src/document/build.js';
import { buildTables, tableShows } from '../../src/document/tables/index.js';
import { factSection } from '../../src/model/facts.js';
import type { Budget } from '../../src/model/budget.js';
import type { Profile } from '../../src/profile/index.js';
import { nodeWorld } from '../../src/world/index.js';
import { readLayout } from '../check/feeds.js';

const DIRS = [
  'data/2023',
  'fixtures/reference-2022',
  'fixtures/synthetic-yuan-2024',
  'fixtures/reference-shanghai-2026',
  ...readdirSync('fixtures/shanghai').map((d) => join('fixtures/shanghai', d)),
];
const LAYOUTS = ['profiles/shenzhen.yaml', 'profiles/shanghai.yaml', 'profiles/shanghai-unit.yaml', 'fixtures/profiles/toy/profile.yaml'];

const budgets = DIRS.map((dir) => {
  const c = checkDir(dir, nodeWorld(), { strict: false, profiles: 'profiles' });
  if (!c.budget || !c.profile) throw new Error(`${dir}: no budget`);
  return { dir, budget: c.budget, profile: c.profile };
});

/** Each fact on a table's cells whose section its kind does not declare, as `kind: fact`. */
function undeclared(budget: Budget, profile: Profile): { checked: number; outside: string[] } {
  const c = tableContext(budget, profile, new Date(Date.UTC(budget.department.year, 0, 1)), 0);
  const ctx = { ...c, f: { ...c.f, factsOnly: true as const } };
  let checked = 0;
  const outside: string[] = [];
  for (const d of profile.tables) {
    const shows = tableShows(d);
    const [t] = buildTables(ctx, [d]);
    for (const r of t!.rows)
      for (const cell of r.cells)
        if (cell?.kind === 'number')
          for (const f of cell.facts ?? []) {
            checked++;
            if (!shows.includes(factSection(f))) outside.push(`${d.kind}: ${f}`);
          }
  }
  return { checked, outside };
}

describe('every fact a table shows lies in a section its kind declares', () => {
  test.each(budgets.map((b) => [b.dir, b] as const))('%s with its own layout', (_, b) => {
    expect(undeclared(b.budget, b.profile).outside).toEqual([]);
  });

  test.each(LAYOUTS)('every example department in %s', (file) => {
    const { profile } = readLayout(file);
    let checked = 0;
    for (const b of budgets) {
      const r = undeclared(b.budget, profile);
      checked += r.checked;
      expect(r.outside, b.dir).toEqual([]);
    }
    // the layouts whose kinds put facts on their cells are held to something
    if (file === 'profiles/shenzhen.yaml') expect(checked).toBeGreaterThan(1000);
  });
});

describe('factSection', () => {
  test('a fact’s first name, before a dot or a bracket', () => {
    expect(factSection('functional[2010101].by_source.gov_fund.project')).toBe('functional');
    expect(factSection('three_public.this_year.total')).toBe('three_public');
    expect(factSection('projects[一般管理事务].amount')).toBe('projects');
    expect(factSection('running_cost')).toBe('running_cost');
  });
});
