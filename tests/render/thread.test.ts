/**
 * The render thread (src/render/thread.ts): a file rendered over there is the file rendered here,
 * a renderer's error comes back as it was thrown, and a thread that is gone or cannot start never
 * costs the build its file. The thread is a stand-in that runs the thread's side of the protocol
 * (`serveRenders`) in this process, with every message structured-cloned both ways as between
 * threads; the real worker runs from the bundle (tests/e2e/second-thread.test.ts).
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDir } from '../../src/compile.js';
import type { Document } from '../../src/document/model.js';
import { renderHere, serveRenders, startRenderThread, type RenderThreadData } from '../../src/render/thread.js';
import { nodeWorld, WorldError, type Thread, type World } from '../../src/world/index.js';
import { sampleDoc as sample } from './xlsx/sample-doc.js';
import { defaultFonts } from '../../src/render/pdf/index.js';
import { EARLY_DATA } from '../../src/cli/early.js';

const sampleDoc: Document = sample();

type Listener = (value: never) => void;

/** A thread in this process: `serveRenders` on the far side, messages cloned, replies asynchronous. */
class StandIn implements Thread {
  readonly sent: unknown[] = [];
  terminated = false;
  private readonly mine: Record<string, Listener[]> = { message: [], error: [], exit: [] };
  private readonly theirs: ((value: unknown) => void)[] = [];
  constructor(
    data: unknown,
    private readonly dies = false,
  ) {
    serveRenders(
      { on: (_e, l) => void this.theirs.push(l), postMessage: (v) => setImmediate(() => this.emit('message', structuredClone(v))) },
      structuredClone(data) as RenderThreadData,
      nodeWorld(),
    );
  }
  private emit(event: string, value: unknown): void {
    for (const l of this.mine[event]) (l as (v: unknown) => void)(value);
  }
  postMessage(value: unknown): void {
    this.sent.push(value);
    const copy = structuredClone(value);
    setImmediate(() => (this.dies ? this.emit('exit', 1) : this.theirs.forEach((l) => l(copy))));
  }
  on(event: 'message' | 'error' | 'exit', listener: Listener): this {
    this.mine[event].push(listener);
    return this;
  }
  ref(): void {}
  unref(): void {}
  terminate(): Promise<number> {
    this.terminated = true;
    return Promise.resolve(0);
  }
}

const files = nodeWorld();
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

function threadWorld(opts: { dies?: boolean } = {}): { world: Pick<World, 'thread'>; threads: StandIn[] } {
  const threads: StandIn[] = [];
  return {
    threads,
    world: {
      thread: (_entry, data) => {
        const t = new StandIn(data, opts.dies);
        threads.push(t);
        return t;
      },
    },
  };
}

describe('the render thread', () => {
  it('renders the same bytes as this thread, the PDF and the workbook', async () => {
    const { world, threads } = threadWorld();
    const thread = startRenderThread(world, { preload: 'pdf' })!;
    expect(thread).toBeDefined();
    const [pdf, xlsx] = await Promise.all([thread.render('pdf', sampleDoc, undefined, files), thread.render('xlsx', sampleDoc, undefined, files)]);
    expect(threads[0].sent).toHaveLength(2);
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(same(pdf, await renderHere('pdf', sampleDoc, undefined, files))).toBe(true);
    expect(same(xlsx, await renderHere('xlsx', sampleDoc, undefined, files))).toBe(true);
    thread.close();
    expect(threads[0].terminated).toBe(true);
  }, 120_000);

  it("rethrows the renderer's error with its name and message", async () => {
    const { world } = threadWorld();
    const thread = startRenderThread(world, { preload: 'xlsx' })!;
    const broken: Document = { ...sampleDoc, meta: { ...sampleDoc.meta, created: 'not a date' } };
    const e = await thread.render('xlsx', broken, undefined, files).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(Error);
    expect((e as Error).name).toBe('InternalError');
    expect((e as Error).message).toMatch(/DocMeta\.created is not a date/);
    // and keeps working
    const again = await thread.render('xlsx', sampleDoc, undefined, files);
    expect(same(again, await renderHere('xlsx', sampleDoc, undefined, files))).toBe(true);
    thread.close();
  }, 60_000);

  it('rethrows a file the renderer could not read as a WorldError with its diagnostic', async () => {
    const { world } = threadWorld();
    const thread = startRenderThread(world, { preload: 'pdf' })!;
    const missing = join(mkdtempSync(join(tmpdir(), 'budget-thread-')), 'none.ttf');
    const e = await thread.render('pdf', sampleDoc, { body: missing, bodyBold: missing, heading: missing }, files).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(WorldError);
    expect((e as WorldError).diagnostic.rule).toBe('input/read-failed');
    expect((e as WorldError).diagnostic.message.en).toContain(missing);
    thread.close();
  }, 60_000);

  it('renders here when the thread is gone before it answers', async () => {
    const { world, threads } = threadWorld({ dies: true });
    const thread = startRenderThread(world, { preload: 'xlsx' })!;
    const bytes = await thread.render('xlsx', sampleDoc, undefined, files);
    expect(threads[0].sent).toHaveLength(1);
    expect(same(bytes, await renderHere('xlsx', sampleDoc, undefined, files))).toBe(true);
    // and does not ask it again
    await thread.render('xlsx', sampleDoc, undefined, files);
    expect(threads[0].sent).toHaveLength(1);
  }, 60_000);

  it('is started with the renderer alone and then sent the fonts to read ahead', async () => {
    const { world, threads } = threadWorld();
    const started: unknown[] = [];
    const thread = startRenderThread({ thread: (e, data) => (started.push(data), world.thread!(e, data)) }, { preload: 'pdf', fonts: defaultFonts() })!;
    // the same data as bin/budget.js starts its thread with (src/cli/early.ts), so that thread is this one
    expect(started).toEqual([EARLY_DATA]);
    expect(threads[0].sent).toEqual([{ fonts: defaultFonts() }]);
    const pdf = await thread.render('pdf', sampleDoc, undefined, files);
    expect(same(pdf, await renderHere('pdf', sampleDoc, undefined, files))).toBe(true);
    thread.close();
  }, 120_000);

  it('is not started when the world starts no threads or the start fails', () => {
    expect(startRenderThread({}, { preload: 'pdf' })).toBeUndefined();
    const failing: Pick<World, 'thread'> = {
      thread: () => {
        throw new Error('EAGAIN');
      },
    };
    expect(startRenderThread(failing, { preload: 'pdf' })).toBeUndefined();
  });
});

