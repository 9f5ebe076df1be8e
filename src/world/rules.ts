import type { RuleDoc } from '../diagnostics/diagnostic.js';

export const WRITE_FAILED_RULE = 'output/write-failed';
export const OUTSIDE_OUT_RULE = 'output/outside-out';
export const TEMPLATES_DIR_RULE = 'input/templates-dir';
export const SOURCE_DATE_EPOCH_RULE = 'env/source-date-epoch';

/** Rules of the world's own findings (the input/* ones of reading a directory are in source's inputRules). */
export const worldRules: readonly RuleDoc[] = [
  {
    id: WRITE_FAILED_RULE,
    severity: 'error',
    title: { zh: '输出文件无法写入', en: 'An output file cannot be written' },
    explain: {
      zh: 'PDF 和 XLSX 作为一组写入：先各自写到同一目录下的临时文件并同步到磁盘，再写一个提交日志（.<名称>.commit），然后逐个改名替换。写临时文件时失败（例如磁盘已满）则删除临时文件，原有的一组文件保持不变；提交日志写好之后中断（例如进程被杀死），下一次构建会先按日志补全改名。因此输出目录中始终是旧的一组或新的一组，不会是新 PDF 配旧 XLSX，也不会留下写了一半的文件；被杀死的构建留下的临时文件由下一次构建删除。',
      en: 'The PDF and the XLSX are written as a pair: each to a temporary file in the same directory, synced to disk; then a commit journal (.<name>.commit) is written, and only then is each renamed over its target. A failure while writing the temporary files (a full disk) removes them and leaves the previous pair as it was; an interruption after the journal (a killed process) is completed by the next build, which finishes the renames first. So the folder holds the old pair or the new pair, never a new PDF beside an old XLSX and never a half-written file; temporary files of a killed build are removed by the next build.',
    },
    example: { zh: '无法写入 out/2031/x.pdf（ENOSPC）', en: 'Cannot write out/2031/x.pdf (ENOSPC)' },
  },
  {
    id: OUTSIDE_OUT_RULE,
    severity: 'error',
    title: { zh: '输出文件不在输出目录之内', en: 'An output file would be outside the output directory' },
    explain: {
      zh: '每个输出文件都必须落在 --out 目录之内。判断依据是解析后的真实路径（.. 和符号链接都先解析），而不是对文件名的模式匹配。文件名来自 --name 和部门名称：其中的路径分隔符、开头的点和控制字符会被替换，过长的名称会被截短并加上由完整名称算出的短哈希；若 --out 下的年度目录是指向别处的符号链接，则拒绝写入。',
      en: 'Every output file must land inside the --out directory. This is judged on the resolved real path (.. and symbolic links resolved first), not by matching patterns in the name. File names come from --name and the department name: path separators, leading dots and control characters in them are replaced, and an over-long name is shortened with a short hash of the full name appended; when the year directory under --out is a symbolic link that leads elsewhere, nothing is written.',
    },
    example: { zh: 'out/2031 -> /etc（符号链接）', en: 'out/2031 -> /etc (a symbolic link)' },
  },
  {
    id: TEMPLATES_DIR_RULE,
    severity: 'error',
    title: { zh: '模板目录无法使用', en: 'The templates directory is unusable' },
    explain: {
      zh: '说明部分由 --templates 目录（默认为随程序提供的 templates/）中的模板生成。目录不存在、无法读取或其中一个模板也没有时，报告这一条，而不是逐个模板报告缺失；输入无法使用（退出码 2）。',
      en: 'The narrative is made from the templates in the --templates directory (by default the package\'s templates/). When the directory is missing, unreadable or holds none of the templates, this one finding is reported instead of one per missing template; the input is unusable (exit 2).',
    },
    example: { zh: '--templates /no/such/dir', en: '--templates /no/such/dir' },
  },
  {
    id: SOURCE_DATE_EPOCH_RULE,
    severity: 'error',
    title: { zh: 'SOURCE_DATE_EPOCH 无效', en: 'Invalid SOURCE_DATE_EPOCH' },
    explain: {
      zh: '可重复构建用 SOURCE_DATE_EPOCH（自 1970-01-01 UTC 起的整秒数）作为文档的创建日期。值不是整数时拒绝，而不是悄悄改用当前时间。',
      en: 'Reproducible builds take the documents\' creation date from SOURCE_DATE_EPOCH (whole seconds since 1970-01-01 UTC). A value that is not a whole number is refused rather than silently replaced by the current time.',
    },
    example: { zh: 'SOURCE_DATE_EPOCH=2031-01-01', en: 'SOURCE_DATE_EPOCH=2031-01-01' },
  },
];
