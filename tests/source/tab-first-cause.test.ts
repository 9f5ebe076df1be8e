import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { parseFile } from '../../src/source/parse.js';

/**
 * One tab, one finding (issue 11 §2): a tab before a list item made yaml complain on the line
 * before it and on the next lines too; the tab is the cause, and it alone is reported, at the tab.
 */
test.each([1, 2, 5])('a tab before list item %i of functional.yaml: one input/tab-indent at the tab', (n) => {
  const lines = readFileSync('data/2023/functional.yaml', 'utf8').split('\n');
  const items = lines.flatMap((l, i) => (l.startsWith('    - {code') ? [i] : []));
  const at = items[n - 1]!;
  lines[at] = '\t' + lines[at]!.slice(1);
  const r = parseFile('data/2023/functional.yaml', lines.join('\n'));
  expect(r.diagnostics.map((d) => d.rule)).toEqual(['input/tab-indent']);
  expect(r.diagnostics[0]!.span).toMatchObject({ line: at + 1, col: 1 });
});
