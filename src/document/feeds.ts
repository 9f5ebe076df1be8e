import type { Budget } from '../model/budget.js';
import { type Fact, under } from '../model/facts.js';
import type { Profile } from '../profile/index.js';
import { tableContext } from './build.js';
import { partRef, templateFacts, type TemplateFile } from './narrative/engine.js';
import { buildTables } from './tables/index.js';

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
  const ctx = tableContext(budget, profile, new Date(Date.UTC(budget.department.year, 0, 1)), 0);
  const tables = buildTables({ ...ctx, f: { ...ctx.f, factsOnly: true } }, profile.tables);
  const shownIn = new Map<Fact, number[]>();
  tables.forEach((t, i) => {
    for (const r of t.rows)
      for (const c of r.cells)
        if (c?.kind === 'number')
          for (const f of c.facts ?? []) {
            const at = shownIn.get(f);
            if (!at) shownIn.set(f, [i]);
            else if (at[at.length - 1] !== i) at.push(i);
          }
  });
  const tableRefs = tables.map((t) => t.caption || t.title);
  const byName = new Map(templates.map((t) => [t.path.split(/[\\/]/).pop()!, t]));
  const parts = profile.parts.flatMap((p) => {
    const file = byName.get(p.template);
    return file ? [{ ref: partRef(file), prints: templateFacts(file, budget.department.year) }] : [];
  });
  return (facts) => {
    const ts = new Set<number>();
    for (const f of facts) for (const i of shownIn.get(f) ?? []) ts.add(i);
    const ps = parts.filter((p) => facts.some((f) => p.prints.some((x) => under(f, x))));
    return [...new Set([...[...ts].sort((a, b) => a - b).map((i) => tableRefs[i]!), ...ps.map((p) => p.ref)])];
  };
}
