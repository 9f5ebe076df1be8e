#!/usr/bin/env node
// Runs the bundled CLI; `npm install` builds dist/bundle/ through the `prepare` script.
// A single `budget build` has its render thread started first (early.js, src/cli/early.ts), so that
// the thread loads the PDF renderer while this one loads the CLI; without it the build starts its own.
const early = import('../dist/bundle/early.js')
  .then((e) => e.startEarly(process.argv, new URL('../dist/bundle/render-worker.js', import.meta.url)))
  .catch(() => undefined);
early
  .then((thread) => import('../dist/bundle/main.js').then((m) => m.main(process.argv, undefined, thread)))
  .catch((err) => {
    process.stderr.write(`budget: internal error: ${err && err.stack ? err.stack : err}\n`);
    process.exit(70);
  });
