import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { Diagnostic, RuleDoc, RuleRun } from '../diagnostics/diagnostic.js';
import { keyText, nodeAt, type MapNode, type Node, type SourceTree } from '../source/index.js';

/**
 * A new year starts as a draft of the last one (`budget init`). These warnings keep the draft
 * honest while it is edited; each is a warning (exit 0, unless `--strict`):
 *
 * - `years/year-mismatch`: `department.year` is not the year the directory is named by
 *   (data/2031 holding `year: 2030` — a copied folder nobody updated).
 * - `years/prior-year-year`: `prior_year.year` is not `year − 1`.
 * - `years/carried-over`: a text carried over from last year unchanged. `budget init` lists each
 *   text it copied in a top-level `review:` section — path → a short hash of the text as copied
 *   (`prose.change_reason: "3f2a9c1e"`). While the text still has that hash it is reported; once
 *   edited, the hash differs and the warning stops. A text that is still right as it stands is
 *   confirmed by deleting its line from `review:` (and `review:` itself when empty).
 */

export const YEAR_MISMATCH_RULE = 'years/year-mismatch';
export const PRIOR_YEAR_YEAR_RULE = 'years/prior-year-year';
export const CARRIED_OVER_RULE = 'years/carried-over';

const rule = (id: string, title: [string, string], explain: [string, string], example: [string, string]): RuleDoc => ({
  id,
  severity: 'warning',
  title: { zh: title[0], en: title[1] },
  explain: { zh: explain[0], en: explain[1] },
  example: { zh: example[0], en: example[1] },
});

export const DRAFT_RULES: readonly RuleDoc[] = [
  rule(
    YEAR_MISMATCH_RULE,
    ['年度与目录名不一致', 'The year differs from the directory name'],
    [
      '以四位年度命名的目录（data/2031）中，department.year 应是这一年。不一致通常是复制了上一年的目录而忘了改年度：文档的标题、表头和“上年”比较都会用错年份。改正 department.year，或把目录改名。',
      'In a directory named by a four-digit year (data/2031), department.year should be that year. A difference usually means a copied folder whose year was not updated: the title, the table headings and the prior-year comparison would name the wrong year. Fix department.year, or rename the directory.',
    ],
    ['data/2031/department.yaml: department.year: 2030', 'data/2031/department.yaml: department.year: 2030'],
  ),
  rule(
    PRIOR_YEAR_YEAR_RULE,
    ['上年比较数的年度不是上一年', 'prior_year.year is not the year before'],
    [
      'prior_year 的数字是与上一年比较的数字，prior_year.year 应为 department.year − 1。不一致时，说明文字中收入、支出和机关运行经费会与错误的年度作比较。',
      'The prior_year figures compare with the year before, so prior_year.year should be department.year − 1; otherwise the narrative compares income, expenditure and 机关运行经费 with the wrong year.',
    ],
    ['department.year: 2031，prior_year.year: 2029', 'department.year: 2031, prior_year.year: 2029'],
  ),
  rule(
    CARRIED_OVER_RULE,
    ['沿用上年的文字尚未复核', 'Text carried over from last year, not yet reviewed'],
    [
      'budget init 由上一年生成新年度时，说明文字（增减原因、工作目标、绩效目标等）原样沿用，并记入 review: 一节（路径 → 文字的短哈希）。在文字被改写之前，每一处都报告此警告：例如增减原因仍写着“减少”，而今年的数字是增加。改写文字后警告自动消失；若文字无需改动，删去 review: 中对应的一行即表示已复核。',
      'When budget init starts a year from the last one, the prose (the reason for the change, the goals, the performance goals, …) is carried over as it was, and listed under review: (path → a short hash of the text). Until a text is edited, each one is reported: the reason for the change may still say 减少 when the figures now rise. Editing the text ends the warning; if it is still right as it stands, delete its line from review: to confirm it.',
    ],
    [
      'review:\n  prose.change_reason: "3f2a9c1e"\n→ prose.change_reason 沿用自上年，尚未复核',
      'review:\n  prose.change_reason: "3f2a9c1e"\n→ prose.change_reason is carried over from last year and not yet reviewed',
    ],
  ),
];

/** The short hash `review:` keeps of a carried-over text. */
export function textHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 8);
}

