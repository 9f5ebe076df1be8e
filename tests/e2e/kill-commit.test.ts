import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeCommitFs, recoverOutputs } from '../../src/world/index.js';
import { ensureBuilt, ROOT } from '../cli/run.js';
import { identityOf } from './identity.js';

/**
 * The one true end-to-end crash test of the pair (the in-process one, step by step, is
 * tests/world/commit.test.ts): a real `budget build` process, killed with SIGKILL at a chosen step
 * of its commit. BUDGET_TEST_COMMIT_PAUSE_MS makes the writer announce each step on stderr and wait
 * before doing it, so the kill lands exactly between two steps. The folder must then hold the old
 * pair, or a journal that the next build completes into the new pair, and nothing else survives it.
 */
const BIN = join(ROOT, 'bin/budget.js');
const NAME = 'x';

/** Runs a build; with `killBefore`, kills it (SIGKILL) when it announces that step. */
function run(out: string, epoch: string, killBefore?: RegExp): Promise<{ code: number | null; signal: NodeJS.Signals | null; steps: string[] }> {
  return new Promise((done, fail) => {
    const env = { ...process.env, SOURCE_DATE_EPOCH: epoch, NO_COLOR: '1', ...(killBefore ? { BUDGET_TEST_COMMIT_PAUSE_MS: '150' } : {}) };
    const child = spawn(process.execPath, [BIN, 'build', 'data/2023', '--out', out, '--name', NAME], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
    const steps: string[] = [];
    let buffered = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      buffered += chunk;
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        const m = /^budget-commit-step (.*)$/.exec(line);
        if (!m) continue;
        steps.push(m[1]);
        if (killBefore?.test(m[1])) child.kill('SIGKILL');
      }
    });
    child.on('error', fail);
    child.on('close', (code, signal) => done({ code, signal, steps }));
  });
}

const files = (dir: string) => ({ pdf: join(dir, `${NAME}.pdf`), xlsx: join(dir, `${NAME}.xlsx`) });
const extras = (dir: string) => readdirSync(dir).filter((n) => n.startsWith('.'));

describe('a build killed with SIGKILL while it writes', () => {
  it('just after the PDF\'s rename: a journal names the new pair, and the next build completes it', async () => {
    ensureBuilt();
    const out = mkdtempSync(join(tmpdir(), 'budget-kill-'));
    const dir = join(out, '2023');
    const f = files(dir);

    // The old pair (another SOURCE_DATE_EPOCH: another build identity).
    expect((await run(out, '1900000000')).code).toBe(0);
    const old = identityOf(f.pdf)!;
    expect(identityOf(f.xlsx)).toBe(old);

    // Killed just after the PDF's rename, before the XLSX's (the reported case).
    const between = await run(out, '1900086400', /^rename \.x\.xlsx\./);
    expect(between.signal).toBe('SIGKILL');
    expect(between.steps.some((s) => /^rename \.x\.pdf\./.test(s))).toBe(true);
    const fresh = identityOf(f.pdf)!;
    expect(fresh).not.toBe(old);
    // A new PDF beside the old XLSX, but not unannounced: the journal names the new pair.
    expect(identityOf(f.xlsx)).toBe(old);
    expect(extras(dir)).toContain('.x.commit');
    // What the next build does first (here on its own, in this process).
    recoverOutputs(nodeCommitFs(), dir, NAME);
    expect(identityOf(f.xlsx)).toBe(fresh);
    expect(identityOf(f.pdf)).toBe(fresh);
    expect(extras(dir)).toEqual([]);

    // (Killed before the commit point, the old pair stands and its temporary files are removed by
    // the next build: each step, in process, in tests/world/commit.test.ts.)
  }, 120_000);
});
