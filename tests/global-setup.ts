import { ensureBuilt } from './cli/run.js';

/**
 * Brings dist/bundle/ up to date once, before any test file runs: the few end-to-end tests run
 * bin/budget.js, and test files run in parallel, so two files must not both find the bundle
 * stale and rebuild it at the same time (`npm test` builds first; this covers `npx vitest run`).
 */
export default function setup(): void {
  ensureBuilt();
}
