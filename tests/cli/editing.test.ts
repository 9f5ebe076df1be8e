import { mkdirSync, readFileSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { CLEAR } from '../../src/cli/watch.js';
import { amountEn } from '../../src/check/context.js';
import { nodeWorld, type World } from '../../src/world/index.js';
import { ANSI, copyReference, ROOT } from './run.js';

/**
 * Section 5 of issue 11, in process: main() with a fake World (its environment, terminal and file
 * watcher are the test's). The working directory is a scratch project (process.chdir: the project
 * root is found upward from it), so paths read as a user in that folder would see them.
 */

const home = process.cwd();
let root = '';
let out: string[] = [];
let err: string[] = [];

beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => (out.push(String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => (err.push(String(s)), true));
});

afterEach(() => {
  vi.restoreAllMocks();
  process.chdir(home);
  process.exitCode = undefined;
  if (root) rmSync(root, { recursive: true, force: true });
  root = '';
});

function world(o: { env?: Record<string, string>; tty?: boolean; watch?: World['watch'] } = {}): World {
  const w = nodeWorld({ env: o.env ?? {} });
  return { ...w, isTTY: () => Boolean(o.tty), ...(o.watch ? { watch: o.watch } : {}) };
}

const templates = ['--templates', join(ROOT, 'templates')];
const run = (args: string[], w: World = world()) => main(['node', 'budget', ...args], w);
const stdout = () => out.join('');
const stderr = () => err.join('');

describe('the project root is found upward', () => {
  it('from inside data/2023, `budget check` checks that department-year', async () => {
    root = copyReference().root;
    process.chdir(join(root, 'data', '2023'));
    expect(await run(['check', '--format', 'json', ...templates])).toBe(0);
    const r = JSON.parse(stdout());
    expect(r.results.map((x: { dir: string }) => x.dir)).toEqual(['.']);
  });

  it('from another subdirectory, it takes the latest year under the root’s data/', async () => {
    root = copyReference().root;
    mkdirSync(join(root, 'docs', 'notes'), { recursive: true });
    process.chdir(join(root, 'docs', 'notes'));
    expect(await run(['check', '--format', 'json', ...templates])).toBe(0);
    expect(JSON.parse(stdout()).results[0].dir).toBe(join('..', '..', 'data', '2023'));
  });
});

describe('build from inside a department-year', () => {
  it('writes to out/ at the project root, not into the data folder', async () => {
    root = copyReference().root;
    process.chdir(join(root, 'data', '2023'));
    const code = await run(['build', '--only', 'xlsx', ...templates], world({ env: { SOURCE_DATE_EPOCH: '1672531200' } }));
    expect(code).toBe(0);
    expect(existsSync(join(root, 'out', '2023'))).toBe(true);
    expect(existsSync(join(root, 'data', '2023', 'out'))).toBe(false);
  });
});

