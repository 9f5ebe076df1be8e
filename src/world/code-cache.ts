/**
 * V8's code cache for the CommonJS modules the render thread loads (PDFKit, fontkit and
 * theirs: ~70 files, ~2.5 MB of JavaScript), kept in one file next to the bundle.
 *
 * The render thread is a single build's critical path (src/cli/early.ts), and a fresh V8 isolate
 * compiles every function it runs: the modules' top levels while PDFKit loads, then each function
 * of the layout, the drawing and the subsetter the first time it is called. A module compiled from
 * V8's code cache skips both (the cache is made after the render, so it holds the functions the
 * render compiled): the reference year's thread, ~8 % less CPU and its layout phases ~15 % shorter
 * (paired runs, docs/benchmarks-history.md). Node 20 has no module.enableCompileCache (22.1), so
 * the thread compiles these modules itself, through `vm.Script` with `cachedData`, in place of
 * Node's `Module.prototype._compile` (what v8-compile-cache does): the same wrapper, `this`,
 * `exports`, `require` (Node's own, from `createRequire`), `module`, `__filename` and `__dirname`,
 * so the modules run as they would; only where V8 gets their code from differs.
 *
 * Safe when the cache is stale, damaged, foreign or unwritable: an entry is used only for the same
 * file with the same content (its length and CRC-32; V8's own check is the source's length only)
 * and only when its data has the CRC-32 it was written with (V8 reads damaged data as it is, and
 * crashes), and V8 refuses data from another V8 version or other flags (`cachedDataRejected`), so
 * the module is compiled as usual. CRC-32 is what Node's own compile cache (22.1,
 * src/compile_cache.cc) checks a source and its cache data with; zlib's is some three times
 * faster than SHA-1, which took ~8 % of the render thread's instructions up to PDFKit loaded
 * (4.4 MB: the sources and the data), and it spares the thread loading node:crypto. A Node
 * without `zlib.crc32` (before 20.15) compiles as usual, without the cache. When this thread compiled anything without usable data it writes the whole cache again
 * after its render (before it answers: the build ends the thread as soon as the file is back),
 * through a temporary file and a rename, so a reader never sees half a file; a cache that cannot
 * be written is simply not kept. The bytes of the PDF do not depend on where the code came from.
 * `npm run build` empties dist/bundle/, and with it the cache.
 */
import * as fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';
import * as zlib from 'node:zlib';

const MAGIC = 'budget-code-cache 3\n';

/** zlib's CRC-32 of a source (of its UTF-8) or of cache data; undefined on a Node without it. */
const crc32 = (zlib as { crc32?: (data: string | Uint8Array) => number }).crc32;

/** What an entry is for: a source of this length (in UTF-16 units, as V8 counts it) and CRC-32. */
interface Source {
  readonly length: number;
  readonly crc: number;
}

interface Entry extends Source {
  readonly data: Buffer;
}

export interface CodeCache {
  /** Writes the cache again when a module was compiled without usable data (a no-op otherwise). */
  save(): void;
  /** How many modules were compiled from the cache's data, and how many without (for the tests). */
  counts(): { cached: number; compiled: number };
}

/** Reads the cache file (an empty cache when it is missing or unreadable). */
function read(file: string): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  let blob: Buffer;
  try {
    blob = fs.readFileSync(file);
  } catch {
    return entries;
  }
  if (blob.toString('latin1', 0, MAGIC.length) !== MAGIC) return entries;
  try {
    let at = MAGIC.length;
    while (at < blob.length) {
      const nameLength = blob.readUInt32LE(at);
      const name = blob.toString('utf8', at + 4, at + 4 + nameLength);
      at += 4 + nameLength;
      const length = blob.readUInt32LE(at);
      const crc = blob.readUInt32LE(at + 4);
      const dataCrc = blob.readUInt32LE(at + 8);
      const dataLength = blob.readUInt32LE(at + 12);
      at += 16;
      if (at + dataLength > blob.length) break;
      const data = blob.subarray(at, at + dataLength);
      // V8 does not check its data's integrity (a damaged entry of the right length crashes the
      // process as it is read): each entry carries its own CRC-32.
      if (crc32!(data) === dataCrc) entries.set(name, { length, crc, data });
      at += dataLength;
    }
  } catch {
    // a truncated tail: the entries before it stand
  }
  return entries;
}

type Compile = (this: NodeJS.Module, content: string, filename: string) => unknown;

/**
 * Compiles the CommonJS modules this thread loads from now on through the cache in `file`. Only
 * for the render thread (render-worker.ts): it changes how this thread's modules are compiled.
 */
export function useCodeCache(file: string): CodeCache | undefined {
  if (typeof crc32 !== 'function') return undefined;
  const entries = read(file);
  const scripts = new Map<string, { source: Source; script: vm.Script }>();
  let missed = 0;
  let compiled = 0;
  const proto = (Module as unknown as { prototype: { _compile: Compile } }).prototype;
  const wrap = (Module as unknown as { wrap(source: string): string }).wrap;
  const original = proto._compile;
  proto._compile = function (this: NodeJS.Module, content: string, filename: string): unknown {
    let script: vm.Script;
    let source: Source;
    try {
      source = { length: content.length, crc: crc32!(content) };
      const entry = entries.get(filename);
      const cachedData = entry && entry.length === source.length && entry.crc === source.crc ? entry.data : undefined;
      script = new vm.Script(wrap(content), { filename, ...(cachedData ? { cachedData } : {}) });
      if (!cachedData || script.cachedDataRejected) missed++, compiled++;
    } catch {
      // Not compilable as a script (a syntax error): Node's own compile reports it as it would.
      return original.call(this, content, filename);
    }
    scripts.set(filename, { source, script });
    const fn = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    const require = createRequire(filename);
    return fn.call(this.exports, this.exports, require, this, filename, path.dirname(filename));
  };
  return {
    counts: () => ({ cached: scripts.size - compiled, compiled }),
    save() {
      if (missed === 0) return;
      missed = 0;
      const parts: Buffer[] = [Buffer.from(MAGIC, 'latin1')];
      for (const [name, { source, script }] of scripts) {
        const data = script.createCachedData();
        const nameBytes = Buffer.from(name, 'utf8');
        const head = Buffer.alloc(4);
        head.writeUInt32LE(nameBytes.length);
        const fields = Buffer.alloc(16);
        fields.writeUInt32LE(source.length, 0);
        fields.writeUInt32LE(source.crc, 4);
        fields.writeUInt32LE(crc32!(data), 8);
        fields.writeUInt32LE(data.length, 12);
        parts.push(head, nameBytes, fields, data);
      }
      const temp = `${file}.${process.pid}.${Math.random().toString(16).slice(2, 10)}.tmp`;
      try {
        fs.writeFileSync(temp, Buffer.concat(parts));
        fs.renameSync(temp, file);
      } catch {
        // not writable here (an install owned by another user): the next thread compiles again
        try {
          fs.rmSync(temp, { force: true });
        } catch {
          /* nothing to remove */
        }
      }
    },
  };
}
