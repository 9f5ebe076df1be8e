import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

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
 * The files that need a process of their own. Those that replace a module with `vi.mock` (src/ or
 * node:fs): a mock applies to the modules loaded after it, so in a shared worker it would miss the
 * modules an earlier file loaded and leak into the files after it. (hostile-input once needed one
 * too: a file nested 1,000 levels deep was refused only when it overflowed a cold parser's stack;
 * src/source/depth.ts now refuses past a fixed depth in every process.)
 */
const ISOLATED = ['tests/cli/compile.test.ts', 'tests/profile/prebuilt.test.ts', 'tests/world/permissions.test.ts'];

/**
 * The slowest files, slowest first (seconds of a clean clone's run on this machine): started
 * first, so that the two cores finish together. Vitest orders files by its record of the last
 * run's times, and a fresh clone has none: it then starts the largest files first, and a short
 * file of slow tests (the typo fuzz) could start last and run on alone. Files not listed keep
 * vitest's order after these; a stale list costs balance, never a test.
 */
const SLOW_FIRST = [
  'tests/check/mutation.test.ts', // 25 (on worker threads)
  'tests/e2e/finish.test.ts', // 20
  'tests/render/pdf/settle.test.ts', // 18
  'tests/batch/outputs.test.ts', // 17
  'tests/import/roundtrip.test.ts', // 13
  'tests/batch/reuse.test.ts', // 13
  'tests/e2e/reference-pdf.test.ts', // 11
  'tests/shanghai/mutation.test.ts', // 11
  'tests/source/fast.test.ts', // 10
  'tests/e2e/import-libreoffice.test.ts', // 10
  'tests/import/origins.test.ts', // 8
  'tests/render/xlsx/libreoffice.test.ts', // 8
  'tests/source/fuzz-shard-1.test.ts', // 7 each
  'tests/source/fuzz-shard-2.test.ts',
  'tests/source/fuzz-shard-3.test.ts',
  'tests/source/fuzz-shard-4.test.ts',
  'tests/deps/versions.test.ts', // 7
  'tests/e2e/kill-commit.test.ts', // 6
  'tests/fix/fix.test.ts', // 6
];

class SlowFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => {
      const i = SLOW_FIRST.findIndex((p) => f.moduleId.endsWith(p));
      return i < 0 ? SLOW_FIRST.length : i;
    };
    // within a project only: a worker that keeps its modules serves one project's files in a row
    const sorted = await super.sort(files);
    return sorted
      .map((f, i) => ({ f, i }))
      .sort((a, b) => (a.f.project.name === b.f.project.name ? rank(a.f) - rank(b.f) || a.i - b.i : a.i - b.i))
      .map((x) => x.f);
  }
}

export default defineConfig({
  test: {
    maxWorkers: Math.max(2, availableParallelism()),
    // The bundle the end-to-end tests run, rebuilt once if stale before the files start in parallel.
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    sequence: { sequencer: SlowFirst },
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
        test: { name: 'shared', isolate: false, exclude: ['**/node_modules/**', ...ISOLATED] },
      },
      { extends: true, test: { name: 'isolated', isolate: true, include: ISOLATED } },
    ],
  },
});
