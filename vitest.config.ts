import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Many tests run the CLI as a user would (a whole `budget build`, pdftotext, LibreOffice), and
// test files run in parallel on a 2-core CI machine: a generous per-test limit keeps a loaded
// machine from turning a slow run into a failure. Speed itself is measured by `npm run bench`.
//
// Vitest runs one test file at a time per core but one (cores − 1): on 2 cores, one file at a
// time, with the second core idle but for the CLI processes a few tests spawn. The files are
// independent (scratch directories, their own forked process each), so use every core, at least
// two: measured on this 2-core machine (loaded by other work), tests/{batch,cli,source,schema}
// took 216 s one file at a time and 144 s two at a time, for the same CPU time.
export default defineConfig({
  test: {
    maxWorkers: Math.max(2, availableParallelism()),
    // The bundle the end-to-end tests run, rebuilt once if stale before the files start in parallel.
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
