/**
 * The render thread bin/budget.js starts before it loads the CLI (src/cli/early.ts): which
 * arguments start it, and how the world hands it to the build (src/world/world.ts `started`).
 * That the build really renders its PDF there is tests/e2e/second-thread.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { EARLY_DATA, looksLikeSingleBuild, VALUED } from '../../src/cli/early.js';
import { INTERRUPT_BUDGET } from '../../src/world/interrupt-budget.js';
import { budget, ensureBuilt, ROOT } from './run.js';
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

// V8's flags are the process's, and any flag away from its default changes the hash V8 checks a
// code cache against: a thread that boots after a flag was set compiles Node's internal modules
// from source (src/world/interrupt-budget.ts). `v8.cachedDataVersionTag()` is that hash (with V8's
// version), so each case runs in a process of its own, with bin/budget.js's early.js.
describe('the V8 flags around the thread started ahead', () => {
  beforeAll(() => ensureBuilt(), 120_000);
  const dir = mkdtempSync(join(tmpdir(), 'budget-early-flags-'));
  const script = join(dir, 'start.mjs');
  writeFileSync(
    script,
    `import { cachedDataVersionTag } from 'node:v8';
const [early, entry, ...args] = process.argv.slice(2);
const booted = cachedDataVersionTag();
const { startEarly } = await import(early);
const thread = startEarly(['node', 'budget', ...args], new URL(entry));
const out = (o) => { process.stdout.write(JSON.stringify({ booted, started: thread !== undefined, ...o })); thread?.drop(); process.exit(0); };
if (!thread) out({ now: cachedDataVersionTag() });
const worker = thread.take();
thread.take = () => worker;
// The stand-in entry answers with the tag it saw at its first line; the real one sets the budget.
worker.on('message', (tag) => out({ thread: tag, now: cachedDataVersionTag() }));
const until = Date.now() + 10_000;
const poll = setInterval(() => { if (cachedDataVersionTag() !== booted || Date.now() > until) { clearInterval(poll); setTimeout(() => out({ now: cachedDataVersionTag() }), 20); } }, 1);
`,
  );
  const standIn = join(dir, 'entry.mjs');
  writeFileSync(standIn, `import { parentPort } from 'node:worker_threads';\nimport { cachedDataVersionTag } from 'node:v8';\nparentPort.postMessage(cachedDataVersionTag());\n`);
  const start = (entry: string, args: string[]) => {
    const r = spawnSync(process.execPath, [script, pathToFileURL(join(ROOT, 'dist/bundle/early.js')).href, pathToFileURL(entry).href, ...args], { encoding: 'utf8', timeout: 30_000 });
    expect(r.stderr).toBe('');
    return JSON.parse(r.stdout) as { booted: number; started: boolean; thread?: number; now: number };
  };
  // The tag of a process started with the budget on the command line: what setting it gives.
  const budgetTag = Number(spawnSync(process.execPath, [`--interrupt-budget=${INTERRUPT_BUDGET}`, '-p', "require('node:v8').cachedDataVersionTag()"], { encoding: 'utf8' }).stdout);

  it('boots the thread with the default flags', () => {
    const r = start(standIn, ['build', 'data/2031']);
    expect(r.started).toBe(true);
    expect(r.booted).not.toBe(budgetTag);
    expect(r.thread).toBe(r.booted);
  });

  it('has the render thread set the interrupt budget, for the whole process', () => {
    const r = start(join(ROOT, 'dist/bundle/render-worker.js'), ['build', 'data/2031']);
    expect(r.started).toBe(true);
    expect(r.now).toBe(budgetTag);
  });

  it('sets the budget at once when it starts no thread', () => {
    const r = start(standIn, ['check', 'data/2031']);
    expect(r.started).toBe(false);
    expect(r.now).toBe(budgetTag);
  });

  it('leaves the flags alone for a build it starts no thread for: the batch sets them once its workers have booted', () => {
    for (const args of [['build', '--all'], ['build', 'data/2030', 'data/2031']]) {
      const r = start(standIn, args);
      expect(r.started).toBe(false);
      expect(r.now).toBe(r.booted);
    }
  });
});
