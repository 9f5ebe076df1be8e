// The fuzz test's judge of a diagnostic's words (tests/source/fuzz.ts badDiagnostic) flags a value
// printed as if it were text — an object, a function's source — and not a user's own key that
// happens to begin with "function" (seed 8128, case 2450: the key "functional(").
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { badDiagnostic } from './fuzz.js';

const said = (zh: string): Diagnostic => ({ severity: 'error', rule: 'shape/unknown-key', message: { zh, en: 'x' }, related: [], figures: [] });

describe('the fuzz judge of printed words', () => {
  it("lets a user's key that begins with 'function' pass", () => {
    expect(badDiagnostic(said('未知的键 “functional(”（在 顶层）'), new Map())).toBeUndefined();
    expect(badDiagnostic(said('未知的键 “function al”（在 顶层）'), new Map())).toBeUndefined();
  });

  it("flags a function's source, an object and undefined", () => {
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const f = function lookup(a: unknown) { return a; };
    expect(badDiagnostic(said(`键 ${String(f)}`), new Map())).toMatch(/^says/);
    expect(badDiagnostic(said(`键 ${String(Object.prototype.hasOwnProperty)}`), new Map())).toMatch(/^says/);
    expect(badDiagnostic(said(`键 ${String({})}`), new Map())).toMatch(/^says/);
    expect(badDiagnostic(said(`键 ${String(undefined)}`), new Map())).toMatch(/^says/);
  });
});
