import * as path from 'node:path';
import type { Diagnostic, Localized } from '../diagnostics/diagnostic.js';
import { OUTSIDE_OUT_RULE, WRITE_FAILED_RULE } from './rules.js';

/**
 * Writing a build's files (the PDF and the XLSX) as a pair: after any failure, at any moment, the
 * folder holds the old pair or the new pair, never a new PDF beside an old XLSX. Two renames are
 * not one atomic step, so the pair is committed through a journal (docs/architecture.md):
 *
 *   1. each file is written to a temporary file beside its target and synced; a failure here
 *      (a full disk) removes them and leaves the old pair untouched;
 *   2. under a lock file (`.<name>.lock`, one writer per name at a time), an interrupted commit of
 *      an earlier build is completed first, and temporary files of dead builds are removed;
 *   3. the journal `.<name>.commit` (temporary → target, per file) is written, synced and renamed
 *      into place: the commit point. From here the new pair is the pair;
 *   4. each temporary file is renamed over its target, the directory synced, the journal removed.
 *
 * A build killed before 3 leaves only temporary files (the old pair stands; the next build removes
 * them). Killed after 3, the journal names the new pair and the next build — or `recoverOutputs`
 * — completes the renames (roll forward) before it does anything else.
 *
 * Every step goes through `CommitFs`, so tests can fail or "kill" the protocol at each step in turn.
 */
export interface CommitFs {
  mkdirp(dir: string): void;
  realpath(p: string): string;
  readdir(dir: string): string[];
  /** A new file (fails if it exists), written in full and synced. */
  writeNew(file: string, bytes: Uint8Array): void;
  rename(from: string, to: string): void;
  /** Removes a file; no error when it is already gone. */
  remove(file: string): void;
  /** A small text file, or undefined when it does not exist. */
  readText(file: string): string | undefined;
  /** Makes renames and removals in a directory durable (best effort where unsupported). */
  syncDir(dir: string): void;
  pidAlive(pid: number): boolean;
  readonly pid: number;
  /** 8 hex digits, different on every call. */
  randomHex(): string;
  /** Milliseconds since the epoch: only to age a lock whose owner cannot be asked. */
  now(): number;
  sleep(ms: number): void;
}

export interface OutputFile {
  readonly path: string;
  readonly bytes: Uint8Array;
}

/** Thrown for a failure that is the user's to fix (the caller wraps it in a WorldError). */
export class CommitError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message.en);
  }
}

/** How long a build waits for another one writing the same name (its commit takes milliseconds). */
const LOCK_WAIT_MS = 30_000;
/** A lock older than this whose owner is not known to be alive is stale. */
const LOCK_STALE_MS = 120_000;

const JOURNAL_SUFFIX = '.commit';
const LOCK_SUFFIX = '.lock';

/** The temporary names a build of `name` uses: `.<name>.<ext>.<pid>.<hex>.tmp`. */
function tempName(name: string, ext: string, fs: CommitFs): string {
  return `.${name}.${ext}.${fs.pid}.${fs.randomHex()}.tmp`;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `<dir>/<name>.<ext>` → name and ext (the pair shares one name). */
function split(file: string): { dir: string; name: string; ext: string } {
  const base = path.basename(file);
  const dot = base.lastIndexOf('.');
  return { dir: path.dirname(file), name: dot > 0 ? base.slice(0, dot) : base, ext: dot > 0 ? base.slice(dot + 1) : '' };
}

function code(e: unknown): string {
  return (e as NodeJS.ErrnoException | undefined)?.code ?? (e instanceof Error ? e.message : 'EIO');
}

function fail(rule: string, message: Localized, help: Localized): CommitError {
  return new CommitError({ severity: 'error', rule, message, related: [], figures: [], help });
}

function writeFailed(file: string, e: unknown, committed = false): CommitError {
  const c = code(e);
  return fail(
    WRITE_FAILED_RULE,
    committed
      ? {
          zh: `无法写入 ${file}（${c}）；新的一组文件已记录在提交日志中，下一次构建会先把它补全。`,
          en: `Cannot write ${file} (${c}); the new pair is recorded in the commit journal and the next build completes it first.`,
        }
      : { zh: `无法写入 ${file}（${c}）；原有的 PDF 和 XLSX（如果有）保持不变。`, en: `Cannot write ${file} (${c}); the previous PDF and XLSX, if any, are left unchanged.` },
    c === 'ENOSPC'
      ? { zh: '磁盘已满：释放空间后重试。', en: 'The disk is full: free some space and try again.' }
      : { zh: '检查输出目录是否可写（--out）。', en: 'Check that the output directory is writable (--out).' },
  );
}

/**
 * Whether `target` lies inside `root`, judged on resolved paths (never by pattern): `..`, `.`,
 * absolute parts and, once the directory exists, symbolic links are all resolved first.
 */
function inside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel !== '' && !rel.startsWith('..' + path.sep) && rel !== '..' && !path.isAbsolute(rel);
}

