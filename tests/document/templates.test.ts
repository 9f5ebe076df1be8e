import { describe, expect, test } from 'vitest';
import { TEMPLATE_RULES, budgetToDocument, validateTemplates } from '../../src/document/index.js';
import { templateNames } from '../../src/profile/index.js';
import type { TemplateFile } from '../../src/document/index.js';
import type { Budget } from '../../src/model/index.js';
import { loadBudget, loadProfile, loadTemplates } from './load.js';
const profile = loadProfile();
const names = templateNames(profile);

const budget = loadBudget('data/2023');
const shipped = loadTemplates();

/** The shipped templates with one file's text replaced. */
function withTemplate(name: string, text: string): TemplateFile[] {
  return shipped.map((t) => (t.path.endsWith('/' + name) ? { ...t, text } : t));
}

/** 1-based line and column of the first occurrence of `needle` in `text`. */
function where(text: string, needle: string): { line: number; col: number } {
  const i = text.indexOf(needle);
  const before = text.slice(0, i).split('\n');
  return { line: before.length, col: before.at(-1)!.length + 1 };
}

describe('template validation', () => {
  test('the shipped templates are valid against data/2023', () => {
    expect(validateTemplates(shipped, names, budget)).toEqual([]);
  });

  test('an unknown placeholder is reported with the template file, line and column', () => {
    const text = '## 第四部分 政府采购预算情况\n\n共计 {{ procurement.totl }} {{ unit }}。\n';
    const ds = validateTemplates(withTemplate('part4-procurement.liquid', text), names, budget);
    expect(ds).toHaveLength(1);
    expect(ds[0].rule).toBe('template/unknown-variable');
    expect(ds[0].severity).toBe('error');
    expect(ds[0].span?.file).toBe('templates/part4-procurement.liquid');
    expect({ line: ds[0].span!.line, col: ds[0].span!.col }).toEqual(where(text, 'procurement.totl'));
    expect(ds[0].message.en).toContain('procurement.totl');
    // The document is not built: never a blank in the output.
    const r = budgetToDocument(budget, profile, withTemplate('part4-procurement.liquid', text));
    expect(r.doc).toBeUndefined();
    expect(r.diagnostics.map((d) => d.rule)).toEqual(['template/unknown-variable']);
  });

  test('an unknown placeholder in a branch the data does not take is still reported', () => {
    const text = '## 第八部分\n{% if running_cost.comparable %}\n{{ running_cost.percnt }}\n{% endif %}\n';
    const ds = validateTemplates(withTemplate('part8-other.liquid', text), names, budget);
    expect(ds.map((d) => [d.rule, d.span?.line])).toEqual([['template/unknown-variable', 3]]);
  });

  test('a misspelt property of a loop variable is reported at its line', () => {
    const text = '## 第三部分\n\n{% for p in projects %}\n{{ p.nmae }}\n{% endfor %}\n';
    const ds = validateTemplates(withTemplate('part3-expenditure.liquid', text), names, budget);
    expect(ds.map((d) => [d.rule, d.span?.file, d.span?.line, d.span?.col])).toEqual([
      ['template/unknown-variable', 'templates/part3-expenditure.liquid', 4, where(text, 'p.nmae').col],
    ]);
  });

  test('an unknown filter is reported with its line', () => {
    const text = '## 第四部分\n\n{{ procurement.total | yuan }}\n';
    const ds = validateTemplates(withTemplate('part4-procurement.liquid', text), names, budget);
    expect(ds.map((d) => [d.rule, d.span?.line])).toEqual([['template/unknown-filter', 3]]);
  });

  test('a value the data leaves out is a missing value, unless the template guards it', () => {
    const noNote: Budget = { ...budget, prose: { ...budget.prose, running_cost_note: undefined } };
    const bare = '## 第八部分\n\n说明：{{ prose.running_cost_note }}\n';
    const ds = validateTemplates(withTemplate('part8-other.liquid', bare), names, noNote);
    expect(ds.map((d) => [d.rule, d.span?.line])).toEqual([['template/missing-value', 3]]);
    // The shipped template guards it with {% if %}: valid, and the sentence is simply absent.
    expect(validateTemplates(shipped, names, noNote)).toEqual([]);
    const doc = budgetToDocument(noNote, profile, shipped).doc!;
    const text = JSON.stringify(doc.sections[0]);
    expect(text).not.toContain('非参公管理事业单位');
  });

  test('a syntax error is reported with its line', () => {
    const text = '## 第四部分\n\n{% if procurement %}\n未闭合\n';
    const ds = validateTemplates(withTemplate('part4-procurement.liquid', text), names, budget);
    expect(ds.map((d) => d.rule)).toEqual(['template/syntax']);
    expect(ds[0].span?.file).toBe('templates/part4-procurement.liquid');
    expect(ds[0].span?.line).toBe(3);
  });

  test('templates cannot read files: include resolves against nothing', () => {
    const text = "## 第四部分\n\n{% include '/etc/passwd' %}\n";
    const ds = validateTemplates(withTemplate('part4-procurement.liquid', text), names, budget);
    expect(ds).toHaveLength(1);
    expect(ds[0].span?.line).toBe(3);
  });

  test('a missing template file is reported', () => {
    const ds = validateTemplates(shipped.filter((t) => !t.path.endsWith('part9-glossary.liquid')), names, budget);
    expect(ds.map((d) => [d.rule, d.message.en])).toEqual([['template/missing-template', 'template part9-glossary.liquid is missing']]);
  });

  test('every rule a diagnostic can carry is documented', () => {
    const ids = TEMPLATE_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ['template/unknown-variable', 'template/missing-value', 'template/unknown-filter', 'template/syntax', 'template/missing-template']) {
      expect(ids).toContain(id);
    }
    for (const r of TEMPLATE_RULES) expect(r.explain.zh.length > 0 && r.explain.en.length > 0).toBe(true);
  });
});
