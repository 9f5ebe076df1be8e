import type { Budget } from '../model/budget.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Block, Document, Section } from './model.js';
import { buildTables } from './tables/index.js';
import { maxScale } from './narrative/context.js';
import { NARRATIVE_TEMPLATES, TABLES_TEMPLATE, type TemplateFile, narrativeBlocks, renderTemplates } from './narrative/engine.js';
import { newHeadingIds } from './narrative/markup.js';

export interface DocumentOptions {
  /** SOURCE_DATE_EPOCH (seconds), read by src/world; the creation date comes from the data without it. */
  readonly sourceDateEpoch?: number;
  /** The build identity (src/compile.ts), recorded in both files' metadata. */
  readonly build?: string;
}

/**
 * The checked budget plus the narrative templates → the renderer-neutral document. Pure: the
 * templates are passed in, the date comes from the options or the data. Template errors are
 * returned as diagnostics (with the template's file and line) and no document is built.
 */
export function budgetToDocument(
  budget: Budget,
  templates: readonly TemplateFile[],
  opts: DocumentOptions = {},
): { doc?: Document; diagnostics: Diagnostic[] } {
  const decimals = maxScale(budget);
  const dept = budget.department.name.text;
  const year = budget.department.year;
  // The document's one date: SOURCE_DATE_EPOCH, else 1 January of the budget year (UTC).
  const date =
    opts.sourceDateEpoch !== undefined && Number.isFinite(opts.sourceDateEpoch) ? new Date(opts.sourceDateEpoch * 1000) : new Date(Date.UTC(year, 0, 1));
  const { rendered, diagnostics } = renderTemplates(templates, budget, decimals, { date });
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };

  const ids = newHeadingIds();
  const text: Block[] = narrativeBlocks(rendered, NARRATIVE_TEMPLATES, ids, decimals);
  const tablesHeading: Block[] = narrativeBlocks(rendered, [TABLES_TEMPLATE], ids, decimals);
  const tables = buildTables({ budget, dept, year, f: { decimals, unit: budget.department.unit } });

  const sections: Section[] = [
    { blocks: text, newPage: true },
    ...tables.map((t, i) => ({ blocks: i === 0 ? [...tablesHeading, t] : [t], newPage: true })),
  ];
  const created = date.toISOString();
  const title = `${year}年${dept}部门预算`;
  const doc: Document = {
    meta: {
      title,
      author: dept,
      subject: `${dept}${year}年部门预算公开`,
      keywords: [dept, `${year}年`, '部门预算', '预算公开'],
      created,
      lang: 'zh-CN',
      ...(opts.build ? { build: opts.build } : {}),
    },
    cover: { title, lines: [dept] },
    tocTitle: '目录',
    labels: { narrative: '文字部分', seeTable: '见工作表“{name}”', pageFooter: '第 {page} 页，共 {pages} 页' },
    sections,
  };
  return { doc, diagnostics };
}
