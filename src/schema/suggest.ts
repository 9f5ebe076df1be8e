/** Edit distance (Levenshtein, with adjacent transposition counted as one edit). */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  const d: number[][] = Array.from({ length: m + 1 }, (_, i) => {
    const row = new Array<number>(n + 1).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j <= n; j++) d[0][j] = j;
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[m][n];
}

const norm = (s: string) => s.toLowerCase().replace(/[-\s]/g, '_');

/** The closest candidate within a distance that still reads as a typo of it, or undefined. */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  const w = norm(word);
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const cn = norm(c);
    if (cn === w) return c;
    const dist = editDistance(w, cn);
    const limit = Math.max(1, Math.floor(Math.max(w.length, cn.length) / 3));
    const prefix = cn.startsWith(w) || w.startsWith(cn);
    if ((dist <= limit || (prefix && Math.min(w.length, cn.length) >= 3)) && dist < bestD) {
      best = c;
      bestD = dist;
    }
  }
  return best;
}
