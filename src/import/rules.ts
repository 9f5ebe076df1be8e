import type { RuleDoc } from '../diagnostics/diagnostic.js';

/** The import's findings: each stops the import before anything is written. */
export const IMPORT_FILE_RULE = 'import/not-a-workbook';
export const IMPORT_SHEET_RULE = 'import/missing-table';
export const IMPORT_CELL_RULE = 'import/unreadable-cell';
export const IMPORT_CONFLICT_RULE = 'import/conflict';
export const IMPORT_SOURCE_RULE = 'import/unknown-source';
export const IMPORT_EXISTING_RULE = 'import/existing-invalid';

const NOTHING = { zh: 'budget import 只在整个工作簿都读通之后才写文件：出现此错误时没有写入任何文件。', en: 'budget import writes only once the whole workbook was read: nothing was written.' };

const doc = (id: string, title: [string, string], explain: [string, string], example: [string, string]): RuleDoc => ({
  id,
  severity: 'error',
  title: { zh: title[0], en: title[1] },
  explain: { zh: `${explain[0]}\n${NOTHING.zh}`, en: `${explain[1]}\n${NOTHING.en}` },
  example: { zh: example[0], en: example[1] },
});

export const IMPORT_RULES: readonly RuleDoc[] = [
  doc(
    IMPORT_FILE_RULE,
    ['文件不是 XLSX 工作簿', 'The file is not an XLSX workbook'],
    ['budget import 读取 .xlsx（Office Open XML）工作簿。旧的 .xls、WPS 的 .et 或改了扩展名的文件读不了：在 Excel 或 WPS 中另存为 .xlsx，或把每张表导出为 CSV。', 'budget import reads .xlsx (Office Open XML) workbooks. An old .xls, a WPS .et or a renamed file cannot be read: save it as .xlsx in Excel or WPS, or export each table as CSV.'],
    ['预算.xls 不是 XLSX 工作簿', '预算.xls is not an XLSX workbook'],
  ),
  doc(
    IMPORT_SHEET_RULE,
    ['工作簿中缺少版式中的某张表，或找不到它的表头', 'A table of the profile has no sheet, or its header is not found'],
    ['工作簿应按版式（profile）的表格排版：每张表一个工作表，工作表名以版式中的表名开头（表号和标题，空格不计），或表的第一行为表名；表体从 A 列第一个表头（如“预算单位”）之后开始。用 --profile 指定工作簿所依据的版式。', 'The workbook must be laid out as the profile\'s tables: a sheet per table, named by the layout\'s caption and title (spaces ignored) or with the title in its first rows; the body follows the first header label in column A (预算单位, …). --profile names the layout the workbook follows.'],
    ['工作簿中没有“支出表”的工作表', 'the workbook has no sheet for 支出表'],
  ),
  doc(
    IMPORT_CELL_RULE,
    ['单元格无法读成应有的内容', 'A cell cannot be read as what it should hold'],
    ['金额列的单元格应为数字；也接受以文字存储的数字（千位分隔符、全角数字、末尾的单位“万元”/“元”）、带计算结果的公式，以及没有计算结果的简单求和公式（SUM、+）。科目编码列应为数字编码。消息给出工作表、单元格、读到的内容和应有的内容。', 'A figure cell must hold a number; numbers stored as text (thousands separators, full-width digits, a trailing 万元/元), formulas with a cached result and plain sums without one are read too. A code column holds digits. The message names the sheet, the cell, what was found and what was expected.'],
    ['支出表!D12：读到 文字“约五千”，应为一个金额', '支出表!D12: found text "约五千", expected an amount'],
  ),
  doc(
    IMPORT_CONFLICT_RULE,
    ['同一个数在两张表中不同', 'The same figure differs between two tables'],
    ['有些数出现在几张表中（如一般公共预算拨款既在收支表也在收入表中）：它们应相同，否则无法知道哪一个是对的。改正其中一处。', 'Some figures appear in several tables (一般公共预算拨款 both in the summary and in the income table, say): they must agree, or there is no telling which is right. Correct one.'],
    ['income.general.total 在两张表中不一致：收支表!B6 为 1234，收入表!C5 为 1235', 'income.general.total differs: 收支表!B6 has 1234, 收入表!C5 has 1235'],
  ),
  doc(
    IMPORT_SOURCE_RULE,
    ['无法确定某笔支出的资金来源，或某行没有科目编码', 'The funding source of a share, or the code of a row, cannot be told'],
    ['按资金来源的功能分类表按行列出一般公共预算、政府性基金和国有资本经营预算的支出；单位资金、财政专户和上年结余不按行列出。某行支出中另有一部分时，若收入中只有一种这样的来源（或恰有一种来源的全部收入等于这部分），就取该来源；否则无法确定。同样，基本支出表中某行若不在按经济分类的支出表中，就没有科目编码。请导入到已写有这些内容的目录（budget import 会保留已有的 by_source 和行）。', 'The functional tables by funding source give each row\'s general, government-fund and state-capital spending; 单位资金, 财政专户 and 上年结余 are not broken down by row. A rest is given to the one such source the income has (or the one whose whole income is exactly that rest); otherwise it cannot be told. Likewise a row of the basic expenditure table absent from the economic table has no code. Import over a directory that holds them (existing by_source and rows are kept).'],
    ['科目 2120803 的项目支出中有 1234 来自分表未列出的资金来源', '1234 of the project spending of 2120803 comes from a source no table breaks down'],
  ),
  doc(
    IMPORT_EXISTING_RULE,
    ['目标目录中已有的数据文件无法读取', 'A data file already in the target directory cannot be read'],
    ['导入会保留目标目录中工作簿没有的内容，所以要先读懂已有的文件。用 budget check 找出问题并修正，或导入到一个空目录。', 'The import keeps what the workbook does not have from the target directory, so it must read the files there first. Find the problem with budget check, or import into an empty directory.'],
    ['department.yaml 不是有效的 YAML', 'department.yaml is not valid YAML'],
  ),
];
