import type { RuleDoc } from './diagnostic.js';

/**
 * Rules of `budget build`'s last steps (rendering and writing), documented like every other rule
 * so `budget explain` knows them. Reading the input is documented by src/source (`input/*`).
 */
export const RENDER_FAILED_RULE = 'output/render-failed';

export const OUTPUT_RULES: readonly RuleDoc[] = [
  {
    id: RENDER_FAILED_RULE,
    severity: 'error',
    title: { zh: '文档无法生成', en: 'The document could not be rendered' },
    explain: {
      zh: '检查已通过，但生成 PDF 或 XLSX 时出错（例如指定的字体文件不存在）。所要求的文件（默认 PDF 与 XLSX，或 --only 指定的一种）全部生成成功才会写出，任何一个失败都不写出任何文件。',
      en: 'The checks passed but rendering the PDF or the XLSX failed (for example a configured font file is missing). Files are written only when every requested file (PDF and XLSX, or the one --only names) renders; if any fails, nothing is written.',
    },
    example: { zh: '字体文件 fonts/FZXBS.ttf 不存在', en: 'font file fonts/FZXBS.ttf not found' },
  },
];
