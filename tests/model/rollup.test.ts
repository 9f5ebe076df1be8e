import { describe, expect, it } from 'vitest';
import { checkDir } from '../../src/compile.js';
import { budgetToDocument, type Table } from '../../src/document/index.js';
import { add, dec, eq, ZERO, type Dec } from '../../src/money/decimal.js';
import type { Classification, ClassRow } from '../../src/model/budget.js';
import { cellFig, FILLED_BY_ROLL_UP, ROLL_UPS, rollUpColumns } from '../../src/model/identities.js';
import { classTree } from '../../src/model/tree.js';
import { BudgetView } from '../../src/check/view.js';
import { nodeWorld } from '../../src/world/index.js';
import { refBudget, c, w } from '../check/builder.js';

/**
 * The 类/款/项 roll-up is declared once (ROLL_UPS, src/model/identities.ts) over the tree the model
 * builds once (src/model/tree.ts). These tests hold the model's filling, the check's tolerance and
 * the tables' parent-row formulas to that declaration, with the tree taken independently from the
 * codes (a row's parent is the row whose code is the longest proper prefix of its own).
 */

const checked = (dir: string) => checkDir(dir, nodeWorld({ env: {} }), { strict: false, profiles: 'profiles' });

/** Parent of each row by the codes alone: -1 for a 类 row. */
function parentsByCode(c: Classification): number[] {
  const at = new Map(c.rows.map((r, i) => [r.code.text, i]));
  return c.rows.map((r) => {
    for (let n = r.code.text.length - 2; n >= 3; n -= 2) {
      const p = at.get(r.code.text.slice(0, n));
      if (p !== undefined) return p;
    }
    return -1;
  });
}

const sumOf = (xs: readonly ClassRow[], col: string): Dec | undefined => {
  const have = xs.map((x) => cellFig(x, col)).filter((f) => f !== undefined);
  return have.length ? have.reduce((a, f) => add(a, f!.value), ZERO) : undefined;
};

describe.each(['data/2023', 'fixtures/reference-shanghai-2026', 'fixtures/shanghai/multi-unit-yuan-2031'])('%s', (dir) => {
  const r = checked(dir);
  const b = r.budget!;

  it('the model built the tree once: the one everyone reads is the codes’ tree', () => {
    for (const cls of ['functional', 'economic'] as const) {
      const c = b[cls];
      const t = classTree(c);
      expect(classTree(c)).toBe(t);
      expect(t.parent).toEqual(parentsByCode(c));
      const view = new BudgetView(b)[cls];
      expect(view.children.map((n) => n.row)).toEqual(t.tops.map((i) => c.rows[i]));
    }
  });

  it('fills every omitted cell of a parent, in each declared column, with its children’s sum', () => {
    let filled = 0;
    for (const cls of ['functional', 'economic'] as const) {
      const c = b[cls];
      const parents = parentsByCode(c);
      const kids = (i: number) => c.rows.filter((_, j) => parents[j] === i);
      const groups: [ClassRow, readonly ClassRow[]][] = [
        [c.total, c.rows.filter((_, j) => parents[j] === -1)],
        ...c.rows.map((row, i) => [row, kids(i)] as [ClassRow, ClassRow[]]).filter(([, k]) => k.length),
      ];
      for (const [row, ks] of groups)
        for (const col of FILLED_BY_ROLL_UP[cls]) {
          const f = cellFig(row, col);
          if (!f || f.span) continue;
          // a by-source column the parent itself names, of a source no child names, is 0
          const want = sumOf(ks, col) ?? ZERO;
          expect(eq(f.value, want), `${cls} ${row.code.text} ${col}`).toBe(true);
          filled++;
        }
    }
    expect(filled).toBeGreaterThan(20);
  });
});

describe('the declaration', () => {
  it('names each column once per classification, and only columns a row has', () => {
    const b = refBudget();
    for (const cls of ['functional', 'economic'] as const) {
      const cols = ROLL_UPS[cls].flatMap((f) => f.columns);
      expect(new Set(cols).size).toBe(cols.length);
      for (const col of cols) expect(() => cellFig(b[cls].total, col)).not.toThrow();
    }
    expect(rollUpColumns('functional', 'sum/class-children')).toContain('procurement.sme');
    expect(rollUpColumns('economic', 'sum/class-children')).not.toContain('procurement.sme');
  });

  it('a computed parent cell’s tolerance is its children’s summed tolerance in a declared column', () => {
    const b = refBudget((d) => {
      // 201 computed from two written children of one decimal each
      d.functional.rows = [
        { ...d.functional.rows[0], code: { text: '201' }, level: 1, total: c('3.3'), basic: c('1.1'), project: c('2.2') },
        { ...d.functional.rows[0], code: { text: '20101' }, level: 2, total: w('1.5'), basic: w('0.5'), project: w('1.0') },
        { ...d.functional.rows[0], code: { text: '20102' }, level: 2, total: w('1.8'), basic: w('0.6'), project: w('1.2') },
      ];
    });
    const v = new BudgetView(b);
    const top = v.functional.children[0]!;
    expect(top.children).toHaveLength(2);
    expect(v.cellTol(top, { id: 'total', get: (r) => r.total })).toEqual(dec('0.10'));
  });
});

describe('a project’s computed amount', () => {
  it('has the tolerance of the parts the model summed: its items, else its shares by source', () => {
    const b = refBudget((d) => {
      d.projects[0] = { ...d.projects[0], amount: c('1.5'), items: [], by_source: { general: w('1.2'), gov_fund: w('0.3') } };
    });
    expect(new BudgetView(b).projectTol(b.projects[0]!)).toEqual(dec('0.10'));
  });
});

describe('the tables write a parent row as the SUM of its children in every rolled-up column', () => {
  const r = checked('data/2023');
  const doc = budgetToDocument(r.budget!, r.profile!, r.templates, {}).doc!;
  const tables = doc.sections.flatMap((s) => s.blocks).filter((x): x is Table => x.kind === 'table');

  it('支出总表 (every functional row, with procurement): each parent’s cells are its children’s rows, column by column', () => {
    const c = r.budget!.functional;
    const parents = parentsByCode(c);
    const t = tables.find((x) => x.rows.length === c.rows.length + 1 && x.rows[1]!.cells[1]?.kind === 'text' && x.rows[1]!.cells[1].text === c.rows[0]!.code.text && x.columns.length === 9)!;
    expect(t).toBeDefined();
    c.rows.forEach((_, i) => {
      const kids = c.rows.flatMap((_, j) => (parents[j] === i ? [j + 1] : []));
      if (!kids.length) return;
      for (let col = 3; col < 9; col++) {
        const cell = t.rows[i + 1]!.cells[col]!;
        expect(cell.kind).toBe('number');
        if (cell.kind !== 'number') continue;
        expect(cell.sumOf, `row ${i + 1} col ${col}`).toEqual(kids.map((row) => ({ row, col })));
      }
    });
    // the department row: the 类 rows
    const tops = c.rows.flatMap((_, j) => (parents[j] === -1 ? [j + 1] : []));
    const dept = t.rows[0]!.cells[3]!;
    expect(dept.kind === 'number' ? dept.sumOf : undefined).toEqual(tops.map((row) => ({ row, col: 3 })));
  });
});
