/**
 * `--shard i/n`: CI matrix job i of n takes the i-th of n contiguous, balanced slices of the
 * (sorted) list: items [⌊(i−1)·N/n⌋, ⌊i·N/n⌋). Every item falls in exactly one shard, slices differ
 * in size by at most one, and the split depends only on the list and n, so parallel jobs given the
 * same command line share a batch without coordinating. Contiguous slices keep a department's
 * consecutive years together (the prior-year cross-check reads the year before).
 */

export interface Shard {
  /** 1-based. */
  readonly index: number;
  readonly count: number;
}

/** Parses `i/n` (1 ≤ i ≤ n); a message in both languages when malformed. */
export function parseShard(text: string): Shard | { error: { zh: string; en: string } } {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || !Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count < 1 || index < 1 || index > count)
    return {
      error: {
        zh: `--shard 的值“${text}”无效：应为 i/n，1 ≤ i ≤ n，例如 --shard 2/4。`,
        en: `invalid --shard "${text}": expected i/n with 1 ≤ i ≤ n, e.g. --shard 2/4.`,
      },
    };
  return { index, count };
}

export function shardOf<T>(items: readonly T[], s: Shard): T[] {
  const n = items.length;
  const from = Math.floor(((s.index - 1) * n) / s.count);
  const to = Math.floor((s.index * n) / s.count);
  return items.slice(from, to);
}
