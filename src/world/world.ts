import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { renderThreadHeap } from './thread-heap.js';
import type { Diagnostic, Localized } from '../diagnostics/diagnostic.js';
import { SOURCE_DATE_EPOCH_RULE, WRITE_FAILED_RULE } from './rules.js';
import { CommitError, commitOutputs, type CommitFs, type OutputFile } from './commit.js';

/**
 * Everything outside the program: files, the environment, the terminal. The only module that
 * touches them (after typst's `World`); the stages are pure functions of what it returns, and tests
 * pass a fake. No clock: reproducible output takes its dates from `SOURCE_DATE_EPOCH` or the data.
 */
export interface World {
  /** The `*.yaml` / `*.yml` files of a directory (not hidden ones), sorted, joined to `dir`. */
  listYamlFiles(dir: string): { files: string[]; diagnostics: Diagnostic[] };
  /**
   * A directory's entries, in the order the system gives them (the caller sorts), symbolic links
   * not followed; [] when it cannot be read. For `--all`'s discovery of department-years.
   */
  listDir(dir: string): readonly DirEntry[];
  /** A file's bytes. Throws `WorldError` (carrying an `input/read-failed` diagnostic). */
  readFile(file: string): Uint8Array;
  /** A UTF-8 text file (templates, fonts' metadata). Throws `WorldError`. */
  readText(file: string): string;
  /**
   * A file read straight into shared memory, to hand to worker threads: a batch's packaged fonts
   * (~40 MB) are held once for all workers. Undefined when it cannot be read (each worker then
   * reads the file itself, and reports what is wrong with it).
   */
  readShared(file: string): SharedArrayBuffer | undefined;
  /**
   * Writes through a temporary file in the same directory, fsync, then rename: readers see the old
   * file or the new one, never a half-written one. Creates missing directories. On failure removes
   * the temporary file, leaves any old file untouched and throws `WorldError` (`output/write-failed`).
   */
  writeAtomic(file: string, bytes: Uint8Array | string): void;
  /**
   * Writes one build's files (its PDF and XLSX, one directory, one name) as a pair under `out`:
   * the folder holds the old pair or the new pair after any failure (src/world/commit.ts). Every
   * path must resolve inside `out`. Throws `WorldError` (`output/write-failed`, `output/outside-out`).
   */
  writeOutputs(out: string, files: readonly OutputFile[]): void;
  env(name: string): string | undefined;
  /** `SOURCE_DATE_EPOCH` as a date; absent when unset or empty; a diagnostic when malformed. */
  sourceDateEpoch(): { date?: Date; diagnostic?: Diagnostic };
  /** Whether the stream is a terminal (progress bars, colour). */
  isTTY(stream?: 'stdout' | 'stderr'): boolean;
  /** `NO_COLOR` is set to a non-empty value (https://no-color.org). */
  readonly noColor: boolean;
  /** How many worker threads to use by default. */
  readonly cpuCount: number;
  /**
   * Starts a thread running the module at `entry` (compiled JavaScript) with `data` as its
   * `workerData`: a single build renders its PDF there while this thread writes the XLSX
   * (src/render/thread.ts). Absent from a test's world: everything then runs in this thread.
   * Throws when no thread can be started (the caller renders here instead).
   */
  thread?(entry: URL, data: unknown): Thread;
  // The three below are optional so that a test's world written before them still type-checks;
  // without them there is no project-root search (the working directory is the root) and no --watch.
  /** The working directory (absolute): where the project root is looked for (src/world/root.ts). */
  cwd?(): string;
  /** What is at a path: a file, a directory, or nothing (also when it cannot be examined). */
  kind?(path: string): 'file' | 'dir' | undefined;
  /**
   * Calls `onChange(path)` when a file under one of `paths` (files or directories, not recursive)
   * changes; `close()` stops watching. For `budget check --watch`; the caller debounces.
   */
  watch?(paths: readonly string[], onChange: (path: string) => void): { close(): void };
}

/**
 * A thread started before the world was made (bin/budget.js starts a single build's render thread
 * before it loads the CLI: src/cli/early.ts), for the first `World.thread` call that asks for the
 * same entry (`href`) and data (as JSON).
 */
export interface StartedThread {
  readonly entry: string;
  readonly data: string;
  /** The thread, once: undefined when it was taken already or is gone. */
  take(): Thread | undefined;
}

