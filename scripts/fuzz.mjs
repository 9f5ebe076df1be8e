#!/usr/bin/env node
// The deep typo fuzz: the test of tests/source/fuzz-shard-*.test.ts with as many edits as asked and
// any seed (the four shards share them out, as in `npm test`). Each failing case is printed with
// its seed, its index, the file and the edits, enough to replay it (tests/source/fuzz.ts: applyEdit on the file, then runCase).
//
//   npm run fuzz                                  # 50,000 edits, seed 1
//   npm run fuzz -- --count 200000 --seed 7       # more, another seed
//   npm run fuzz -- --full-every 1                # render the templates for every case too
//   npm run fuzz -- --shanghai 5000               # the Shanghai layout's edits (default: a tenth of --count)
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
// each Shanghai case runs the whole check with its profile (some 4 times a default-layout case)
env.FUZZ_SHANGHAI_COUNT = opt('shanghai', String(Math.ceil(Number(env.FUZZ_COUNT) / 10)));
console.log(`fuzz: ${env.FUZZ_COUNT} edits and ${env.FUZZ_SHANGHAI_COUNT} of the Shanghai layout, seed ${env.FUZZ_SEED}`);
const r = spawnSync(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', 'tests/source/fuzz-shard-', 'tests/shanghai/fuzz.test.ts', '--testTimeout', '0'], {
  cwd: root,
  env,
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
