import { describe, expect, test } from 'vitest';
import { budgetToDocument } from '../../src/document/index.js';
import type { Document, NumberCell, Table } from '../../src/document/index.js';
import type { Profile, TableDecl } from '../../src/profile/index.js';
import { topIncomeLines } from '../../src/profile/index.js';
import { dec, eq, sum } from '../../src/money/decimal.js';
import { loadBudget, loadProfile, loadTemplates } from './load.js';

/*
 * The total rows of the projects' table and of a summary by 类 are linked by the declared identities
 * (src/model/identities.ts), not by sums their table code lists: the projects' department row by the
 * projects' roll-up, the summary's expenditure total by the classification's, its income total by
 * the income's sums (which lines are parts of which).
 */

const templates = loadTemplates();
const tablesOf = (d: Document) => d.sections.flatMap((s) => s.blocks).filter((b): b is Table => b.kind === 'table');
const num = (t: Table, r: number, c: number) => t.rows[r]!.cells[c] as NumberCell;

describe('which income lines are top-level (their sum is the income total)', () => {
  test('a line the declared sums put under another listed line is a sub-line, whatever its label', () => {
    // 财政拨款收入 = 政府预算拨款 = 一般公共预算 + 政府性基金 + 国有资本经营
    expect(topIncomeLines(['fiscal', 'general', 'gov_fund', 'soe', 'business', 'operating', 'other'])).toEqual([true, false, false, false, true, true, true]);
    // without 财政拨款收入 above them, the three funds are lines of their own
    expect(topIncomeLines(['general', 'gov_fund', 'soe'])).toEqual([true, true, true]);
    expect(topIncomeLines(['general', 'business'])).toEqual([true, true]);
    // 收入总计 holds every other line
    expect(topIncomeLines(['total', 'fiscal', 'business', 'other'])).toEqual([true, false, false, false]);
  });
});

describe('a summary by 类: its 合计 row', () => {
  const budget = loadBudget('fixtures/reference-shanghai-2026');
  const base = loadProfile('profiles/shanghai.yaml');
  const summaryOf = (p: Profile, id: string) => tablesOf(budgetToDocument(budget, p, loadTemplates('profiles/shanghai'), {}).doc as Document).find((t) => t.id === id)!;
  const withLines = (id: string, lines: { label: string; figure: string }[]): Profile => ({
    ...base,
    tables: base.tables.map((t) => (t.id === id ? ({ ...t, income_lines: lines } as TableDecl) : t)),
  });

  test('the expenditure total is the sum of the 类 rows in each column, the income total of the top-level lines', () => {
    const t = summaryOf(base, 'fiscal-summary');
    const last = t.rows.length - 1;
    const decl = base.tables.find((x) => x.id === 'fiscal-summary') as Extract<TableDecl, { kind: 'summary-by-class' }>;
    const classRows = t.rows.flatMap((r, i) => (i < last && r.cells[3]?.kind === 'number' ? [i] : []));
    expect(classRows.length).toBeGreaterThan(1);
    decl.columns.forEach((_, j) => expect(num(t, last, 3 + j).sumOf).toEqual(classRows.map((row) => ({ row, col: 3 + j }))));
    // the three funds listed alone: each is a top-level line
    expect(num(t, last, 1).sumOf).toEqual([0, 1, 2].map((row) => ({ row, col: 1 })));
  });

  test('a sub-line is left out of the income total by what it is, not by its label starting with a digit', () => {
    const lines = [
      { label: '财政拨款收入', figure: 'fiscal' },
      { label: '其中：一般公共预算', figure: 'general' },
      { label: '事业收入', figure: 'business' },
    ];
    const t = summaryOf(withLines('finance-summary', lines), 'finance-summary');
    const last = t.rows.length - 1;
    expect(num(t, last, 1).sumOf).toEqual([0, 2].map((row) => ({ row, col: 1 })));
    expect(eq(dec(num(t, last, 1).value), sum([dec(num(t, 0, 1).value), dec(num(t, 2, 1).value)]))).toBe(true);
    // and a line labelled like a sub-line with no line above it that holds it is counted
    const alone = summaryOf(withLines('finance-summary', [{ label: '1. 一般公共预算', figure: 'general' }, { label: '2. 事业收入', figure: 'business' }]), 'finance-summary');
    const end = alone.rows.length - 1;
    expect(num(alone, end, 1).sumOf).toEqual([0, 1].map((row) => ({ row, col: 1 })));
  });
});

describe("the projects' table: its department row", () => {
  const budget = loadBudget('data/2023');
  const profile = loadProfile();
  const doc = budgetToDocument(budget, profile, templates, {}).doc as Document;
  const id = profile.tables.find((t) => t.kind === 'projects-by-source')!.id;
  const t = tablesOf(doc).find((x) => x.id === id)!;

  test('every figure column is the sum of the projects in it (the projects’ roll-up)', () => {
    const projects = t.rows.map((_, i) => i).slice(1);
    expect(projects.length).toBe(budget.projects.length);
    const figCols = t.rows[0]!.cells.flatMap((c, i) => (c?.kind === 'number' ? [i] : []));
    expect(figCols.length).toBe(14);
    for (const col of figCols) expect(num(t, 0, col).sumOf, `column ${col}`).toEqual(projects.map((row) => ({ row, col })));
  });
});
