import type { Diagnostic, Lang } from './diagnostic.js';
import { countSeverities, sortDiagnostics, type DirResult } from './result.js';
import { balanceText, countsText, figureText, originText, signed, withOrigin, word } from './text.js';

/**
 * GitHub Actions workflow commands, so findings show on the pull request's lines:
 * `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`. Notes become `::notice`.
 */
export function formatGithub(results: readonly DirResult[], opts: { lang: Lang }): string {
  const out: string[] = [];
  for (const r of results) {
    for (const d of sortDiagnostics(r.diagnostics)) out.push(annotation(d, opts.lang));
    const sep = opts.lang === 'zh' ? '：' : ': ';
    const status = word(r.status === 'ok' ? 'passed' : r.status === 'failed' ? 'failed' : 'unusable', opts.lang);
    const tail = [r.balance ? balanceText(r.balance, opts.lang) : '', `${status}${sep}${r.dir}${opts.lang === 'zh' ? '，' : ', '}${countsText(countSeverities(r.diagnostics), opts.lang)}`];
    out.push(...tail.filter(Boolean));
  }
  return out.join('\n') + '\n';
}

const COMMAND = { error: 'error', warning: 'warning', note: 'notice' } as const;

export function annotation(d: Diagnostic, lang: Lang): string {
  const props: string[] = [];
  if (d.span) {
    props.push(`file=${escapeProperty(d.span.file)}`, `line=${d.span.line}`, `col=${d.span.col}`);
    if (d.span.endLine >= d.span.line) props.push(`endLine=${d.span.endLine}`);
    if (d.span.endLine === d.span.line && d.span.endCol > d.span.col) props.push(`endColumn=${d.span.endCol}`);
  }
  props.push(`title=${escapeProperty(d.rule)}`);
  const sep = lang === 'zh' ? '；' : '; ';
  const body = [d.message[lang]];
  if (d.figures.length) body.push(d.figures.map((f) => figureText(f, lang)).join(sep));
  // the primary figure's workbook cell, when no figure names it (src/origins)
  if (d.origin && d.span && !d.figures.some((f) => f.origin && f.span?.offset === d.span!.offset && f.span.file === d.span!.file)) body.push(originText(d.origin, lang));
  if (d.difference !== undefined) body.push(`${word('difference', lang)}${lang === 'zh' ? '：' : ': '}${signed(d.difference)}`);
  if (d.feeds?.length) body.push(`${word('feeds', lang)}${lang === 'zh' ? '：' : ': '}${d.feeds.join(lang === 'zh' ? '、' : ', ')}`);
  for (const r of d.related) body.push(withOrigin(`${word('also', lang)} ${r.span.file}:${r.span.line}:${r.span.col} ${r.label[lang]}`, r.origin, lang));
  if (d.help) body.push(`${word('help', lang)}${lang === 'zh' ? '：' : ': '}${d.help[lang]}`);
  return `::${COMMAND[d.severity]} ${props.join(',')}::${escapeData(body.join('\n'))}`;
}

/** The runner's escaping of a command's message (actions/toolkit, command.ts). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values additionally escape the separators `:` and `,`. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
