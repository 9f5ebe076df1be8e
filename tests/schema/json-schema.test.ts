import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { sourceJsonSchemaText } from '../../src/schema/json-schema.js';
import { ARITHMETIC_CASES, caseFiles, SHAPE_CASES } from '../fixtures/invalid.js';

/**
 * schema/budget.schema.json — what VS Code's YAML extension validates each data file against as
 * one types — checked with a real JSON Schema validator (ajv), one file at a time, as the editor
 * sees them: the reference data and fixtures pass; the shape mistakes an editor can see fail.
 */

const ROOT = join(import.meta.dirname, '..', '..');
const FILE = join(ROOT, 'schema', 'budget.schema.json');
const schema = JSON.parse(readFileSync(FILE, 'utf8'));
const validate = new Ajv({ allErrors: true, allowUnionTypes: true }).compile(schema);

const yamlFiles = (dir: string) => readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).map((f) => join(dir, f));
const errorsOfText = (text: string) => (validate(parse(text, { version: '1.2', schema: 'core' })) ? [] : (validate.errors ?? []));
const errorsOf = (file: string) => errorsOfText(readFileSync(file, 'utf8'));

describe('schema/budget.schema.json', () => {
  it('is generated from the zod schemas and up to date (node scripts/gen-schema.mjs after npm run build)', () => {
    expect(readFileSync(FILE, 'utf8')).toBe(sourceJsonSchemaText());
  });

  it.each(['data/2023', 'fixtures/reference-2022', 'fixtures/synthetic-yuan-2024'])('accepts every file of %s on its own', (dir) => {
    const files = yamlFiles(join(ROOT, dir));
    expect(files.length).toBeGreaterThan(1);
    for (const f of files) expect(errorsOf(f), f).toEqual([]);
  });

  // The shape mistakes a per-file JSON Schema can see; the others need the whole directory
  // (codes, references, duplicates) or the written text (a quoted number, 1e3): budget check's.
  const VISIBLE = new Set(['shape/unknown-key', 'shape/missing-value', 'shape/wrong-type', 'shape/invalid-value', 'shape/negative-count', 'shape/negative-amount', 'shape/unknown-source']);
  // Each case of fixtures/invalid is the reference with one edit, made in memory.
  it.each(SHAPE_CASES.filter((c) => VISIBLE.has(c.rule)).map((c) => [c.name, c] as const))('rejects %s in the edited file, and only there', (_n, c) => {
    for (const [f, text] of caseFiles(c)) {
      if (f === c.file) expect(errorsOfText(text).length, f).toBeGreaterThan(0);
      else expect(errorsOfText(text), f).toEqual([]);
    }
  });

  it('accepts the arithmetic mistakes: those are budget check’s', () => {
    expect(ARITHMETIC_CASES.length).toBeGreaterThan(5);
    for (const c of ARITHMETIC_CASES) for (const [f, text] of caseFiles(c)) expect(errorsOfText(text), `${c.name}/${f}`).toEqual([]);
  });

  it('flags a misspelt section and a misspelt key as one types them', () => {
    expect(validate({ functinal: { rows: [] } })).toBe(false);
    expect(validate.errors?.[0].keyword).toBe('additionalProperties');
    expect(validate({ income: { totl: 1 } })).toBe(false);
    expect(validate({ income: { total: '3,341,357.82' } })).toBe(true); // grouped, as budget reads it
    expect(validate({ income: { total: 'many' } })).toBe(false);
  });
});
