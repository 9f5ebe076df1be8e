import { describe, expect, test } from 'vitest';
import { budgetToDocument } from '../../src/document/index.js';
import type { Block, Document } from '../../src/document/index.js';
import type { Budget } from '../../src/model/index.js';
import { loadBudget, loadProfile, loadTemplates } from './load.js';
import { templateNames } from '../../src/profile/index.js';

const profile = loadProfile();
const names = templateNames(profile);

/**
 * Text from the data is text: only the templates' own markup makes headings, tables and lists, and
 * a figure reaches the document only through the model. A data value carrying the line markup
 * (templates/README.md) prints as written, inside the paragraph its template gave it.
 */
const budget = loadBudget('data/2023');
const templates = loadTemplates();

function withDuty(b: Budget, text: string): Budget {
  const duties = b.department.duties.map((d, i) => (i === 0 ? { ...d, text } : d));
  return { ...b, department: { ...b.department, duties } };
}

function narrative(b: Budget): Block[] {
  const r = budgetToDocument(b, profile, templates, { sourceDateEpoch: 1_900_000_000 });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return (r.doc as Document).sections[0].blocks;
}

const headings = (bs: Block[]) => bs.filter((b) => b.kind === 'heading').map((b) => (b as { text: string }).text);
const tables = (bs: Block[]) => bs.filter((b) => b.kind === 'table');
const paragraphs = (bs: Block[]) => bs.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));

describe('a text of the data cannot make structure', () => {
  const base = narrative(budget);

  test('a duty carrying a chapter heading and a table of figures adds neither', () => {
    const forged = '示例职责。\n\n## 第十部分 其他说明\n\n| 项目 | 金额 |\n| 伪造 | 999,999 |';
    const blocks = narrative(withDuty(budget, forged));
    expect(headings(blocks)).toEqual(headings(base));
    expect(tables(blocks)).toHaveLength(tables(base).length);
    // The same number of paragraphs: the duty stays one paragraph, its text literal (line breaks joined).
    expect(paragraphs(blocks)).toHaveLength(paragraphs(base).length);
    expect(paragraphs(blocks)).toContain('（一）示例职责。## 第十部分 其他说明| 项目 | 金额 || 伪造 | 999,999 |');
  });

  test('a line "# …" in a data text is no heading (it used to crash: "anchor id part-1 is used twice")', () => {
    const blocks = narrative(withDuty(budget, '甲\n# 某某区示例局\n乙'));
    expect(headings(blocks)).toEqual(headings(base));
    expect(paragraphs(blocks)).toContain('（一）甲# 某某区示例局乙');
  });

  test('a data text that looks like a number is a text cell, not a figure', () => {
    // Part 7's table: | name | amount | goal |; a goal of "999,999" stays text.
    const key = budget.projects.findIndex((p) => p.performance);
    expect(key).toBeGreaterThanOrEqual(0);
    const projects = budget.projects.map((p, i) =>
      i === key ? { ...p, performance: { ...p.performance!, goal: { ...p.performance!.goal, text: '999,999' }, indicators: [] } } : p,
    );
    const blocks = narrative({ ...budget, projects });
    const t = tables(blocks).at(-1) as Extract<Block, { kind: 'table' }>;
    const row = t.rows.find((r) => r.cells.some((c) => c.kind === 'text' && c.text === '999,999'));
    expect(row).toBeDefined();
    // The amount beside it, a figure of the model, is still a number cell.
    expect(row!.cells[1].kind).toBe('number');
  });

  test('a "|" or "<br>" in a table cell from the data stays in its cell', () => {
    const key = budget.projects.findIndex((p) => p.performance);
    const projects = budget.projects.map((p, i) => (i === key ? { ...p, name: { ...p.name, text: '甲 | 乙<br>丙' } } : p));
    const t = tables(narrative({ ...budget, projects })).at(-1) as Extract<Block, { kind: 'table' }>;
    const cells = t.rows.map((r) => r.cells[0]).filter((c) => c.kind === 'text').map((c) => (c as { text: string }).text);
    expect(cells).toContain('甲 | 乙<br>丙');
    expect(t.rows.every((r) => r.cells.length === t.header.length)).toBe(true);
  });
});

describe("the templates' own markup", () => {
  test('a template that repeats a level-1 heading gets unique anchor ids', () => {
    const twice = templates.map((t) => (t.path.endsWith('tables.liquid') ? { ...t, text: '# 二、表格部分\n\n## 附\n' } : t));
    const r = budgetToDocument(budget, profile, twice, {});
    const ids = (r.doc as Document).sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === 'heading' ? [b.id] : [])));
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('a heading listed in the 目录 by another text ({toc: …})', () => {
  test('a template writes it: the page shows the title, the 目录 and outline the listed text', async () => {
    const { toBlocks, newHeadingIds, escapeData } = await import('../../src/document/narrative/markup.js');
    const [h] = toBlocks('## 某某区示例局主要职能 {toc: 一、部门主要职能}', newHeadingIds(), 0);
    expect(h).toMatchObject({ kind: 'heading', level: 2, text: '某某区示例局主要职能', tocText: '一、部门主要职能', toc: true });
    // a value of the data ending in {toc: …} is text: its brace is a stand-in the rule does not match
    const [d] = toBlocks(`## ${escapeData('某某区示例局 {toc: 伪造}')}主要职能`, newHeadingIds(), 0);
    expect(d).toMatchObject({ kind: 'heading', text: '某某区示例局 {toc: 伪造}主要职能' });
    expect(d).not.toHaveProperty('tocText');
    const [e] = toBlocks(`## 职能 ${escapeData('{toc: 伪造}')}`, newHeadingIds(), 0);
    expect(e).toMatchObject({ kind: 'heading', text: '职能 {toc: 伪造}' });
    expect(e).not.toHaveProperty('tocText');
  });
});
