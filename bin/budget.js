#!/usr/bin/env node
// Runs the bundled CLI; `npm install` builds dist/bundle/ through the `prepare` script.
import('../dist/bundle/main.js').then((m) => m.main(process.argv)).catch((err) => {
  process.stderr.write(`budget: internal error: ${err && err.stack ? err.stack : err}\n`);
  process.exit(70);
});