describe('budget.config.yaml', () => {
  it('sets defaults (lang, strict) that flags override', async () => {
    root = copyReference().root;
    writeFileSync(join(root, 'budget.config.yaml'), '# defaults\nlang: en\nstrict: true\n');
    process.chdir(join(root, 'data'));
    // The reference year has rounding notes: strict fails on them.
    expect(await run(['check', ...templates])).toBe(1);
    expect(stdout()).toMatch(/rounding/);
    expect(stdout()).not.toMatch(/尾数误差）/);
    out.length = 0;
    expect(await run(['check', '--no-strict', '--lang', 'zh', ...templates])).toBe(0);
    expect(stdout()).toContain('检查通过');
  });

  it('a misspelt key is exit 2 at file:line:column, with the likely key', async () => {
    root = copyReference().root;
    writeFileSync(join(root, 'budget.config.yaml'), 'lang: zh\nstrct: true\n');
    process.chdir(root);
    expect(await run(['check', ...templates])).toBe(2);
    expect(stderr()).toContain('budget.config.yaml:2:1');
    expect(stderr()).toContain('strict');
    expect(stdout()).toBe('');
  });

  it('a wrong value is exit 2 at its position; a YAML error is an input/* finding', async () => {
    root = copyReference().root;
    writeFileSync(join(root, 'budget.config.yaml'), 'fonts:\n  body: a.ttf\nlang: fr\n');
    process.chdir(root);
    expect(await run(['check', ...templates])).toBe(2);
    expect(stderr()).toContain('budget.config.yaml:3:7');
    err.length = 0;
    writeFileSync(join(root, 'budget.config.yaml'), 'lang: [zh\n');
    expect(await run(['check', ...templates])).toBe(2);
    expect(stderr()).toMatch(/input\/yaml-syntax/);
  });

  it('out and name: paths relative to the config file', async () => {
    root = copyReference().root;
    writeFileSync(join(root, 'budget.config.yaml'), 'out: published\nname: "{year}-budget"\n');
    mkdirSync(join(root, 'docs'));
    process.chdir(join(root, 'docs'));
    const code = await run(['build', '--only', 'xlsx', ...templates], world({ env: { SOURCE_DATE_EPOCH: '1672531200' } }));
    expect(code).toBe(0);
    expect(existsSync(join(root, 'published', '2023', '2023-budget.xlsx'))).toBe(true);
  });
});

describe('budget.config.yaml paths', () => {
  it('fonts and out are relative to the config file, shown relative to the working directory', async () => {
    const { loadConfig } = await import('../../src/cli/config.js');
    root = copyReference().root;
    writeFileSync(join(root, 'budget.config.yaml'), 'out: published\nfonts:\n  body: fonts/a.ttf\n  heading: /abs/h.ttf\n');
    mkdirSync(join(root, 'docs'));
    const c = loadConfig(nodeWorld(), join(root, 'budget.config.yaml'), join(root, 'docs')).config!;
    expect(c.out).toBe(join('..', 'published'));
    expect(c.fonts).toEqual({ body: join('..', 'fonts', 'a.ttf'), bold: undefined, heading: '/abs/h.ttf' });
  });

  it('a world without a file system view (an older fake) still runs, from the working directory', async () => {
    const { cwd: _c, kind: _k, watch: _w, ...bare } = nodeWorld();
    expect(await run(['check', 'data/2023', '--format', 'json'], { ...bare, isTTY: () => false })).toBe(0);
  });
});

