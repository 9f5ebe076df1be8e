import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '../../src/fix/index.js';

const file = (n: number, changed: Record<number, string> = {}) =>
  Array.from({ length: n }, (_, i) => changed[i + 1] ?? `line ${i + 1}`).join('\n') + '\n';

describe('unifiedDiff', () => {
  it('no change, no diff', () => {
    expect(unifiedDiff('a.yaml', file(5), file(5))).toBe('');
  });

  it('one changed line with three lines of context each side, clipped at the file start', () => {
    expect(unifiedDiff('data/2031/a.yaml', file(10), file(10, { 2: 'two' }))).toBe(
      '--- a/data/2031/a.yaml\n+++ b/data/2031/a.yaml\n@@ -1,5 +1,5 @@\n line 1\n-line 2\n+two\n line 3\n line 4\n line 5\n',
    );
  });

  it('changes whose contexts touch share a hunk; far ones get their own; a run prints its − lines first', () => {
    const d = unifiedDiff('/abs/a.yaml', file(30), file(30, { 5: 'five', 6: 'six', 12: 'twelve', 25: 'x' }));
    expect(d).toBe(
      [
        '--- a/abs/a.yaml',
        '+++ b/abs/a.yaml',
        '@@ -2,14 +2,14 @@',
        ' line 2',
        ' line 3',
        ' line 4',
        '-line 5',
        '-line 6',
        '+five',
        '+six',
        ' line 7',
        ' line 8',
        ' line 9',
        ' line 10',
        ' line 11',
        '-line 12',
        '+twelve',
        ' line 13',
        ' line 14',
        ' line 15',
        '@@ -22,7 +22,7 @@',
        ' line 22',
        ' line 23',
        ' line 24',
        '-line 25',
        '+x',
        ' line 26',
        ' line 27',
        ' line 28',
        '',
      ].join('\n'),
    );
  });

  it('a CRLF file keeps its line ends in the patch', () => {
    expect(unifiedDiff('a.yaml', 'a: 1\r\nb: 2\r\n', 'a: 1\r\nb: 3\r\n')).toBe('--- a/a.yaml\n+++ b/a.yaml\n@@ -1,2 +1,2 @@\n a: 1\r\n-b: 2\r\n+b: 3\r\n');
  });
});
