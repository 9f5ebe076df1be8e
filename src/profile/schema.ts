import { z } from 'zod';
import { FUNDS, SOURCES } from '../model/budget.js';

/**
 * A profile (report definition): one document layout declared as data — the document's kind and
 * wording, its narrative parts and their templates, and its tables, each a named table kind
 * (implemented in src/document/tables) with the parameters that make it this table. Written as a
 * YAML file (`profiles/<name>.yaml`, docs/profiles.md) so that a new layout is a new file and a
 * templates folder, not a change to src/.
 */

/** Placeholders a piece of the document's wording may use; the document stage fills them. */
export const WORDING_VARS = ['department', 'year', 'unit', 'kind', 'date', 'region'] as const;
/** Placeholders the renderers fill in the labels they print of their own accord. */
const LABEL_VARS = { see_table: ['name'], page_footer: ['page', 'pages'], narrative: [] } as const;

function placeholders(s: string): string[] {
  return [...s.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]!);
}

/** Text that may hold the given `{…}` placeholders and no others (a misspelt one would print as is). */
function worded(vars: readonly string[]) {
  return z
    .string()
    .min(1)
    .superRefine((s, ctx) => {
      for (const p of placeholders(s)) {
        if (!vars.includes(p)) {
          const allowed = vars.length ? vars.map((v) => `{${v}}`).join(', ') : 'none';
          ctx.addIssue({ code: 'custom', message: `unknown placeholder {${p}} (allowed: ${allowed})` });
        }
      }
    });
}

const Wording = worded(WORDING_VARS);

/** A header cell: a leaf (one column) written as its label, or a merged cell over its children. */
export type HeaderDecl = string | { readonly label: string; readonly children: readonly HeaderDecl[] };
const Header: z.ZodType<HeaderDecl> = z.lazy(() => z.union([Wording, z.strictObject({ label: Wording, children: z.array(Header).min(1) })]));

/** A note under a table; with `unit`, printed only when the amounts are kept in that unit. */
const Note = z.union([Wording, z.strictObject({ text: Wording, unit: z.enum(['万元', '元']) })]);

const TemplateName = z.string().regex(/^[^\\/]+\.liquid$/, 'a template file name (…​.liquid) in the profile\'s templates directory');

const tableBase = {
  /** Stable anchor id (bookmarks, links, tests): `table-1`. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and "-"'),
  /** The caption line above the title, as printed: 表1, 表十二. Omitted: none (the title alone heads the table's page). */
  caption: Wording.optional(),
  title: Wording,
  /** Sheet and bookmark name; default `caption title`. */
  short_name: Wording.optional(),
  orientation: z.enum(['portrait', 'landscape']),
  notes: z.array(Note).default([]),
  /** The line under the title; default the document's `table_header_line`. */
  header_line: z.strictObject({ left: Wording, right: Wording }).optional(),
};

/** The note printed when the table has nothing to show this year. */
const emptyNote = { empty_note: Wording.optional() };
const header = { header: z.array(Header).min(1) };
const Source = z.enum(SOURCES);
/** Zero figures print as empty cells (as some layouts publish them), instead of 0. */
const blankZeros = { blank_zeros: z.boolean().default(false) };

/** The figure columns a classification table can show for each row. */
export const CLASS_COLUMNS = [
  'total', 'basic', 'project', 'personnel', 'public',
  'income_total', 'income_fiscal', 'income_business', 'income_operating', 'income_other',
] as const;
/** The expenditure-side columns of a summary by 类: per-row figures, by fund, or the basic split. */
export const SUMMARY_COLUMNS = ['total', 'fiscal', ...FUNDS, 'basic', 'project', 'personnel', 'public'] as const;
/** The income lines a summary by 类 can print, each labelled by the profile. */
export const INCOME_LINE_FIGURES = ['total', 'fiscal', 'general', 'gov_fund', 'soe', 'business', 'operating', 'other'] as const;
/** The cells of a one-row 三公 table (in the section's own unit) and the 机关运行经费 (in its). */
export const THREE_PUBLIC_COLUMNS = ['total', 'abroad', 'reception', 'vehicles', 'vehicle_purchase', 'vehicle_running', 'running_cost'] as const;

/**
 * The table kinds and their parameters. Each kind is one builder in src/document/tables; what it
 * reads from the budget is fixed by the kind, which rows and columns by its parameters.
 */
