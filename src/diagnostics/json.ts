import type { Span } from '../source/span.js';
import type { Diagnostic, Lang, Origin, RuleDoc } from './diagnostic.js';
import { countSeverities, sortDiagnostics, type DirResult } from './result.js';
import { ruleLines } from './rules-table.js';
import { sameAmount } from './text.js';

/** Version of the JSON report (docs/json-format.md). Bumped only on incompatible changes. */
export const JSON_FORMAT_VERSION = 1;

export interface JsonOptions {
  readonly lang: Lang;
  readonly rules?: readonly RuleDoc[];
}

interface JsonSpan {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

const span = (s: Span | undefined): JsonSpan | null =>
  s ? { file: s.file, line: s.line, column: s.col, endLine: s.endLine, endColumn: s.endCol } : null;

/** The workbook cell an imported figure came from (src/origins): null without the import's record. */
const origin = (o: Origin | undefined) => (o ? { workbook: o.workbook, csv: o.csv, sheet: o.sheet, cell: o.cell, imported: o.imported, edited: o.edited } : null);

function diagnostic(d: Diagnostic, lang: Lang) {
  return {
    severity: d.severity,
    rule: d.rule,
    message: d.message[lang],
    span: span(d.span),
    label: d.label ? d.label[lang] : null,
    related: d.related.map((r) => ({ span: span(r.span), label: r.label[lang], origin: origin(r.origin) })),
    figures: d.figures.map((f) => ({ label: f.label[lang], value: f.value, span: span(f.span), origin: origin(f.origin) })),
    difference: d.difference ?? null,
    feeds: [...(d.feeds ?? [])],
    help: d.help ? d.help[lang] : null,
    origin: origin(d.origin),
  };
}

/** The machine-readable report: one object, pretty-printed, keys in a fixed order. */
export function formatJson(results: readonly DirResult[], opts: JsonOptions): string {
  const report = {
    version: JSON_FORMAT_VERSION,
    lang: opts.lang,
    ok: results.every((r) => r.status === 'ok'),
    results: results.map((r) => ({
      dir: r.dir,
      department: r.department ?? null,
      year: r.year ?? null,
      status: r.status,
      ok: r.status === 'ok',
      balance: r.balance ? { ...r.balance, equal: sameAmount(r.balance.income, r.balance.expenditure) } : null,
      counts: countSeverities(r.diagnostics),
      diagnostics: sortDiagnostics(r.diagnostics).map((d) => diagnostic(d, opts.lang)),
      rules: ruleLines(r.runs, opts.rules ?? []),
      outputs: r.outputs ? [...r.outputs] : null,
      build: r.build ?? null,
    })),
  };
  return JSON.stringify(report, null, 2) + '\n';
}
