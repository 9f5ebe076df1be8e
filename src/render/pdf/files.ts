import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';

/**
 * Font files' bytes by path, read once per thread (a batch worker renders many reports), or
 * handed in by the thread that started it: the three CJK faces are ~40 MB, and two workers that
 * each read them would hold two copies. `readShared` reads a file into a SharedArrayBuffer, which
 * the batch runner passes to every worker (`useFontFile`): one copy for the whole process.
 *
 * A shared file is kept as a plain Uint8Array view, not a Buffer: Buffer#slice is a view too, and
 * a view on shared memory cannot be decoded as text (TextDecoder refuses it), while
 * Uint8Array#slice copies. fontkit reads a font through either.
 */
const files = new Map<string, Uint8Array>();

/** The bytes of the font file at `path` (read on first use, then kept). */
export function fontFile(path: string): Uint8Array {
  let b = files.get(path);
  if (b === undefined) {
    b = readFileSync(path);
    files.set(path, b);
  }
  return b;
}

/** Uses `bytes` (read elsewhere, e.g. shared by the main thread) as the file at `path`. */
export function useFontFile(path: string, bytes: Uint8Array): void {
  files.set(path, bytes);
}

/** Reads a file into shared memory, to hand to worker threads; undefined if it cannot be read. */
export function readShared(path: string): SharedArrayBuffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const size = fstatSync(fd).size;
    const shared = new SharedArrayBuffer(size);
    const view = new Uint8Array(shared);
    for (let at = 0; at < size; ) {
      const n = readSync(fd, view, at, size - at, at);
      if (n <= 0) return undefined; // the file shrank while read: let the worker read it itself
      at += n;
    }
    return shared;
  } catch {
    return undefined; // the worker reads it itself, and reports what is wrong with it
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
