/**
 * Tables at page breaks, read back with poppler: an in-text table's header is never left alone at
 * the foot of a page, and a table whose spanned cells run across a break is closed by a rule at
 * the foot of the page and reopened by one at the head of the next (pdfmake leaves the spanned
 * columns open there: patches/pdfmake+0.3.11.patch).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Block, Document, Table } from '../../../src/document/model.js';
import { defaultFonts, renderPdf } from '../../../src/render/pdf/index.js';
import { horizontalRules, pageTexts, squash, type Rule } from './poppler.js';
import { n, projectTable, sampleDoc, t, table12 } from './sample-doc.js';
import { nodeWorld } from '../../../src/world/index.js';

const dir = mkdtempSync(join(tmpdir(), 'budget-pdf-breaks-'));

async function render(doc: Document, name: string): Promise<string> {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, await renderPdf(doc, defaultFonts(), nodeWorld()));
  return file;
}

/** A short document: `lines` one-line paragraphs, then the in-text project table. */
function fillerThenTable(lines: number): Document {
  const filler: Block[] = Array.from({ length: lines }, (_, i) => ({
    kind: 'paragraph',
    text: `第${i + 1}行。`,
    indent: true,
  }));
  return {
    ...sampleDoc,
    sections: [{ newPage: true, blocks: [...filler, projectTable] }],
  };
}

/** Whether the rules at height `y` (±0.5 pt) cover [left, right] with no gap wider than 0.5 pt. */
function covered(rules: readonly Rule[], y: number, left: number, right: number): boolean {
  const at = rules.filter((r) => Math.abs(r.y - y) < 0.5).sort((a, b) => a.x1 - b.x1);
  let reach = left;
  for (const r of at) {
    if (r.x1 > reach + 0.5) return false;
    reach = Math.max(reach, r.x2);
  }
  return reach >= right - 0.5;
}

/** The page's grid: closed by a rule across its whole width at its foot and at its head. */
function expectClosed(file: string, page: number): void {
  const rules = horizontalRules(file, page);
  expect(rules.length, `page ${page}: grid rules`).toBeGreaterThan(0);
  const left = Math.min(...rules.map((r) => r.x1));
  const right = Math.max(...rules.map((r) => r.x2));
  const top = Math.min(...rules.map((r) => r.y));
  const bottom = Math.max(...rules.map((r) => r.y));
  expect(covered(rules, bottom, left, right), `page ${page}: rule across the foot of the grid`).toBe(true);
  expect(covered(rules, top, left, right), `page ${page}: rule across the head of the grid`).toBe(true);
}

