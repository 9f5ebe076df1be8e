import { z } from 'zod';
import { SourceSchema } from './format.js';
import { KEY_ZH } from './labels.js';

/**
 * The source format as a JSON Schema (draft-07, what VS Code's YAML extension reads best), made
 * from the zod schemas so the two cannot drift (`schema/budget.schema.json`, written by
 * `node scripts/gen-schema.mjs`; tests/schema/json-schema.test.ts checks it is up to date).
 *
 * An editor validates one file at a time, and a department-year spreads its sections over several
 * files: so every top-level section is optional here (inside a section, the format's own required
 * keys stay required). What only the whole directory can tell — a missing section, codes, sums —
 * is `budget check`'s. Two further differences, both in the editor's favour: an amount may also be
 * an unquoted number grouped by thousands (`3,341,357.82` is a string to YAML; budget reads it as a
 * number), and the editor cannot tell a quoted "1234" from a plain one (budget check can).
 * Each key carries its Chinese name as its description (which tables show a section is the profile's to say).
 */

const GROUPED = '^[+-]?\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?$';

type Json = { [k: string]: unknown };

export function sourceJsonSchema(): Json {
  const schema = z.toJSONSchema(SourceSchema.partial(), { target: 'draft-07', io: 'input', unrepresentable: 'any' }) as Json;
  const walk = (s: unknown): unknown => {
    if (Array.isArray(s)) return s.map(walk);
    if (!s || typeof s !== 'object') return s;
    const o = s as Json;
    // A number the format reads as an amount: also the grouped text (see above).
    if (o.type === 'number') return { anyOf: [o, { type: 'string', pattern: GROUPED }] };
    const out: Json = {};
    for (const [k, v] of Object.entries(o)) out[k] = k === 'properties' ? describe(v as Json, walk) : walk(v);
    return out;
  };
  const body = walk(schema) as Json;
  const { $schema, ...rest } = body;
  return {
    $schema,
    title: 'budget: one file of a department-year (部门预算公开 数据文件)',
    description: '每个文件含若干顶层节；整个目录由 budget check 检查。One file of data/<year>/; budget check checks the whole directory. docs/format.md',
    ...rest,
  };
}

function describe(props: Json, walk: (s: unknown) => unknown): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(props)) {
    const w = walk(v) as Json;
    const zh = KEY_ZH[k];
    out[k] = zh && !w.description ? { description: zh, ...w } : w;
  }
  return out;
}

/** The text of schema/budget.schema.json. */
export function sourceJsonSchemaText(): string {
  return JSON.stringify(sourceJsonSchema(), null, 2) + '\n';
}
