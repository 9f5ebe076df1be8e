#!/usr/bin/env node
// Runs the compiled CLI; `npm install` compiles src/ to dist/ through the `prepare` script.
import('../dist/cli/main.js').then((m) => m.main(process.argv)).catch((err) => {
  process.stderr.write(`budget: internal error: ${err && err.stack ? err.stack : err}\n`);
  process.exit(70);
});
