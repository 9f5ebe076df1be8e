import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { validateShape } from '../../src/schema/index.js';
import { parseSources } from '../../src/source/index.js';

/**
 * A whole section missing is nearly always a missing file (issue 11 §2): the finding says which
 * section no file holds and which file to look for, instead of "missing required value" at the
 * first line of department.yaml.
 */
test('without projects.yaml: the projects section is named, and what to look for', () => {
  const dir = 'data/2023';
  const inputs = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') && f !== 'projects.yaml')
    .map((f) => ({ path: join(dir, f), bytes: new Uint8Array(readFileSync(join(dir, f))) }));
  const parsed = parseSources(dir, inputs);
  const ds = validateShape(parsed.tree!).diagnostics;
  expect(ds.map((d) => d.rule)).toEqual(['shape/missing-value']);
  expect(ds[0].message.zh).toContain('缺少 projects 部分');
  expect(ds[0].message.en).toContain('no file of this directory has "projects:"');
  expect(ds[0].help?.zh).toContain('找回写有 “projects:” 的文件');
  expect(ds[0].span?.file).toBeDefined();
});
