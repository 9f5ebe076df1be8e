import type { Diagnostic, Lang, RuleDoc } from './diagnostic.js';
import { countSeverities, sortDiagnostics, type DirResult } from './result.js';
import { ruleLines } from './rules-table.js';
import { figureText, originText, signed, withOrigin, word } from './text.js';

/**
 * JUnit XML for CI systems that read it: one <testsuite> per department-year, one <testcase> per
 * rule; errors (and, with --strict, warnings and notes) are <failure>s, a rule that did not run is
 * <skipped>, notes go to <system-out>. Input that could not be loaded is one failing case `input`.
 */
export function formatJunit(results: readonly DirResult[], opts: { lang: Lang; rules?: readonly RuleDoc[]; strict?: boolean }): string {
  const { lang } = opts;
  const suites: string[] = [];
  let tests = 0, failures = 0, skipped = 0;
  for (const r of results) {
    const name = r.department && r.year ? `${r.department}-${r.year}` : r.dir;
    const byRule = new Map<string, Diagnostic[]>();
    for (const d of sortDiagnostics(r.diagnostics)) byRule.set(d.rule, [...(byRule.get(d.rule) ?? []), d]);
    const lines = ruleLines(r.runs, opts.rules ?? []);
    const ids = lines.map((l) => l.id);
    for (const id of byRule.keys()) if (!ids.includes(id)) ids.push(id);
    const cases: string[] = [];
    let sf = 0, ss = 0;
    for (const id of ids) {
      const line = lines.find((l) => l.id === id);
      const diags = byRule.get(id) ?? [];
      const failing = diags.filter((d) => d.severity === 'error' || opts.strict);
      const attrs = `name="${xml(id)}" classname="${xml('budget.' + name)}"`;
      let inner = '';
      if (failing.length) {
        sf++;
        inner += `<failure message="${xml(failing[0].message[lang])}" type="${xml(id)}">${xml(failing.map((d) => describe(d, lang)).join('\n\n'), false)}</failure>`;
      } else if (line && !line.ran && !diags.length) {
        ss++;
        inner += `<skipped message="${xml(word('notRun', lang))}"/>`;
      }
      const rest = diags.filter((d) => !failing.includes(d));
      if (rest.length) inner += `<system-out>${xml(rest.map((d) => describe(d, lang)).join('\n\n'), false)}</system-out>`;
      cases.push(`    <testcase ${attrs}>${inner}</testcase>`);
    }
    tests += ids.length;
    failures += sf;
    skipped += ss;
    const c = countSeverities(r.diagnostics);
    suites.push(
      `  <testsuite name="${xml(name)}" tests="${ids.length}" failures="${sf}" errors="0" skipped="${ss}">\n` +
        `    <properties><property name="dir" value="${xml(r.dir)}"/><property name="status" value="${r.status}"/>` +
        `<property name="errors" value="${c.error}"/><property name="warnings" value="${c.warning}"/><property name="notes" value="${c.note}"/></properties>\n` +
        cases.join('\n') +
        (cases.length ? '\n' : '') +
        `  </testsuite>`,
    );
  }
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<testsuites name="budget" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}">\n` +
    suites.join('\n') +
    (suites.length ? '\n' : '') +
    `</testsuites>\n`
  );
}

function describe(d: Diagnostic, lang: Lang): string {
  const parts = [`${d.span ? `${d.span.file}:${d.span.line}:${d.span.col}: ` : ''}${d.message[lang]}`];
  if (d.figures.length) parts.push(d.figures.map((f) => figureText(f, lang)).join('; '));
  // the primary figure's workbook cell, when no figure names it (src/origins)
  if (d.origin && d.span && !d.figures.some((f) => f.origin && f.span?.offset === d.span!.offset && f.span.file === d.span!.file)) parts.push(originText(d.origin, lang));
  for (const r of d.related) if (r.origin) parts.push(withOrigin(`${word('also', lang)} ${r.span.file}:${r.span.line}:${r.span.col} ${r.label[lang]}`, r.origin, lang));
  if (d.difference !== undefined) parts.push(`${word('difference', lang)}: ${signed(d.difference)}`);
  if (d.help) parts.push(`${word('help', lang)}: ${d.help[lang]}`);
  return parts.join('\n');
}

/** Escapes text for XML content and attributes; drops characters XML 1.0 cannot carry. */
export function xml(s: string, attr = true): string {
  const t = s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
  return attr ? t.replace(/\n/g, '&#10;') : t;
}
