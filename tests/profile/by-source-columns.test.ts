import { describe, expect, it } from 'vitest';
import { checkDir } from '../../src/compile.js';
import { budgetToDocument, type Document, type Table } from '../../src/document/index.js';
import type { HeaderNode } from '../../src/document/model.js';
import { BASIC_BY_SOURCE_COLUMNS, INCOME_BY_SOURCE_COLUMNS, PROJECTS_BY_SOURCE_COLUMNS } from '../../src/profile/index.js';
import { nodeWorld } from '../../src/world/index.js';

/**
 * The tables by source are laid out and read back (src/import) by one declaration of their columns
 * (src/profile/figures.ts), each named by the income line it stands for; their header trees are
 * made separately, from the funding sources' groups. Here each header leaf is paired with its
 * column's line, against pairs written out by hand from the published tables (表2, 表4, 表5), so a
 * column list and a header that drift apart fail, and so does a column read as the wrong line.
 */
const checked = checkDir('data/2023', nodeWorld({ env: {} }), { strict: false, profiles: 'profiles' });
const doc = budgetToDocument(checked.budget!, checked.profile!, checked.templates, {}).doc as Document;
const tables = doc.sections.flatMap((s) => s.blocks).filter((b): b is Table => b.kind === 'table');
const leaves = (ns: readonly HeaderNode[]): string[] => ns.flatMap((n) => (n.children?.length ? leaves(n.children) : [n.label]));
const byHeader = (first: string, n: number) => tables.filter((t) => leaves(t.header)[0] === first && leaves(t.header).length === n + 1);

const UNIT = [
  ['事业收入', 'income.unit.business'],
  ['事业单位经营收入', 'income.unit.operating'],
  ['上级补助收入', 'income.unit.superior'],
  ['附属单位上缴收入', 'income.unit.affiliated'],
  ['其他收入', 'income.unit.other'],
];

describe('the tables by source: header leaf ↔ declared column', () => {
  it('the income by source (15 columns)', () => {
    const [t] = byHeader('预算单位', INCOME_BY_SOURCE_COLUMNS.length);
    expect(t).toBeDefined();
    const pairs = leaves(t!.header).slice(1).map((l, i) => [l, `income.${INCOME_BY_SOURCE_COLUMNS[i]}`]);
    expect(pairs).toEqual([
      ['收入总计', 'income.total'],
      ['小计', 'income.general'],
      ['基本支出拨款', 'income.general.basic'],
      ['履职类项目拨款', 'income.general.performance'],
      ['财政专项资金拨款', 'income.general.special'],
      ['政府投资项目拨款', 'income.general.investment'],
      ['政府性基金预算拨款', 'income.gov_fund'],
      ['国有资本经营预算拨款', 'income.soe'],
      ['财政专户管理资金', 'income.special_account'],
      ...UNIT,
      ['上年结余、结转', 'income.carryover'],
    ]);
  });

  it('the basic column by source (12 columns)', () => {
    const [t] = byHeader('支出项目类别', BASIC_BY_SOURCE_COLUMNS.length);
    expect(t).toBeDefined();
    expect(leaves(t!.header).slice(1).map((l, i) => [l, BASIC_BY_SOURCE_COLUMNS[i]])).toEqual([
      ['总计', 'income.total'],
      ['小计', 'income.government'],
      ['一般公共预算拨款', 'income.general'],
      ['政府性基金预算拨款', 'income.gov_fund'],
      ['国有资本经营预算拨款', 'income.soe'],
      ['财政专户管理资金', 'income.special_account'],
      ...UNIT,
      ['上年结余、结转', 'income.carryover'],
    ]);
  });

  it('the projects by source (14 columns: 一般公共预算 by kind of project, no 基本支出)', () => {
    const [t] = byHeader('支出项目类别', PROJECTS_BY_SOURCE_COLUMNS.length);
    expect(t).toBeDefined();
    expect(leaves(t!.header).slice(1).map((l, i) => [l, PROJECTS_BY_SOURCE_COLUMNS[i]])).toEqual([
      ['2023 年预算总计', 'income.total'],
      ['小计', 'income.government'],
      ['履职类项目拨款', 'income.general.performance'],
      ['财政专项资金拨款', 'income.general.special'],
      ['政府投资项目拨款', 'income.general.investment'],
      ['政府性基金预算拨款', 'income.gov_fund'],
      ['国有资本经营预算拨款', 'income.soe'],
      ['财政专户管理资金', 'income.special_account'],
      ...UNIT,
      ['上年结余、结转', 'income.carryover'],
    ]);
  });
});
