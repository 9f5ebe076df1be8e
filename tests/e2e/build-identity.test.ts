import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDir } from '../../src/compile.js';
import { nodeWorld } from '../../src/world/index.js';
import { identityOf } from './identity.js';

/**
 * Both files of a build carry the same build identity (a hash of the inputs), so a PDF and an XLSX
 * of different builds can always be told apart; the same inputs still give byte-identical files.
 */
const opts = (out: string, formats?: ('pdf' | 'xlsx')[]) => ({ strict: false, templates: 'templates', profiles: 'profiles', out, name: 'x', formats });
const build = (epoch: string, out: string, formats?: ('pdf' | 'xlsx')[]) =>
  buildDir('data/2023', nodeWorld({ env: { SOURCE_DATE_EPOCH: epoch } }), opts(out, formats));

describe('build identity', () => {
  it('is the same in the PDF, the XLSX and the report', async () => {
    const a = mkdtempSync(join(tmpdir(), 'budget-id-'));
    const r = await build('1900000000', a);
    expect(r.status).toBe('ok');
    expect(r.build).toMatch(/^[0-9a-f]{32}$/);
    const [pdf, xlsx] = r.outputs!;
    expect(identityOf(pdf)).toBe(r.build);
    expect(identityOf(xlsx)).toBe(r.build);
  }, 120_000);

  it('is a function of the inputs: the same inputs give the same bytes, another SOURCE_DATE_EPOCH another identity', async () => {
    const a = mkdtempSync(join(tmpdir(), 'budget-id-'));
    const b = mkdtempSync(join(tmpdir(), 'budget-id-'));
    const one = await build('1900000000', a, ['xlsx']);
    const same = await build('1900000000', b, ['xlsx']);
    expect(same.build).toBe(one.build);
    expect(readFileSync(join(a, '2023/x.xlsx')).equals(readFileSync(join(b, '2023/x.xlsx')))).toBe(true);
    const two = await build('1900000001', a, ['xlsx']);
    expect(two.build).not.toBe(one.build);
    expect(identityOf(join(a, '2023/x.xlsx'))).toBe(two.build);
  }, 60_000);
});
