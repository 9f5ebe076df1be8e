import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { checkDir } from '../../src/compile.js';
import { nodeWorld } from '../../src/world/index.js';

/** Findings of the hostile review of the Shanghai layout that were not crashes but wrong words. */
const FIXTURE = 'fixtures/shanghai/multi-unit-yuan-2031';

test('cross/three-public-economic names the economic rows\' basic in yuan with its decimals, not the raw coefficient', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'budget-sh-')), '2031');
  cpSync(FIXTURE, dir, { recursive: true });
  const file = join(dir, 'other.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace('this_year: {reception: 2.00}', 'this_year: {reception: 3.00}'));
  const es = checkDir(dir, nodeWorld({ env: {} }), { strict: false, profiles: 'profiles' }).diagnostics.filter((d) => d.rule === 'cross/three-public-economic');
  expect(es).toHaveLength(1);
  // economic.yaml: 30217 公务接待费 basic 20000.00 元 (it read "2000000 元" before)
  expect(es[0]!.message.zh).toContain('30217 的基本支出（20000.00 元，按万元四舍五入） 2.00');
  expect(es[0]!.message.en).toContain('basic (20000.00 元, rounded to 万元)');
});
