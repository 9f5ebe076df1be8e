/**
 * src/document/feeds.ts asks, for a finding, only the tables whose kind can show a section of the
 * budget its figures lie in (src/document/tables/index.ts `tableShows`), and collects the facts such
 * a table shows without laying it out (`tableFacts`). Either one out of step with the builders
 * would silently change which tables a finding names: here every table of every layout is laid
 * out against every example department (and the arithmetic cases of fixtures/invalid, whose rows
 * split by source and projects differ), and the facts on its cells must be exactly the facts its
 * collector names, each in a section its declaration names.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkDir } from '../../src/compile.js';
import { tableContext } from '../../src/document/build.js';
import { buildTables, tableFacts, tableFactsOf, tableShows } from '../../src/document/tables/index.js';
import { layoutFeeds } from '../../src/document/index.js';
import { SOURCES } from '../../src/model/budget.js';
import { cellFact } from '../../src/model/facts.js';
import { factSection } from '../../src/model/facts.js';
import type { Budget } from '../../src/model/budget.js';
import type { Profile } from '../../src/profile/index.js';
import { nodeWorld } from '../../src/world/index.js';
import { readLayout } from '../check/feeds.js';
import { load } from '../check/load.js';
import { ARITHMETIC_CASES, caseInputs, dirOf } from '../fixtures/invalid.js';

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
// the reference with one edit each: figures written wrong, rows split by source, projects moved
const cases = ARITHMETIC_CASES.flatMap((c) => {
  const budget = load(dirOf(c.name), caseInputs(c)).budget;
  return budget ? [{ dir: dirOf(c.name), budget }] : [];
});

/** Each table's facts as its cells show them and as its collector names them, and each fact on its cells whose section its kind does not declare (`kind: fact`). */
function survey(budget: Budget, profile: Profile): { checked: number; outside: string[]; differ: { table: string; cells: string[]; collected: string[] }[] } {
  const ctx = tableContext(budget, profile, new Date(Date.UTC(budget.department.year, 0, 1)));
  let checked = 0;
  const outside: string[] = [];
  const differ: { table: string; cells: string[]; collected: string[] }[] = [];
  for (const d of profile.tables) {
    const shows = tableShows(d);
    const [t] = buildTables(ctx, [d]);
    const onCells = new Set<string>();
    for (const r of t!.rows)
      for (const cell of r.cells)
        if (cell?.kind === 'number')
          for (const f of cell.facts ?? []) {
            checked++;
            onCells.add(f);
            if (!shows.includes(factSection(f))) outside.push(`${d.kind}: ${f}`);
          }
    const collected = tableFacts(budget, d);
    // a row's line names that row only (feeds.ts asks only the lines of the rows a finding names)
    const t2 = tableFactsOf(budget, d);
    if (t2.cls)
      for (const r of budget[t2.cls].rows)
        for (const f of t2.row(r)) if (!f.startsWith(`${t2.cls}[${r.code.text}]`)) outside.push(`${d.kind}: ${f} on the line of ${r.code.text}`);
    const cells = [...onCells].filter((f) => !collected.has(f));
    const extra = [...collected].filter((f) => !onCells.has(f));
    if (cells.length || extra.length) differ.push({ table: `${d.id} (${d.kind})`, cells, collected: extra });
  }
  return { checked, outside, differ };
}

describe('every table\'s collector names exactly the facts on its cells, each in a section its kind declares', () => {
  test.each(budgets.map((b) => [b.dir, b] as const))('%s with its own layout', (_, b) => {
    const r = survey(b.budget, b.profile);
    expect(r.outside).toEqual([]);
    expect(r.differ).toEqual([]);
  });

  test.each(LAYOUTS)('every example department and arithmetic case in %s', (file) => {
    const { profile } = readLayout(file);
    let checked = 0;
    for (const b of [...budgets, ...cases]) {
      const r = survey(b.budget, profile);
      checked += r.checked;
      expect(r.outside, b.dir).toEqual([]);
      expect(r.differ, b.dir).toEqual([]);
    }
    // the layouts whose kinds put facts on their cells are held to something
    if (file === 'profiles/shenzhen.yaml') expect(checked).toBeGreaterThan(1000);
  });

  test('the arithmetic cases are there to compare', () => {
    expect(cases.length).toBeGreaterThan(10);
  });
});

/**
 * The feeds a finding gets (src/document/feeds.ts: collectors, and of a classification only the
 * named rows' lines) against the tables as they are laid out: for every fact any table shows and
 * every cell of every row, alone and five at a time, the tables named are those whose laid-out
 * cells show one of them, in the profile's order.
 */
describe('feeds name exactly the tables whose laid-out cells show a figure', () => {
  const layouts = LAYOUTS.map((f) => readLayout(f));
  test.each(budgets.map((b) => [b.dir, b] as const))('%s in every layout', (_, b) => {
    let asked = 0;
    for (const { profile, templates } of layouts) {
      const ctx = tableContext(b.budget, profile, new Date(Date.UTC(b.budget.department.year, 0, 1)));
      const laid = buildTables(ctx, profile.tables).map((t) => ({
        ref: t.caption || t.title,
        facts: new Set(t.rows.flatMap((r) => r.cells.flatMap((c) => (c?.kind === 'number' ? (c.facts ?? []) : [])))),
      }));
      const refs = new Set(laid.map((t) => t.ref));
      const universe = new Set(laid.flatMap((t) => [...t.facts]));
      for (const cls of ['functional', 'economic'] as const)
        for (const r of [b.budget[cls].total, ...b.budget[cls].rows])
          for (const c of ['total', 'basic', 'project', 'procurement.total', ...SOURCES.flatMap((x) => [`by_source.${x}.basic`, `by_source.${x}.project`])])
            universe.add(cellFact(cls, r.code.text, c));
      const all = [...universe];
      const queries = [...all.map((f) => [f]), ...Array.from({ length: Math.ceil(all.length / 5) }, (_, i) => all.slice(i * 5, i * 5 + 5))];
      const feeds = layoutFeeds(b.budget, profile, templates);
      for (const q of queries) {
        const expected = [...new Set(laid.filter((t) => q.some((f) => t.facts.has(f))).map((t) => t.ref))];
        expect(feeds(q).filter((x) => refs.has(x)), q.join(' ')).toEqual(expected);
        asked++;
      }
    }
    expect(asked).toBeGreaterThan(500);
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
