import { describe, expect, it } from 'vitest';
import { parseShard, shardOf, type Shard } from '../../src/batch/shard.js';

const shard = (t: string): Shard => {
  const s = parseShard(t);
  if ('error' in s) throw new Error(s.error.en);
  return s;
};

describe('--shard i/n', () => {
  it('puts every item in exactly one shard, in order, with sizes differing by at most one', () => {
    for (let total = 0; total <= 40; total++) {
      const items = Array.from({ length: total }, (_, i) => `data/d${String(i).padStart(2, '0')}/2023`);
      for (let n = 1; n <= 9; n++) {
        const parts = Array.from({ length: n }, (_, i) => shardOf(items, shard(`${i + 1}/${n}`)));
        expect(parts.flat()).toEqual(items); // concatenated in shard order: each item once, order kept
        const sizes = parts.map((p) => p.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }
    }
  });

  it('is stable: the same list and n give the same slices', () => {
    const items = Array.from({ length: 23 }, (_, i) => `d${i}`);
    expect(shardOf(items, shard('2/5'))).toEqual(shardOf([...items], shard('2/5')));
    expect(shardOf(items, shard('2/5'))).toEqual(['d4', 'd5', 'd6', 'd7', 'd8']);
  });

  it('refuses malformed values with a message in both languages', () => {
    for (const bad of ['0/3', '4/3', '1/0', 'a/b', '2', '1/2/3', '-1/2', '']) {
      const s = parseShard(bad);
      expect('error' in s, bad).toBe(true);
      if ('error' in s) {
        expect(s.error.en).toContain('i/n');
        expect(s.error.zh).toContain('--shard');
      }
    }
    expect(parseShard(' 3 / 4 ')).toEqual({ index: 3, count: 4 });
  });
});
