import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { TOOL_VERSION } from '../src/version.js';

// The version is part of every build's identity: a release that bumps package.json without it
// would stamp new outputs with the old tool's identity.
it('TOOL_VERSION is the package version', () => {
  const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as { version: string };
  expect(TOOL_VERSION).toBe(pkg.version);
});
