import { beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, STACK, ensureBuilt } from './run.js';

beforeAll(() => ensureBuilt(), 120_000);

/**
 * `budget check data/2023 | head -1`: the reader goes away before the report is written. The
 * child's stdout pipe is closed from our end before it writes anything, as `head` would after its line.
 */
function runWithClosedStdout(args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/budget.js'), ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (s: string) => (stderr += s));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stderr }));
  });
}

describe('a closed stdout pipe', () => {
  it('check ends quietly with its own exit code, no EPIPE stack', async () => {
    const r = await runWithClosedStdout(['check', 'data/2023', '--verbose', '--format', 'junit']);
    expect(r.stderr).not.toContain('EPIPE');
    expect(r.stderr).not.toMatch(STACK);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('explain (a long listing) too', async () => {
    const r = await runWithClosedStdout(['explain']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});
