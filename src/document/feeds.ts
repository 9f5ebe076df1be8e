import type { Budget } from '../model/budget.js';
import { type Fact, factSection, under } from '../model/facts.js';
import type { Profile } from '../profile/index.js';
import { tableContext } from './build.js';
import { partRef, templateFacts, type TemplateFile } from './narrative/engine.js';
import { buildTables, tableShows, type TableCtx } from './tables/index.js';

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
  // Built on the first finding that asks: a clean check lays out no table.
  let index: FeedsOf | undefined;
  return (facts) => (index ??= feedsIndex(budget, profile, templates))(facts);
}

function feedsIndex(budget: Budget, profile: Profile, templates: readonly TemplateFile[]): FeedsOf {
  // the facts each cell shows, not its figure (a check may ask on every keystroke of --watch)
  let ctx: TableCtx | undefined;
  const tableCtx = (): TableCtx => {
    const c = tableContext(budget, profile, new Date(Date.UTC(budget.department.year, 0, 1)), 0);
    return { ...c, f: { ...c.f, factsOnly: true } };
  };
  // A table is laid out when a finding first asks about a section of the budget its kind can show
  // (`tableShows`): a check's few findings lay out the few tables that may show their figures.
  const decls = profile.tables;
  const shows = decls.map((d) => tableShows(d));
  const laidOut: ({ readonly ref: string; readonly facts: ReadonlySet<Fact> } | undefined)[] = [];
  const table = (i: number) => {
    let t = laidOut[i];
    if (!t) {
      const [built] = buildTables((ctx ??= tableCtx()), [decls[i]!]);
      const facts = new Set<Fact>();
      for (const r of built!.rows) for (const c of r.cells) if (c?.kind === 'number') for (const f of c.facts ?? []) facts.add(f);
      laidOut[i] = t = { ref: built!.caption || built!.title, facts };
    }
    return t;
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
      if (facts.some((f) => t.facts.has(f))) ts.push(t.ref);
    });
    const ps = parts.filter((p) => facts.some((f) => p.prints.some((x) => under(f, x))));
    return [...new Set([...ts, ...ps.map((p) => p.ref)])];
  };
}
