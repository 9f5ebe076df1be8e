import { describe, expect, test } from 'vitest';
import { budgetToDocument, validateTemplates } from '../../src/document/index.js';
import type { Document, TemplateFile } from '../../src/document/index.js';
import { loadBudget, loadProfile, loadTemplates } from './load.js';
import { templateNames } from '../../src/profile/index.js';

const profile = loadProfile();
const names = templateNames(profile);

/**
 * A template (--templates) is the department's own, but a mistyped range must not kill V8 and its
 * dates must not read the clock: bounded work, reported with the template's file and line, and a
 * `date` filter that sees only the document's date.
 */
const budget = loadBudget('data/2023');
const shipped = loadTemplates();

function withPart8(text: string): TemplateFile[] {
  return shipped.map((t) => (t.path.endsWith('/part8-other.liquid') ? { ...t, text } : t));
}
const part8Path = shipped.find((t) => t.path.endsWith('/part8-other.liquid'))!.path;

describe('template limits', () => {
  test('a range of a billion is a template/limit error at its file and line, not a dead V8', () => {
    const ds = validateTemplates(withPart8('## 第八部分 其他\n\n说明\n{% for i in (1..1000000000) %}{{ i }}{% endfor %}\n'), names, budget);
    expect(ds.map((d) => d.rule)).toEqual(['template/limit']);
    expect(ds[0].span?.file).toBe(part8Path);
    expect(ds[0].span?.line).toBe(4);
    expect(ds[0].help).toBeDefined();
  });

  test('nested loops of 10⁴ × 10⁴ stop on the allocation count, the same on every machine', () => {
    const ds = validateTemplates(withPart8('## 第八部分\n\n{% for i in (1..10000) %}{% for j in (1..10000) %}x{% endfor %}{% endfor %}\n'), names, budget);
    expect(ds.map((d) => d.rule)).toEqual(['template/limit']);
    expect(ds[0].span?.line).toBe(3);
  });

  test('an empty loop body (which LiquidJS does not time) is bounded too', () => {
    const ds = validateTemplates(withPart8('{% for i in (1..10000) %}{% for j in (1..10000) %}{% endfor %}{% endfor %}\n'), names, budget);
    expect(ds.map((d) => d.rule)).toEqual(['template/limit']);
  });

  test('work that allocates nothing stops at the render time limit', () => {
    // A loop over the data's own (small) arrays allocates nothing LiquidJS counts; with a 1 ms limit
    // the render stops all the same (the shipped limit is 10 s; this proves the limit is wired).
    const text = '{% for a in duties %}{% for b in duties %}{% for c in duties %}{% for d in duties %}{% for e in duties %}{% for f in duties %}x{% endfor %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}\n';
    const ds = validateTemplates(withPart8(text), names, budget, { limits: { renderMs: 1 } });
    // (a slow machine may find a shipped template over 1 ms as well: only part 8 is judged here)
    expect(ds.filter((d) => d.span?.file === part8Path).map((d) => d.rule)).toEqual(['template/limit']);
  });

  test('an over-long template is refused before it is parsed', () => {
    const ds = validateTemplates(withPart8('说明'.repeat(600_000)), names, budget);
    expect(ds.map((d) => d.rule)).toEqual(['template/limit']);
    expect(ds[0].message.en).toMatch(/too long/);
    expect(ds[0].span).toMatchObject({ file: part8Path, line: 1 });
  });

  test('the shipped templates are well inside the limits', () => {
    expect(validateTemplates(shipped, names, budget, { limits: { memory: 20_000 } })).toEqual([]);
  });
});

describe('dates in templates come from the document date', () => {
  const render = (text: string, epoch?: number): string => {
    const doc = budgetToDocument(budget, profile, withPart8(text), { sourceDateEpoch: epoch }).doc as Document;
    const line = doc.sections[0].blocks.flatMap((b) => (b.kind === 'paragraph' && b.text.startsWith('日期') ? [b.text] : []));
    expect(line).toHaveLength(1);
    return line[0].slice(2);
  };

  test('`now` and `today` are SOURCE_DATE_EPOCH, in UTC', () => {
    // 1900000000 = 2030-03-17T17:46:40Z: a late-UTC hour, so a local zone east of UTC would show the 18th.
    expect(render('日期{{ "now" | date: "%Y-%m-%d %H:%M" }}|{{ "today" | date: "%Y年%m月%d日" }}', 1_900_000_000)).toBe('2030-03-17 17:46|2030年03月17日');
  });

  test('without SOURCE_DATE_EPOCH, `now` is 1 January of the budget year', () => {
    expect(render('日期{{ "now" | date: "%Y-%m-%d" }}')).toBe('2023-01-01');
  });

  test('a date-time written without a zone reads as UTC, whatever TZ says', () => {
    expect(render('日期{{ "2030-06-30 23:30" | date: "%d %H:%M" }}', 1_900_000_000)).toBe('30 23:30');
  });

  test('`raw` does not bypass the escape of data text', () => {
    const headings = (goals: string) =>
      (
        budgetToDocument({ ...budget, department: { ...budget.department, goals: { ...budget.department.goals, text: goals } } }, profile, withPart8('## 第八部分\n\n{{ goals | raw }}\n'), {})
          .doc as Document
      ).sections[0].blocks.filter((b) => b.kind === 'heading').length;
    expect(headings('甲\n## 乙')).toBe(headings('甲乙'));
  });
});
