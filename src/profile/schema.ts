import { z } from 'zod';
import { SOURCES } from '../model/budget.js';

/**
 * A profile (report definition): one document layout declared as data — the document's kind and
 * wording, its narrative parts and their templates, and its tables, each a named table kind
 * (implemented in src/document/tables) with the parameters that make it this table. Written as a
 * YAML file (`profiles/<name>.yaml`, docs/profiles.md) so that a new layout is a new file and a
 * templates folder, not a change to src/.
 */

/** Placeholders a piece of the document's wording may use; the document stage fills them. */
export const WORDING_VARS = ['department', 'year', 'unit', 'kind', 'date'] as const;
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
  /** The caption line above the title, as printed: 表1, 表十二. */
  caption: Wording,
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
]);

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
      const want = KIND_COLUMNS[t.kind];
      const leaves = 'header' in t ? countLeaves(t.header) : undefined;
      if (want !== undefined && leaves !== want) {
        ctx.addIssue({ code: 'custom', path: ['tables', i, 'header'], message: `a ${t.kind} table has ${want} columns; this header has ${leaves} leaves` });
      }
    });
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
