import { describe, expect, it } from 'vitest';
import { checkDir } from '../../src/compile.js';
import { budgetToDocument, type Table } from '../../src/document/index.js';
import { parseDec } from '../../src/money/decimal.js';
import { fillSums, SUM_OF, SUMS, sumsOf } from '../../src/model/identities.js';
import { nodeWorld } from '../../src/world/index.js';

/**
 * The sum identities are declared once (src/model/identities.ts); the model fills by them, the check
 * tests and tolerates by them, the tables write them as formulas. These tests hold the declaration
 * to what the published tables are and to what each consumer reads.
 */

const d = (s: string) => ({ value: parseDec(s)! });
const written = (s: string) => ({ value: parseDec(s)!, span: { file: 'x.yaml', line: 1, col: 1, endLine: 1, endCol: 2, offset: 0, length: 1 } });

describe('the declaration', () => {
  it('is in dependency order: a total comes after every identity that fills one of its parts', () => {
    const filled = new Set<string>();
    for (const id of SUMS) {
      if (id.fill === false) continue;
      for (const p of [...id.parts, ...(id.less ?? [])]) if (SUM_OF.has(p)) expect(filled.has(p), `${p} before ${id.total}`).toBe(true);
      filled.add(id.total);
    }
  });

  it('computes 三公’s change row by this year − last year, and checks its subtotals as well', () => {
    expect(SUM_OF.get('three_public.change.vehicles')).toMatchObject({ parts: ['three_public.this_year.vehicles'], less: ['three_public.last_year.vehicles'] });
    expect(sumsOf('sum/three-public').filter((i) => i.total === 'three_public.change.vehicles')).toHaveLength(2);
  });
});

describe('fillSums', () => {
  it('fills omitted totals bottom-up and keeps the written ones', () => {
    const v = fillSums(
      new Map([
        ['income.general.basic', d('994')],
        ['income.general.performance', d('4164')],
        ['income.general.special', d('0')],
        ['income.general.investment', d('0.5')],
        ['income.gov_fund', d('1')],
        ['income.soe', d('0')],
        ['income.special_account', d('0')],
        ...['business', 'operating', 'superior', 'affiliated', 'other'].map((k) => [`income.unit.${k}`, d(k === 'other' ? '2' : '0')] as const),
        ['income.carryover', d('10')],
        ['income.general', undefined],
        ['income.government', written('9999')],
        ['income.unit_funds', undefined],
        ['income.current_total', undefined],
        ['income.total', undefined],
      ]),
    );
    expect(v.get('income.general')!.value).toEqual(parseDec('5158.5'));
    expect(v.get('income.general')!.span).toBeUndefined();
    // a written subtotal stands; the totals above it are computed from it, not from its parts
    expect(v.get('income.government')!.value).toEqual(parseDec('9999'));
    expect(v.get('income.current_total')!.value).toEqual(parseDec('10001'));
    expect(v.get('income.total')!.value).toEqual(parseDec('10011'));
  });
});

describe('the tables write the declared identities as formulas', () => {
  const checked = checkDir('data/2023', nodeWorld({ env: {} }), { strict: false, profiles: 'profiles' });
  const doc = budgetToDocument(checked.budget!, checked.profile!, checked.templates, {}).doc!;
  const table = (id: string) => doc.sections.flatMap((s) => s.blocks).find((b): b is Table => b.kind === 'table' && b.id === id)!;
  const sumOf = (t: Table, row: number, col: number) => {
    const c = t.rows[row]!.cells[col];
    return c?.kind === 'number' ? c.sumOf?.map((r) => (r.row === row ? r.col : `${r.row}:${r.col}`)) : undefined;
  };

  it('收入总表: 收入总计 is every source (the subtotals it does not print stand for their parts); 一般公共预算 its four kinds', () => {
    const t = table('table-2');
    expect(sumOf(t, 0, 1)).toEqual([2, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    expect(sumOf(t, 0, 2)).toEqual([3, 4, 5, 6]);
    expect(sumOf(t, 0, 3)).toBeUndefined();
  });

  it('基本支出总表 and 项目支出总表: 总计 and 政府预算拨款小计 add up as the income does', () => {
    // a leaf row (a parent's cells are first the sums of its children)
    const t4 = table('table-4');
    const leaf = t4.rows.length - 1;
    expect(sumOf(t4, leaf, 1)).toEqual([2, 6, 7, 8, 9, 10, 11, 12]);
    expect(sumOf(t4, leaf, 2)).toEqual([3, 4, 5]);
    // projects have no 基本支出 kind: 小计 is the three kinds of general appropriation and the other two
    expect(sumOf(table('table-5'), 1, 2)).toEqual([3, 4, 5, 6, 7]);
    expect(sumOf(table('table-5'), 1, 1)).toEqual([2, 8, 9, 10, 11, 12, 13, 14]);
  });

  it('三公: each year’s total and vehicles; the change row has no formula of its own row', () => {
    const t = table('table-9');
    for (const r of [0, 1]) {
      expect(sumOf(t, r, 2)).toEqual([3, 4, 5]);
      expect(sumOf(t, r, 5)).toEqual([6, 7]);
    }
    expect(sumOf(t, 2, 2)).toBeUndefined();
  });

  it('收支总表 (fiscal): 本年收入合计 is 政府预算拨款 itself; 收入总计 that plus 上年结转', () => {
    const t = table('table-6');
    const cur = t.rows.findIndex((r) => r.cells[0]?.kind === 'text' && r.cells[0].text === '本年收入合计');
    expect(sumOf(t, 0, 1)).toEqual(['1:1', '2:1', '3:1']);
    expect(sumOf(t, cur, 1)).toEqual(['0:1']);
    expect(sumOf(t, cur + 2, 1)).toEqual([`${cur}:1`, `${cur + 1}:1`]);
    expect(sumOf(t, cur + 2, 3)).toEqual([`${cur}:3`, `${cur + 1}:3`]);
  });
});
