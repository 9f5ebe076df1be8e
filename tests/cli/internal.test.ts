import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { nodeWorld, type World } from '../../src/world/index.js';

/** In-process runs of main() with a world that misbehaves: how a bug is told apart from a user's mistake. */
function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => (out.push(String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => (err.push(String(s)), true));
  return { out, err };
}

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

describe('main', () => {
  it('a bug is an internal error: exit 70 with its stack', async () => {
    const broken: World = { ...nodeWorld(), listYamlFiles: () => { throw new TypeError('boom'); } };
    const io = capture();
    const code = await main(['node', 'budget', 'check', 'data/2023'], broken);
    expect(code).toBe(70);
    expect(process.exitCode).toBe(70);
    const err = io.err.join('');
    expect(err).toContain('internal error');
    expect(err).toContain('TypeError: boom');
    expect(err).toMatch(/^\s+at /m);
  });

  it('returns the check’s exit code and writes the report to stdout', async () => {
    const io = capture();
    const code = await main(['node', 'budget', 'check', 'data/2023', '--format', 'json']);
    expect(code).toBe(0);
    expect(JSON.parse(io.out.join('')).version).toBe(1);
    expect(io.err.join('')).toBe('');
  });
});
