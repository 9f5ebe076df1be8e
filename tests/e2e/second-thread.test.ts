/**
 * `budget build` of one department-year on a machine with two cores renders its PDF on a second
 * thread (src/render/thread.ts) from the bundle's render-worker.js: the files are the bytes a build
 * on one thread (--jobs 1) writes. Which thread ran the PDF renderer is read from V8's CPU profile
 * of each thread (one profile per thread, the thread id in its name): the thread is an optimisation
 * that falls back silently, so only this shows it is really used.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from '../cli/run.js';

const BIN = join(ROOT, 'bin/budget.js');

function build(out: string, args: readonly string[], node: readonly string[] = []) {
  const env = { ...process.env, SOURCE_DATE_EPOCH: '1900000000', NO_COLOR: '1' };
  const r = spawnSync(process.execPath, [...node, BIN, 'build', 'data/2023', '--out', out, '--name', 'x', ...args], { cwd: ROOT, env, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
}

/** Whether the profile ran any of PDFKit's code (the PDF's drawing). */
const ranPdfkit = (file: string) => (JSON.parse(readFileSync(file, 'utf8')) as { nodes: { callFrame: { url: string } }[] }).nodes.some((n) => /node_modules[\\/]pdfkit[\\/]/.test(n.callFrame.url));

beforeAll(() => ensureBuilt(), 300_000);

describe.skipIf(availableParallelism() < 2)('a single build on two cores', () => {
  it('renders the PDF on the second thread and writes the bytes a build on one thread writes', () => {
    const two = mkdtempSync(join(tmpdir(), 'budget-two-'));
    const one = mkdtempSync(join(tmpdir(), 'budget-one-'));
    const prof = mkdtempSync(join(tmpdir(), 'budget-prof-'));
    build(two, [], ['--cpu-prof', '--cpu-prof-dir', prof]);
    build(one, ['--jobs', '1']);
    for (const f of ['x.pdf', 'x.xlsx']) expect(readFileSync(join(two, '2023', f)).equals(readFileSync(join(one, '2023', f))), f).toBe(true);
    // CPU.<date>.<time>.<pid>.<thread id>.<seq>.cpuprofile; thread 0 is the main thread.
    const profiles = readdirSync(prof).map((f) => ({ f, thread: Number(f.split('.')[4]) }));
    expect(profiles).toHaveLength(2);
    const main = profiles.find((p) => p.thread === 0)!;
    const other = profiles.find((p) => p.thread !== 0)!;
    expect(ranPdfkit(join(prof, main.f))).toBe(false);
    expect(ranPdfkit(join(prof, other.f))).toBe(true);
  }, 120_000);
});
