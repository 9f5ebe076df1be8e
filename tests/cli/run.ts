import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, statSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';
import { nodeWorld, type World } from '../../src/world/index.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = join(ROOT, 'bin/budget.js');
const MAIN = join(ROOT, 'dist/bundle/main.js');

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Compiles and bundles src/ when the bundle is missing or older than the sources (npm test builds first). */
export function ensureBuilt(): void {
  let built = 0;
  try {
    built = statSync(MAIN).mtimeMs;
  } catch {
    /* not built */
  }
  if (built >= newest(join(ROOT, 'src'))) return;
  // tsc emits even when another stage's work in progress has type errors; the CLI tests judge the result.
  spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', ROOT], { stdio: 'ignore' });
  spawnSync(process.execPath, [join(ROOT, 'scripts/bundle.mjs')], { stdio: 'ignore' });
}

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  /** The working directory (the package root by default). */
  readonly cwd?: string;
  /** Variables added to (or, when undefined, removed from) this process's environment. */
  readonly env?: Record<string, string | undefined>;
}

export interface InProcessOptions extends RunOptions {
  /** Whether stdout and stderr are terminals (default: no, as under a pipe). */
  readonly tty?: boolean;
}

/**
 * Runs `budget …` in this process: main(argv, world) over the real disk, with the environment
 * given, stdout and stderr captured, and `cwd` as the working directory for the call. It sees a
 * pipe, not a terminal, unless `tty`, and a one-core machine: several directories are processed
 * one after another in this thread (the worker threads run from the bundle: those tests spawn
 * the CLI with `budgetProcess`). Calls must not overlap (a test file's tests run one at a time).
 */
export async function budget(args: readonly string[], opts: InProcessOptions = {}): Promise<Run> {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...opts.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const world: World = { ...nodeWorld({ env }), isTTY: () => Boolean(opts.tty), cpuCount: 1 };
  const out: string[] = [];
  const err: string[] = [];
  const { stdout, stderr } = process;
  const saved = { out: stdout.write, err: stderr.write, cwd: process.cwd(), exitCode: process.exitCode };
  const sink = (to: string[]) =>
    ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      to.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const cb = rest.find((x) => typeof x === 'function') as (() => void) | undefined;
      cb?.();
      return true;
    }) as typeof stdout.write;
  stdout.write = sink(out);
  stderr.write = sink(err);
  try {
    if (opts.cwd) process.chdir(opts.cwd);
    const code = await main(['node', 'budget', ...args], world);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    stdout.write = saved.out;
    stderr.write = saved.err;
    process.chdir(saved.cwd);
    process.exitCode = saved.exitCode;
  }
}

/**
 * Runs `node bin/budget.js …` as a user would, in `cwd` (the package root by default): for the
 * few true end-to-end tests (the bundle, a real process's exit code and pipes, worker threads).
 */
export function budgetProcess(args: readonly string[], opts: RunOptions = {}): Run {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...opts.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? ROOT, env: env as NodeJS.ProcessEnv, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the command under a pseudo-terminal (util-linux `script`), so it sees a TTY on stdout. */
export function budgetTty(args: readonly string[], env: Record<string, string | undefined> = {}): Run {
  const cmd = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const full: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, TERM: 'xterm-256color', ...env };
  for (const k of Object.keys(full)) if (full[k] === undefined) delete full[k];
  const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { cwd: ROOT, env: full as NodeJS.ProcessEnv, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A scratch copy of data/2023 (as `<tmp>/data/2023`), optionally with one file edited. */
export function copyReference(edit?: { file: string; from: string | RegExp; to: string }): { root: string; dir: string } {
  const root = mkdtempSync(join(tmpdir(), 'budget-cli-'));
  const dir = join(root, 'data', '2023');
  cpSync(join(ROOT, 'data/2023'), dir, { recursive: true });
  if (edit) {
    const p = join(dir, edit.file);
    const before = readFileSync(p, 'utf8');
    const after = before.replace(edit.from, edit.to);
    if (after === before) throw new Error(`edit of ${edit.file} matched nothing`);
    writeFileSync(p, after);
  }
  return { root, dir };
}

export function scratch(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'budget-cli-'));
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body);
  return dir;
}

/** 1-based line of the first line of `file` matching `re`. */
export function lineOf(file: string, re: RegExp): number {
  const i = readFileSync(file, 'utf8').split(/\r?\n/).findIndex((l) => re.test(l));
  if (i < 0) throw new Error(`${re} not in ${file}`);
  return i + 1;
}

export const ANSI = /\u001b\[[0-9;]*m/;
/** A JS stack frame line, as a leaked stack trace would show. */
export const STACK = /^\s+at .+\(?.+:\d+:\d+\)?$/m;
