import type { RuleDoc } from '../diagnostics/diagnostic.js';

export const WRITE_FAILED_RULE = 'output/write-failed';
export const TEMPLATES_DIR_RULE = 'input/templates-dir';
export const SOURCE_DATE_EPOCH_RULE = 'env/source-date-epoch';

/** Rules of the world's own findings (the input/* ones of reading a directory are in source's inputRules). */
export const worldRules: readonly RuleDoc[] = [
  {
    id: WRITE_FAILED_RULE,
    severity: 'error',
    title: { zh: '输出文件无法写入', en: 'An output file cannot be written' },
    explain: {
      zh: '输出先写到同一目录下的临时文件，同步到磁盘后再改名替换；写入失败时删除临时文件，原有的文件保持不变，不会留下写了一半的 PDF 或 XLSX。',
      en: 'Output is written to a temporary file in the same directory, synced to disk, then renamed over the target; when writing fails the temporary file is removed and the previous file is left as it was, so no half-written PDF or XLSX is left behind.',
    },
    example: { zh: '无法写入 out/2031/x.pdf（ENOSPC）', en: 'Cannot write out/2031/x.pdf (ENOSPC)' },
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
