import type { RuleDoc } from '../diagnostics/diagnostic.js';

/** The input rules: reading the directory (world) and parsing the files (source). All exit 2. */
export const inputRules: readonly RuleDoc[] = [
  {
    id: 'input/missing-dir',
    severity: 'error',
    title: { zh: '数据目录不存在', en: 'The data directory does not exist' },
    explain: {
      zh: '给 budget 的路径必须是一个存在的目录，其中每个 .yaml 文件写一个部门一年的若干部分。路径不存在或不是目录时，什么也无法检查。',
      en: 'The path given to budget must be an existing directory whose .yaml files hold the sections of one department-year. When it is missing or is not a directory, nothing can be checked.',
    },
    example: { zh: 'budget check data/2032   # 没有这个目录', en: 'budget check data/2032   # no such directory' },
  },
  {
    id: 'input/no-yaml-files',
    severity: 'error',
    title: { zh: '目录中没有 YAML 文件', en: 'No YAML file in the directory' },
    explain: {
      zh: '目录存在，但其中没有以 .yaml 或 .yml 结尾的文件（以“.”开头的隐藏文件不算）。',
      en: 'The directory exists but holds no file ending in .yaml or .yml (hidden files, starting with ".", are skipped).',
    },
    example: { zh: 'data/2031/ 中只有 budget.txt', en: 'data/2031/ holds only budget.txt' },
  },
  {
    id: 'input/read-failed',
    severity: 'error',
    title: { zh: '文件无法读取', en: 'A file cannot be read' },
    explain: {
      zh: '操作系统拒绝读取文件（权限不足、文件在读取时被删除等）。',
      en: 'The operating system refused to read the file (no permission, deleted while reading, and so on).',
    },
    example: { zh: 'EACCES: permission denied', en: 'EACCES: permission denied' },
  },
  {
    id: 'input/encoding',
    severity: 'error',
    title: { zh: '文件不是 UTF-8 编码', en: 'The file is not UTF-8' },
    explain: {
      zh: '数据文件必须是 UTF-8 编码（带或不带 BOM 均可，Windows 的 CRLF 换行也可以）。中文 Windows 的记事本和 Excel 常把文件存为 GBK（“ANSI”），这样的文件会被拒绝，并指出第一个无效字节的位置。用编辑器另存为 UTF-8，或运行 iconv -f GBK -t UTF-8。',
      en: 'Data files must be UTF-8 (with or without a BOM; Windows CRLF line ends are fine). Notepad and Excel on Chinese Windows often save GBK ("ANSI"); such a file is refused, pointing at its first invalid byte. Save it as UTF-8 in an editor, or run iconv -f GBK -t UTF-8.',
    },
    example: {
      zh: 'budget.yaml:2:7: 文件不是 UTF-8 编码（第一个无效字节 0xB2 在此处）；它看起来是 GBK/GB18030 编码',
      en: 'budget.yaml:2:7: The file is not UTF-8 (the first invalid byte, 0xB2, is here); it looks like GBK/GB18030',
    },
  },
  {
    id: 'input/yaml-syntax',
    severity: 'error',
    title: { zh: 'YAML 语法错误', en: 'YAML syntax error' },
    explain: {
      zh: '文件不是合法的 YAML：缩进不一致、引号或括号没有闭合、冒号后缺少空格等。位置是 YAML 解析器给出的。',
      en: 'The file is not valid YAML: inconsistent indentation, an unclosed quote or bracket, a colon without a space after it, and so on. The position is the YAML parser\'s.',
    },
    example: { zh: 'name: "某某区示例局\n', en: 'name: "Example Bureau\n' },
  },
  {
    id: 'input/tab-indent',
    severity: 'error',
    title: { zh: '用制表符缩进', en: 'Indented with a tab' },
    explain: {
      zh: 'YAML 只允许用空格缩进；制表符（Tab）缩进的行无法确定层级。把行首的制表符换成空格。',
      en: 'YAML allows only spaces for indentation; a line indented with a tab has no defined level. Replace the leading tabs with spaces.',
    },
    example: { zh: 'department:\n\tname: 某单位', en: 'department:\n\tname: Some office' },
  },
  {
    id: 'input/duplicate-key',
    severity: 'error',
    title: { zh: '同一映射中的重复键', en: 'Duplicate key in a mapping' },
    explain: {
      zh: '同一个映射中一个键只能出现一次；否则后一个值会悄悄覆盖前一个。两处位置都会列出。',
      en: 'A key may appear once in a mapping; otherwise the later value would silently replace the earlier one. Both places are listed.',
    },
    example: { zh: 'basic: 300\nbasic: 330', en: 'basic: 300\nbasic: 330' },
  },
  {
    id: 'input/duplicate-section',
    severity: 'error',
    title: { zh: '同一部分写在两个文件中', en: 'The same section in two files' },
    explain: {
      zh: '目录中的所有文件合成一份数据，每个顶层键（部分）只能在一个文件中定义。',
      en: 'All files of the directory form one budget; each top-level key (section) is defined in one file only.',
    },
    example: { zh: 'a.yaml 和 b.yaml 都有 department:', en: 'both a.yaml and b.yaml have department:' },
  },
  {
    id: 'input/alias',
    severity: 'error',
    title: { zh: '不接受锚点、别名和合并键', en: 'Anchors, aliases and merge keys are refused' },
    explain: {
      zh: 'YAML 的锚点（&a）、别名（*a）和合并键（<<）会让一处内容在多处展开，少量文字就能展开成数十亿个值（“十亿笑声”攻击）。预算数据每个数字只录入一次，表格之间的共用由程序完成，所以这些写法一律拒绝，且在展开之前就拒绝。',
      en: 'YAML anchors (&a), aliases (*a) and merge keys (<<) expand one piece of content in many places; a few lines can expand into billions of values (the "billion laughs" attack). Budget data enters each figure once and the program shares it between tables, so these are refused outright, before anything is expanded.',
    },
    example: { zh: 'a: &x [1, 2]\nb: *x', en: 'a: &x [1, 2]\nb: *x' },
  },
  {
    id: 'input/tag',
    severity: 'error',
    title: { zh: '不接受 YAML 标签', en: 'YAML tags are refused' },
    explain: {
      zh: 'YAML 标签（!!int、!!str、!名称）会改变一个值的类型：!!int "1234" 把带引号的文字变成数字，!!str 1234 把数字变成文字，而文件里看到的仍是原来的样子。预算数据中数字就写数字，文字就写文字，所以标签一律拒绝。以“!”开头的文字要放在引号里。',
      en: 'A YAML tag (!!int, !!str, !name) changes the type of a value: !!int "1234" turns a quoted text into a number, !!str 1234 a number into a text, while the file still looks the same. Budget data writes numbers as numbers and texts as texts, so tags are refused. A text that starts with "!" goes in quotes.',
    },
    example: { zh: 'income:\n  total: !!int "1234"   # 应写 total: 1234', en: 'income:\n  total: !!int "1234"   # write total: 1234' },
  },
  {
    id: 'input/full-width',
    severity: 'error',
    title: { zh: '全角标点或数字', en: 'Full-width punctuation or digits' },
    explain: {
      zh: '中文输入法打出的全角符号看起来和半角符号很像，但 YAML 只认半角：键后面的冒号必须是半角冒号加空格“: ”（不是“：”），括号里的逗号是“,”（不是“，”），列表项以“- ”开头（不是“－”），缩进只用半角空格（不是全角空格“　”），数字用半角数字 0–9（不是“０–９”）。文字内容里的全角标点不受影响。检查时指出第一个这样的符号，说出它的名称和应改成的符号。',
      en: 'Full-width symbols typed with a Chinese input method look like the ASCII ones, but YAML knows only ASCII: the colon after a key is ": " (not "："), the comma inside brackets is "," (not "，"), a list item starts with "- " (not "－"), indentation is ASCII spaces (not the ideographic space "　"), and figures are written with the digits 0–9 (not "０–９"). Full-width punctuation inside a text is fine. The check points at the first such symbol, names it and says what to write instead.',
    },
    example: { zh: 'income:\n  total：1234   # 把全角冒号「：」改为半角冒号加空格「: 」', en: 'income:\n  total：1234   # change the full-width colon "：" to ": "' },
  },
  {
    id: 'input/line-ends',
    severity: 'error',
    title: { zh: '换行符是单独的 CR', en: 'Lines end with a lone CR' },
    explain: {
      zh: '行尾可以是 LF（Linux、macOS）或 CRLF（Windows），不能是单独的 CR（旧式 Mac 格式）：YAML 不把单独的 CR 当作换行，整个文件会被读成一行（如果第一行是注释，文件就像是空的）。用编辑器把换行符改为 LF 或 CRLF。',
      en: 'A line may end with LF (Linux, macOS) or CRLF (Windows), not a lone CR (classic Mac OS): YAML does not take a lone CR as a line end, so the whole file would read as one line (and, when the first line is a comment, as empty). Change the line ends to LF or CRLF in an editor.',
    },
    example: { zh: 'department:\\r  name: 某单位\\r', en: 'department:\\r  name: Some office\\r' },
  },
  {
    id: 'input/multiple-documents',
    severity: 'error',
    title: { zh: '一个文件中有多个 YAML 文档', en: 'Several YAML documents in one file' },
    explain: {
      zh: '每个文件只能有一个 YAML 文档；“---”行开始一个新文档。要分开写，请用同一目录下的多个文件。',
      en: 'Each file holds one YAML document; a "---" line starts a new one. To split data, use several files in the same directory.',
    },
    example: { zh: 'a: 1\n---\nb: 2', en: 'a: 1\n---\nb: 2' },
  },
  {
    id: 'input/empty-file',
    severity: 'error',
    title: { zh: '空文件', en: 'Empty file' },
    explain: {
      zh: '文件是空的或只有注释。它多半是误存的，或者内容还没有写入。',
      en: 'The file is empty or holds only comments; it was probably saved by mistake or not yet filled in.',
    },
    example: { zh: '# 待填写', en: '# to do' },
  },
  {
    id: 'input/top-level-not-map',
    severity: 'error',
    title: { zh: '文件顶层不是映射', en: 'The top level is not a mapping' },
    explain: {
      zh: '每个文件的顶层必须是“部分名: 内容”形式的映射，不能是列表或单个值。',
      en: 'The top level of each file must be a mapping of section names to contents, not a list or a single value.',
    },
    example: { zh: '- 300\n- 801', en: '- 300\n- 801' },
  },
];
