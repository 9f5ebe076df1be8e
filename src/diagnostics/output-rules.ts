import type { RuleDoc } from './diagnostic.js';

/**
 * Rules of `budget build`'s last steps (rendering and writing), documented like every other rule
 * so `budget explain` knows them. Reading the input is documented by src/source (`input/*`).
 */
export const RENDER_FAILED_RULE = 'output/render-failed';
export const FONT_RULE = 'output/font';

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
  {
    id: FONT_RULE,
    severity: 'error',
    title: { zh: '字体文件不可用', en: 'A font file is unusable' },
    explain: {
      zh: 'budget.config.yaml 的 fonts（或 --font-*）指定的字体文件必须存在，且是 TrueType/OpenType 字体（.ttf/.otf）；字体集（.ttc）、网页字体（.woff）等不能嵌入 PDF。检查在生成之前进行，指出是哪一种字体、在配置文件的哪一行，不写出任何文件。',
      en: "A font file named by budget.config.yaml's fonts (or --font-*) must exist and be a TrueType/OpenType font (.ttf/.otf); a collection (.ttc) or a web font (.woff) cannot be embedded. Checked before rendering: the finding names the face and the config file's line, and nothing is written.",
    },
    example: { zh: '标题字体（fonts.title）fonts/小标宋.ttc 是字体集（.ttc），不是单个字体', en: 'the title font (fonts.title) fonts/xbs.ttc is a font collection (.ttc), not a single font' },
  },
];
