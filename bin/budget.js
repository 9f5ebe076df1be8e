#!/usr/bin/env node
// Runs the bundled CLI; `npm install` builds dist/bundle/ through the `prepare` script.
// A single `budget build` has its render thread started first (early.js, src/cli/early.ts), so that
// the thread loads the PDF renderer while this one loads the CLI; without it the build starts its own.
// The V8 interrupt budget of the command (src/world/interrupt-budget.ts) is set by startEarly: at once
// when it starts no thread, else by the thread once it has booted (a flag changed before would
// make the thread compile Node's internal modules from source as it boots).
const early = import('../dist/bundle/early.js')
  .then((e) => e.startEarly(process.argv, new URL('../dist/bundle/render-worker.js', import.meta.url)))
  .catch(() => undefined);
early
  .then((thread) => import('../dist/bundle/main.js').then((m) => m.main(process.argv, undefined, thread)))
  .catch((err) => {
    process.stderr.write(`budget: internal error: ${err && err.stack ? err.stack : err}\n`);
    process.exit(70);
  });
