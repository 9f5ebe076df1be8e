import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { annotateOrigins, originsText, parseOrigins } from '../../src/origins/index.js';
import { parseSources } from '../../src/source/index.js';

/**
 * The record finds a figure by its YAML path with rows named by code (projects by name), never by
 * line or position: a row moved, a section moved to another file, and the figure is found again.
 */
const enc = (s: string) => new TextEncoder().encode(s);

function tree(files: Record<string, string>) {
  const r = parseSources('d', Object.entries(files).map(([path, text]) => ({ path, bytes: enc(text) })));
  if (!r.tree) throw new Error(r.diagnostics.map((d) => d.message.en).join('\n'));
  return r.tree;
}

/** A finding whose one figure is the scalar written as `text` on the line that contains `line`. */
function findingAt(files: Record<string, string>, file: string, line: string, text: string): Diagnostic {
  const src = files[file];
  const offset = src.indexOf(text, src.indexOf(line));
  const lineNo = src.slice(0, offset).split('\n').length;
  const span = { file, line: lineNo, col: 1, endLine: lineNo, endCol: 1 + text.length, offset, length: text.length };
  return { severity: 'error', rule: 'sum/row-split', message: { zh: 'x', en: 'x' }, span, related: [], figures: [{ label: { zh: 'a', en: 'a' }, value: text, span }] };
}

const RECORD = parseOrigins(
  originsText({
    workbook: '2031.xlsx',
    csv: false,
    figures: [
      { file: 'functional.yaml', path: 'functional.rows[code=2080505].basic', value: '1234', sheet: '表3 支出总表', cell: 'E12' },
      { file: 'functional.yaml', path: 'functional.rows[code=2080506].basic', value: '18', sheet: '表3 支出总表', cell: 'E13' },
      { file: 'projects.yaml', path: 'projects[name=某某系统运维].amount', value: '1234', sheet: '表5 项目支出表', cell: 'B6' },
    ],
  }),
);

describe('annotateOrigins', () => {
  if (!('origins' in RECORD)) throw new Error('the record written does not read back');
  const record = RECORD.origins;

  it('finds a row by its code after the rows were reordered', () => {
    const files = { 'functional.yaml': 'functional:\n  rows:\n    - {code: 2080506, basic: 18}\n    - {code: 2080505, basic: 1234}\n' };
    const [d] = annotateOrigins([findingAt(files, 'functional.yaml', '{code: 2080505', '1234')], tree(files).root, record);
    expect(d.origin).toMatchObject({ sheet: '表3 支出总表', cell: 'E12', imported: '1234', edited: false });
    expect(d.figures[0].origin?.cell).toBe('E12');
  });

  it('finds a section moved to another file, and says when the figure was edited since', () => {
    const files = { 'all.yaml': '# everything in one file now\nprojects:\n  - name: 某某系统运维\n    amount: 1,235\n' };
    const [d] = annotateOrigins([findingAt(files, 'all.yaml', 'amount: 1,235', '1,235')], tree(files).root, record);
    expect(d.figures[0].origin).toEqual({ workbook: '2031.xlsx', csv: false, sheet: '表5 项目支出表', cell: 'B6', imported: '1234', edited: true });
  });

  it('a figure written as 1,234 is the imported 1234, not an edit', () => {
    const files = { 'projects.yaml': 'projects:\n  - name: 某某系统运维\n    amount: 1,234\n' };
    const [d] = annotateOrigins([findingAt(files, 'projects.yaml', 'amount: 1,234', '1,234')], tree(files).root, record);
    expect(d.origin?.edited).toBe(false);
  });

  it('names no cell for a row the record does not have, or a renamed project', () => {
    const files = { 'projects.yaml': 'projects:\n  - name: 另一个项目\n    amount: 1234\n', 'functional.yaml': 'functional:\n  rows:\n    - {code: 2080599, basic: 1234}\n' };
    const ds = annotateOrigins([findingAt(files, 'projects.yaml', 'amount: 1234', '1234'), findingAt(files, 'functional.yaml', 'basic: 1234', '1234')], tree(files).root, record);
    expect(ds.map((d) => d.origin)).toEqual([undefined, undefined]);
    expect(ds.flatMap((d) => d.figures.map((f) => f.origin))).toEqual([undefined, undefined]);
  });

  it('reads back only its own format', () => {
    expect(parseOrigins('{"format": "something-else"}')).toHaveProperty('problem');
    expect(parseOrigins('{"format": "budget-import-origins", "version": 2, "workbook": "x", "figures": []}')).toHaveProperty('problem');
    expect(parseOrigins('[1, 2]')).toHaveProperty('problem');
    expect(parseOrigins('{"format": "budget-import-origins", "version": 1, "workbook": "x", "figures": [{"file": "a", "path": "p", "value": "abc", "sheet": "s", "cell": "A1"}]}')).toHaveProperty('problem');
  });
});
