import type { Lang, RuleDoc } from './diagnostic.js';

/** A named list of rules, e.g. { stage: 'check', rules: CHECK_RULES }. */
export interface RuleList {
  readonly stage: string;
  readonly rules: readonly RuleDoc[];
}

export interface Catalog {
  readonly rules: readonly RuleDoc[];
  /** Ids defined more than once, with the stages that define them (must be empty: tests assert it). */
  readonly duplicates: readonly { readonly id: string; readonly stages: readonly string[] }[];
}

/** Merges every stage's rule documentation into one catalog, reporting duplicate ids (after TypeScript's diagnosticMessages check). */
export function buildCatalog(lists: readonly RuleList[]): Catalog {
  const seen = new Map<string, string[]>();
  const rules: RuleDoc[] = [];
  for (const l of lists)
    for (const r of l.rules) {
      const stages = seen.get(r.id);
      if (stages) stages.push(l.stage);
      else {
        seen.set(r.id, [l.stage]);
        rules.push(r);
      }
    }
  const duplicates = [...seen].filter(([, s]) => s.length > 1).map(([id, stages]) => ({ id, stages }));
  return { rules, duplicates };
}

/** Rule ids look like `area/name`: lowercase words joined by hyphens. */
export const RULE_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Close ids for a mistyped one: same name in another area, substrings, then edit distance. */
export function suggestRules(id: string, rules: readonly RuleDoc[], max = 3): string[] {
  const q = id.toLowerCase();
  const scored = rules.map((r) => {
    const name = r.id.split('/')[1] ?? r.id;
    let score = levenshtein(q, r.id);
    if (q === name || r.id.endsWith('/' + q)) score = 0;
    else if (r.id.includes(q) || q.includes(r.id)) score = Math.min(score, 1);
    else score = Math.min(score, levenshtein(q, name) + 1);
    return { id: r.id, score };
  });
  const limit = Math.max(2, Math.floor(q.length / 3));
  return scored
    .filter((s) => s.score <= limit)
    .sort((a, b) => a.score - b.score || (a.id < b.id ? -1 : 1))
    .slice(0, max)
    .map((s) => s.id);
}

export function levenshtein(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/** `budget explain <rule>`: title, severity, the long explanation and the example. */
export function formatExplain(r: RuleDoc, lang: Lang): string {
  const sev = { error: { zh: '错误', en: 'error' }, warning: { zh: '警告', en: 'warning' }, note: { zh: '注记', en: 'note' } }[r.severity][lang];
  const h = lang === 'zh' ? { sev: '严重程度', ex: '示例' } : { sev: 'severity', ex: 'example' };
  const indent = (s: string) => s.split('\n').map((l) => (l ? '    ' + l : l)).join('\n');
  return `${r.id}: ${r.title[lang]}\n${h.sev}: ${sev}\n\n${r.explain[lang].trim()}\n\n${h.ex}:\n\n${indent(r.example[lang].trimEnd())}\n`;
}
