// Keys are the user's text: a key that happens to name a member of Object.prototype
// (`constructor`, `hasOwnProperty`, `__proto__`, …) is an unknown key like any other, reported at
// the key with the keys allowed there — never a crash, never "[object Object]" or a function's
// source in the message. Each place a key from the data is looked up is exercised: the top level,
// a section, a row of a flow mapping, a funding-source map.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkDir } from '../../src/compile.js';
import { formatHuman } from '../../src/diagnostics/human.js';
import { formatJson } from '../../src/diagnostics/json.js';
import { nodeWorld, type World } from '../../src/world/index.js';

const DIR = 'data/2023';
const KEYS = ['constructor', 'hasOwnProperty', 'isPrototypeOf', '__defineGetter__', '__proto__', 'toString', 'valueOf', 'propertyIsEnumerable'];

function world(files: Map<string, string>): World {
  const real = nodeWorld({ env: {} });
  return {
    ...real,
    listYamlFiles: (d) => (d === DIR ? { files: [...files.keys()], diagnostics: [] } : real.listYamlFiles(`/nonexistent/${d}`)),
    readFile: (f) => new TextEncoder().encode(files.get(f)!),
  };
}

function edited(file: string, from: string, to: string): Map<string, string> {
  const files = new Map(readdirSync(DIR).filter((f) => f.endsWith('.yaml')).map((f) => [join(DIR, f), readFileSync(join(DIR, f), 'utf8')]));
  const before = files.get(join(DIR, file))!;
  expect(before).toContain(from);
  files.set(join(DIR, file), before.replace(from, to));
  return files;
}

/** Where the edit put `key`: its 1-based line and column in the edited file. */
function placeOf(text: string, key: string, after: string): string {
  const at = text.indexOf(`${key}:`, text.indexOf(after));
  const before = text.slice(0, at).split('\n');
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

const PLACES = [
  { what: 'a top-level key', file: 'income.yaml', from: 'income:\n', to: (k: string) => `${k}: 1\nincome:\n`, after: '' },
  { what: 'a key of a section', file: 'department.yaml', from: '  unit: 万元', to: (k: string) => `  ${k}: 1\n  unit: 万元`, after: 'department:' },
  { what: 'a key of a row (flow mapping)', file: 'economic.yaml', from: '{code: 30101,', to: (k: string) => `{${k}: 1, code: 30101,`, after: '' },
  { what: 'a nested mapping value', file: 'income.yaml', from: '  general:', to: (k: string) => `  ${k}: {total: 1}\n  general:`, after: 'income:' },
];

describe('keys that name members of Object.prototype are unknown keys', () => {
  for (const place of PLACES) {
    it(`as ${place.what}`, () => {
      for (const key of KEYS) {
        const files = edited(place.file, place.from, place.to(key));
        const r = checkDir(DIR, world(files), { strict: false, templates: 'templates', profiles: 'profiles' });
        expect(r.status, key).toBe('unusable');
        const unknown = r.diagnostics.filter((d) => d.rule === 'shape/unknown-key');
        expect(unknown.map((d) => d.message.en), key).toEqual([expect.stringContaining(`unknown key "${key}"`)]);
        const d = unknown[0];
        expect(`${d.span?.file}:${d.span?.line}:${d.span?.col}`, key).toBe(`${join(DIR, place.file)}:${placeOf(files.get(join(DIR, place.file))!, key, place.after)}`);
        expect(d.help?.en, key).toMatch(/^keys allowed here: |^rename/);
        // every formatter prints it as text
        for (const out of [
          formatHuman([r], { color: 0, lang: 'zh', verbose: false } as never),
          formatHuman([r], { color: 0, lang: 'en', verbose: false } as never),
          formatJson([r], { lang: 'en' } as never),
        ]) {
          expect(out, key).not.toMatch(/\[object |function |native code|undefined/);
          expect(out, key).toContain(key);
        }
      }
    });
  }
});
