import type { RuleDoc } from '../diagnostics/diagnostic.js';

/** The import's findings: each stops the import before anything is written. */
export const IMPORT_FILE_RULE = 'import/not-a-workbook';
export const IMPORT_SHEET_RULE = 'import/missing-table';
export const IMPORT_CELL_RULE = 'import/unreadable-cell';
export const IMPORT_CONFLICT_RULE = 'import/conflict';
export const IMPORT_SOURCE_RULE = 'import/unknown-source';
export const IMPORT_EXISTING_RULE = 'import/existing-invalid';

const doc = (id: string, zh: string, en: string, ezh: string, een: string): RuleDoc => ({
  id,
  severity: 'error',
  title: { zh, en },
  explain: { zh: `${zh}。budget import 只在整个工作簿都读通之后才写文件，所以出现此错误时没有写入任何文件。`, en: `${en}. budget import writes only once the whole workbook was read, so nothing was written.` },
  example: { zh: ezh, en: een },
});

export const IMPORT_RULES: readonly RuleDoc[] = [
  doc(IMPORT_FILE_RULE, '文件不是 XLSX 工作簿', 'The file is not an XLSX workbook', '预算.xls 不是 XLSX 工作簿', '预算.xls is not an XLSX workbook'),
  doc(IMPORT_SHEET_RULE, '工作簿中缺少版式中的某张表，或表头找不到', 'A table of the profile has no sheet, or its header is not found', '工作簿中没有“表3 支出总表”的工作表', 'the workbook has no sheet for 表3 支出总表'),
  doc(IMPORT_CELL_RULE, '单元格无法读成应有的内容', 'A cell cannot be read as what it should hold', '表3 支出总表!D12：读到 文字“约五千”，应为一个金额', '表3 支出总表!D12: found text "约五千", expected an amount'),
  doc(IMPORT_CONFLICT_RULE, '同一个数在两张表中不同', 'The same figure differs between two tables', 'income.general.total 在两张表中不一致：表1!B6 为 1234，表2!C5 为 1235', 'income.general.total differs: 表1!B6 has 1234, 表2!C5 has 1235'),
  doc(IMPORT_SOURCE_RULE, '无法确定某笔支出的资金来源', 'The funding source of a share cannot be told', '科目 2120803 的项目支出中有 800000 来自分表未列出的资金来源', '800000 of the project spending of 2120803 comes from a source no table breaks down'),
  doc(IMPORT_EXISTING_RULE, '目标目录中已有的数据文件无法读取', 'A data file already in the target directory cannot be read', 'department.yaml 不是有效的 YAML', 'department.yaml is not valid YAML'),
];
