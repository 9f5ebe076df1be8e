import { describe, expect, test } from 'vitest';
import { checkDir } from '../../src/compile.js';
import { budgetToDocument, type Document, type Table } from '../../src/document/index.js';
import { nodeWorld } from '../../src/world/index.js';
import { readFileSync } from 'node:fs';
import { NARRATIVE_PAGES, SEED_FILE, narrativeText, seedNote, seedRows, wanAmounts } from './seed.js';

const SEED_LINES = readFileSync(SEED_FILE, 'utf8').split('\n').map((l) => l.trim());

/**
 * The Shanghai reference built from fixtures/reference-shanghai-2026 with profiles/shanghai.yaml,
 * on the document model, against the seed (the published PDF's text): every table row and every
 * 万元 amount of the narrative. Expected values come from the seed (tests/shanghai/seed.ts).
 */
const DATA = 'fixtures/reference-shanghai-2026';
const checked = checkDir(DATA, nodeWorld({ env: {} }), { strict: false, profiles: 'profiles' });
const built = checked.budget && checked.profile ? budgetToDocument(checked.budget, checked.profile, checked.templates, {}) : undefined;
const doc = built?.doc as Document;
const blocks = doc ? doc.sections.flatMap((s) => s.blocks) : [];
const tables = blocks.filter((b): b is Table => b.kind === 'table' && b.page === true);

/** A row as the extractor flattens it: the non-empty cell texts, left to right. */
const rowText = (t: Table, i: number) =>
  t.rows[i]!.cells.filter((c) => c !== null)
    .map((c) => c!.text)
    .filter((x) => x !== '')
    .join(' ');

describe('the Shanghai reference (fixtures/reference-shanghai-2026) reproduces the seed', () => {
  test('checks with no finding at all, and builds', () => {
    expect(checked.diagnostics).toEqual([]);
    expect(checked.status).toBe('ok');
    expect(built?.diagnostics).toEqual([]);
  });

  test('nine tables, titled as the seed titles them, each with its 编制部门 line', () => {
    expect(tables.map((t) => t.title)).toEqual([
      '2026年部门财务收支预算总表',
      '2026年部门收入预算总表',
      '2026年部门支出预算总表',
      '2026年部门财政拨款收支预算总表',
      '2026年部门一般公共预算支出功能分类预算表',
      '2026年部门政府性基金预算支出功能分类预算表',
      '2026年部门国有资本经营预算支出功能分类预算表',
      '2026年部门一般公共预算基本支出部门预算经济分类预算表',
      '2026年部门“三公”经费和机关运行经费预算表',
    ]);
    expect(tables.every((t) => t.caption === '')).toBe(true);
    expect(tables.slice(0, 8).map((t) => `${t.headerLine?.left} ${t.headerLine?.right}`)).toEqual(Array(8).fill('编制部门：上海市普陀区文化和旅游局 单位：元'));
    expect(tables[8]!.headerLine).toEqual({ left: '编制部门：上海市普陀区文化和旅游局', right: '单位:万元' });
  });

  for (let k = 0; k < 9; k++) {
    test(`table ${k + 1}: every row of the seed, in order, and no other`, () => {
      const t = tables[k]!;
      const got = t.rows.map((_, i) => rowText(t, i)).filter((x) => x !== '');
      // the seed's rows: at least the 合计 row (a header filter that ate everything would pass vacuously)
      expect(seedRows(k).length).toBeGreaterThan(0);
      expect(seedRows(k).some((l) => l.startsWith('合计') || l.startsWith('收入总计') || /^[0-9.]+( [0-9.]+)+$/.test(l))).toBe(true);
      expect(got).toEqual(seedRows(k));
    });
  }

  test('the empty tables print the seed\'s note', () => {
    expect(tables[5]!.notes).toEqual([seedNote(5)]);
    expect(tables[6]!.notes).toEqual([seedNote(6)]);
    expect(tables[4]!.notes).toEqual([]);
  });

  test('every 万元 amount of the narrative, in order, computed from the tables in 元', () => {
    const paragraphs = blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : b.kind === 'list' ? b.items : []));
    const got = wanAmounts(paragraphs.join(''));
    expect(got).toEqual(wanAmounts(narrativeText(NARRATIVE_PAGES)));
    expect(got.length).toBeGreaterThan(40);
  });

  test('cover and 目录 as published: the region\'s title, the department as 预算主管部门', () => {
    expect(doc.cover).toEqual({ title: '上海市普陀区2026年区级部门预算', lines: ['预算主管部门：上海市普陀区文化和旅游局'] });
    const toc = blocks.flatMap((b) => (b.kind === 'heading' && b.toc ? [b.tocText ?? b.text] : []));
    expect(toc).toEqual(['一、部门主要职能', '二、部门机构设置', '三、名词解释', '四、部门预算编制说明', '五、部门预算表', '六、其他相关情况说明', '七、项目经费情况说明']);
    // each section's page is titled as published (the seed's page titles), the 目录 lists it as above
    const titles = blocks.flatMap((b) => (b.kind === 'heading' && b.toc ? [b.text] : []));
    expect(titles.slice(0, 4)).toEqual(['上海市普陀区文化和旅游局主要职能', '上海市普陀区文化和旅游局机构设置', '名词解释', '2026年部门预算编制说明']);
    for (const t of titles.slice(0, 4)) expect(SEED_LINES).toContain(t);
    expect(tables.map((t) => t.shortName)).toEqual(tables.map((t, i) => `${i + 1}. ${t.title}`));
  });
});