const TableSchema = z.discriminatedUnion('kind', [
  // Two-sided 收入 | 支出 summary: the income lines against the functional classification.
  // funds: all — every source; fiscal — government appropriations and their carryover only.
  z.strictObject({ ...tableBase, ...header, kind: z.literal('income-expenditure-summary'), funds: z.enum(['all', 'fiscal']) }),
  // One row, the department's income by source (header from the funding-source catalogue).
  z.strictObject({ ...tableBase, kind: z.literal('income-by-source') }),
  // Every functional row: total | basic | project, then government procurement (3 columns).
  z.strictObject({ ...tableBase, ...header, kind: z.literal('expenditure-with-procurement') }),
  // A classification's rows paid from `sources`: total | basic | project of that money.
  z.strictObject({
    ...tableBase,
    ...header,
    ...emptyNote,
    kind: z.literal('classified-by-source'),
    classification: z.enum(['functional', 'economic']),
    sources: z.array(Source).min(1),
  }),
  // The basic column of the economic classification, by funding source.
  z.strictObject({ ...tableBase, kind: z.literal('basic-by-source') }),
  // The projects, by funding source and kind of general appropriation.
  z.strictObject({ ...tableBase, kind: z.literal('projects-by-source') }),
  // 三公 for the prior year, this year and the change.
  z.strictObject({ ...tableBase, ...emptyNote, kind: z.literal('three-public') }),
  // The department's performance targets: tasks and indicators, a form laid out in body cells.
  z.strictObject({ ...tableBase, kind: z.literal('performance-form') }),
  // A classification's rows with their code split into one column per level (类 | 款 | 项), the
  // chosen figure columns, and the 合计 row at the top or the bottom. With `sources`, only the rows
  // and the money paid from them; `rows: basic` keeps the rows whose basic column is written.
  z.strictObject({
    ...tableBase,
    ...header,
    ...emptyNote,
    ...blankZeros,
    kind: z.literal('classified-columns'),
    classification: z.enum(['functional', 'economic']),
    sources: z.array(Source).min(1).optional(),
    rows: z.enum(['all', 'basic']).default('all'),
    columns: z.array(z.enum(CLASS_COLUMNS)).min(1),
    total_row: z.enum(['top', 'bottom']).default('bottom'),
    total_label: Wording,
  }),
  // Two sides: the income lines the profile lists against the 类 rows of the functional
  // classification (numbered 一、二、…), with the chosen expenditure columns, totals at the bottom.
  z.strictObject({
    ...tableBase,
    ...header,
    ...blankZeros,
    kind: z.literal('summary-by-class'),
    income_lines: z.array(z.strictObject({ label: Wording, figure: z.enum(INCOME_LINE_FIGURES) })).min(1),
    columns: z.array(z.enum(SUMMARY_COLUMNS)).min(1),
    /** all: every 类 row; fiscal: the 类 rows with fiscal money (a fiscal summary). */
    rows: z.enum(['all', 'fiscal']).default('all'),
    total_labels: z.strictObject({ income: Wording, expenditure: Wording }),
  }),
  // One row: this year's 三公 (in the section's unit) and the 机关运行经费.
  z.strictObject({ ...tableBase, ...header, kind: z.literal('three-public-row'), columns: z.array(z.enum(THREE_PUBLIC_COLUMNS)).min(1) }),
]);

/** Facts optional in the format that a layout may require because it prints them. */
export const REQUIRABLE = ['summary', 'performance', 'staffing', 'supervisor', 'goals'] as const;

/**
 * Identities that hold only in some layouts: the check tests each only when the profile lists it
 * under `identities` (docs/profiles.md). The identities every layout shares (a total is the sum of
 * its parts, income = expenditure, …) are not listed: they always hold.
 */
export const LAYOUT_IDENTITIES = [
  // The economic classification covers project spending too (total | basic | project agree with
  // the functional one); a layout whose economic table covers 基本支出 only compares the basic column.
  'economic-covers-projects',
  // The project list is complete: its amounts add up to the project column (by source, and by kind
  // of general appropriation).
  'projects-complete',
  // The performance table's total is the whole budget (整体支出).
  'performance-covers-budget',
  // Government procurement is written per functional row, and the narrative's procurement total is their sum.
  'procurement-by-row',
  // 三公 (in their own unit) equal the economic rows that hold them (公务接待费, 公务用车运行维护费, …).
  'three-public-economic',
  // 机关运行经费 cannot exceed the 公用经费 of the general budget's basic spending.
  'running-cost-public',
] as const;
export type LayoutIdentity = (typeof LAYOUT_IDENTITIES)[number];
/** The default layout's (profiles/shenzhen.yaml): what a check without a profile holds a budget to (`budget fix`, tests). */
export const DEFAULT_IDENTITIES: readonly LayoutIdentity[] = ['economic-covers-projects', 'projects-complete', 'performance-covers-budget', 'procurement-by-row'];

/** Every table kind, as a profile names it. */
export const TABLE_KINDS: readonly TableKind[] = TableSchema.options.map((o) => o.shape.kind.value);

