import type { RuleDoc } from '../diagnostics/diagnostic.js';

/** The batch's own finding: an item that hit a bug (kept apart from run.ts so the catalog loads no workers). */
export const INTERNAL_RULE = 'batch/internal-error';
export const COLLISION_RULE = 'batch/output-collision';

export const BATCH_RULES: readonly RuleDoc[] = [
  {
    id: INTERNAL_RULE,
    severity: 'error',
    title: { zh: '程序内部错误（该项已跳过，其余继续）', en: 'Internal error (this item skipped, the rest went on)' },
    explain: {
      zh: '批量检查或生成时，某一项触发了程序缺陷（不是数据问题）。该项记为无法完成，其余各项照常运行，退出码为 70。请附上输出中的错误信息报告。',
      en: 'In a batch, one item hit a bug in budget (not a problem with the data). That item is reported as not done, the others run as usual, and the exit code is 70. Please report it with the stack shown.',
    },
    example: { zh: 'data/a/2031：内部错误 TypeError: …', en: 'data/a/2031: internal error TypeError: …' },
  },
  {
    id: COLLISION_RULE,
    severity: 'error',
    title: { zh: '两个目录生成了同一个输出文件', en: 'Two directories built the same output file' },
    explain: {
      zh: '批量生成时，输出文件名由部门名称和年度决定（--out、--name）。两个目录是同一部门同一年度时，后生成的文件会覆盖先生成的。通常是数据重复（同一部门年度放在了两个目录），或 --name 没有区分它们。删去重复的目录，或在 --name 中加入能区分的内容。',
      en: 'In a batch, output file names come from the department name and the year (--out, --name). When two directories are the same department and year, the one built later overwrites the other. Usually the data is duplicated (one department-year in two directories), or --name does not tell them apart. Remove the duplicate, or make --name distinguish them.',
    },
    example: { zh: 'data/2031 与 data/copy/2031 都写出 out/2031/某部门-2031-部门预算.pdf', en: 'data/2031 and data/copy/2031 both wrote out/2031/Dept-2031.pdf' },
  },
];
