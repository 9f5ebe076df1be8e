import type { RuleDoc } from '../diagnostics/diagnostic.js';

export const ORIGINS_RULE = 'input/import-origins';

export const ORIGINS_RULES: readonly RuleDoc[] = [
  {
    id: ORIGINS_RULE,
    severity: 'warning',
    title: { zh: '导入来源记录（import-origins.json）无法读取', en: 'The import origins record (import-origins.json) cannot be read' },
    explain: {
      zh:
        'budget import 在写出 YAML 的同时，在同一目录写一个 import-origins.json：每个导入的数字来自工作簿的哪张表、哪个单元格（工作表名!单元格，如 某某表!D7）。budget check 读它，在发现的问题旁注明数字来自哪个单元格。它不是数据文件，不参与检查和生成。' +
        '\n文件损坏、被别的程序改写或版本不对时，检查照常进行，只是不注明单元格，并给出这一条警告。重新运行 budget import 会重写它；不需要单元格时也可以删掉它。',
      en:
        'Beside the YAML it writes, budget import writes import-origins.json: which sheet and cell of the workbook each imported figure came from (sheet!cell, e.g. 某某表!D7). budget check reads it and names that cell beside the figures of its findings. It is not data: it takes no part in the check or the build.' +
        '\nWhen the file is damaged, rewritten by another program or of another version, the check runs as usual without the cells, and says so in this one warning. Running budget import again rewrites it; delete it if the cells are not wanted.',
    },
    example: {
      zh: 'data/2031/import-origins.json 无法读取，检查结果中不注明工作簿单元格：不是有效的 JSON（Unexpected end of JSON input）',
      en: 'data/2031/import-origins.json cannot be read; the findings do not name workbook cells: it is not valid JSON (Unexpected end of JSON input)',
    },
  },
];
