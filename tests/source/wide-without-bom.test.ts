// UTF-16 or UTF-32 saved without a byte order mark is named so: it was "not UTF-8 (the first
// invalid byte 0xFA) — if GBK, iconv -f GBK", and an all-ASCII one was valid UTF-8 full of NULs.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSources } from '../../src/source/index.js';

const text = readFileSync('data/2023/economic.yaml', 'utf8');
const ascii = 'department:\n  name: x\n  year: 2031\n';

function utf32(s: string, le: boolean): Uint8Array {
  const cps = Array.from(s, (c) => c.codePointAt(0)!);
  const out = new Uint8Array(cps.length * 4);
  const v = new DataView(out.buffer);
  cps.forEach((cp, i) => v.setUint32(i * 4, cp, le));
  return out;
}
function utf16(s: string, le: boolean): Uint8Array {
  const out = new Uint8Array(s.length * 2);
  const v = new DataView(out.buffer);
  for (let i = 0; i < s.length; i++) v.setUint16(i * 2, s.charCodeAt(i), le);
  return out;
}

function refusal(bytes: Uint8Array) {
  const r = parseSources('d', [{ path: 'd/economic.yaml', bytes }]);
  expect(r.diagnostics.map((d) => d.rule)).toEqual(['input/encoding']);
  return r.diagnostics[0];
}

describe('UTF-16 and UTF-32 without a byte order mark', () => {
  for (const [what, bytes, bits] of [
    ['UTF-32LE', utf32(text, true), 32],
    ['UTF-32BE', utf32(text, false), 32],
    ['UTF-16LE', utf16(text, true), 16],
    ['UTF-16BE', utf16(text, false), 16],
    ['all-ASCII UTF-16LE', utf16(ascii, true), 16],
    ['all-ASCII UTF-32BE', utf32(ascii, false), 32],
  ] as const) {
    it(`${what} is named as UTF-${bits} at 1:1`, () => {
      const d = refusal(bytes);
      expect(d.message.en).toBe(`The file is not UTF-8: it is UTF-${bits} without a byte order mark (${bits / 8} bytes per character; the file is full of zero bytes).`);
      expect(d.message.zh).not.toContain('GBK');
      expect(`${d.span?.line}:${d.span?.col}`).toBe('1:1');
      expect(d.help?.en).toContain(`iconv -f UTF-${bits}LE -t UTF-8`);
    });
  }

  it('UTF-8 and GBK are not taken for it', () => {
    expect(parseSources('d', [{ path: 'd/economic.yaml', bytes: new TextEncoder().encode(text) }]).diagnostics).toEqual([]);
    const gbk = new Uint8Array([0x23, 0x20, 0xd6, 0xa7, 0xb3, 0xf6, 0x0a, 0x61, 0x3a, 0x20, 0x31, 0x0a]);
    expect(refusal(gbk).message.en).toContain('GBK');
  });
});
