/**
 * Issue 13 point 8: Chinese typography as the house style. The rule's findings on hand-made texts
 * (the expected text written out here, not computed), the check's warnings at file:line:column
 * on a scratch copy of the reference, `budget fix` applying them, and every text the document
 * prints — the data's and the templates' — free of them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixTypography, typographyIssues } from '../../src/check/index.js';
import { budgetToDocument, type Block, type Document } from '../../src/document/index.js';
import { budget, copyReference } from '../cli/run.js';
import { loadBudget, loadProfile, loadTemplates } from '../document/load.js';

describe('the house style of a text', () => {
  const cases: [string, string, string[]][] = [
    ['事业单位,无机关运行经费', '事业单位，无机关运行经费', ['style/half-width-punctuation']],
    ['建设、管理、维护;负责全区', '建设、管理、维护；负责全区', ['style/half-width-punctuation']],
    ['维护; 负责', '维护；负责', ['style/half-width-punctuation']],
    ['主要包括:劳务派遣', '主要包括：劳务派遣', ['style/half-width-punctuation']],
    ['(一)贯彻执行', '（一）贯彻执行', ['style/half-width-punctuation', 'style/half-width-punctuation']],
    ['外网(含政务办公网)、内网', '外网（含政务办公网）、内网', ['style/half-width-punctuation', 'style/half-width-punctuation']],
    ['系统(含"织网工程"系统)', '系统（含“织网工程”系统）', ['style/half-width-punctuation', 'style/half-width-quotes', 'style/half-width-quotes', 'style/half-width-punctuation']],
    ['我区的政务 共享数据资源', '我区的政务共享数据资源', ['style/cjk-space']],
    ['中心2023 年', '中心 2023 年', ['style/figure-space']],
    ['维保机房 7个', '维保机房 7 个', ['style/figure-space']],
    ['项目支出 4164 万元', '项目支出 4,164 万元', ['style/thousands']],
    ['本项目(PDF)版', '本项目（PDF）版', ['style/half-width-punctuation', 'style/half-width-punctuation']],
    ['项目支出4164万元', '项目支出 4,164 万元', ['style/figure-space', 'style/thousands', 'style/figure-space']],
    // at the very ends of a text, where a neighbour is missing
    [',负责全区', '，负责全区', ['style/half-width-punctuation']],
    ['负责全区;', '负责全区；', ['style/half-width-punctuation']],
    ['(负责)', '（负责）', ['style/half-width-punctuation', 'style/half-width-punctuation']],
  ];
  it.each(cases)('%s → %s', (text, fixed, rules) => {
    expect(typographyIssues(text).map((i) => i.rule)).toEqual(rules);
    expect(fixTypography(text)).toBe(fixed);
    expect(typographyIssues(fixed)).toEqual([]);
  });

  it('leaves figures, Latin text and correct Chinese text alone', () => {
    for (const ok of ['1,234.50 万元', '10:30', 'IDC 机房 7*24 小时', '（PDF）', '福田区 5G 专网', '2023 年 12 月 31 日', '≥95%', '收入总计 5,158 = 支出总计 5,158 万元', 'ABC, DEF; x:y (z)']) {
      expect(typographyIssues(ok), ok).toEqual([]);
    }
  });

  it('without the figure space (a profile that writes none), the space is the defect', () => {
    expect(fixTypography('中心 2023 年', false)).toBe('中心2023年');
    expect(typographyIssues('2023年', false)).toEqual([]);
  });

  it('reports an odd number of straight quotes without a fix', () => {
    const issues = typographyIssues('含"织网工程系统');
    expect(issues).toEqual([{ rule: 'style/half-width-quotes', offset: 1, length: 1 }]);
    expect(fixTypography('含"织网工程系统')).toBe('含"织网工程系统');
  });
});

describe('budget check and budget fix', () => {
  it('warns once per text and rule, at its first defect’s line and column; fix applies every unique one, and the check is clean again', async () => {
    const { dir } = copyReference();
    const file = join(dir, 'department.yaml');
    const text = readFileSync(file, 'utf8');
    const from = '主要是深圳市福田区数据管理中心为非参公管理事业单位，无机关运行经费。';
    expect(text).toContain(from);
    writeFileSync(file, text.replace(from, '主要是深圳市福田区数据管理中心为非参公管理事业单位,无机关 运行经费(2023年)。'));
    const line = text.split('\n').findIndex((l) => l.includes(from)) + 1;
    const col = text.split('\n')[line - 1].indexOf(from) + 1;
    const r = await budget(['check', dir, '--format', 'json']);
    expect(r.code).toBe(0); // warnings only
    const found = JSON.parse(r.stdout).results[0].diagnostics.filter((d: { rule: string }) => d.rule.startsWith('style/'));
    type Found = { rule: string; span: { line: number; column: number } };
    // code points from the text's first character: ',' 25 (then '(' 34 and ')' 40: the same
    // warning, which counts them), the space 29, after 2023 39
    expect(found.map((d: Found) => [d.rule, d.span.line, d.span.column - col])).toEqual([
      ['style/half-width-punctuation', line, 25],
      ['style/cjk-space', line, 29],
      ['style/figure-space', line, 39],
    ]);
    expect(found[0].message).toContain('（此段文字共 3 处）');
    expect(found[0].message).toContain('应为“');
    const strict = await budget(['check', dir, '--strict']);
    expect(strict.code, 'warnings fail --strict').toBe(1);
    const fixed = await budget(['fix', dir]);
    expect(fixed.code).toBe(0);
    expect(fixed.stderr).toContain('已修正 1 处文字的排版（1 个文件）');
    expect(readFileSync(file, 'utf8')).toBe(text.replace(from, '主要是深圳市福田区数据管理中心为非参公管理事业单位，无机关运行经费（2023 年）。'));
    const again = await budget(['check', dir, '--format', 'json']);
    // a name is written as it is registered: 第1局 is not prose
    expect(JSON.parse(again.stdout).results[0].diagnostics.filter((d: { rule: string }) => d.rule.startsWith('style/'))).toEqual([]);
  }, 60_000);
});

/** Every text the document prints but the cover: headings, paragraphs, list items, table cells, notes, titles. */
function texts(doc: Document): string[] {
  // (not the cover: its title and date follow GB/T 9704, which writes 2031年1月1日 without spaces)
  const out: string[] = [];
  const block = (b: Block) => {
    if (b.kind === 'heading' || b.kind === 'paragraph') out.push(b.text);
    else if (b.kind === 'list') out.push(...b.items);
    else if (b.kind === 'table') {
      out.push(b.title, ...b.notes);
      for (const r of b.rows) for (const c of r.cells) if (c !== null && c.kind === 'text') out.push(c.text);
    }
  };
  doc.sections.forEach((s) => s.blocks.forEach(block));
  return out;
}

describe.each(['data/2023', 'fixtures/reference-2022', 'fixtures/synthetic-yuan-2024'])('the document of %s', (dir) => {
  it('prints every text in the house style (templates and data alike)', () => {
    const built = budgetToDocument(loadBudget(dir), loadProfile(), loadTemplates(), {});
    const bad = texts(built.doc!).flatMap((t) => typographyIssues(t).map((i) => `${i.rule}: ${t.slice(Math.max(0, i.offset - 8), i.offset + i.length + 8)}`));
    expect(bad.join('\n')).toBe('');
  });
});

describe('names', () => {
  it('are left as registered: a department called 第1局 draws no warning and fix leaves it', async () => {
    const { dir } = copyReference();
    const file = join(dir, 'department.yaml');
    const text = readFileSync(file, 'utf8');
    const named = text.replace(/^(  name: ).*$/m, '$1某某区示例第1局');
    expect(named).not.toBe(text);
    writeFileSync(file, named);
    const r = await budget(['check', dir, '--format', 'json']);
    expect(JSON.parse(r.stdout).results[0].diagnostics.filter((d: { rule: string }) => d.rule.startsWith('style/'))).toEqual([]);
    expect((await budget(['fix', dir])).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(named);
  }, 60_000);
});
