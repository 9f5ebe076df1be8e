#!/usr/bin/env node
// Writes schema/budget.schema.json, the JSON Schema of one data file, from the zod schemas
// (src/schema/json-schema.ts). Run after `npm run build`; tests/schema/json-schema.test.ts fails
// when the committed file is out of date.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { sourceJsonSchemaText } = await import(join(root, 'dist/schema/json-schema.js'));
writeFileSync(join(root, 'schema/budget.schema.json'), sourceJsonSchemaText());
console.log('wrote schema/budget.schema.json');