function outsideOut(file: string, out: string): CommitError {
  return fail(
    OUTSIDE_OUT_RULE,
    { zh: `输出文件 ${file} 不在输出目录 ${out} 之内，未写入。`, en: `The output file ${file} is not inside the output directory ${out}; nothing was written.` },
    {
      zh: '检查 --name（文件名不能含路径）以及输出目录中是否有指向别处的符号链接。',
      en: 'Check --name (a file name, without a path) and whether the output directory holds a symbolic link that leads elsewhere.',
    },
  );
}

/** Writes the files of one build as a pair (see above). Throws CommitError. */
export function commitOutputs(fs: CommitFs, out: string, files: readonly OutputFile[]): void {
  if (files.length === 0) return;
  const first = split(files[0].path);
  const { dir, name } = first;
  const outAbs = path.resolve(out);
  for (const f of files) {
    if (path.resolve(path.dirname(f.path)) !== path.resolve(dir) || split(f.path).name !== name)
      throw new Error(`commitOutputs: the files of one pair share a directory and a name (${f.path})`);
    if (!inside(outAbs, path.resolve(f.path))) throw outsideOut(f.path, out);
  }
  try {
    fs.mkdirp(dir);
  } catch (e) {
    throw writeFailed(files[0].path, e);
  }
  // The directory as it really is: a symbolic link on the way must not lead out of --out.
  let real: string;
  try {
    real = fs.realpath(dir);
    const realOut = fs.realpath(outAbs);
    if (!inside(realOut, path.join(real, path.basename(files[0].path)))) throw outsideOut(files[0].path, out);
  } catch (e) {
    if (e instanceof CommitError) throw e;
    throw writeFailed(files[0].path, e);
  }

  // 1. Temporary files, synced.
  const staged: { tmp: string; target: string }[] = [];
  const dropStaged = () => {
    for (const s of staged) {
      try {
        fs.remove(path.join(dir, s.tmp));
      } catch {
        /* already failing */
      }
    }
  };
  for (const f of files) {
    const tmp = tempName(name, split(f.path).ext, fs);
    try {
      staged.push({ tmp, target: path.basename(f.path) });
      fs.writeNew(path.join(dir, tmp), f.bytes);
    } catch (e) {
      dropStaged();
      throw writeFailed(f.path, e);
    }
  }

  // 2. The lock, then what an earlier build left behind.
  const lock = path.join(dir, `.${name}${LOCK_SUFFIX}`);
  try {
    acquire(fs, lock);
  } catch (e) {
    dropStaged();
    throw e instanceof CommitError ? e : writeFailed(files[0].path, e);
  }
  let committed = false;
  try {
    recover(fs, dir, name, new Set(staged.map((s) => s.tmp)));

    // 3. The journal: written aside, synced, renamed into place — the commit point.
    const journal = path.join(dir, `.${name}${JOURNAL_SUFFIX}`);
    const jtmp = path.join(dir, tempName(name, 'commit', fs));
    try {
      fs.writeNew(jtmp, new TextEncoder().encode(JSON.stringify({ files: staged }) + '\n'));
      fs.rename(jtmp, journal);
    } catch (e) {
      fs.remove(jtmp);
      throw e;
    }
    committed = true;
    fs.syncDir(dir);

    // 4. The renames, then the journal goes.
    rollForward(fs, dir, journal);
  } catch (e) {
    if (!committed) {
      dropStaged();
      release(fs, lock);
      throw e instanceof CommitError ? e : writeFailed(files[0].path, e);
    }
    // Past the commit point the new pair is the pair: finish it now if the failure was passing;
    // if not, the journal stays and the next build finishes it before anything else.
    try {
      rollForward(fs, dir, path.join(dir, `.${name}${JOURNAL_SUFFIX}`));
    } catch {
      release(fs, lock);
      throw writeFailed(files[0].path, e, true);
    }
  }
  release(fs, lock);
}

