import type { Budget } from '../model/budget.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Block, Document, Section } from './model.js';
import { type TableCtx, buildTables } from './tables/index.js';
import { amountDecimals } from './narrative/context.js';
import { type TemplateFile, narrativeBlocks, renderTemplates } from './narrative/engine.js';
import { newHeadingIds } from './narrative/markup.js';
import { type Profile, templateNames } from '../profile/index.js';
import { wording } from './wording.js';

export interface DocumentOptions {
  /** SOURCE_DATE_EPOCH (seconds), read by src/world; the creation date comes from the data without it. */
  readonly sourceDateEpoch?: number;
  /** The build identity (src/compile.ts), recorded in both files' metadata. */
  readonly build?: string;
}

/**
 * The checked budget, laid out as the profile declares, plus the narrative templates → the
 * renderer-neutral document. Pure: the profile and the templates are passed in, the date comes from
 * the options or the data. Template errors are returned as diagnostics (with the template's file
 * and line) and no document is built.
 */
export function budgetToDocument(
  budget: Budget,
  profile: Profile,
  templates: readonly TemplateFile[],
  opts: DocumentOptions = {},
): { doc?: Document; diagnostics: Diagnostic[] } {
  const decimals = amountDecimals(budget);
  const dept = budget.department.name.text;
  const year = budget.department.year;
  // The document's one date: SOURCE_DATE_EPOCH, else 1 January of the budget year (UTC).
  const date =
    opts.sourceDateEpoch !== undefined && Number.isFinite(opts.sourceDateEpoch) ? new Date(opts.sourceDateEpoch * 1000) : new Date(Date.UTC(year, 0, 1));
  const { rendered, diagnostics } = renderTemplates(templates, templateNames(profile), budget, decimals, { date });
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };

  const ids = newHeadingIds();
  const d = profile.document;
  const ctx = tableContext(budget, profile, date, decimals);
  const words = ctx.words;
  // The parts before the tables, then the tables, then the parts the layout prints after them.
  const before = profile.tables_after ?? profile.parts.length;
  const narrative = [...(profile.narrative_heading ? [profile.narrative_heading] : []), ...profile.parts.slice(0, before).map((p) => p.template)];
  const text: Block[] = narrativeBlocks(rendered, narrative, ids, decimals);
  const tablesHeading: Block[] = narrativeBlocks(rendered, profile.tables_heading ? [profile.tables_heading] : [], ids, decimals);
  const tables = buildTables(ctx, profile.tables);

  const sections: Section[] = [
    { blocks: text, newPage: true },
    ...tables.map((t, i) => ({ blocks: i === 0 ? [...tablesHeading, t] : [t], newPage: true })),
  ];
  const after = narrativeBlocks(rendered, profile.parts.slice(before).map((p) => p.template), ids, decimals);
  if (after.length) sections.push({ blocks: after, newPage: true });
  const created = date.toISOString();
  const title = words(d.title);
  const doc: Document = {
    meta: {
      title,
      author: dept,
      subject: words(d.subject),
      keywords: d.keywords.map(words),
      created,
      lang: 'zh-CN',
      ...(opts.build ? { build: opts.build } : {}),
    },
    cover: { title, lines: d.cover_lines.map(words) },
    tocTitle: d.toc_title,
    labels: { narrative: d.labels.narrative, seeTable: d.labels.see_table, pageFooter: d.labels.page_footer },
    sections,
  };
  return { doc, diagnostics };
}

/** What the table kinds get: the budget, its figures' format and the profile's wording filled for it. */
export function tableContext(budget: Budget, profile: Profile, date: Date, decimals = amountDecimals(budget)): TableCtx {
  const dept = budget.department.name.text;
  const year = budget.department.year;
  const d = profile.document;
  // The document's date as a 公文 writes it (2031年1月1日), from the one date above: never the clock.
  const dateText = `${date.getUTCFullYear()}年${date.getUTCMonth() + 1}月${date.getUTCDate()}日`;
  const words = wording({ department: dept, year: String(year), unit: budget.department.unit, kind: d.kind, date: dateText, region: budget.department.region?.text ?? '' });
  return { budget, dept, year, f: { decimals, unit: budget.department.unit }, words, headerLine: d.table_header_line };
}
