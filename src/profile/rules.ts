import type { RuleDoc } from '../diagnostics/diagnostic.js';

export const PROFILE_INVALID_RULE = 'profile/invalid';
export const PROFILE_UNKNOWN_RULE = 'profile/unknown';

/** Findings about the report definition a department-year names (`department.profile`). */
export const PROFILE_RULES: readonly RuleDoc[] = [
  {
    id: PROFILE_UNKNOWN_RULE,
    severity: 'error',
    title: { zh: '数据指定的版式（profile）不存在', en: 'The data names a profile that does not exist' },
    explain: {
      zh: 'department.profile 指定文档的版式：表格、各部分及其模板。写名称时，在随程序提供的 profiles/ 中查找 <名称>.yaml；写路径（含“/”或以 .yaml 结尾）时，相对于数据目录查找。找不到时输入无法使用（退出码 2）。不写 profile 则使用默认版式。',
      en: 'department.profile names the document layout: its tables, its parts and their templates. A name is looked up as <name>.yaml in the package\'s profiles/; a path (holding "/" or ending in .yaml) is read relative to the data directory. When it cannot be found the input is unusable (exit 2). Without profile the default layout is used.',
    },
    example: { zh: 'department:\n  profile: shenzen   # 应为 shenzhen', en: 'department:\n  profile: shenzen   # should be shenzhen' },
  },
  {
    id: PROFILE_INVALID_RULE,
    severity: 'error',
    title: { zh: '版式文件（profile）格式错误', en: 'The profile file is malformed' },
    explain: {
      zh: '版式文件（YAML）必须符合 docs/profiles.md 所述的格式：未知或缺少的键、错误的表格类型（kind）、与表格类型列数不符的表头、拼错的占位符（如 {departmnet}）都会报告，并指出文件和行号；YAML 本身的错误（语法、制表符、重复键）与数据文件一样按 input/* 报告。输入无法使用（退出码 2）。',
      en: 'A profile (YAML) must follow the format of docs/profiles.md: unknown or missing keys, an unknown table kind, a header tree whose leaves do not match the kind\'s columns, a misspelt placeholder ({departmnet}) are reported with the file and line; errors of the YAML itself (syntax, tabs, duplicate keys) are reported as for the data files, as input/*. The input is unusable (exit 2).',
    },
    example: { zh: 'tables:\n  - kind: income-summary   # 不存在的表格类型', en: 'tables:\n  - kind: income-summary   # no such table kind' },
  },
];
