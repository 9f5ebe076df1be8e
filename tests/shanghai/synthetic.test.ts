import { describe, expect, test } from 'vitest';
import { checkDir } from '../../src/compile.js';
import { budgetToDocument, type Document, type Table } from '../../src/document/index.js';
import { nodeWorld } from '../../src/world/index.js';

/**
 * Hand-built department-years in the Shanghai district layout (fixtures/shanghai/*), so the
 * profile is not tuned to the one reference: amounts in 元 with fen and several units, 政府性基金
 * spending, a street office's own 单位预算, and two tables that split a 类 between funds differently.
 * The expected figures are worked out by hand from the data files, not read back from the model.
 */
const opts = { strict: false, profiles: 'profiles' };

function build(dir: string) {
  const checked = checkDir(`fixtures/shanghai/${dir}`, nodeWorld({ env: {} }), opts);
  const doc = checked.budget && checked.profile ? (budgetToDocument(checked.budget, checked.profile, checked.templates, {}).doc as Document) : undefined;
  const blocks = doc ? doc.sections.flatMap((s) => s.blocks) : [];
  const tables = blocks.filter((b): b is Table => b.kind === 'table' && b.page === true);
  const rows = (k: number) => tables[k]!.rows.map((r) => r.cells.filter((c) => c !== null).map((c) => c!.text).filter((x) => x !== '').join(' '));
  const prose = blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : [])).join('\n');
  return { checked, doc, tables, rows, prose };
}

describe('fixtures/shanghai: synthetic budgets in the Shanghai layout', () => {
  test('2-decimal 元 amounts, three units: no finding; fen printed in the tables, 万元 half up in the text', () => {
    const b = build('multi-unit-yuan-2031');
    expect(b.checked.diagnostics).toEqual([]);
    // Table 2: 群众文化's income split between 财政拨款 and 事业收入
    expect(b.rows(1)).toContain('207 01 09 群众文化 500,000.75 450,000.75 50,000.00');
    expect(b.rows(1).at(-1)).toBe('合计 1,833,334.07 1,783,334.07 50,000.00');
    // Table 3's 类 row: 1,234,567.89 + 500,000.75 = 1,734,568.64, basic 1,434,568.39, project 300,000.25
    expect(b.rows(2)[0]).toBe('207 文化旅游体育与传媒支出 1,734,568.64 1,434,568.39 300,000.25');
    // 1,234,567.89 元 = 123.4567889 万元 → 123.46; 98,765.43 元 → 9.88 (9.876543, half up)
    expect(b.prose).toContain('“文化旅游体育与传媒支出(类)文化和旅游(款)行政运行(项)”123.46万元');
    expect(b.prose).toContain('机关事业单位基本养老保险缴费支出(项)”9.88万元');
    // income 1,833,334.07 元 → 183.33 万元; 事业收入 50,000.00 → 5.00
    expect(b.prose).toContain('收入预算183.33万元，其中：财政拨款收入178.33万元');
    expect(b.prose).toContain('事业收入5.00万元');
  });

  test('政府性基金 spending: Table 6 lists it, Table 4 puts it in its fund column, no finding', () => {
    const b = build('gov-fund-2031');
    expect(b.checked.diagnostics).toEqual([]);
    expect(b.rows(5)).toEqual([
      '212 城乡社区支出 800,000.00 800,000.00',
      '212 08 国有土地使用权出让收入安排的支出 800,000.00 800,000.00',
      '212 08 99 其他国有土地使用权出让收入安排的支出 800,000.00 800,000.00',
      '合计 800,000.00 800,000.00',
    ]);
    expect(b.tables[5]!.notes).toEqual([]);
    // Table 4: income side general 1,783,334.07 + 政府性基金 800,000.00; 212's row in the fund column
    expect(b.rows(3)).toEqual([
      '一、一般公共预算 1,783,334.07 一、文化旅游体育与传媒支出 1,684,568.64 1,684,568.64',
      '二、政府性基金预算 800,000.00 二、社会保障和就业支出 98,765.43 98,765.43',
      '三、国有资本经营预算 三、城乡社区支出 800,000.00 800,000.00',
      '收入总计 2,583,334.07 支出总计 2,583,334.07 1,783,334.07 800,000.00',
    ]);
    expect(b.prose).toContain('政府性基金拨款支出预算80.00万元');
  });

  test('a street office\'s 单位预算: its title and cover, 7-digit codes, Table 1 by 人员经费 / 公用经费 / 项目支出', () => {
    const b = build('street-office-2031');
    expect(b.checked.diagnostics).toEqual([]);
    expect(b.doc!.cover).toEqual({ title: '某某市某某区2031年区级单位预算', lines: ['预算单位：某某区某某街道办事处'] });
    expect(b.tables[0]!.title).toBe('2031年单位财务收支预算总表');
    expect(b.tables[0]!.headerLine?.left).toBe('编制单位：某某区某某街道办事处');
    // 201: 3,000,000 + 700,000 = 3,700,000; 人员 2,600,000 + 450,000; 公用 400,000 + 50,000; 项目 200,000
    expect(b.rows(0)[0]).toBe('一、财政拨款收入 4,020,000 一、一般公共服务支出 3,700,000 3,050,000 450,000 200,000');
    expect(b.rows(0).at(-1)).toBe('收入总计 4,020,000 支出总计 4,020,000 3,370,000 450,000 200,000');
    expect(b.tables[0]!.columns).toHaveLength(7);
    expect(b.rows(2)).toContain('201 03 50 事业运行 700,000 500,000 200,000');
  });

  test('two tables disagree on a fund split while every total balances: one error per cell, naming both tables', () => {
    const b = build('fund-split-disagree-2031');
    const errors = b.checked.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((e) => e.rule)).toEqual(['cross/fund-split', 'cross/fund-split']);
    expect(errors[0]!.message.zh).toBe(
      '《4. 2031年部门财政拨款收支预算总表》 212 城乡社区支出 一般公共预算拨款 300,000.00 与《5. 2031年部门一般公共预算支出功能分类预算表》 212 城乡社区支出 合计 0 应当相等，相差 300,000.00 元，超出四舍五入允许的 ±0.005',
    );
    expect(errors[1]!.message.zh).toContain('《6. 2031年部门政府性基金预算支出功能分类预算表》 212 城乡社区支出 合计 800,000.00');
    // 212's 政府性基金 is computed from its 项's written 800,000.00: it carries that figure's ±0.005
    // besides the written funds' (src/check/rules/layout-util.ts `amountOf`)
    expect(errors[1]!.message.zh).toMatch(/超出四舍五入允许的 ±0\.01$/);
    expect(errors.map((e) => e.difference)).toEqual(['300000.00', '-300000.00']);
    expect(errors.map((e) => `${e.span?.file.split('/').pop()}:${e.span?.line}`)).toEqual(['functional.yaml:16', 'functional.yaml:16']);
    // everything else balances
    expect(b.checked.diagnostics.filter((d) => d.rule !== 'cross/fund-split')).toEqual([]);
  });
});
