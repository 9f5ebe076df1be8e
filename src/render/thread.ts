/**
 * A build's second core: one of its two files rendered on a worker thread while this thread
 * renders the other.
 *
 * The thread is started before the data is checked, so that it loads its renderer (PDFKit,
 * PDFKit, fontkit and the font files, for the PDF) on the second core meanwhile; once the document
 * exists it is sent over (structured clone: the Document is plain data) and the file comes back as
 * a transferred buffer. It is `renderHere` over there, so the bytes are the same as rendering in
 * this thread.
 *
 * The thread is an optimisation, never a dependency: when it cannot be started, or dies before it
 * answers (a missing worker file, out of memory), `render` renders in this thread instead. An error
 * the renderer throws there is rethrown here as it was thrown (name, message, stack, and the
 * diagnostic of a `WorldError`), so the build classifies it exactly as it would a local one.
 */
import type { Document } from '../document/model.js';
import { WorldError, type Thread, type World } from '../world/index.js';
import type { FontSet } from './pdf/index.js';
import { trace } from '../world/trace.js';

export type RenderFormat = 'pdf' | 'xlsx';

/** What the files of a render read through the world: fonts and the PDF stack's package.json. */
export type RenderFiles = Pick<World, 'readFile'>;

/** Renders one file in this thread (loading its renderer on first use). */
export async function renderHere(format: RenderFormat, doc: Document, fonts: FontSet | undefined, files: RenderFiles): Promise<Uint8Array> {
  if (format === 'xlsx') {
    const x = await import('./xlsx/index.js');
    trace('xlsx loaded');
    return x.renderXlsx(doc);
  }
  const pdf = await import('./pdf/index.js');
  return pdf.renderPdf(doc, fonts ?? pdf.defaultFonts(), files);
}

/**
 * What the thread is started with: the renderer to load at once (and, for the PDF, the fonts to
 * read). `startRenderThread` starts it with the renderer alone and sends the fonts as a message
 * (`PreloadFonts`), so that a thread started before the fonts were known (bin/budget.js,
 * src/cli/early.ts) is the same thread.
 */
export interface RenderThreadData {
  readonly preload: RenderFormat;
  readonly fonts?: FontSet;
}

/** The fonts a PDF thread reads ahead, once the build knows them. */
export interface PreloadFonts {
  readonly fonts: FontSet;
}

/** What the thread is asked: one file. */
export interface RenderRequest {
  readonly id: number;
  readonly format: RenderFormat;
  readonly doc: Document;
  readonly fonts?: FontSet;
}

/** A renderer's error, as data that crosses threads. */
export interface ThrownError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  /** Set when it was a `WorldError` (a file the renderer could not read). */
  readonly diagnostic?: WorldError['diagnostic'];
}

/** What the thread answers: the file, or the error the renderer threw. */
export type RenderReply = { readonly id: number; readonly bytes: Uint8Array } | { readonly id: number; readonly error: ThrownError };

export interface RenderThread {
  /** The file's bytes, rendered on the thread (or here, when the thread is gone). */
  render(format: RenderFormat, doc: Document, fonts: FontSet | undefined, files: RenderFiles): Promise<Uint8Array>;
  /** Ends the thread, and with it the renders still waited for (they reject); it never keeps the process alive while idle. */
  close(): void;
}

/**
 * The thread's entry, next to the module that starts it: `render-worker.js` in dist/render/ (tsc)
 * and in dist/bundle/ (scripts/bundle.mjs names the entry so).
 */
const ENTRY = new URL('./render-worker.js', import.meta.url);

