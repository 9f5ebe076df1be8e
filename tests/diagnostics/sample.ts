import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import type { DirResult } from '../../src/diagnostics/result.js';
import type { SourceFile } from '../../src/source/tree.js';
import type { Span } from '../../src/source/span.js';

/** A hand-built department-year: two source files and diagnostics pointing into them. */
export const FUNCTIONAL: SourceFile = {
  path: 'data/2023/functional.yaml',
  text: [
    '# 功能分类（表3、表7）',
    'functional:',
    '  - code: "201"',
    '    name: 一般公共服务支出',
    '    total: 4959',
    '    basic: 796',
    '    project: 4164',
    '  - code: "20103"',
    '    name: 政府办公厅（室）及相关机构事务',
    '    total: 4959',
  ].join('\n'),
};

export const ECONOMIC: SourceFile = {
  path: 'data/2023/economic.yaml',
  text: ['economic:', '  - { code: "302", name: 商品和服务支出, basic: 27 }', '  - { code: "30201", name: 办公费, basic: 28 }'].join('\r\n'),
};

/** The span of the first `needle` on `line` of `file`, as the source stage computes it. */
export function at(file: SourceFile, line: number, needle: string): Span {
  const lines = file.text.split(/\r\n|\n/);
  const col = lines[line - 1].indexOf(needle) + 1;
  if (col === 0) throw new Error(`${needle} not on line ${line}`);
  const len = needle.length;
  const nl = file.text.includes('\r\n') ? 2 : 1;
  let offset = 0;
  for (let i = 0; i < line - 1; i++) offset += lines[i].length + nl;
  offset += col - 1;
  return { file: file.path, line, col, endLine: line, endCol: col + len, offset, length: len };
}

export const SUM_ERROR: Diagnostic = {
  severity: 'error',
  rule: 'sum/basic-project',
  message: { zh: '201 一般公共服务支出：合计不等于基本支出与项目支出之和', en: '201: the total is not basic + project' },
  span: at(FUNCTIONAL, 5, '4959'),
  label: { zh: '申报合计', en: 'declared total' },
  related: [
    { span: at(FUNCTIONAL, 6, '796'), label: { zh: '基本支出', en: 'basic' } },
    { span: at(FUNCTIONAL, 7, '4164'), label: { zh: '项目支出', en: 'project' } },
  ],
  figures: [
    { label: { zh: '合计', en: 'total' }, value: '4959', span: at(FUNCTIONAL, 5, '4959') },
    { label: { zh: '基本支出 + 项目支出', en: 'basic + project' }, value: '4960' },
  ],
  difference: '-1',
  feeds: ['表3', '表7'],
  help: { zh: '核对表3该行的合计与两栏数字', en: 'check the row in Table 3' },
};

export const ROUNDING_NOTE: Diagnostic = {
  severity: 'note',
  rule: 'sum/parent-children',
  message: { zh: '302 商品和服务支出：基本支出与下级科目之和相差尾数', en: '302: basic differs from its children by rounding' },
  span: at(ECONOMIC, 2, '27'),
  label: { zh: '申报', en: 'declared' },
  related: [{ span: at(ECONOMIC, 3, '28'), label: { zh: '下级科目', en: 'child' } }],
  figures: [
    { label: { zh: '申报', en: 'declared' }, value: '27' },
    { label: { zh: '下级合计', en: 'children' }, value: '28' },
  ],
  difference: '-1',
};

export const SHAPE_ERROR: Diagnostic = {
  severity: 'error',
  rule: 'shape/unknown-key',
  message: { zh: '未知的键 "totl"', en: 'unknown key "totl"' },
  related: [],
  figures: [],
  help: { zh: '是否应为 "total"？', en: 'did you mean "total"?' },
};

export function result(over: Partial<DirResult> = {}): DirResult {
  return {
    dir: 'data/2023',
    department: '示例部门',
    year: 2023,
    status: 'failed',
    balance: { income: '5158', expenditure: '5158', unit: '万元' },
    diagnostics: [ROUNDING_NOTE, SUM_ERROR],
    runs: [
      { id: 'sum/basic-project', checked: 40, findings: 1 },
      { id: 'sum/parent-children', checked: 120, findings: 1 },
    ],
    sources: [FUNCTIONAL, ECONOMIC],
    ...over,
  };
}