/** "projects.0.performance.goal" → ['projects', 0, 'performance', 'goal']. */
export function reviewPath(p: string): (string | number)[] {
  return p.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function warn(rule: string, span: Diagnostic['span'], zh: string, en: string, helpZh: string, helpEn: string): Diagnostic {
  return { severity: 'warning', rule, message: { zh, en }, span, related: [], figures: [], help: { zh: helpZh, en: helpEn } };
}

function entry(map: Node | undefined, key: string): { key: Node; value: Node } | undefined {
  if (map?.kind !== 'map') return undefined;
  const e = map.entries.find((x) => keyText(x.key) === key);
  return e && { key: e.key, value: e.value };
}

export function draftChecks(tree: SourceTree): { diagnostics: Diagnostic[]; runs: RuleRun[] } {
  const root: MapNode = tree.root;
  const diagnostics: Diagnostic[] = [];
  const dept = entry(root, 'department')?.value;
  const yearNode = entry(dept, 'year')?.value;
  const year = yearNode?.kind === 'scalar' && typeof yearNode.value === 'number' ? yearNode.value : undefined;

  const dirName = basename(tree.dir.replace(/[\\/]+$/, ''));
  let yearChecks = 0;
  if (year !== undefined && /^\d{4}$/.test(dirName)) {
    yearChecks++;
    if (year !== Number(dirName))
      diagnostics.push(
        warn(
          YEAR_MISMATCH_RULE,
          yearNode!.span,
          `department.year 为 ${year}，而目录名是 ${dirName}`,
          `department.year is ${year}, but the directory is named ${dirName}`,
          `若这是 ${dirName} 年的数据，把 year 改为 ${dirName}；否则把目录改名为 ${year}。`,
          `If this is ${dirName}'s data, change year to ${dirName}; otherwise rename the directory to ${year}.`,
        ),
      );
  }
  const priorYearNode = entry(entry(root, 'prior_year')?.value, 'year')?.value;
  let priorChecks = 0;
  if (year !== undefined && priorYearNode?.kind === 'scalar' && typeof priorYearNode.value === 'number') {
    priorChecks++;
    if (priorYearNode.value !== year - 1)
      diagnostics.push(
        warn(
          PRIOR_YEAR_YEAR_RULE,
          priorYearNode.span,
          `prior_year.year 为 ${priorYearNode.value}，应为上一年 ${year - 1}（department.year − 1）`,
          `prior_year.year is ${priorYearNode.value}; it should be the year before, ${year - 1} (department.year − 1)`,
          `把 prior_year.year 改为 ${year - 1}，并核对上年比较数是 ${year - 1} 年的数字。`,
          `Change prior_year.year to ${year - 1} and check that the prior-year figures are ${year - 1}'s.`,
        ),
      );
  }

  const review = entry(root, 'review')?.value;
  let reviewed = 0;
  if (review?.kind === 'map') {
    for (const e of review.entries) {
      reviewed++;
      const path = keyText(e.key);
      const at = nodeAt(root, reviewPath(path));
      const stored = e.value.kind === 'scalar' ? String(e.value.value ?? '') : '';
      if (!at.exists || at.node.kind !== 'scalar') {
        diagnostics.push(
          warn(
            CARRIED_OVER_RULE,
            e.key.span,
            `review: 中的 ${path} 不指向任何文字`,
            `review: lists ${path}, which names no text`,
            '删去 review: 中的这一行。',
            'Delete this line from review:.',
          ),
        );
        continue;
      }
      if (textHash(String(at.node.value ?? '')) !== stored) continue; // edited since init
      diagnostics.push(
        warn(
          CARRIED_OVER_RULE,
          at.node.span,
          `${path} 沿用自上年，尚未复核`,
          `${path} is carried over from last year and not yet reviewed`,
          `按今年的情况改写这段文字（例如增减的方向和原因）；若无需改动，删去 review: 中的 “${path}” 一行（${e.key.span.file}:${e.key.span.line}）。`,
          `Rewrite it for this year (e.g. the direction and reason of the change); if it is still right, delete the line "${path}" from review: (${e.key.span.file}:${e.key.span.line}).`,
        ),
      );
    }
  }
  const count = (id: string) => diagnostics.filter((d) => d.rule === id).length;
  return {
    diagnostics,
    runs: [
      { id: YEAR_MISMATCH_RULE, checked: yearChecks, findings: count(YEAR_MISMATCH_RULE) },
      { id: PRIOR_YEAR_YEAR_RULE, checked: priorChecks, findings: count(PRIOR_YEAR_YEAR_RULE) },
      { id: CARRIED_OVER_RULE, checked: reviewed, findings: count(CARRIED_OVER_RULE) },
    ],
  };
}
