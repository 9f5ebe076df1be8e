import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { validateShape } from '../../src/schema/index.js';
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

/**
 * The shape findings of data/2023 with one edit: `from` (which must occur exactly once in `file`)
 * replaced by `to`. The edited text must still parse.
 */
export function shapeWith(file: string, from: string, to: string): Diagnostic[] {
  const dir = 'data/2023';
  const inputs = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => {
      const text = readFileSync(join(dir, f), 'utf8');
      if (f === file) expect(text.split(from)).toHaveLength(2);
      return { path: join(dir, f), bytes: new TextEncoder().encode(f === file ? text.replace(from, to) : text) };
    });
  const parsed = parseSources(dir, inputs);
  if (!parsed.tree) throw new Error(JSON.stringify(parsed.diagnostics.map((d) => d.message.en)));
  return validateShape(parsed.tree).diagnostics;
}
