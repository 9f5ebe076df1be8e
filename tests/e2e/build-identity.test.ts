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
const opts = (out: string, formats?: ('pdf' | 'xlsx')[]) => ({ strict: false, templates: 'templates', out, name: 'x', formats });
const build = (epoch: string, out: string, formats?: ('pdf' | 'xlsx')[]) =>
  buildDir('data/2023', nodeWorld({ env: { SOURCE_DATE_EPOCH: epoch } }), opts(out, formats));

describe('build identity', () => {
  it('is the same in the PDF, the XLSX and the report; the same inputs give the same bytes', async () => {
    const a = mkdtempSync(join(tmpdir(), 'budget-id-'));
    const b = mkdtempSync(join(tmpdir(), 'budget-id-'));
    const ra = await build('1900000000', a);
    const rb = await build('1900000000', b);
    expect(ra.status).toBe('ok');
    expect(ra.build).toMatch(/^[0-9a-f]{32}$/);
    const [pdf, xlsx] = ra.outputs!;
    expect(identityOf(pdf)).toBe(ra.build);
    expect(identityOf(xlsx)).toBe(ra.build);
    expect(rb.build).toBe(ra.build);
    for (const f of ['2023/x.pdf', '2023/x.xlsx']) expect(readFileSync(join(a, f)).equals(readFileSync(join(b, f))), f).toBe(true);
  }, 120_000);

  it('changes with SOURCE_DATE_EPOCH (an input), so an XLSX of another build is told from this PDF', async () => {
    const a = mkdtempSync(join(tmpdir(), 'budget-id-'));
    const one = await build('1900000000', a, ['xlsx']);
    const two = await build('1900000001', a, ['xlsx']);
    expect(one.build).not.toBe(two.build);
    expect(identityOf(join(a, '2023/x.xlsx'))).toBe(two.build);
  }, 60_000);
});
