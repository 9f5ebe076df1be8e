import { defineConfig } from 'vitest/config';

// Many tests run the CLI as a user would (a whole `budget build`, pdftotext, LibreOffice), and
// test files run in parallel on a 2-core CI machine: a generous per-test limit keeps a loaded
// machine from turning a slow run into a failure. Speed itself is measured by `npm run bench`.
export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
