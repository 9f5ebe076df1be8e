/**
 * The PDF thread's entry (see thread.ts): loads pdfmake and the preloaded fonts at once, then
 * renders each document it is sent with `renderPdf`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { preloadPdf, renderPdf } from './render.js';
import type { PdfReply, PdfRequest } from './thread.js';
import type { FontSet } from './fonts.js';

const { preload } = (workerData ?? {}) as { preload?: FontSet };
const ready = preloadPdf(preload);

parentPort?.on('message', (req: PdfRequest) => {
  void ready
    .then(() => renderPdf(req.doc, req.fonts))
    .then(
      (bytes) => {
        const reply: PdfReply = { id: req.id, ok: true, bytes };
        // Hand the buffer over rather than copy it, when the PDF owns all of it.
        const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
        parentPort?.postMessage(reply, whole ? [bytes.buffer as ArrayBuffer] : []);
      },
      (e: unknown) => {
        const err = e instanceof Error ? e : new Error(String(e));
        const reply: PdfReply = { id: req.id, ok: false, message: err.message, stack: err.stack };
        parentPort?.postMessage(reply);
      },
    );
});
