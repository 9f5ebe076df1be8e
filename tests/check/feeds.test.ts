import { describe, expect, it } from 'vitest';
import { checkBudget } from '../../src/check/index.js';
import { checkDir } from '../../src/compile.js';
import { budgetToDocument, layoutFeeds } from '../../src/document/index.js';
import { nodeWorld } from '../../src/world/index.js';
import { refBudget, row, w } from './builder.js';
import { readLayout, shenzhenFeeds } from './feeds.js';

/**
 * A diagnostic's "feeds" — the tables and parts that show its figures — is derived from the layout
 * (the table kinds say which fact each number cell shows; the templates what they print), never
 * written in a rule. So it names what the document really prints, and a second layout's own tables.
 */

// 2080502 事业单位离退休, a leaf, split between the general budget and government funds; its basic
// column written as 22 against 15 + 2 from the sources.
const split = refBudget((d) => {
  d.functional.rows[5] = row('2080502', '事业单位离退休', '22', '22', '0', {
    by_source: { general: { basic: '15', project: '0' }, gov_fund: { basic: '2', project: '0' } },
  });
});

describe('feeds in the default layout (profiles/shenzhen.yaml)', () => {
  const feeds = shenzhenFeeds(split);

  it('a functional leaf’s split by source feeds the tables that print that source, not 表3', () => {
    // 表10 prints its government-fund part, 表7 its general part; 表3 has no column by source.
    expect(feeds(['functional[2080502].by_source.gov_fund.basic'])).toEqual(['表10']);
    expect(feeds(['functional[2080502].by_source.general.basic'])).toEqual(['表7']);
  });

  it('the row’s own columns feed 表3, and 表1 its total; 表6 too, as the row is wholly government-funded', () => {
    expect(feeds(['functional[2080502].basic'])).toEqual(['表3']);
    expect(feeds(['functional[2080502].total'])).toEqual(['表1', '表3', '表6']);
  });

  it('a row paid wholly from the general budget is printed as it is by 表7', () => {
    expect(feeds(['functional[201].basic'])).toEqual(['表3', '表7']);
  });

  it('the diagnostic of the split names 表10 (the source’s table) with 表3 (the row’s basic column)', () => {
    const ds = checkBudget(split, { feeds }).diagnostics.filter((d) => d.rule === 'sum/row-sources');
    expect(ds).toHaveLength(1);
    expect(ds[0].feeds).toEqual(['表3', '表7', '表10']);
  });

  it('parts are named by their heading, from what their templates print', () => {
    expect(feeds(['three_public.this_year.total'])).toEqual(['表9', '第五部分']);
    expect(feeds(['procurement.goods'])).toEqual(['第四部分']);
    expect(feeds(['projects[一般管理事务].amount'])).toEqual(['表5', '第三部分', '第七部分']);
    expect(feeds(['income.total'])).toEqual(['表1', '表2', '第二部分']);
    // a figure no table or part prints
    expect(feeds(['comparison.change'])).toEqual([]);
  });

  it('the performance form is named by its own caption', () => {
    expect(feeds(['performance.total'])).toEqual(['表十二']);
  });
});

describe('feeds in another layout (fixtures/profiles/toy)', () => {
  const toy = readLayout('fixtures/profiles/toy/profile.yaml');
  const feeds = layoutFeeds(split, toy.profile, toy.templates);

  it('name the toy’s own tables and parts', () => {
    expect(feeds(['functional[2080502].by_source.general.basic'])).toEqual(['附表二']);
    expect(feeds(['functional[2080502].by_source.gov_fund.basic'])).toEqual([]);
    expect(feeds(['functional[201].total'])).toEqual(['附表一', '附表二']);
    expect(feeds(['three_public.this_year.total'])).toEqual(['附表三']);
    expect(feeds(['income.total'])).toEqual(['附表一', '二、收支预算总体情况']);
  });

  it('reach the diagnostics through the compiler', () => {
    const checked = checkDir('fixtures/profiles/toy/data/2024', nodeWorld({ env: {} }), { strict: true, profiles: 'profiles' });
    const named = new Set(checked.diagnostics.flatMap((d) => d.feeds ?? []));
    for (const f of named) expect(['附表一', '附表二', '附表三', '一、单位概况', '二、收支预算总体情况']).toContain(f);
  });
});

describe('every figure a table prints says which fact it shows', () => {
  for (const dir of ['data/2023', 'fixtures/reference-2022', 'fixtures/synthetic-yuan-2024', 'fixtures/profiles/toy/data/2024']) {
    it(dir, () => {
      const checked = checkDir(dir, nodeWorld({ env: {} }), { strict: false, profiles: 'profiles' });
      const doc = budgetToDocument(checked.budget!, checked.profile!, checked.templates, {}).doc!;
      // the profile's tables (a template's in-text tables are the narrative's: its template says what it prints)
      const ids = new Set(checked.profile!.tables.map((t) => t.id));
      const cells = doc.sections
        .flatMap((s) => s.blocks)
        .flatMap((b) => (b.kind === 'table' && ids.has(b.id) ? b.rows.flatMap((r) => r.cells) : []))
        .filter((c) => c?.kind === 'number');
      expect(cells.length).toBeGreaterThan(20);
      // a zero nothing pays (a source a row has none of) shows no fact; any other figure does
      const bare = cells.filter((c) => !c!.facts?.length && !/^-?0(\.0+)?$/.test(c!.kind === 'number' ? c!.value : ''));
      expect(bare).toEqual([]);
    });
  }
});

describe('no rule writes its feeds', () => {
  it('src/check names no table or part in a feeds list (they are derived)', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const files = (d: string): string[] =>
      readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(d, e.name)) : e.name.endsWith('.ts') ? [join(d, e.name)] : []));
    const written = files('src/check').filter((f) => /feeds\s*[:=]\s*\[\s*['"`]/.test(readFileSync(f, 'utf8')));
    expect(written).toEqual([]);
    // the scan would see one: the shape of the lists this replaced
    expect(/feeds\s*[:=]\s*\[\s*['"`]/.test("{ feeds: ['表3'] }")).toBe(true);
  });
});