/**
 * Completes an interrupted commit of `name` in `dir` and removes the temporary files of builds
 * that died (their process is gone). Safe to run at any time; `commitOutputs` runs it under the lock.
 */
export function recoverOutputs(fs: CommitFs, dir: string, name: string): void {
  const lock = path.join(dir, `.${name}${LOCK_SUFFIX}`);
  acquire(fs, lock);
  try {
    recover(fs, dir, name, new Set());
  } finally {
    release(fs, lock);
  }
}

function recover(fs: CommitFs, dir: string, name: string, own: ReadonlySet<string>): void {
  const journal = path.join(dir, `.${name}${JOURNAL_SUFFIX}`);
  if (fs.readText(journal) !== undefined) rollForward(fs, dir, journal);
  const temp = new RegExp(`^\\.${escapeRe(name)}\\.[a-z]+\\.(\\d+)\\.[0-9a-f]{8}\\.tmp$`);
  let removed = false;
  for (const entry of fs.readdir(dir)) {
    const m = temp.exec(entry);
    if (!m || own.has(entry)) continue;
    const pid = Number(m[1]);
    // A live build (this process's other threads included) may still be writing its own.
    if (pid === fs.pid || fs.pidAlive(pid)) continue;
    fs.remove(path.join(dir, entry));
    removed = true;
  }
  if (removed) fs.syncDir(dir);
}

/** Renames every staged file the journal names into place, then removes the journal. */
function rollForward(fs: CommitFs, dir: string, journal: string): void {
  const text = fs.readText(journal);
  let entries: { tmp: string; target: string }[] = [];
  try {
    const parsed = JSON.parse(text ?? '{}') as { files?: unknown };
    if (Array.isArray(parsed.files)) entries = parsed.files.filter(isEntry);
  } catch {
    // A journal is renamed into place only once complete; an unreadable one names nothing.
  }
  for (const e of entries) {
    // Names only: a journal never points outside its own directory.
    const tmp = path.join(dir, path.basename(e.tmp));
    const target = path.join(dir, path.basename(e.target));
    // Already renamed (an earlier, interrupted roll-forward) when the temporary file is gone.
    if (fs.readdir(dir).includes(path.basename(e.tmp))) fs.rename(tmp, target);
  }
  fs.syncDir(dir);
  fs.remove(journal);
  fs.syncDir(dir);
}

function isEntry(x: unknown): x is { tmp: string; target: string } {
  return typeof x === 'object' && x !== null && typeof (x as { tmp?: unknown }).tmp === 'string' && typeof (x as { target?: unknown }).target === 'string';
}

/** The lock file holds "<pid> <ms>": taken over when that process is gone or the lock is stale. */
function acquire(fs: CommitFs, lock: string): void {
  const start = fs.now();
  for (;;) {
    try {
      fs.writeNew(lock, new TextEncoder().encode(`${fs.pid} ${fs.now()}\n`));
      return;
    } catch (e) {
      if (code(e) !== 'EEXIST') throw e;
    }
    const [pidText, atText] = (fs.readText(lock) ?? '').trim().split(' ');
    const pid = Number(pidText);
    const at = Number(atText);
    const dead = Number.isInteger(pid) && pid > 0 && pid !== fs.pid && !fs.pidAlive(pid);
    const stale = !Number.isFinite(at) || fs.now() - at > LOCK_STALE_MS;
    if (dead || stale) {
      fs.remove(lock);
      continue;
    }
    if (fs.now() - start > LOCK_WAIT_MS)
      throw fail(
        WRITE_FAILED_RULE,
        { zh: `另一个构建（进程 ${pid}）正在写入 ${lock}，等待超时。`, en: `Another build (process ${pid}) is writing ${lock}; gave up waiting.` },
        { zh: '等那个构建结束后重试。', en: 'Try again once that build has finished.' },
      );
    fs.sleep(20);
  }
}

function release(fs: CommitFs, lock: string): void {
  try {
    fs.remove(lock);
  } catch {
    /* a lock left behind is stale once this process is gone */
  }
}
