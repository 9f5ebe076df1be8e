import type { RuleDoc } from '../diagnostics/diagnostic.js';
import { GENERAL_KIND_NAMES, PROJECT_KINDS, SOURCE_NAMES, SOURCES } from './vocabulary.js';
import { NAME_RULES } from './names.js';

const rule = (id: string, title: [string, string], explain: [string, string], example: [string, string]): RuleDoc => ({
  id,
  severity: 'error',
  title: { zh: title[0], en: title[1] },
  explain: { zh: explain[0], en: explain[1] },
  example: { zh: example[0], en: example[1] },
});

/**
 * The shape rules (stage `schema`): what `validateShape` reports before any figure is added up.
 * A shape error makes the input unusable (exit 2): the arithmetic checks do not run on it.
 */
export const SHAPE_RULES: readonly RuleDoc[] = [
  rule(
    'shape/unknown-key',
    ['未知的键', 'Unknown key'],
    [
      '数据文件中的每个键都必须是格式（docs/format.md）定义的键。拼错的键不会被默默忽略：否则一个写成 “totl” 的合计会被当作没有填写，由程序计算，而填写者以为它已被核对。提示会给出最接近的正确键名（按编辑距离）。修正方法：按提示改名，或删除多余的键。',
      'Every key must be one the format defines (docs/format.md). A misspelt key is never silently ignored: a total written as "totl" would otherwise count as omitted and be computed, while its author believes it is checked. The help names the closest valid key (by edit distance). Fix: rename the key as suggested, or delete it.',
    ],
    [
      'functional.yaml:\n  rows:\n    - {code: 201, name: 一般公共服务支出, totl: 1100}\n→ 未知的键 “totl”，是不是 “total”？',
      'functional.yaml:\n  rows:\n    - {code: 201, name: 一般公共服务支出, totl: 1100}\n→ unknown key "totl": did you mean "total"?',
    ],
  ),
  rule(
    'shape/missing-value',
    ['缺少必填项', 'Missing required value'],
    [
      '有些内容无法由其他数字推算，必须写出：部门名称、年度、金额单位、各节（如 functional、economic、projects、performance）、文字说明、上年比较数等。可以省略的只有“部分”（省略即为 0）和“合计/小计”（省略即由各部分相加）。一个没有任何金额的末级科目、一个既无金额也无明细的项目，同样报告此错误。',
      'Some facts cannot be derived from other figures and must be written: the department name, year and unit, every section (functional, economic, projects, performance, …), the prose, the prior-year figures. Only parts (omitted = 0) and totals or subtotals (omitted = the sum of their parts) may be left out. A leaf classification row without any amount, and a project with neither amount nor items, are reported too.',
    ],
    ['department.yaml:\n  department:\n    name: 某部门\n    # year 缺失\n→ 缺少必填项 department.year', 'department.yaml:\n  department:\n    name: Some department\n    # no year\n→ missing required value department.year'],
  ),
  rule(
    'shape/wrong-type',
    ['类型不符', 'Wrong type'],
    [
      '金额须为数字，文字须为文字，列表须为列表（- …），映射须为 key: value。常见原因：缩进错误使一个映射变成了文字；千分位逗号分组不对（应每三位一组，如 1,234）；人数写了小数。',
      'Amounts must be numbers, texts texts, lists lists (- …), mappings key: value. Common causes: an indentation mistake that turns a mapping into a text; badly grouped thousands separators (groups of three: 1,234); a head count with decimals.',
    ],
    ['income.yaml:\n  income:\n    total: 5,15,8\n→ income.total 应为数字', 'income.yaml:\n  income:\n    total: 5,15,8\n→ income.total must be a number'],
  ),
  rule(
    'shape/number-as-string',
    ['金额写成了带引号的文字', 'Amount written as a quoted string'],
    [
      '金额必须是 YAML 数字。带引号的 "1234" 或 "1,234" 是文字，可能来自从表格软件复制时带上的引号；为避免把文字悄悄当作数字，这里要求去掉引号。不带引号、按三位一组写的千分位（如 1,234 或 12,345.50）可以直接使用。',
      'Amounts must be YAML numbers. A quoted "1234" or "1,234" is a text, often pasted with its quotes from a spreadsheet; rather than silently reading a text as a number, the quotes must go. Unquoted, correctly grouped thousands (1,234 or 12,345.50) are accepted as they are.',
    ],
    ['income.yaml:\n  income:\n    total: "1,234"\n→ 去掉引号：total: 1,234', 'income.yaml:\n  income:\n    total: "1,234"\n→ remove the quotes: total: 1,234'],
  ),
  rule(
    'shape/bad-number',
    ['无法按十进制读取的数字', 'Not a plain decimal'],
    [
      '金额按所写的十进制数字精确读取（精度也来自写法：27 表示到个位，27.40 表示到分）。科学计数法（1e3）、十六进制（0x10）、.inf、.nan 虽然是 YAML 数字，但不是财务报表的写法，无法确定精度，故不接受。',
      'Amounts are read exactly from the decimal digits written (the precision too: 27 is to the unit, 27.40 to the cent). Exponents (1e3), hex (0x10), .inf and .nan are YAML numbers but not how a financial statement writes figures, and carry no precision, so they are refused.',
    ],
    ['other.yaml:\n  running_cost: 1e3\n→ 写成 1000', 'other.yaml:\n  running_cost: 1e3\n→ write 1000'],
  ),
  rule(
    'shape/invalid-value',
    ['取值不在允许范围内', 'Value not allowed'],
    [
      `某些键只能取固定的值：department.unit 为 万元 或 元；项目的 kind 为 ${PROJECT_KINDS.map((k) => `${k}（${GENERAL_KIND_NAMES[k].zh}）`).join('、')}。`,
      `Some keys take one of a fixed set of values: department.unit is 万元 or 元; a project's kind is ${PROJECT_KINDS.map((k) => `${k} (${GENERAL_KIND_NAMES[k].zh})`).join(', ')}.`,
    ],
    ['projects.yaml:\n  - name: 系统运行维护\n    kind: perfomance\n→ 是不是 “performance”？', 'projects.yaml:\n  - name: …\n    kind: perfomance\n→ did you mean "performance"?'],
  ),
  rule(
    'shape/negative-count',
    ['数量为负', 'Negative count'],
    [
      '编制数、实有人数、离退休人数、车辆和设备台（套）数是数量，只能是 0 或正整数。',
      'Staffing quotas, head counts, retirees, vehicles and pieces of equipment are counts: 0 or a positive whole number.',
    ],
    ['department.yaml:\n  staffing: {inst_quota: -18, …}\n→ 不能为负', 'department.yaml:\n  staffing: {inst_quota: -18, …}\n→ cannot be negative'],
  ),
  rule(
    'shape/negative-amount',
    ['预算金额为负', 'Negative budget amount'],
    [
      '预算数（收入、支出、各科目、项目、采购、“三公”经费、上年比较数等）不能为负：负数会在各级合计中悄悄抵消其他金额，表格仍然平衡，错误却被掩盖。只有增减变化（comparison.change、comparison.percent、three_public.change）可以为负。',
      'Budget figures (income, expenditure, classification rows, projects, procurement, "three public" expenses, prior-year figures…) cannot be negative: a negative figure silently offsets others in every total, so the tables can still balance while hiding the mistake. Only changes (comparison.change, comparison.percent, three_public.change) may be negative.',
    ],
    ['income.yaml:\n  total: -1234\n→ 不能为负', 'income.yaml:\n  total: -1234\n→ cannot be negative'],
  ),
  rule(
    'shape/unknown-source',
    ['未知的资金来源', 'Unknown funding source'],
    [
      `by_source 下的键是资金来源，只能是：${SOURCES.map((s) => `${s}（${SOURCE_NAMES[s].zh}）`).join('、')}。它们是收入表和按来源拆分的基本支出、项目支出表的列。`,
      'The keys under by_source are funding sources: general, gov_fund, soe, special_account, unit_business / unit_operating / unit_superior / unit_affiliated / unit_other (the five kinds of 单位资金), carryover. They are the columns of the income tables and of the basic and project expenditure by source.',
    ],
    ['functional.yaml:\n  by_source:\n    govfund: {project: 800000}\n→ 是不是 “gov_fund”？', 'functional.yaml:\n  by_source:\n    govfund: {project: 800000}\n→ did you mean "gov_fund"?'],
  ),
  rule(
    'shape/code-format',
    ['科目编码格式错误', 'Malformed classification code'],
    [
      '功能分类科目编码为 3 位（类）、5 位（款）或 7 位（项）数字；经济分类为 3 位（类）或 5 位（款）数字。级次由编码长度决定，所以长度错了，层级和合计也就错了。',
      'Functional codes are 3 (类), 5 (款) or 7 (项) digits; economic codes 3 (类) or 5 (款). The level comes from the length, so a wrong length breaks the hierarchy and its subtotals.',
    ],
    ['functional.yaml:\n  - {code: 201035, name: 事业运行, …}\n→ 应为 3/5/7 位数字', 'functional.yaml:\n  - {code: 201035, name: 事业运行, …}\n→ must be 3/5/7 digits'],
  ),
  rule(
    'shape/duplicate-code',
    ['科目重复', 'Duplicate code'],
    [
      '每个科目在一张分类表中只出现一次（每个事实只写一次）。同一科目写了两行，表格会重复打印它，上级合计也会重复计算。请把两行合并。',
      'Each code appears once in a classification (each fact once). A code written twice is printed twice and counted twice in its parent. Merge the two rows.',
    ],
    ['functional.yaml:\n  - {code: 2210201, name: 住房公积金, total: 58}\n  - {code: 2210201, name: 住房公积金, total: 58}\n→ 科目 2210201 重复出现', 'functional.yaml: the row 2210201 written twice\n→ code 2210201 appears twice'],
  ),
  rule(
    'shape/inconsistent-name',
    ['同一科目名称不一致', 'Inconsistent names for one code'],
    [
      '同一科目编码只对应一个科目名称。两行编码相同而名称不同，通常是编码抄错了（本应是另一个科目），或名称改过只改了一处。',
      'One code has one name. Two rows with the same code and different names usually mean a mistyped code (another code was meant), or a name changed in one place only.',
    ],
    ['economic.yaml:\n  - {code: 30201, name: 办公费, …}\n  - {code: 30201, name: 电费, …}\n→ 科目 30201 名称不一致', 'economic.yaml: 30201 办公费 and 30201 电费\n→ code 30201 appears with two names'],
  ),
  rule(
    'shape/code-parent',
    ['下级科目与上级不符', 'Child code does not extend its parent'],
    [
      '分类表按表中顺序书写，每一行的上级是它前面最近的高一级行：款（5 位）须以其所在类（3 位）开头，项（7 位）须以其所在款开头。若上级行根本不存在（例如写了 2080502 而没有 20805 行），也报告此错误。修正：补上上级行（类/款小计），或把这一行移到正确的上级之下，或核对编码。',
      'Rows are written in table order; a row\'s parent is the nearest preceding row one level up: a 款 (5 digits) must start with its 类 (3 digits), a 项 (7 digits) with its 款. A row whose parent row is missing altogether (2080502 with no 20805 row) is reported too. Fix: add the parent (subtotal) row, move the row under its parent, or check the code.',
    ],
    ['functional.yaml:\n  - {code: 201, …}\n  - {code: 20803, …}\n→ 20803 不是 201 的下级', 'functional.yaml:\n  - {code: 201, …}\n  - {code: 20803, …}\n→ 20803 does not extend its parent 201'],
  ),
  rule(
    'shape/unknown-project',
    ['任务引用的项目不存在', 'Task refers to a missing project'],
    [
      '整体绩效目标的年度主要任务（performance.tasks）通过 ref: {project: 名称} 指向 projects 中的项目，其金额须与项目相等。名称必须与 projects 中的 name 完全一致。',
      'A task of the performance targets (performance.tasks) points at a project with ref: {project: name}; its amount must equal the project\'s. The name must match a project\'s name exactly.',
    ],
    ['performance.yaml:\n  ref: {project: 系统运维}\n→ 是不是 “系统运行维护”？', 'performance.yaml:\n  ref: {project: 系统运维}\n→ did you mean "系统运行维护"?'],
  ),
  rule(
    'shape/duplicate-project',
    ['项目重复', 'Duplicate project'],
    [
      '项目按名称被引用（整体绩效目标的任务），所以名称必须唯一；同一项目写两次会在项目支出表中重复计算。',
      'Projects are referred to by name (tasks of the performance targets), so names are unique; a project written twice is counted twice in the projects table.',
    ],
    ['projects.yaml: two projects named 一般管理事务\n→ 项目 “一般管理事务” 重复出现', 'projects.yaml: two projects named 一般管理事务\n→ project appears twice'],
  ),
  rule(
    'shape/invalid-ref',
    ['任务的 ref 写法错误', 'Malformed task ref'],
    [
      '任务的 ref 须且只须写一项：{project: 项目名称}（任务金额等于该项目）或 {basic: true}（任务金额等于基本支出）。',
      'A task\'s ref names exactly one of {project: name} (the task equals that project) or {basic: true} (the task equals the basic expenditure).',
    ],
    ['performance.yaml:\n  ref: {}\n→ 写 project 或 basic 之一', 'performance.yaml:\n  ref: {}\n→ write project or basic'],
  ),
  rule(
    'shape/unknown-code',
    ['引用的经济分类科目不存在', 'Unknown economic code'],
    [
      '支出构成（summary）的人员支出、公用支出、对个人和家庭的补助支出各对应若干经济分类科目（summary.*.codes，默认 301、302、303），用于与经济分类中这些科目的基本支出核对。引用的科目必须在 economic.rows 中。',
      'The personnel, public and household lines of the summary each stand for economic codes (summary.*.codes, by default 301, 302, 303), checked against the basic expenditure of those economic classes. Those codes must be among economic.rows.',
    ],
    ['economic.yaml:\n  summary:\n    public: {codes: [320], …}\n→ 科目 320 不在 economic.rows 中', 'economic.yaml:\n  summary:\n    public: {codes: [320], …}\n→ 320 is not among economic.rows'],
  ),  rule(
    'shape/too-many-decimals',
    ['小数位数超过金额单位允许的位数', 'More decimals than the unit allows'],
    [
      '金额的最小单位是分：金额单位为“元”时最多 2 位小数，为“万元”时最多 4 位小数（1 元 = 0.0001 万元）。百分比（comparison.percent）最多 2 位小数。更多的小数位不代表任何一笔钱，多半是从表格中粘贴来的计算结果（如 1234.5678901）；它们也会原样印进文档。把数字四舍五入到允许的位数。',
      'The smallest amount of money is a fen: with the unit 元 an amount has at most 2 decimals, with 万元 at most 4 (1 元 = 0.0001 万元). A percentage (comparison.percent) has at most 2. More decimals stand for no amount of money — usually a computed value pasted from a spreadsheet (1234.5678901) — and would be printed as they are. Round the figure to the decimals allowed.',
    ],
    [
      'department.yaml: unit: 元\nincome.yaml:\n  total: 1234.567\n→ 1234.567 有 3 位小数，金额单位为元时最多 2 位：写成 1234.57',
      'department.yaml: unit: 元\nincome.yaml:\n  total: 1234.567\n→ 1234.567 has 3 decimals; with the unit 元 at most 2: write 1234.57',
    ],
  ),
  ...NAME_RULES,
];
