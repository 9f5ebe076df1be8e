import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import type { Profile } from '../../src/profile/schema.js';

const SHIPPED = readFileSync('profiles/shenzhen.yaml', 'utf8');
// Stands for what the bundle carries: an object parseFresh would never return, so a test can tell
// which of the two paths answered.
const CARRIED = { marker: 'prebuilt' } as unknown as Profile;

vi.mock('../../src/profile/prebuilt.js', () => ({ PREBUILT_PROFILES: [{ text: readFileSync('profiles/shenzhen.yaml', 'utf8'), profile: { marker: 'prebuilt' } }] }));

const { parseProfile, parseFresh } = await import('../../src/profile/parse.js');

describe('prebuilt profiles', () => {
  it('a text the bundle carries is answered from it, under any file name, with no diagnostics', () => {
    const r = parseProfile('/elsewhere/any-name.yaml', SHIPPED);
    expect(r.profile).toEqual(CARRIED);
    expect(r.diagnostics).toEqual([]);
  });

  it('an edited text is read and validated afresh', () => {
    const text = SHIPPED + '\n# a comment changes the text, not the layout\n';
    const r = parseProfile('p.yaml', text);
    expect(r.diagnostics).toEqual([]);
    expect(r.profile).not.toEqual(CARRIED);
    expect(r.profile!.tables).toHaveLength(12);
  });

  it('an edited text that is malformed still gets its diagnostics', () => {
    const r = parseProfile('bad.yaml', SHIPPED + '\nnot_a_key: 1\n');
    expect(r.profile).toBeUndefined();
    expect(r.diagnostics.map((d) => d.rule)).toContain('profile/invalid');
  });

  it('what the build stores for a shipped profile survives JSON unchanged (the build takes only such)', () => {
    const { profile } = parseFresh('profiles/shenzhen.yaml', SHIPPED);
    expect(profile).toBeDefined();
    expect(JSON.parse(JSON.stringify(profile))).toStrictEqual(profile);
  });
});
