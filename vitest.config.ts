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

/**
 * The files that replace a module with `vi.mock` (src/ or node:fs): only these need a module
 * registry of their own. A mock applies to the modules loaded after it, so in a shared worker it
 * would miss the modules an earlier file loaded and leak into the files after it.
 */
const MOCKING = ['tests/cli/compile.test.ts', 'tests/profile/prebuilt.test.ts', 'tests/world/permissions.test.ts'];

export default defineConfig({
  test: {
    maxWorkers: Math.max(2, availableParallelism()),
    // The bundle the end-to-end tests run, rebuilt once if stale before the files start in parallel.
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    projects: [
      {
        extends: true,
        // Every other file runs in a worker that keeps its modules from one file to the next
        // (`isolate: false`): each file importing src/, pdfmake, exceljs, yaml and zod afresh cost
        // as much CPU as the tests of half the files (measured on tests/{cli,schema,model}: 56 s
        // of CPU isolated, 30 s shared). The tests restore what they change (spies: vitest
        // restores them after each file; the working directory, patches and switches: the tests
        // themselves), and src/'s module-level caches are keyed by content, so sharing them only
        // saves work.
        test: { name: 'shared', isolate: false, exclude: ['**/node_modules/**', ...MOCKING] },
      },
      { extends: true, test: { name: 'isolated', isolate: true, include: MOCKING } },
    ],
  },
});
