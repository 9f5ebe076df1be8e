/**
 * The profile's wording with its placeholders filled: `{department}`, `{year}`, … become the
 * department's values. Placeholders the profile schema does not allow never get this far; the
 * renderers' own (`{name}`, `{page}`) are left for them.
 */
export function wording(vars: Readonly<Record<string, string>>): (s: string) => string {
  return (s) => s.replace(/\{([^{}]*)\}/g, (m, k: string) => (Object.prototype.hasOwnProperty.call(vars, k) ? vars[k]! : m));
}
