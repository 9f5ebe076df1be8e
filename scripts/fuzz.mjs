#!/usr/bin/env node
// The deep typo fuzz: the test of tests/source/fuzz.test.ts with as many edits as asked and any
// seed. Each failing case is printed with its seed, its index, the file and the edits, enough to
// replay it (tests/source/fuzz.ts: applyEdit on the file, then runCase).
//
//   npm run fuzz                                  # 50,000 edits, seed 1
//   npm run fuzz -- --count 200000 --seed 7       # more, another seed
//   npm run fuzz -- --full-every 1                # render the templates for every case too
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  if (i === -1) return fallback;
  const v = args[i + 1];
  if (!/^\d+$/.test(v ?? '')) {
    console.error(`fuzz: --${name} needs a whole number`);
    process.exit(2);
  }
  return v;
};
const env = {
  ...process.env,
  FUZZ_COUNT: opt('count', '50000'),
  FUZZ_SEED: opt('seed', '1'),
  FUZZ_FULL_EVERY: opt('full-every', '25'),
  FUZZ_MAX_FAILURES: opt('max-failures', '20'),
};
console.log(`fuzz: ${env.FUZZ_COUNT} edits, seed ${env.FUZZ_SEED}`);
const r = spawnSync(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', 'tests/source/fuzz.test.ts', '--testTimeout', '0'], {
  cwd: root,
  env,
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