describe('a build on two threads', () => {
  const opts = (out: string, secondThread?: boolean) => ({ strict: false, profiles: 'profiles', out, name: 'x', secondThread });
  const env = { SOURCE_DATE_EPOCH: '1900000000' };

  it('writes the same files as a build on one, and ends its thread', async () => {
    const { world, threads } = threadWorld();
    const two: World = { ...nodeWorld({ env }), cpuCount: 2, ...world };
    const a = mkdtempSync(join(tmpdir(), 'budget-two-'));
    const b = mkdtempSync(join(tmpdir(), 'budget-one-'));
    const r = await buildDir('data/2023', two, opts(a, true));
    expect(r.status).toBe('ok');
    expect(threads).toHaveLength(1);
    // the fonts to read ahead, then the PDF went to the thread; the workbook was written here
    expect(threads[0].sent.map((m) => (m as { format?: string }).format ?? Object.keys(m as object).join())).toEqual(['fonts', 'pdf']);
    expect(threads[0].terminated).toBe(true);
    await buildDir('data/2023', nodeWorld({ env }), opts(b));
    for (const f of ['x.pdf', 'x.xlsx']) expect(readFileSync(join(a, '2023', f)).equals(readFileSync(join(b, '2023', f))), f).toBe(true);
  }, 120_000);

  it('starts none with one core, for one file, or outside a single build', async () => {
    // The thread starts before the check: a directory that fails it shows whether one was started.
    const empty = mkdtempSync(join(tmpdir(), 'budget-empty-'));
    for (const [cpuCount, secondThread, formats] of [
      [2, true, undefined, 1],
      [1, true, undefined],
      [2, true, ['xlsx'] as const],
      [2, true, ['pdf'] as const],
      [2, false, undefined],
    ] as const) {
      const { world, threads } = threadWorld();
      const w: World = { ...nodeWorld({ env }), cpuCount, ...world };
      const r = await buildDir(empty, w, { ...opts(mkdtempSync(join(tmpdir(), 'budget-out-')), secondThread), ...(formats ? { formats } : {}) });
      expect(r.status).not.toBe('ok');
      expect(threads.length, `${cpuCount} ${secondThread} ${formats}`).toBe(cpuCount === 2 && secondThread && !formats ? 1 : 0);
    }
  });

  it('sends its thread the document before the check, and drops it unrendered when the check fails', async () => {
    const { world, threads } = threadWorld();
    const two: World = { ...nodeWorld({ env }), cpuCount: 2, ...world };
    // the reference year with one total that no longer adds up: it loads, and fails its check
    const dir = join(mkdtempSync(join(tmpdir(), 'budget-wrong-')), '2023');
    cpSync('data/2023', dir, { recursive: true });
    const income = join(dir, 'income.yaml');
    writeFileSync(income, readFileSync(income, 'utf8').replace('total: 5158 ', 'total: 5258 '));
    const out = mkdtempSync(join(tmpdir(), 'budget-out-'));
    const r = await buildDir(dir, two, opts(out, true));
    expect(r.status).toBe('failed');
    expect(r.diagnostics.some((d) => d.severity === 'error' && d.span?.file.endsWith('income.yaml'))).toBe(true);
    // the fonts, then the document went over before the check's verdict; the thread was ended, nothing written
    expect(threads[0].sent.map((m) => (m as { format?: string }).format ?? Object.keys(m as object).join())).toEqual(['fonts', 'pdf']);
    expect(threads[0].terminated).toBe(true);
    expect(readdirSync(out)).toEqual([]);
  }, 60_000);

  it('rejects the renders still waited for when it is closed, and renders none of them here', async () => {
    // a thread that never answers
    const silent: Thread = { postMessage() {}, on() { return this; }, ref() {}, unref() {}, terminate: () => Promise.resolve(0) };
    const thread = startRenderThread({ thread: () => silent }, { preload: 'xlsx' })!;
    const waiting = thread.render('xlsx', sampleDoc, undefined, files);
    thread.close();
    await expect(waiting).rejects.toThrow(/closed/);
  });

  it('ends its thread when the check fails, with nothing written', async () => {
    const { world, threads } = threadWorld();
    const two: World = { ...nodeWorld({ env }), cpuCount: 2, ...world };
    const empty = mkdtempSync(join(tmpdir(), 'budget-empty-'));
    const out = mkdtempSync(join(tmpdir(), 'budget-out-'));
    const r = await buildDir(empty, two, opts(out, true));
    expect(r.status).not.toBe('ok');
    expect(threads).toHaveLength(1);
    // the fonts to read ahead, and no document
    expect(threads[0].sent).toEqual([{ fonts: defaultFonts() }]);
    expect(threads[0].terminated).toBe(true);
    expect(readdirSync(out)).toEqual([]);
  });
});
