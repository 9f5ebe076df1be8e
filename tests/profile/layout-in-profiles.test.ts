import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProfile } from '../../src/profile/index.js';

/**
 * The layout is declared once, in the profiles: outside them no code names a table number (表1, 表十二,
 * Table 3, an id such as table-3), a part number (第一部分, Part 2) or one of the default layout's table
 * titles. Comments may (they explain with the reference document's terms); strings and identifiers
 * may not, or a second layout would have to touch them.
 */

const SRC = join(import.meta.dirname, '..', '..', 'src');

/**
 * Where the layout is still named, each with why (empty since issue "The report definition as data"
 * landed: keep it so for good). The last test fails once one is clean, so the list cannot go stale.
 */
const NOT_YET: Readonly<Record<string, string>> = {};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** The code without its comments (a `//` inside a string such as a URL is kept). */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

const profile = parseProfile('profiles/shenzhen.yaml', readFileSync('profiles/shenzhen.yaml', 'utf8')).profile!;
const TITLES = profile.tables.map((t) => t.title);
// 表一 of 每张表一个 (one per table) is not a table's number.
const NUMBERS = /表[0-9一二三四五六七八九十]+(?![个张份])|\btable-\d+|第[一二三四五六七八九十]+部分|\bTables? \d+|\bParts? \d+/g;

/** What each file names of the layout: in its code, or (`withComments`) in its text as written. */
function findings(withComments = false): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const f of sourceFiles(SRC)) {
    const rel = relative(SRC, f).split(sep).join('/');
    const raw = readFileSync(f, 'utf8');
    const text = withComments ? raw : code(raw);
    const hits = [...new Set([...[...text.matchAll(NUMBERS)].map((m) => m[0]), ...TITLES.filter((t) => text.includes(t))])];
    if (hits.length) out[rel] = hits;
  }
  return out;
}

const exempt = (rel: string) => Object.keys(NOT_YET).some((k) => rel === k || rel.startsWith(k + '/'));

describe('the layout lives in the profiles', () => {
  const found = findings();

  it('the scan sees the layout where the comments name it (a broken scan would pass vacuously)', () => {
    // The comments explain with the reference document's terms, so the same scan over the text as
    // written must find table numbers, part numbers and titles: only the comments are let off.
    const all = Object.values(findings(true)).flat();
    expect(Object.keys(findings(true)).length).toBeGreaterThan(3);
    expect(all.some((h) => /^表\d+$/.test(h))).toBe(true);
    expect(all.some((h) => /^第.+部分$/.test(h))).toBe(true);
    expect(all.some((h) => TITLES.includes(h))).toBe(true);
    expect(TITLES).toContain(profile.tables[0].title);
  });

  it('no code outside the profiles names a table number, a part number or a default table title', () => {
    const offending = Object.entries(found).filter(([rel]) => !exempt(rel));
    expect(Object.fromEntries(offending)).toEqual({});
  });

  it('src/document and src/render in particular', () => {
    expect(Object.keys(found).filter((rel) => rel.startsWith('document/') || rel.startsWith('render/'))).toEqual([]);
  });

  it('each listed exception still names the layout (drop it once it is clean)', () => {
    for (const k of Object.keys(NOT_YET)) expect(Object.keys(found).some((rel) => rel === k || rel.startsWith(k + '/')), k).toBe(true);
  });
});
