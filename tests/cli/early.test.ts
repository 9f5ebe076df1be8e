/**
 * The render thread bin/budget.js starts before it loads the CLI (src/cli/early.ts): which
 * arguments start it, and how the world hands it to the build (src/world/world.ts `started`).
 * That the build really renders its PDF there is tests/e2e/second-thread.test.ts.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EARLY_DATA, looksLikeSingleBuild, VALUED } from '../../src/cli/early.js';
import { budget } from './run.js';
import { nodeWorld, type StartedThread, type Thread } from '../../src/world/index.js';

describe('which arguments start the render thread ahead', () => {
  const yes = [
    ['build'],
    ['build', 'data/2031'],
    ['build', 'data/2031', '--out', 'out', '--name', 'x'],
    ['build', '--out=out', 'data/2031'],
    ['build', '-o', 'dist', 'data/2031', '--font-body', 'fonts/fs.ttf', '--lang', 'en'],
    ['build', 'data/2031', '--jobs', '4'],
    ['build', 'data/2031', '-j2'],
    ['build', 'data/2031', '--strict', '--format', 'json'],
  ];
  const no = [
    [],
    ['check', 'data/2031'],
    ['build', 'data/2030', 'data/2031'],
    ['build', '--all'],
    ['build', 'data/2031', '--only', 'pdf'],
    ['build', 'data/2031', '--only=xlsx'],
    ['build', 'data/2031', '--jobs', '1'],
    ['build', 'data/2031', '-j', '1'],
    ['build', 'data/2031', '-j1'],
    ['build', '--shard', '1/2'],
    ['build', '--help'],
    ['build', '--', 'a', 'b'],
    ['fix', 'build'],
  ];
  it.each(yes)('starts it for a single build: %s', (...args) => expect(looksLikeSingleBuild(args)).toBe(true));
  it.each(no)('not for anything else: %s', (...args) => expect(looksLikeSingleBuild(args)).toBe(false));

  // The guess keeps its own list of the options that take a value (early.ts cannot load the CLI):
  // every such option of `build`, as commander prints it, must be on it, or its value would be
  // counted as a directory and a single build would start no thread ahead.
  it("knows every option of build that takes a value", async () => {
    const help = (await budget(['build', '--help'])).stdout;
    const valued = [...help.matchAll(/^\s+(?:(-\w), )?(--[\w-]+) <[^>]+>/gm)].flatMap((m) => (m[1] ? [m[1], m[2]] : [m[2]]));
    expect(valued.length).toBeGreaterThan(5);
    expect(valued.filter((o) => !VALUED.has(o))).toEqual([]);
  });
});

describe('the world hands the started thread to the build', () => {
  const entry = pathToFileURL(join(mkdtempSync(join(tmpdir(), 'budget-early-')), 'entry.mjs'));
  writeFileSync(entry, '');
  const standIn = { terminate: () => Promise.resolve(0) } as unknown as Thread;
  const started = (): StartedThread & { takes: number } => {
    let left: Thread | undefined = standIn;
    return {
      entry: entry.href,
      data: JSON.stringify(EARLY_DATA),
      takes: 0,
      take() {
        this.takes++;
        const t = left;
        left = undefined;
        return t;
      },
    };
  };

  it('for the same entry and data, once', async () => {
    const s = started();
    const world = nodeWorld({ started: s });
    expect(world.thread!(entry, { ...EARLY_DATA })).toBe(standIn);
    // the second asks for a thread of its own
    const other = world.thread!(entry, { ...EARLY_DATA });
    expect(other).not.toBe(standIn);
    await other.terminate();
  });

  it('not for another entry or other data: those start their own', async () => {
    const s = started();
    const world = nodeWorld({ started: s });
    const t = world.thread!(entry, { preload: 'xlsx' });
    expect(t).not.toBe(standIn);
    await t.terminate();
    expect(s.takes).toBe(0);
  });
});
