/**
 * The PDF renderer on a worker thread, started before the document exists.
 *
 * Rendering the reference year's PDF is ~0.1 s of loading pdfmake/PDFKit/fontkit and reading the
 * font files, then ~0.4 s of layout and drawing, all on one core. A build that starts this thread
 * first (before checking the data) loads pdfmake on the second core while the main thread checks
 * and builds the document, and then lays out the PDF while the main thread writes the XLSX:
 *
 *   const pdf = startPdfThread();          // at once: the thread begins importing pdfmake
 *   … check, budgetToDocument …
 *   const [bytes, xlsx] = await Promise.all([pdf.render(doc, fonts), renderXlsx(doc)]);
 *   await pdf.close();
 *
 * `render` gives the same bytes as `renderPdf` in this thread (it is `renderPdf`, over there), and
 * rejects with the thread's error when rendering fails. The Document is copied to the thread
 * (structured clone); the PDF comes back as a transferred buffer.
 */
import { Worker } from 'node:worker_threads';
import type { Document } from '../../document/model.js';
import type { FontSet } from './fonts.js';

/** What the thread is asked: render one document. */
export interface PdfRequest {
  readonly id: number;
  readonly doc: Document;
  readonly fonts: FontSet;
}

/** What the thread answers: the PDF, or the error's message and stack. */
export type PdfReply =
  | { readonly id: number; readonly ok: true; readonly bytes: Uint8Array }
  | { readonly id: number; readonly ok: false; readonly message: string; readonly stack?: string };

export interface PdfThread {
  /** Renders on the thread; resolves with the PDF bytes. */
  render(doc: Document, fonts: FontSet): Promise<Uint8Array>;
  /** Ends the thread (pending renders are rejected). */
  close(): Promise<void>;
}

/**
 * Starts the thread, which immediately loads pdfmake and the fonts given (default: none until the
 * first render); resolves nothing until asked to render.
 */
export function startPdfThread(preload?: FontSet): PdfThread {
  const worker = new Worker(new URL('./thread-worker.js', import.meta.url), { workerData: { preload } });
  const pending = new Map<number, { resolve: (b: Uint8Array) => void; reject: (e: Error) => void }>();
  let next = 0;
  let closed = false;
  const failAll = (e: Error): void => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  worker.on('message', (reply: PdfReply) => {
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    if (reply.ok) p.resolve(reply.bytes);
    else {
      const e = new Error(reply.message);
      if (reply.stack) e.stack = reply.stack;
      p.reject(e);
    }
  });
  worker.on('error', (e) => failAll(e instanceof Error ? e : new Error(String(e))));
  worker.on('exit', (code) => {
    if (!closed || pending.size > 0) failAll(new Error(`the PDF thread exited (code ${code})`));
  });
  // Nothing pending: the thread must not keep the process alive on its own.
  worker.unref();
  return {
    render(doc, fonts) {
      if (closed) return Promise.reject(new Error('the PDF thread is closed'));
      const id = next++;
      return new Promise<Uint8Array>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.ref();
        worker.postMessage({ id, doc, fonts } satisfies PdfRequest);
      }).finally(() => {
        if (pending.size === 0) worker.unref();
      });
    },
    async close() {
      closed = true;
      failAll(new Error('the PDF thread was closed'));
      await worker.terminate();
    },
  };
}
