import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, statSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

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

/** Runs `node bin/budget.js …` as a user would, in `cwd` (the package root by default). */
export function budget(args: readonly string[], opts: { cwd?: string; env?: Record<string, string | undefined> } = {}): Run {
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