/** A started thread, as `World.thread` gives it: node's `Worker`, or a test's stand-in. */
export interface Thread {
  postMessage(value: unknown, transfer?: readonly ArrayBuffer[]): void;
  on(event: 'message', listener: (value: unknown) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  /** Whether the thread keeps the process alive while it waits. */
  ref(): void;
  unref(): void;
  terminate(): Promise<number>;
}

/** An entry of a directory listing. */
export interface DirEntry {
  readonly name: string;
  readonly kind: 'file' | 'dir' | 'other';
}

/** A failure of the outside world that is the user's to fix (a missing file, a full disk): never a stack trace. */
export class WorldError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message.en);
    this.name = 'WorldError';
  }
}

export interface NodeWorldOptions {
  /** The environment to read (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** A thread already started, for `thread()` to hand out (StartedThread). */
  readonly started?: StartedThread;
}

export function nodeWorld(options: NodeWorldOptions = {}): World {
  const environment = options.env ?? process.env;
  return {
    listYamlFiles,
    listDir(dir) {
      try {
        return fs.readdirSync(dir, { withFileTypes: true }).map((e) => ({ name: e.name, kind: e.isDirectory() ? 'dir' : e.isFile() ? 'file' : 'other' }));
      } catch {
        return [];
      }
    },
    readShared,
    readFile(file) {
      try {
        const b = fs.readFileSync(file);
        return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
      } catch (e) {
        throw new WorldError(readFailed(file, e));
      }
    },
    readText(file) {
      try {
        return fs.readFileSync(file, 'utf8');
      } catch (e) {
        throw new WorldError(readFailed(file, e));
      }
    },
    writeAtomic,
    writeOutputs(out, files) {
      try {
        commitOutputs(nodeCommitFs(environment.BUDGET_TEST_COMMIT_PAUSE_MS), out, files);
      } catch (e) {
        if (e instanceof CommitError) throw new WorldError(e.diagnostic);
        throw e;
      }
    },
    env: (name) => environment[name],
    sourceDateEpoch: () => parseSourceDateEpoch(environment.SOURCE_DATE_EPOCH),
    isTTY: (stream = 'stdout') => Boolean(process[stream].isTTY),
    noColor: Boolean(environment.NO_COLOR),
    cpuCount: Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length),
    thread(entry, data) {
      const started = options.started;
      const early = started && started.entry === entry.href && started.data === JSON.stringify(data) ? started.take() : undefined;
      if (early) return early;
      renderThreadHeap();
      return new Worker(entry, { workerData: data });
    },
    cwd: () => process.cwd(),
    kind(p) {
      try {
        const st = fs.statSync(p);
        return st.isDirectory() ? 'dir' : st.isFile() ? 'file' : undefined;
      } catch {
        return undefined;
      }
    },
    watch(paths, onChange) {
      const watchers: fs.FSWatcher[] = [];
      for (const p of paths) {
        try {
          const isDir = fs.statSync(p).isDirectory();
          // Editors save by writing a new file and renaming it over the old one: watch the directory.
          watchers.push(fs.watch(p, { persistent: true }, (_event, name) => onChange(isDir && name ? path.join(p, String(name)) : p)));
        } catch {
          /* gone or unreadable: the next check reports it */
        }
      }
      return { close: () => watchers.forEach((w) => w.close()) };
    },
  };
}

/** See World.readShared. */
function readShared(file: string): SharedArrayBuffer | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const size = fs.fstatSync(fd).size;
    const shared = new SharedArrayBuffer(size);
    const view = new Uint8Array(shared);
    for (let at = 0; at < size; ) {
      const n = fs.readSync(fd, view, at, size - at, at);
      if (n <= 0) return undefined; // the file shrank while read: let the worker read it itself
      at += n;
    }
    return shared;
  } catch {
    return undefined; // the worker reads it itself, and reports what is wrong with it
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * The commit protocol's steps on the real file system. `pauseMs` (BUDGET_TEST_COMMIT_PAUSE_MS, for
 * the end-to-end crash test only) announces each mutating step on stderr and then waits, so a test
 * can kill the process at a chosen step.
 */
