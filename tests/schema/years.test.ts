// A year is a year: 1949–2999, a whole number. Dates of the document are made from it, and a year
// such as 300000 once passed the check and crashed the build (RangeError: Invalid time value).
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSources } from '../../src/source/index.js';
import { validateShape } from '../../src/schema/validate.js';

const DIR = 'data/2023';

function yearAs(text: string) {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).map((f) => {
    let t = readFileSync(join(DIR, f), 'utf8');
    if (f === 'department.yaml') {
      expect(t).toContain('  year: 2023');
      t = t.replace('  year: 2023', `  year: ${text}`);
    }
    return { path: join(DIR, f), bytes: new TextEncoder().encode(t) };
  });
  return validateShape(parseSources(DIR, files).tree!).diagnostics.filter((d) => d.span?.line === 8 && d.span.file.endsWith('department.yaml'));
}

describe('department.year', () => {
  for (const y of ['300000', '-5', '0', '1948', '3000']) {
    it(`${y} is refused at the year, with the range`, () => {
      const ds = yearAs(y);
      expect(ds.map((d) => `${d.rule} ${d.span?.line}:${d.span?.col}`)).toEqual(['shape/invalid-value 8:9']);
      expect(ds[0].message.en).toBe(`department.year: ${y} is not a usable year: it must lie between 1949 and 2999`);
    });
  }
  it('2023.5 must be a whole number (not "a number, not the number 2023.5")', () => {
    const ds = yearAs('2023.5');
    expect(ds.map((d) => d.message.en)).toEqual(['department.year must be a whole number, not the number 2023.5']);
  });
  it('1949 and 2999 are years (whatever else they make of the data)', () => {
    expect(yearAs('1949')).toEqual([]);
    expect(yearAs('2999')).toEqual([]);
  });
});
