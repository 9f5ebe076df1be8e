/**
 * The render thread's V8 code cache (src/world/code-cache.ts): modules compiled from it run as
 * they would compiled afresh; a stale entry (same file, other content, even of the same length,
 * which V8's own check lets through), a foreign or garbled file, or a place that cannot be written
 * never changes what runs. Each case runs in a worker thread of its own, since the cache takes
 * over how that thread compiles its CommonJS modules.
 */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from '../cli/run.js';

beforeAll(() => ensureBuilt(), 300_000);

/** In a fresh thread: the cache at `cache`, the modules required, the cache saved; what they gave and the counts. */
function run(cache: string, modules: readonly string[]): Promise<{ values: unknown[]; counts: { cached: number; compiled: number } }> {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    import(workerData.lib).then(({ useCodeCache }) => {
      const c = useCodeCache(workerData.cache);
      const values = workerData.modules.map((m) => require(m).value());
      c.save();
      parentPort.postMessage({ values, counts: c.counts() });
    });`;
  return new Promise((resolve, reject) => {
    const w = new Worker(code, { eval: true, workerData: { lib: pathToFileURL(join(ROOT, 'dist/world/code-cache.js')).href, cache, modules } });
    w.once('message', (m) => void w.terminate().then(() => resolve(m)));
    w.once('error', reject);
  });
}

function modules(dir: string, bodies: Record<string, string>): string[] {
  return Object.entries(bodies).map(([name, body]) => {
    const file = join(dir, name);
    writeFileSync(file, body);
    return file;
  });
}

describe('the code cache', () => {
  it('compiles from the cache the second time, with the same results, and does not write it again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'budget-cc-'));
    const cache = join(dir, 'cache.bin');
    const files = modules(dir, { 'a.cjs': `const b = require('./b.cjs'); exports.value = () => [b.value(), __filename.endsWith('a.cjs'), typeof module.exports];`, 'b.cjs': `module.exports = { value: () => 40 + 2 };` });
    const first = await run(cache, [files[0]]);
    expect(first.values).toEqual([[42, true, 'object']]);
    expect(first.counts).toEqual({ cached: 0, compiled: 2 });
    const written = statSync(cache).mtimeMs;
    const second = await run(cache, [files[0]]);
    expect(second.values).toEqual(first.values);
    expect(second.counts).toEqual({ cached: 2, compiled: 0 });
    expect(statSync(cache).mtimeMs).toBe(written);
  });

  it('does not use an entry for other content of the same file, even of the same length', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'budget-cc-'));
    const cache = join(dir, 'cache.bin');
    const [file] = modules(dir, { 'm.cjs': `exports.value = () => 'old';` });
    expect((await run(cache, [file])).values).toEqual(['old']);
    writeFileSync(file, `exports.value = () => 'new';`);
    const again = await run(cache, [file]);
    expect(again.values).toEqual(['new']);
    expect(again.counts).toEqual({ cached: 0, compiled: 1 });
    // and the cache now holds the new content's code
    expect((await run(cache, [file])).counts).toEqual({ cached: 1, compiled: 0 });
  });

  it('compiles afresh from a garbled file, and replaces it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'budget-cc-'));
    const cache = join(dir, 'cache.bin');
    const [file] = modules(dir, { 'm.cjs': `exports.value = () => 7;` });
    await run(cache, [file]);
    const good = readFileSync(cache);
    for (const bad of [Buffer.from('not a cache'), good.subarray(0, good.length - 100), Buffer.concat([good.subarray(0, good.length - 50), Buffer.alloc(50, 0xff)])]) {
      writeFileSync(cache, bad);
      const r = await run(cache, [file]);
      expect(r.values).toEqual([7]);
    }
    expect((await run(cache, [file])).counts).toEqual({ cached: 1, compiled: 0 });
  });

  it('runs the modules when the cache cannot be written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'budget-cc-'));
    const [file] = modules(dir, { 'm.cjs': `exports.value = () => 'ok';` });
    const r = await run(join(dir, 'missing-dir', 'cache.bin'), [file]);
    expect(r.values).toEqual(['ok']);
  });
});
