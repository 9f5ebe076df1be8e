import type { World } from '../../world/index.js';

/**
 * What the PDF renderer reads from outside, through the World: font files given by path. A test's
 * fake World serves them like any other file.
 */
export type RenderFiles = Pick<World, 'readFile'>;

/**
 * Font files' bytes by path, read once per thread (a batch worker renders many reports), or
 * handed in by the thread that started it: the three CJK faces are ~40 MB, and two workers that
 * each read them would hold two copies. `World.readShared` reads a file into a SharedArrayBuffer,
 * which the batch runner passes to every worker (`useFontFile`): one copy for the whole process.
 *
 * A shared file is kept as a plain Uint8Array view, not a Buffer: Buffer#slice is a view too, and
 * a view on shared memory cannot be decoded as text (TextDecoder refuses it), while
 * Uint8Array#slice copies. fontkit reads a font through either.
 */
const files = new Map<string, Uint8Array>();

/** The bytes of the font file at `path` (read through the world on first use, then kept). */
export function fontFile(path: string, world: RenderFiles): Uint8Array {
  let b = files.get(path);
  if (b === undefined) {
    b = world.readFile(path);
    files.set(path, b);
  }
  return b;
}

/** Uses `bytes` (read elsewhere, e.g. shared by the main thread) as the file at `path`. */
export function useFontFile(path: string, bytes: Uint8Array): void {
  files.set(path, bytes);
}
