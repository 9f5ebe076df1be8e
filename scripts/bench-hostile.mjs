#!/usr/bin/env node
// Bounded work on hostile input, as a user would run it: `node bin/budget.js check` on a copy of
// data/2023 whose department.yaml holds N unknown keys (default 100,000: a file of some 2.6 MB).
// The check must stay linear in the size of the input (it once took minutes: each unknown key was
// found by a linear search of its map) and list only the first findings of the kind.
// Run `npm run build` first.   node scripts/bench-hostile.mjs [--keys N] [--runs R]
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const keys = arg('keys', 100_000);
const runs = arg('runs', 3);

const tmp = mkdtempSync(join(tmpdir(), 'budget-hostile-'));
const dir = join(tmp, '2023');
cpSync(join(root, 'data/2023'), dir, { recursive: true });
const file = join(dir, 'department.yaml');
const text = readFileSync(file, 'utf8');
const at = text.indexOf('department:\n') + 'department:\n'.length;
let extra = '';
for (let i = 0; i < keys; i++) extra += `  unknown_key_${i}: ${i}\n`;
writeFileSync(file, text.slice(0, at) + extra + text.slice(at));

// CPU time too (user + system, from the child's rusage): on a shared machine the wall time says
// more about the neighbours than about the program.
const cpuHook = join(tmp, 'cpu-hook.cjs');
const cpuOut = join(tmp, 'cpu.txt');
writeFileSync(cpuHook, `process.on('exit', () => { const u = process.resourceUsage(); require('node:fs').appendFileSync(${JSON.stringify(cpuOut)}, (u.userCPUTime + u.systemCPUTime) / 1000 + '\\n'); });\n`);
const times = [];
let last;
for (let r = 0; r < runs; r++) {
  const t = process.hrtime.bigint();
  last = spawnSync(process.execPath, ['-r', cpuHook, join(root, 'bin/budget.js'), 'check', dir, '--lang', 'en'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  times.push(Number(process.hrtime.bigint() - t) / 1e6);
}
times.sort((a, b) => a - b);
const cpu = readFileSync(cpuOut, 'utf8').trim().split('\n').map(Number).sort((a, b) => a - b);
const listed = (last.stdout + last.stderr).split('\n').filter((l) => l.startsWith('error[shape/unknown-key]')).length;
console.log(`${keys} unknown keys (${(statSync(file).size / 1e6).toFixed(1)} MB): exit ${last.status}, median ${Math.round(times[times.length >> 1])} ms wall over ${runs} runs (min ${Math.round(times[0])}), CPU ${Math.round(cpu[cpu.length >> 1])} ms (min ${Math.round(cpu[0])}), ${listed} findings listed`);
console.log((last.stdout + last.stderr).split('\n').filter((l) => l.includes('more shape/unknown-key')).join('\n'));
rmSync(tmp, { recursive: true, force: true });