/** Starts the thread, which loads `data.preload`'s renderer at once; undefined when the world starts no threads. */
export function startRenderThread(world: Pick<World, 'thread'>, data: RenderThreadData, entry: URL = ENTRY): RenderThread | undefined {
  let thread: Thread;
  try {
    if (!world.thread) return undefined;
    thread = world.thread(entry, { preload: data.preload } satisfies RenderThreadData);
  } catch {
    return undefined;
  }
  const pending = new Map<number, { resolve: (b: Uint8Array) => void; reject: (e: unknown) => void; here: () => void }>();
  let next = 0;
  let lost = false;
  // Gone before answering: each file still waited for is rendered here instead.
  const gone = () => {
    lost = true;
    const waiting = [...pending.values()];
    pending.clear();
    for (const p of waiting) p.here();
  };
  thread.on('message', (value) => {
    const reply = value as RenderReply;
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    if (pending.size === 0) thread.unref();
    if ('bytes' in reply) p.resolve(reply.bytes);
    else p.reject(rethrown(reply.error));
  });
  thread.on('error', gone);
  thread.on('exit', gone);
  thread.unref();
  if (data.fonts) {
    try {
      thread.postMessage({ fonts: data.fonts } satisfies PreloadFonts);
    } catch {
      // Only a head start: the request carries the fonts again.
    }
  }
  return {
    render(format, doc, fonts, files) {
      const local = () => renderHere(format, doc, fonts, files);
      if (lost) return local();
      return new Promise<Uint8Array>((resolve, reject) => {
        const id = next++;
        pending.set(id, { resolve, reject, here: () => void local().then(resolve, reject) });
        try {
          thread.postMessage({ id, format, doc, ...(fonts ? { fonts } : {}) } satisfies RenderRequest);
          thread.ref();
        } catch {
          // The document could not be sent (it should always clone): render it here.
          pending.delete(id);
          void local().then(resolve, reject);
        }
      });
    },
    close() {
      lost = true;
      // A file still waited for is no longer wanted (a build whose check failed after its document
      // was sent): it is not rendered here instead, as it would be for a thread that died.
      const waiting = [...pending.values()];
      pending.clear();
      for (const p of waiting) p.reject(new Error('render thread closed'));
      void thread.terminate().catch(() => undefined);
    },
  };
}

/** The thread's side of the protocol: where it receives requests and sends replies (`parentPort`). */
export interface RenderPort {
  on(event: 'message', listener: (value: unknown) => void): unknown;
  postMessage(value: unknown, transfer?: readonly ArrayBuffer[]): void;
}

/**
 * Serves renders on `port` (the thread's entry, render-worker.ts, calls this): loads the renderer
 * `data` names at once, then answers each request with the file or the error the renderer threw.
 * `cache` (src/world/code-cache.ts) is saved after each render, before its answer.
 */
export function serveRenders(port: RenderPort, data: RenderThreadData, files: RenderFiles, cache?: { save(): void }): void {
  trace('thread up');
  // Loading ahead is only a head start: what fails here fails again, and is reported, at the render.
  const pdf = data.preload === 'pdf' ? import('./pdf/render.js') : undefined;
  let ready: Promise<unknown> = pdf
    ? pdf.then((m) => m.preloadPdf(files, data.fonts)).catch(() => undefined)
    : import('./xlsx/index.js').then(() => undefined).catch(() => undefined);
  void ready.then(() => trace('preloaded'));
  port.on('message', (value) => {
    if (!(value as object as Record<string, unknown>).doc) {
      const { fonts } = value as PreloadFonts;
      if (pdf) ready = ready.then(() => pdf.then((m) => m.preloadPdf(files, fonts)).catch(() => undefined)).then(() => trace('fonts preloaded'));
      return;
    }
    const req = value as RenderRequest;
    trace('request received');
    void ready
      .then(() => renderHere(req.format, req.doc, req.fonts, files))
      .then(
        (bytes) => {
          // Hand the buffer over rather than copy it when the file is all of it.
          const whole = bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
          // Before the answer: the build ends this thread once it has its file.
          try {
            cache?.save();
          } catch {
            // only a speed-up
          }
          port.postMessage({ id: req.id, bytes } satisfies RenderReply, whole ? [bytes.buffer as ArrayBuffer] : []);
        },
        (e: unknown) => port.postMessage({ id: req.id, error: thrownError(e) } satisfies RenderReply),
      );
  });
}

/** The error a renderer threw on the thread, as data. */
export function thrownError(e: unknown): ThrownError {
  if (e instanceof WorldError) return { name: e.name, message: e.message, stack: e.stack, diagnostic: e.diagnostic };
  if (e instanceof Error) return { name: e.name, message: e.message, ...(e.stack ? { stack: e.stack } : {}) };
  return { name: 'Error', message: String(e) };
}

/** The same error again in this thread: a `WorldError` as one, others with their name and stack. */
function rethrown(t: ThrownError): Error {
  const e = t.diagnostic ? new WorldError(t.diagnostic) : new Error(t.message);
  if (!t.diagnostic) e.name = t.name;
  if (t.stack) e.stack = t.stack;
  return e;
}
