#!/usr/bin/env node
// Times a batch of department-years as whole processes: `budget check --all` and
// `budget build --all` over N generated SYNTHETIC department-years (default 100: 25 departments ×
// 4 years of 40 classification rows), with reports per second and peak memory (GNU time's maximum
// resident set size, which covers the worker threads: they share the process).
//
//   node scripts/bench-batch.mjs [--items 100] [--rows 40] [--jobs N] [--json]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const items = opt('--items', 100);
const rows = opt('--rows', 40);
const jobs = opt('--jobs', undefined);
const years = 4;
const departments = Math.ceil(items / years);

const work = mkdtempSync(join(tmpdir(), 'budget-bench-batch-'));
const gen = spawnSync(process.execPath, [join(ROOT, 'scripts/gen-department.mjs'), join(work, 'data'), '--rows', String(rows), '--departments', String(departments), '--years', String(years)], { encoding: 'utf8' });
if (gen.status !== 0) throw new Error(gen.stderr);
const n = departments * years;

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
function run(cmd) {
  const argv = [join(ROOT, 'bin/budget.js'), ...cmd, '--all', '--format', 'json', ...(jobs ? ['--jobs', String(jobs)] : [])];
  const t0 = process.hrtime.bigint();
  const r = TIME
    ? spawnSync(TIME, ['-f', '__RSS_KB=%M', process.execPath, ...argv], { cwd: work, encoding: 'utf8', maxBuffer: 1 << 30 })
    : spawnSync(process.execPath, argv, { cwd: work, encoding: 'utf8', maxBuffer: 1 << 30 });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${cmd.join(' ')} exited ${r.status}\n${r.stderr.slice(-2000)}`);
  const ok = JSON.parse(r.stdout).results.filter((x) => x.status === 'ok').length;
  const rss = /__RSS_KB=(\d+)/.exec(r.stderr ?? '');
  return { seconds: +s.toFixed(2), perSecond: +(n / s).toFixed(1), ok, peakMB: rss ? Math.round(Number(rss[1]) / 1024) : null };
}

const check = run(['check']);
const build = run(['build', '--out', join(work, 'out')]);
rmSync(work, { recursive: true, force: true });
const result = { items: n, rows, jobs: jobs ?? 'cores', check, build };
if (args.includes('--json')) process.stdout.write(JSON.stringify(result) + '\n');
else {
  process.stdout.write(`batch of ${n} department-years (${rows} classification rows each), --jobs ${result.jobs}\n`);
  for (const [k, v] of Object.entries({ check, build }))
    process.stdout.write(`  ${k.padEnd(6)} ${String(v.seconds).padStart(6)} s  ${String(v.perSecond).padStart(6)} reports/s  peak ${v.peakMB ?? '?'} MB  (${v.ok}/${n} ok)\n`);
}