/** How many columns each kind lays out: a declared header tree must have as many leaves. */
export const KIND_COLUMNS: Partial<Record<TableDecl['kind'], number>> = {
  'income-expenditure-summary': 4,
  'expenditure-with-procurement': 9,
  'classified-by-source': 6,
};

export const ProfileSchema = z
  .strictObject({
    /** One line for `budget profiles`. */
    description: z.string().min(1),
    document: z.strictObject({
      /** 部门预算 or 单位预算: `{kind}` in the wording below. */
      kind: z.string().min(1),
      /** Cover and PDF title. */
      title: Wording,
      subject: Wording,
      keywords: z.array(Wording),
      /** Lines under the cover title. */
      cover_lines: z.array(Wording),
      toc_title: z.string().min(1),
      labels: z.strictObject({
        narrative: worded(LABEL_VARS.narrative),
        see_table: worded(LABEL_VARS.see_table),
        page_footer: worded(LABEL_VARS.page_footer),
      }),
      /** The line under each table's title, e.g. 部门名称：{department} | 单位：{unit}. */
      table_header_line: z.strictObject({ left: Wording, right: Wording }),
    }),
    /** The templates directory, relative to the profile file. */
    templates: z.string().min(1),
    /** Printed before the first part (e.g. `# 一、文字部分`). */
    narrative_heading: TemplateName.optional(),
    /** The narrative parts in print order; each part's heading is in its template. */
    parts: z.array(z.strictObject({ name: z.string().min(1), template: TemplateName })),
    /** Printed on the first table's page, before it (e.g. `# 二、表格部分`). */
    tables_heading: TemplateName.optional(),
    /** The tables in print order. */
    tables: z.array(TableSchema).min(1),
    /** How many parts come before the tables (the rest follow them); default all. */
    tables_after: z.number().int().nonnegative().optional(),
    /** Facts the format leaves optional that this layout prints: missing, they are shape/missing-value (default none). */
    requires: z.array(z.enum(REQUIRABLE)).optional(),
    /** The prior-year figures the layout compares with (default all): the others need not be written when no prior year's data is at hand. */
    prior: z.array(z.enum(['income_total', 'expenditure_total', 'running_cost', 'three_public'])).optional(),
    /** The layout-specific identities the check tests (LAYOUT_IDENTITIES); absent: none of them. */
    identities: z.array(z.enum(LAYOUT_IDENTITIES)).default([]),
    /**
     * The house style of the text (check's style/* warnings, `budget fix`): `figure_space`, one
     * space between a figure and a Chinese character ("2031 年", "1,234 万元"; the default) or none.
     */
    typography: z.strictObject({ figure_space: z.boolean().default(true) }).default({ figure_space: true }),
  })
  .superRefine((p, ctx) => {
    const seen = new Map<string, number>();
    p.tables.forEach((t, i) => {
      if (seen.has(t.id)) ctx.addIssue({ code: 'custom', path: ['tables', i, 'id'], message: `table id ${t.id} is used twice (also tables[${seen.get(t.id)}])` });
      seen.set(t.id, i);
      const want =
        t.kind === 'classified-columns'
          ? (t.classification === 'functional' ? 3 : 2) + 1 + t.columns.length
          : t.kind === 'summary-by-class'
            ? 3 + t.columns.length
            : t.kind === 'three-public-row'
              ? t.columns.length
              : KIND_COLUMNS[t.kind];
      const leaves = 'header' in t ? countLeaves(t.header) : undefined;
      if (want !== undefined && leaves !== want) {
        ctx.addIssue({ code: 'custom', path: ['tables', i, 'header'], message: `a ${t.kind} table has ${want} columns; this header has ${leaves} leaves` });
      }
    });
    p.identities.forEach((x, i) => {
      if (p.identities.indexOf(x) !== i) ctx.addIssue({ code: 'custom', path: ['identities', i], message: `identity ${x} is listed twice` });
    });
    if (p.tables_after !== undefined && p.tables_after > p.parts.length)
      ctx.addIssue({ code: 'custom', path: ['tables_after'], message: `tables_after is ${p.tables_after}, but there are ${p.parts.length} parts` });
    const names = [p.narrative_heading, ...p.parts.map((x) => x.template), p.tables_heading].filter((x) => x !== undefined);
    names.forEach((n, i) => {
      if (names.indexOf(n) !== i) ctx.addIssue({ code: 'custom', path: ['parts'], message: `template ${n} is listed twice` });
    });
  });

function countLeaves(h: readonly HeaderDecl[]): number {
  return h.reduce((a, x) => a + (typeof x === 'string' ? 1 : countLeaves(x.children)), 0);
}

export type Profile = z.output<typeof ProfileSchema>;
export type TableDecl = z.output<typeof TableSchema>;
export type TableKind = TableDecl['kind'];
export type NoteDecl = z.output<typeof Note>;