describe('tables at page breaks', () => {
  it('keeps the in-text table’s header on the page of its first row, wherever the page ends', async () => {
    const header = squash(projectTable.header.map((h) => h.label).join(''));
    const firstRow = squash((projectTable.rows[0].cells[0] as { text: string }).text);
    let moved = 0;
    // From a table that fits on the first page to one that starts near its foot.
    for (let lines = 14; lines <= 30; lines += 2) {
      const pages = pageTexts(await render(fillerThenTable(lines), `filler-${lines}`)).map(squash);
      const headerPage = pages.findIndex((p) => p.includes(header));
      expect(headerPage, `${lines} lines: header printed`).toBeGreaterThanOrEqual(0);
      expect(pages[headerPage], `${lines} lines: first row with the header`).toContain(firstRow);
      if (headerPage > 0) moved++;
    }
    // Not vacuous: for some of these lengths the table did not fit below the filler.
    expect(moved).toBeGreaterThan(0);
  }, 120_000);

  it('lets an in-text table’s tall row run on to the next page instead of leaving a gap under its lead-in', async () => {
    // As 第七部分 of the reference year: a lead-in low on the page, then a project whose goals and
    // indicators fill half a page; its row used to jump whole to the next page with the header.
    const goal = Array.from({ length: 28 }, (_, i) => `第${i + 1}项指标：保障各单位政务网络、服务器和应用系统正常运行，完成率100%。`)
      .join('')
      .concat('以上为全部指标。');
    const tall: Table = {
      ...projectTable,
      rows: [
        { cells: [t('电子政务运行维护'), n('4094'), t(goal)] },
        { cells: [t('一般管理事务'), n('70'), t('保障本单位日常事务管理工作正常进行。')] },
      ],
    };
    const leadIn = '本部门重点项目绩效目标情况如下：';
    const filler: Block[] = Array.from({ length: 16 }, (_, i) => ({ kind: 'paragraph', text: `第${i + 1}行。`, indent: true }));
    const doc: Document = {
      ...sampleDoc,
      sections: [{ newPage: true, blocks: [...filler, { kind: 'paragraph', text: leadIn, indent: true }, tall] }],
    };
    const pages = pageTexts(await render(doc, 'tall-row')).map(squash);
    const header = squash(tall.header.map((h) => h.label).join(''));
    const at = pages.findIndex((p) => p.includes(squash(leadIn)));
    expect(at).toBeGreaterThanOrEqual(0);
    expect(pages[at], 'the header under the lead-in').toContain(header);
    expect(pages[at], 'the first row begins under the header').toContain(squash(goal.slice(0, 20)));
    expect(pages[at], 'the row runs on').not.toContain(squash('以上为全部指标。'));
    // Both rows whole, once the header printed again on the next page is taken out, and the first
    // row's name and figure (pdftotext -layout prints them beside a line of its goal), and the footers.
    const flowed = pages.slice(at).map((p) => p.replace(/-\d+-$/, '')).join('');
    const text = [header, '电子政务运行维护', '4,094'].reduce((s, cut) => s.split(cut).join(''), flowed);
    expect(text).toContain(squash(goal));
    expect(text).toContain(squash('保障本单位日常事务管理工作正常进行。'));
  }, 60_000);

  it('closes 表十二’s grid at the foot of a page and reopens it at the head of the next', async () => {
    // table.ts cuts 表十二 where it expects its pages to end (planCuts), so that no span runs
    // across a break here: this holds without pdfmake's patch too (the next test needs it).
    const file = await render(sampleDoc, 'sample');
    const pages = pageTexts(file).map(squash);
    // (after the cover and the 目录, which lists the table too)
    const first = pages.findIndex((p, i) => i >= 2 && p.includes(squash(table12.caption + table12.title))) + 1;
    expect(first).toBeGreaterThan(2);
    const last = pages.length; // 表十二 is the document's last table
    expect(last, '表十二 runs over more than one page').toBeGreaterThan(first);
    for (let page = first; page <= last; page++) expectClosed(file, page);
  }, 60_000);

  it('closes an in-text table’s grid where pdfmake moves a row to the next page inside a span', async () => {
    // 表十二 is cut ahead of the layout where its pages are expected to end (table.ts planCuts), so
    // its spans end there. An in-text table whose rows do not break (it has a header line) is not:
    // pdfmake decides its page breaks, and each falls inside one of the 12-row spans.
    const groups = ['第一组', '第二组', '第三组', '第四组', '第五组'];
    const table: Table = {
      ...projectTable,
      headerLine: { left: '项目分组', right: '单位：万元' },
      header: [{ label: '分组' }, { label: '项目名称' }, { label: '预算数（万元）' }],
      rows: groups.flatMap((g, k) =>
        Array.from({ length: 12 }, (_, i) => ({
          cells: [i === 0 ? { ...t(g), rowSpan: 12 } : null, t(`${g}第${i + 1}个项目`), n(String(100 * k + i + 1))],
        })),
      ),
    };
    const filler: Block[] = Array.from({ length: 10 }, (_, i) => ({ kind: 'paragraph', text: `第${i + 1}行。`, indent: true }));
    const file = await render({ ...sampleDoc, sections: [{ newPage: true, blocks: [...filler, table] }] }, 'inline-spans');
    const pages = pageTexts(file).map(squash);
    const on = pages.flatMap((p, i) => (p.includes(squash('分组项目名称预算数')) ? [i + 1] : []));
    expect(on.length, 'the table runs over more than one page').toBeGreaterThan(2);
    // Not vacuous: the breaks fall inside spans (a page's first row has no label of its own: the
    // group's label is printed where its span starts, before the project name that repeats it).
    const insideSpan = on.slice(1).filter((page) => !/^(第.组)\1/.test(pages[page - 1].split(squash('预算数（万元）'))[1]));
    expect(insideSpan.length, 'pages that start inside a span').toBeGreaterThan(0);
    for (const page of on) expectClosed(file, page);
  }, 60_000);
});
