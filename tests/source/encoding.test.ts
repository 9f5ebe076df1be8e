// firstInvalidUtf8 is checked against an independent oracle, the platform's strict TextDecoder,
// on deterministic pseudo-random byte strings biased towards multi-byte sequences.
import { describe, expect, it } from 'vitest';
import { decodeUtf8, firstInvalidUtf8, parseSources } from '../../src/source/index.js';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
function valid(b: Uint8Array): boolean {
  try {
    strict.decode(b);
    return true;
  } catch {
    return false;
  }
}

describe('firstInvalidUtf8 agrees with TextDecoder', () => {
  it('on 20,000 random byte strings', () => {
    const r = rng(7);
    const interesting = [0x41, 0x0a, 0x80, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xa0, 0xed, 0x9f, 0xef, 0xf0, 0x90, 0xf4, 0x8f, 0xf5, 0xff];
    for (let n = 0; n < 20000; n++) {
      const len = Math.floor(r() * 8);
      const b = new Uint8Array(len);
      for (let i = 0; i < len; i++) b[i] = r() < 0.6 ? interesting[Math.floor(r() * interesting.length)] : Math.floor(r() * 256);
      const bad = firstInvalidUtf8(b);
      expect(bad === -1).toBe(valid(b));
      if (bad !== -1) {
        expect(valid(b.subarray(0, bad))).toBe(true); // everything before it is fine
        expect(valid(b.subarray(0, bad + 1)) && valid(b)).toBe(false);
      }
    }
  });
});

describe('decoding', () => {
  const enc = (s: string) => new TextEncoder().encode(s);

  it('strips a UTF-8 BOM and keeps CRLF', () => {
    const d = decodeUtf8('f', new Uint8Array([0xef, 0xbb, 0xbf, ...enc('a: 1\r\n')]));
    expect(d.diagnostic).toBeUndefined();
    expect(d.text).toBe('a: 1\r\n');
  });

  it('a BOM in the middle of the file is text, not stripped', () => {
    const d = decodeUtf8('f', enc('a: 1\n\ufeffb: 2\n'));
    expect(d.text).toBe('a: 1\n\ufeffb: 2\n');
  });

  it('UTF-16 is named as such', () => {
    const utf16 = new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x3a, 0x00]);
    const d = decodeUtf8('f.yaml', utf16).diagnostic!;
    expect([d.rule, d.span?.line, d.span?.col]).toEqual(['input/encoding', 1, 1]);
    expect(d.message.en).toContain('UTF-16');
  });

  it('Latin-1 bytes are refused without claiming GBK', () => {
    // "café: 1" in Latin-1: é is 0xE9, followed by ':' which cannot continue a UTF-8 sequence
    const d = decodeUtf8('f.yaml', new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x3a, 0x20, 0x31, 0x0a])).diagnostic!;
    expect([d.rule, d.span?.line, d.span?.col]).toEqual(['input/encoding', 1, 4]);
    expect(d.message.en).toContain('0xE9');
    expect(d.message.en).not.toContain('GBK');
  });

  it('GBK after valid UTF-8 Chinese on an earlier line: line and column of the GBK text', () => {
    // line 1 is UTF-8 (written by one editor), line 2 GBK (pasted from another): 中 is D6 D0 in GBK
    const bytes = new Uint8Array([...enc('名称: 单位\n  x: '), 0xd6, 0xd0, 0xce, 0xc4, 0x0a]);
    const r = parseSources('d', [{ path: 'd/a.yaml', bytes }]);
    const d = r.diagnostics[0];
    expect([d.rule, d.span?.line, d.span?.col]).toEqual(['input/encoding', 2, 6]);
    expect(d.message.en).toContain('GBK');
    expect(d.label?.zh).toContain('中文');
    expect(r.files[0].text.split('\n')[1]).toBe('  x: 中文');
  });
});