export function nodeCommitFs(pauseMs?: string): CommitFs {
  const pause = pauseMs && /^\d+$/.test(pauseMs) ? Number(pauseMs) : 0;
  const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  const step = (what: string) => {
    if (!pause) return;
    fs.writeSync(2, `budget-commit-step ${what}\n`);
    sleep(pause);
  };
  return {
    mkdirp: (dir) => void fs.mkdirSync(dir, { recursive: true }),
    realpath: (p) => fs.realpathSync(p),
    readdir: (dir) => fs.readdirSync(dir),
    writeNew(file, bytes) {
      step(`write ${path.basename(file)}`);
      const fd = fs.openSync(file, 'wx', 0o644);
      try {
        let written = 0;
        while (written < bytes.byteLength) written += fs.writeSync(fd, bytes, written, bytes.byteLength - written);
        fs.fsyncSync(fd);
      } catch (e) {
        fs.closeSync(fd);
        fs.rmSync(file, { force: true });
        throw e;
      }
      fs.closeSync(fd);
    },
    rename(from, to) {
      step(`rename ${path.basename(from)} ${path.basename(to)}`);
      fs.renameSync(from, to);
    },
    remove(file) {
      step(`remove ${path.basename(file)}`);
      fs.rmSync(file, { force: true });
    },
    readText(file) {
      try {
        return fs.readFileSync(file, 'utf8');
      } catch (e) {
        if (errCode(e) === 'ENOENT') return undefined;
        throw e;
      }
    },
    syncDir(dir) {
      try {
        const dfd = fs.openSync(dir, 'r');
        try {
          fs.fsyncSync(dfd);
        } finally {
          fs.closeSync(dfd);
        }
      } catch {
        /* not every platform can fsync a directory */
      }
    },
    pidAlive(pid) {
      try {
        process.kill(pid, 0);
        return true;
      } catch (e) {
        return errCode(e) === 'EPERM'; // alive, someone else's
      }
    },
    pid: process.pid,
    randomHex: () => randomBytes(4).toString('hex'),
    now: () => Date.now(),
    sleep,
  };
}

function isPermission(code: string): boolean {
  return code === 'EACCES' || code === 'EPERM';
}

function errCode(e: unknown): string {
  return (e as NodeJS.ErrnoException | undefined)?.code ?? 'EIO';
}

function diag(rule: string, message: Localized, help: Localized): Diagnostic {
  return { severity: 'error', rule, message, related: [], figures: [], help };
}

function listYamlFiles(dir: string): { files: string[]; diagnostics: Diagnostic[] } {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch (e) {
    const code = errCode(e);
    return {
      files: [],
      diagnostics: [
        diag(
          'input/missing-dir',
          code === 'ENOENT' || code === 'ENOTDIR'
            ? { zh: `目录 ${dir} 不存在。`, en: `The directory ${dir} does not exist.` }
            : isPermission(code)
              ? { zh: `没有权限访问目录 ${dir}（${code}）：它或它的某个上级目录不允许进入。`, en: `Permission denied for the directory ${dir} (${code}): it or one of its parents may not be entered.` }
              : { zh: `无法访问目录 ${dir}（${code}）。`, en: `The directory ${dir} cannot be accessed (${code}).` },
          isPermission(code)
            ? { zh: `检查权限：运行 budget 的用户需要能进入 ${dir} 及其上级目录（chmod u+rx）。`, en: `Check the permissions: the user running budget must be able to enter ${dir} and its parents (chmod u+rx).` }
            : {
                zh: '检查路径：数据通常在 data/<年度>/ 下，例如 budget check data/2031。',
                en: 'Check the path: data usually lives under data/<year>/, e.g. budget check data/2031.',
              },
        ),
      ],
    };
  }
  if (!stat.isDirectory()) {
    return {
      files: [],
      diagnostics: [
        diag(
          'input/missing-dir',
          { zh: `${dir} 不是目录，而是一个文件。`, en: `${dir} is not a directory but a file.` },
          {
            zh: '给出包含 .yaml 文件的目录，例如 data/2031，而不是其中的某个文件。',
            en: 'Give the directory that holds the .yaml files, e.g. data/2031, not one of the files.',
          },
        ),
      ],
    };
  }
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (e) {
    const code = errCode(e);
    return {
      files: [],
      diagnostics: [
        diag(
          'input/missing-dir',
          isPermission(code)
            ? { zh: `没有权限读取目录 ${dir}（${code}）：无法列出其中的文件。`, en: `Permission denied reading the directory ${dir} (${code}): its files cannot be listed.` }
            : { zh: `无法读取目录 ${dir}（${code}）。`, en: `The directory ${dir} cannot be read (${code}).` },
          { zh: `检查目录的权限：运行 budget 的用户需要能读取 ${dir}（chmod u+r）。`, en: `Check the permissions: the user running budget must be able to read ${dir} (chmod u+r).` },
        ),
      ],
    };
  }
  // A directory that can be listed but not entered (r without x): its files cannot even be looked
  // at, which would otherwise read as "no .yaml files".
  const probe = names.find((n) => /\.ya?ml$/i.test(n) && !n.startsWith('.'));
  if (probe !== undefined) {
    try {
      fs.statSync(path.join(dir, probe));
    } catch (e) {
      const code = errCode(e);
      if (isPermission(code))
        return {
          files: [],
          diagnostics: [
            diag(
              'input/missing-dir',
              { zh: `没有权限进入目录 ${dir}（${code}）：可以列出文件名，但不能读取其中的文件。`, en: `Permission denied entering the directory ${dir} (${code}): its files can be listed but not read.` },
              { zh: `检查目录的权限：运行 budget 的用户需要能进入 ${dir}（chmod u+x）。`, en: `Check the permissions: the user running budget must be able to enter ${dir} (chmod u+x).` },
            ),
          ],
        };
    }
  }
  const files = names
    .filter((n) => /\.ya?ml$/i.test(n) && !n.startsWith('.'))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((n) => path.join(dir, n))
    .filter((f) => {
      try {
        return fs.statSync(f).isFile();
      } catch {
        return false; // a dangling link: not a data file
      }
    });
  return { files, diagnostics: [] };
}

