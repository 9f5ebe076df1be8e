import { describe, expect, test } from 'vitest';
import { budgetToDocument } from '../../src/document/index.js';
import type { Document, Heading, Table } from '../../src/document/index.js';
import { loadBudget, loadProfile, loadTemplates } from './load.js';
const profile = loadProfile();
import { blockText } from './dump.js';
import { KNOWN_SEED_ERRORS, SEED_PARTS, narrativeLines, norm, seedTables } from './seed.js';

// The reference document built from data/2023, compared with the seed (the published PDF's text).
// Expected values come from the seed, through tests/document/seed.ts, never from the YAML.

const DEPT = '深圳市福田区数据管理中心';
const built = budgetToDocument(loadBudget('data/2023'), profile, loadTemplates(), {});
const doc = built.doc as Document;
const blocks = doc ? doc.sections.flatMap((s) => s.blocks) : [];
const tables = blocks.filter((b): b is Table => b.kind === 'table' && b.caption !== '');
const headings = blocks.filter((b): b is Heading => b.kind === 'heading');

/** A generated row as pdftotext would flatten it: the non-empty cell texts, left to right. */
const rowText = (t: Table, i: number) =>
  t.rows[i].cells
    .filter((c) => c !== null)
    .map((c) => c!.text)
    .filter((x) => x !== '')
    .join(' ');

describe('data/2023 reproduces the seed', () => {
  test('builds without diagnostics', () => {
    expect(built.diagnostics).toEqual([]);
    expect(doc).toBeDefined();
  });

  test('(a) part headings in order, as the seed prints them', () => {
    const seedParts = SEED_PARTS;
    expect(headings.filter((h) => h.level === 2).map((h) => norm(h.text))).toEqual(seedParts.map(norm));
    expect(headings.filter((h) => h.level === 1).map((h) => h.text)).toEqual(['一、文字部分', '二、表格部分']);
    // Every level-3 heading of the seed, in order.
    const seedSub = ['一、部门职责', '二、机构设置情况', '三、2023 年主要工作目标', `一、${DEPT}`, '一、实施部门预算绩效管理的单位范围', '二、实施部门预算绩效管理的项目情况及工作要求', '一、机关运行经费', '二、国有资产占用情况', '三、其他'];
    expect(headings.filter((h) => h.level === 3).map((h) => norm(h.text))).toEqual(seedSub.map(norm));
    // Parts and tables are in the table of contents with unique ids.
    const ids = [...headings.map((h) => h.id), ...tables.map((t) => t.id)];
    expect(new Set(ids).size).toBe(ids.length);
    expect(headings.filter((h) => h.level <= 2).every((h) => h.toc)).toBe(true);
    expect(tables.every((t) => t.toc)).toBe(true);
  });

  test('(a) table captions and titles in order', () => {
    const seed = seedTables(DEPT);
    expect(seed).toHaveLength(12);
    expect(tables.map((t) => [t.caption, norm(t.title)])).toEqual(seed.map((s) => [s.caption, norm(s.title)]));
  });

  const seed = seedTables(DEPT);
  for (const [i, s] of seed.entries()) {
    if (s.caption === '表十二') continue;
    test(`(b) ${s.caption} ${s.title}: every row and figure as the seed prints it`, () => {
      const t = tables[i];
      const generated = t.rows.map((_, r) => norm(rowText(t, r)));
      expect(generated).toEqual(s.rows.map(norm));
      expect(t.notes.map(norm)).toEqual(s.notes.map(norm));
      expect(t.headerLine).toEqual({ left: `部门名称：${DEPT}`, right: '单位：万元' });
    });
  }

  test('(b) 表十二: the form read in order, and every figure row', () => {
    const s = seed[11];
    const t = tables[11];
    expect(t.headerLine).toEqual({ left: '2023 年度', right: '单位：万元' });
    const flat = norm(t.rows.map((_, r) => rowText(t, r)).join(''));
    // Every token the seed prints, found in order (the seed places span labels by their middle row).
    let at = 0;
    const lost: string[] = [];
    // A label spanning several rows is placed by pdftotext at some row of its span: only its presence counts.
    const spanning = new Set(t.rows.flatMap((r) => r.cells.filter((c) => c && (c.rowSpan ?? 1) > 1).map((c) => norm(c!.text))));
    for (const tok of s.lines.flatMap((l) => l.split(/\s+/)).filter(Boolean)) {
      if (spanning.has(norm(tok))) {
        if (!flat.includes(norm(tok))) lost.push(tok);
        continue;
      }
      const k = flat.indexOf(norm(tok), at);
      if (k < 0) lost.push(tok);
      else at = k + norm(tok).length;
    }
    expect(lost).toEqual([]);
    // The task and total rows, figures included, exactly.
    const figureRows = t.rows.map((_, r) => norm(rowText(t, r))).filter((r) => /\d$/.test(r));
    expect(figureRows).toEqual([
      norm('一般管理事务 包括劳务派遣人员和其他一般管理事务 70 70 0'),
      norm('电子政务运行维护 包括数据资源运行维护、基础设施运行维护、信息安全运行维护及应急项目和设备维修 4,094 4,094 0'),
      norm('人员类支出 包括在职人员的经费和对个人与家庭人员补助 994 994 0'),
      norm('金额合计 5,158 5,158 0'),
    ]);
  });

  test('(c) the narrative: every seed line of Parts 1–9 is reproduced', () => {
    const textSection = doc.sections[0].blocks;
    const generated = norm(textSection.flatMap(blockText).join(''));
    const missing = narrativeLines.filter((l) => !generated.includes(norm(l)) && !KNOWN_SEED_ERRORS.includes(l));
    const share = (narrativeLines.length - missing.length) / narrativeLines.length;
    console.log(`seed narrative lines reproduced: ${narrativeLines.length - missing.length}/${narrativeLines.length} (${(share * 100).toFixed(1)}%)`);
    expect(missing).toEqual([]);
    // ...and the known errors really are corrected, not reproduced.
    for (const l of KNOWN_SEED_ERRORS) expect(generated).not.toContain(norm(l));
    expect(generated).toContain(norm('5、系统巡检验收合格率 100%；6、安全设备正常运行率 90%'));
    expect(narrativeLines.length).toBeGreaterThan(150);
  });

  test('(c) the Part 3 project block is printed once (the seed prints it twice by mistake)', () => {
    const text = doc.sections[0].blocks.flatMap(blockText).join('\n');
    expect(text.split('1.电子政务运行维护').length - 1).toBe(1);
    expect(text.split('2.一般管理事务').length - 1).toBe(1);
  });

  test('Part 7 is an in-text table: 项目名称 | 预算数（万元） | 绩效目标, with the budget as a number cell', () => {
    const t = doc.sections[0].blocks.find((b): b is Table => b.kind === 'table');
    expect(t?.header.map((h) => h.label)).toEqual(['项目名称', '预算数（万元）', '绩效目标']);
    expect(t?.rows.map((r) => r.cells[1])).toMatchObject([
      { kind: 'number', value: '4094', text: '4,094' },
      { kind: 'number', value: '70', text: '70' },
    ]);
    const goal = t!.rows[0].cells[2];
    expect(goal?.kind === 'text' && goal.text.split('\n').map((l) => l.split('：')[0])).toEqual(['本项目的年度总体目标是', '数量指标', '质量指标', '成本指标', '社会效益指标']);
  });
});
