import type { Profile } from './schema.js';

/** Every template file the profile's document needs, in print order. */
export function templateNames(p: Profile): string[] {
  return [...(p.narrative_heading ? [p.narrative_heading] : []), ...p.parts.map((x) => x.template), ...(p.tables_heading ? [p.tables_heading] : [])];
}
