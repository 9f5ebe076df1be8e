import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSources } from '../../src/source/index.js';
import type { SourceTree } from '../../src/source/tree.js';

/** Reads a department-year directory the way the CLI does (every .yaml file) and parses it. */
export function loadTree(dir: string): SourceTree {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .map((f) => ({ path: join(dir, f), bytes: new Uint8Array(readFileSync(join(dir, f))) }));
  const r = parseSources(dir, files);
  if (!r.tree) throw new Error(`parse failed: ${JSON.stringify(r.diagnostics.map((d) => [d.rule, d.message.en]))}`);
  return r.tree;
}
