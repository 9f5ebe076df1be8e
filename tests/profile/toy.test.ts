import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDir, checkDir } from '../../src/compile.js';
import { budgetToDocument, type Document, type Table } from '../../src/document/index.js';
import { nodeWorld } from '../../src/world/index.js';

/**
 * A layout that lives entirely outside src/ and outside the package's profiles/: the toy profile of
 * fixtures/profiles/toy (two parts, three tables, its own wording and templates), named by the
 * data next to it. Nothing in src/ knows it; the pipeline builds it as it builds the default layout.
 */
const DATA = 'fixtures/profiles/toy/data/2024';
const opts = { strict: false, profiles: 'profiles' };

describe('the toy profile (fixtures/profiles/toy)', () => {
  const checked = checkDir(DATA, nodeWorld({ env: {} }), opts);

  it('is found through department.profile and passes the check with its own templates', () => {
    expect(checked.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(checked.status).toBe('ok');
    expect(checked.profile?.description).toBe('示例版式：单位预算，两个说明部分，三张附表');
    expect(checked.templates.map((t) => t.path)).toEqual([
      'fixtures/profiles/toy/templates/overview.liquid',
      'fixtures/profiles/toy/templates/totals.liquid',
    ]);
    expect(checked.sources.map((s) => s.path)).toContain('fixtures/profiles/toy/profile.yaml');
  });

  const doc = budgetToDocument(checked.budget!, checked.profile!, checked.templates, {}).doc as Document;
  const tables = doc.sections.flatMap((s) => s.blocks).filter((b): b is Table => b.kind === 'table');

  it('prints its three tables, in its order, with its captions, titles, names and lines', () => {
    expect(tables.map((t) => [t.id, t.caption, t.title, t.shortName, t.orientation])).toEqual([
      ['summary', '附表一', '2024年收支预算总表', '附表一 收支总表', 'portrait'],
      ['general-functional', '附表二', '一般公共预算支出功能分类预算表', '附表二 一般公共预算支出功能分类预算表', 'landscape'],
      ['three-public', '附表三', '“三公”经费预算表', '附表三 “三公”经费预算表', 'portrait'],
    ]);
    expect(tables.map((t) => t.headerLine)).toEqual([
      { left: '单位名称：示例区城市更新服务中心', right: '金额单位：元' },
      { left: '单位名称：示例区城市更新服务中心', right: '金额单位：元' },
      { left: '编制单位：示例区城市更新服务中心', right: '单位：元' },
    ]);
    expect(tables[0].header).toEqual([
      { label: '收入', children: [{ label: '项目' }, { label: '预算数' }] },
      { label: '支出', children: [{ label: '项目' }, { label: '预算数' }] },
    ]);
    expect(tables[1].header.map((h) => h.label)).toEqual(['单位', '功能分类科目编码', '功能分类科目名称', '合计', '基本支出', '项目支出']);
    // The declared note; the empty note only when there is nothing to show (there is).
    expect(tables[1].notes).toEqual(['注：按支出功能分类科目列示。']);
    // The kind does the rows: the department's 一般公共预算 functional rows, as the data has them.
    const dept = tables[1].rows[0].cells.map((c) => c?.text);
    expect(dept.slice(0, 4)).toEqual(['示例区城市更新服务中心', '', '', '2,456,357.32']);
  });

  it('prints its two parts and none of the default layout', () => {
    const headings = doc.sections.flatMap((s) => s.blocks).flatMap((b) => (b.kind === 'heading' ? [b.text] : []));
    expect(headings).toEqual(['一、单位概况', '二、收支预算总体情况']);
    const paragraphs = doc.sections[0].blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));
    expect(paragraphs).toContain('2024 年示例区城市更新服务中心收入预算 3,341,357.82 元，支出预算 3,341,357.82 元。');
    expect(doc.sections).toHaveLength(1 + 3);
  });

  it('words the cover, the 目录 and the labels as it declares', () => {
    expect(doc.cover).toEqual({ title: '示例区城市更新服务中心2024年单位预算', lines: ['示例区城市更新服务中心', '金额单位：元'] });
    expect(doc.meta.title).toBe('示例区城市更新服务中心2024年单位预算');
    expect(doc.meta.keywords).toEqual(['示例区城市更新服务中心', '单位预算']);
    expect(doc.tocTitle).toBe('目 录');
    expect(doc.labels).toEqual({ narrative: '说明', seeTable: '见“{name}”', pageFooter: '{page}/{pages}' });
  });

  it('builds to a PDF and an XLSX whose sheets are its tables', async () => {
    const out = mkdtempSync(join(tmpdir(), 'budget-toy-'));
    const r = await buildDir(DATA, nodeWorld({ env: { SOURCE_DATE_EPOCH: '1700000000' } }), { ...opts, out, name: '{department}-{year}' });
    expect(r.status).toBe('ok');
    expect(r.outputs).toHaveLength(2);
    const pdf = readFileSync(r.outputs![0]!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(r.outputs![1]!) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['目 录', '说明', '附表一 收支总表', '附表二 一般公共预算支出功能分类预算表', '附表三 “三公”经费预算表']);
  });
});