describe('output where the user expects it', () => {
  it('check --format json with no data still writes a JSON report with the error', async () => {
    root = copyReference().root;
    rmSync(join(root, 'data', '2023'), { recursive: true });
    process.chdir(root);
    expect(await run(['check', '--format', 'json'])).toBe(2);
    const r = JSON.parse(stdout());
    expect(r.results[0].status).toBe('unusable');
    expect(JSON.stringify(r)).toContain('input/missing-dir');
  });

  it('FORCE_COLOR=1 forces colour when not on a terminal; FORCE_COLOR=0 and --no-color refuse it', async () => {
    expect(await run(['check', 'data/2023'], world({ env: { FORCE_COLOR: '1' } }))).toBe(0);
    expect(stdout()).toMatch(ANSI);
    out.length = 0;
    expect(await run(['check', 'data/2023', '--no-color'], world({ env: { FORCE_COLOR: '1' } }))).toBe(0);
    expect(stdout()).not.toMatch(ANSI);
    out.length = 0;
    expect(await run(['check', 'data/2023'], world({ env: { FORCE_COLOR: '0' }, tty: true }))).toBe(0);
    expect(stdout()).not.toMatch(ANSI);
  });

  it('--help is in Chinese by default and in English with --lang en', async () => {
    expect(await run(['check', '--help'])).toBe(0);
    expect(stdout()).toContain('用法：');
    expect(stdout()).toContain('选项：');
    expect(stdout()).toContain('检查预算数据');
    expect(stdout()).not.toContain('Usage:');
    out.length = 0;
    expect(await run(['check', '--help', '--lang', 'en'])).toBe(0);
    expect(stdout()).toContain('Usage:');
    expect(stdout()).toContain('check department-years');
    expect(stdout()).not.toContain('检查预算数据');
  });

  it('usage errors are in the --lang language', async () => {
    expect(await run(['check', '--bogus'])).toBe(2);
    expect(stderr()).toContain('未知的选项 --bogus');
    expect(stderr()).not.toContain('unknown option');
    err.length = 0;
    expect(await run(['check', '--bogus', '--lang', 'en'])).toBe(2);
    expect(stderr()).toContain("unknown option '--bogus'");
    err.length = 0;
    expect(await run(['init', '--lang', 'en'])).toBe(2);
    expect(stderr()).toContain("missing required argument 'year'");
    err.length = 0;
    expect(await run(['chek'])).toBe(2);
    expect(stderr()).toContain('budget: 未知的命令 chek，是不是 check？\n');
  });

  it('English says an amount in yuan, not “10 10k yuan”', async () => {
    expect(amountEn({ coef: 10n, scale: 0 }, { zh: '万元', en: '10k yuan' })).toBe('100,000 yuan');
    expect(amountEn({ coef: 15n, scale: 1 }, { zh: '万元', en: '10k yuan' })).toBe('15,000 yuan');
    expect(amountEn({ coef: 3n, scale: 0 }, { zh: '人', en: 'people' })).toBe('3 people');
    expect(await run(['check', 'data/2023', '--lang', 'en', '--verbose'])).toBe(0);
    expect(stdout()).toContain('a difference of 10,000 yuan');
    expect(stdout()).not.toContain('10k yuan');
  });
});

describe('budget check --watch', () => {
  it('a re-check parses only the file that changed (the same bytes give the same parse)', async () => {
    const { parseSources } = await import('../../src/source/index.js');
    const enc = (t: string) => new TextEncoder().encode(t);
    const a = { path: 'x/a.yaml', bytes: enc('a: 1\n') };
    const b = { path: 'x/b.yaml', bytes: enc('b: 2\n') };
    const first = parseSources('x', [a, b]).tree!;
    const again = parseSources('x', [a, { ...b, bytes: enc('b: 2\n') }]).tree!;
    expect(again.root.entries[0]).toBe(first.root.entries[0]);
    expect(again.root.entries[1]).not.toBe(first.root.entries[1]);
    expect(again.root.entries[1]).toEqual(first.root.entries[1]);
  });

  it('re-checks when the world reports a saved file: clears the screen, prints the new result', async () => {
    root = copyReference().root;
    process.chdir(root);
    let fire: ((path: string) => void) | undefined;
    const watched: string[][] = [];
    const w = world({
      tty: true,
      watch: (paths, onChange) => {
        watched.push([...paths]);
        fire = onChange;
        return { close: () => (fire = undefined) };
      },
    });
    const done = run(['check', '--watch', 'data/2023', ...templates], w);
    await vi.waitFor(() => expect(stdout()).toContain('检查通过'), { timeout: 60_000, interval: 20 }); // a loaded machine: never a timing
    expect(watched[0]).toContain('data/2023');
    expect(stdout().startsWith(CLEAR)).toBe(true);

    // Save a broken figure: the next round reads the file again (not the remembered bytes).
    const file = join('data', '2023', 'functional.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('total: 4959, basic: 796', 'total: 4999, basic: 796'));
    out.length = 0;
    fire!(file);
    await vi.waitFor(() => expect(stdout()).toContain('检查未通过'), { timeout: 60_000, interval: 20 });
    expect(stdout().startsWith(CLEAR)).toBe(true);
    expect(stdout()).toContain('functional.yaml:11');

    process.emit('SIGINT');
    expect(await done).toBe(1);
    expect(fire).toBeUndefined(); // the watcher was closed
  });
});
