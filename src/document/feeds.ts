import type { Budget, ClassRow } from '../model/budget.js';
import { type Fact, factSection, under } from '../model/facts.js';
import type { Profile, TableDecl } from '../profile/index.js';
import { tableContext } from './build.js';
import { partRef, templateFacts, type TemplateFile } from './narrative/engine.js';
import { tableFactsOf, tableShows, type TableFacts } from './tables/index.js';

type Cls = 'functional' | 'economic';

/** The tables and parts of the document that show any of the given figures, as the document names them. */
export type FeedsOf = (facts: readonly Fact[]) => string[];

/**
 * Where the profile's document shows each figure of this budget, derived from the layout itself:
 * the table kinds put on each number cell the facts it shows (so a table is named exactly when it
 * prints the figure for this budget: a row split by source appears in the table of that source, a
 * row paid wholly from it too), and each narrative part prints what its template names. Tables are
 * named by their caption (or title, when they have none), parts by the first word of their heading;
 * tables first, each list in print order.
 */
export function layoutFeeds(budget: Budget, profile: Profile, templates: readonly TemplateFile[]): FeedsOf {
  // Built on the first finding that asks: a clean check asks no table.
  let index: FeedsOf | undefined;
  return (facts) => (index ??= feedsIndex(budget, profile, templates))(facts);
}

function feedsIndex(budget: Budget, profile: Profile, templates: readonly TemplateFile[]): FeedsOf {
  // Tables are named as the document names them: the profile's wording filled for this budget.
  let words: ((s: string) => string) | undefined;
  const refOf = (d: TableDecl): string => {
    words ??= tableContext(budget, profile, new Date(Date.UTC(budget.department.year, 0, 1)), 0).words;
    return (d.caption ? words(d.caption) : '') || words(d.title);
  };
  // A table is asked when a finding first asks about a section of the budget its kind can show
  // (`tableShows`); what it shows is collected without laying it out (`tableFactsOf`), and of the
  // lines of a classification's rows only those of the rows the finding names (a row's line shows
  // that row's figures only): a finding about two rows of a 10,000-row department visits two lines.
  const decls = profile.tables;
  const shows = decls.map((d) => tableShows(d));
  const seen: ({ readonly ref: string; readonly facts: TableFacts } | undefined)[] = [];
  const table = (i: number) => (seen[i] ??= { ref: refOf(decls[i]!), facts: tableFactsOf(budget, decls[i]!) });
  const codes: Partial<Record<Cls, Map<string, ClassRow[]>>> = {};
  const rowsByCode = (cls: Cls): Map<string, ClassRow[]> => {
    let m = codes[cls];
    if (!m) {
      codes[cls] = m = new Map();
      for (const r of budget[cls].rows) {
        const at = m.get(r.code.text);
        if (at) at.push(r);
        else m.set(r.code.text, [r]);
      }
    }
    return m;
  };
  /** The rows of `cls` the facts name (`functional[2010350].basic` names 2010350). */
  const named = (cls: Cls, facts: readonly Fact[]): ClassRow[] => {
    const out: ClassRow[] = [];
    for (const f of facts) {
      if (!f.startsWith(cls) || f.charAt(cls.length) !== '[') continue;
      const end = f.indexOf(']', cls.length);
      if (end > 0) out.push(...(rowsByCode(cls).get(f.slice(cls.length + 1, end)) ?? []));
    }
    return out;
  };
  const showsAny = (t: TableFacts, facts: readonly Fact[]): boolean => {
    if (facts.some((f) => t.fixed.has(f))) return true;
    if (!t.cls) return false;
    for (const r of named(t.cls, facts)) {
      const line = t.row(r);
      if (facts.some((f) => line.has(f))) return true;
    }
    return false;
  };
  const byName = new Map(templates.map((t) => [t.path.split(/[\\/]/).pop()!, t]));
  const parts = profile.parts.flatMap((p) => {
    const file = byName.get(p.template);
    return file ? [{ ref: partRef(file), prints: templateFacts(file, budget.department.year) }] : [];
  });
  return (facts) => {
    const sections = new Set(facts.map(factSection));
    const ts: string[] = [];
    shows.forEach((s, i) => {
      if (!s.some((x) => sections.has(x))) return;
      const t = table(i);
      if (showsAny(t.facts, facts)) ts.push(t.ref);
    });
    const ps = parts.filter((p) => facts.some((f) => p.prints.some((x) => under(f, x))));
    return [...new Set([...ts, ...ps.map((p) => p.ref)])];
  };
}