function readFailed(file: string, e: unknown): Diagnostic {
  const code = errCode(e);
  const why: Localized =
    code === 'ENOENT'
      ? { zh: '文件不存在', en: 'no such file' }
      : code === 'EACCES' || code === 'EPERM'
        ? { zh: '没有读取权限', en: 'permission denied' }
        : code === 'EISDIR'
          ? { zh: '这是一个目录', en: 'it is a directory' }
          : { zh: code, en: code };
  return diag(
    'input/read-failed',
    { zh: `无法读取文件 ${file}：${why.zh}。`, en: `The file ${file} cannot be read: ${why.en}.` },
    { zh: '检查路径和文件权限。', en: 'Check the path and the file permissions.' },
  );
}

function writeAtomic(file: string, bytes: Uint8Array | string): void {
  // The rename below would replace whatever the name holds: a device (--out /dev/full, run as
  // root, put a regular file in its place), a pipe or a socket is refused, not replaced.
  let st: fs.Stats | undefined;
  try {
    st = fs.statSync(file);
  } catch {
    /* nothing there yet */
  }
  if (st && !st.isFile() && !st.isDirectory())
    throw new WorldError(
      diag(
        WRITE_FAILED_RULE,
        { zh: `无法写入 ${file}：它不是普通文件（设备、管道或套接字），不会被替换。`, en: `Cannot write ${file}: it is not a regular file (a device, pipe or socket) and is not replaced.` },
        { zh: '输出到一个普通文件的路径（--out）。', en: 'Write to the path of a regular file (--out).' },
      ),
    );
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fs.mkdirSync(dir, { recursive: true });
    fd = fs.openSync(tmp, 'wx', 0o644);
    const data = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
    let written = 0;
    while (written < data.byteLength) written += fs.writeSync(fd, data, written, data.byteLength - written);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tmp, file);
  } catch (e) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        /* already failing */
      }
    }
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      /* nothing to remove */
    }
    const code = errCode(e);
    throw new WorldError(
      diag(
        WRITE_FAILED_RULE,
        {
          zh: `无法写入 ${file}（${code}）；原有文件（如果有）保持不变。`,
          en: `Cannot write ${file} (${code}); the previous file, if any, is left unchanged.`,
        },
        code === 'ENOSPC'
          ? { zh: '磁盘已满：释放空间后重试。', en: 'The disk is full: free some space and try again.' }
          : { zh: '检查输出目录是否可写（--out）。', en: 'Check that the output directory is writable (--out).' },
      ),
    );
  }
  // Make the rename itself durable; not every platform can fsync a directory.
  try {
    const dfd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(dfd);
    } finally {
      fs.closeSync(dfd);
    }
  } catch {
    /* best effort */
  }
}

/** SOURCE_DATE_EPOCH (https://reproducible-builds.org/specs/source-date-epoch/): whole seconds since 1970 UTC. */
export function parseSourceDateEpoch(raw: string | undefined): { date?: Date; diagnostic?: Diagnostic } {
  if (raw === undefined || raw.trim() === '') return {};
  const t = raw.trim();
  // Up to 9999-12-31T23:59:59Z.
  if (/^\d{1,12}$/.test(t) && Number(t) <= 253402300799) return { date: new Date(Number(t) * 1000) };
  return {
    diagnostic: diag(
      SOURCE_DATE_EPOCH_RULE,
      {
        zh: `环境变量 SOURCE_DATE_EPOCH 的值“${raw}”无效：它应是自 1970-01-01 UTC 起的整秒数。`,
        en: `The environment variable SOURCE_DATE_EPOCH is invalid ("${raw}"): it must be whole seconds since 1970-01-01 UTC.`,
      },
      {
        zh: '例如 SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)，或取消设置它。',
        en: 'For example SOURCE_DATE_EPOCH=$(git log -1 --format=%ct), or unset it.',
      },
    ),
  };
}
