import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { LineIndex } from './lines.js';

/**
 * Strict UTF-8 decoding. A UTF-8 byte order mark is dropped silently (editors on Windows add it);
 * anything that is not UTF-8 is refused with the position of the first bad byte and, when the bytes
 * read as GBK/GB18030 (what Chinese Windows saves as "ANSI"), a message that says so.
 */
export interface Decoded {
  /** The decoded text when the bytes are UTF-8 (BOM stripped). */
  readonly text?: string;
  /** Text to show in code frames: `text`; for a GBK file its GBK reading; else a lossy decoding (U+FFFD for bad bytes). */
  readonly frameText: string;
  readonly diagnostic?: Diagnostic;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lossy = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

export function decodeUtf8(file: string, bytes: Uint8Array): Decoded {
  const body = hasUtf8Bom(bytes) ? bytes.subarray(3) : bytes;
  const wide = wideWithoutBom(body);
  if (wide) return wideDiagnostic(file, body, wide);
  try {
    const text = utf8.decode(body);
    return { text, frameText: text };
  } catch {
    return encodingDiagnostic(file, bytes, body);
  }
}

/**
 * UTF-16 or UTF-32 saved without a byte order mark: its zero bytes (the high bytes of ASCII
 * characters) fall all at odd or all at even offsets (UTF-16), or fill two of every four bytes
 * (UTF-32). A YAML file never holds a zero byte, so this cannot misread a UTF-8 one. Without this
 * the file was "not UTF-8, perhaps GBK" — or, all ASCII, valid UTF-8 full of NULs.
 */
function wideWithoutBom(b: Uint8Array): 16 | 32 | undefined {
  const n = Math.min(b.length, 4096) & ~3;
  if (n < 8) return undefined;
  // with a byte order mark it is named by its mark (encodingDiagnostic)
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff) || (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff)) return undefined;
  let zeros = 0;
  const at = [0, 0, 0, 0];
  for (let i = 0; i < n; i++) {
    if (b[i] !== 0) continue;
    zeros++;
    at[i % 4]++;
  }
  if (zeros < n / 8) return undefined;
  const q = n / 4;
  if ((at[2] === q && at[3] === q) || (at[0] === q && at[1] === q)) return 32;
  // (a CJK character such as U+4E00 has a zero low byte too: a few zeros fall at the other parity)
  if (Math.min(at[0] + at[2], at[1] + at[3]) <= zeros / 16) return 16;
  return undefined;
}

function wideDiagnostic(file: string, body: Uint8Array, bits: 16 | 32): Decoded {
  const frameText = lossy.decode(body.subarray(0, 0));
  const index = new LineIndex(file, frameText);
  const span = index.span(0, 0);
  const diagnostic: Diagnostic = {
    severity: 'error',
    rule: 'input/encoding',
    message: {
      zh: `文件不是 UTF-8 编码：它是不带字节序标记的 UTF-${bits}（每个字符占 ${bits / 8} 个字节，文件中有大量零字节）。`,
      en: `The file is not UTF-8: it is UTF-${bits} without a byte order mark (${bits / 8} bytes per character; the file is full of zero bytes).`,
    },
    span: { ...span, line: 1, col: 1, endLine: 1, endCol: 1, offset: 0, length: 0 },
    related: [],
    figures: [],
    help: {
      zh: `在编辑器中把文件另存为“UTF-8”编码，或运行：iconv -f UTF-${bits}LE -t UTF-8 旧文件 > 新文件（若乱码则用 UTF-${bits}BE）`,
      en: `Save the file as UTF-8 in your editor, or run: iconv -f UTF-${bits}LE -t UTF-8 old > new (UTF-${bits}BE if that gives garbage)`,
    },
  };
  return { frameText, diagnostic };
}

function hasUtf8Bom(b: Uint8Array): boolean {
  return b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
}

/** The offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
export function firstInvalidUtf8(b: Uint8Array): number {
  const n = b.length;
  let i = 0;
  while (i < n) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const t = b[i + k];
      if (t === undefined) return i;
      if (k === 1 ? t < lo || t > hi : t < 0x80 || t > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

/**
 * The kind of forbidden sequence at i when the bytes there are shaped like a UTF-8 sequence (a lead
 * byte and its continuation bytes) that UTF-8 does not allow: an overlong form (C0 AF for "/"), an
 * encoded UTF-16 surrogate (ED A0 80), a code point past U+10FFFF (F4 90 80 80, F5…).
 */
function forbiddenUtf8(b: Uint8Array, i: number): { zh: string; en: string; length: number } | undefined {
  const c = b[i];
  const cont = (k: number) => b[i + k] !== undefined && b[i + k] >= 0x80 && b[i + k] <= 0xbf;
  const all = (n: number) => Array.from({ length: n }, (_, k) => k + 1).every(cont);
  if ((c === 0xc0 || c === 0xc1) && all(1)) return { zh: '超长编码（overlong）', en: 'an overlong encoding', length: 2 };
  if (c === 0xe0 && all(2) && b[i + 1] < 0xa0) return { zh: '超长编码（overlong）', en: 'an overlong encoding', length: 3 };
  if (c === 0xf0 && all(3) && b[i + 1] < 0x90) return { zh: '超长编码（overlong）', en: 'an overlong encoding', length: 4 };
  if (c === 0xed && all(2) && b[i + 1] >= 0xa0) return { zh: '代理项编码（UTF-16 surrogate）', en: 'an encoded UTF-16 surrogate', length: 3 };
  if (((c === 0xf4 && b[i + 1] >= 0x90) || (c >= 0xf5 && c <= 0xf7)) && all(3)) return { zh: '超出 U+10FFFF 的码位', en: 'a code point beyond U+10FFFF', length: 4 };
  return undefined;
}

function isGbkPair(lead: number, trail: number | undefined): boolean {
  return lead >= 0x81 && lead <= 0xfe && trail !== undefined && trail >= 0x40 && trail <= 0xfe && trail !== 0x7f;
}

function decodeGbk(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('gb18030', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function hex(b: number): string {
  return '0x' + b.toString(16).toUpperCase().padStart(2, '0');
}

/** The refusal, and the text to frame it in: the GBK reading when the file is GBK, else a lossy UTF-8 one. */
function encodingDiagnostic(file: string, whole: Uint8Array, body: Uint8Array): { frameText: string; diagnostic: Diagnostic } {
  // FF FE 00 00 is UTF-32 (little-endian), not UTF-16 whose mark it starts with
  const utf32 =
    whole.length >= 4 &&
    ((whole[0] === 0xff && whole[1] === 0xfe && whole[2] === 0 && whole[3] === 0) || (whole[0] === 0 && whole[1] === 0 && whole[2] === 0xfe && whole[3] === 0xff));
  const utf16 =
    !utf32 && whole.length >= 2 && ((whole[0] === 0xff && whole[1] === 0xfe) || (whole[0] === 0xfe && whole[1] === 0xff));
  const bom = utf16 || utf32;
  const invalid = Math.max(0, firstInvalidUtf8(body));
  // A sequence shaped like UTF-8 but forbidden by it (an overlong form, an encoded surrogate, a code
  // point past U+10FFFF), in a file that already holds Chinese in UTF-8 before it, is broken
  // UTF-8 — not GBK, however its bytes read in GBK.
  const forbidden = forbiddenUtf8(body, invalid);
  // (everything before the first invalid byte is valid UTF-8; Chinese read from it is UTF-8 Chinese:
  // GBK bytes almost never form 3-byte UTF-8 sequences)
  const utf8Before = forbidden !== undefined && /[\u3400-\u9fff]/.test(lossy.decode(body.subarray(0, invalid)));
  const brokenUtf8 = forbidden !== undefined && (utf8Before || !/[\u3400-\u9fff]/.test(decodeGbk(body) ?? ''));
  const gbkText = !bom && !brokenUtf8 && isGbkPair(body[invalid], body[invalid + 1]) ? decodeGbk(body) : undefined;
  const looksGbk = gbkText !== undefined && /[\u3400-\u9fff]/.test(gbkText);
  // GBK pairs can happen to be valid UTF-8 (示 is CA BE, which UTF-8 reads as U+02BE): for GBK, point
  // at the start of the run of non-ASCII bytes holding the first invalid one, where the text begins.
  let bad = invalid;
  if (looksGbk) while (bad > 0 && body[bad - 1] >= 0x80) bad--;
  // The position is computed in the text the frame shows. Everything before `bad` is valid UTF-8
  // and ends at a character boundary in both readings.
  const frameText = looksGbk ? gbkText : lossy.decode(body);
  const prefix = looksGbk ? (decodeGbk(body.subarray(0, bad)) ?? lossy.decode(body.subarray(0, bad))) : lossy.decode(body.subarray(0, bad));
  const index = new LineIndex(file, frameText);
  let runEnd = bad;
  while (runEnd < body.length && body[runEnd] >= 0x80) runEnd++;
  const runText = looksGbk ? (decodeGbk(body.subarray(bad, runEnd)) ?? '') : '';
  const span = index.span(prefix.length, prefix.length + Math.max(1, runText.length));
  const byte = hex(body[invalid]);
  const run = Array.from(body.subarray(bad, Math.min(bad + 4, body.length)), hex).join(' ');

  if (utf32) {
    const diagnostic: Diagnostic = {
      severity: 'error',
      rule: 'input/encoding',
      message: {
        zh: '文件不是 UTF-8 编码：它以 UTF-32 字节序标记开头（每个字符占 4 个字节）。',
        en: 'The file is not UTF-8: it starts with a UTF-32 byte order mark (four bytes per character).',
      },
      span: { ...span, line: 1, col: 1, endLine: 1, endCol: 2, offset: 0, length: 1 },
      related: [],
      figures: [],
      help: {
        zh: '在编辑器中把文件另存为“UTF-8”编码，或运行：iconv -f UTF-32 -t UTF-8 旧文件 > 新文件',
        en: 'Save the file as UTF-8 in your editor, or run: iconv -f UTF-32 -t UTF-8 old > new',
      },
    };
    return { frameText, diagnostic };
  }
  if (utf16) {
    const diagnostic: Diagnostic = {
      severity: 'error',
      rule: 'input/encoding',
      message: {
        zh: '文件不是 UTF-8 编码：它以 UTF-16 字节序标记开头（可能是用“Unicode”编码保存的）。',
        en: 'The file is not UTF-8: it starts with a UTF-16 byte order mark (probably saved as "Unicode").',
      },
      span: { ...span, line: 1, col: 1, endLine: 1, endCol: 2, offset: 0, length: 1 },
      related: [],
      figures: [],
      help: {
        zh: '在编辑器中把文件另存为“UTF-8”编码，或运行：iconv -f UTF-16 -t UTF-8 旧文件 > 新文件',
        en: 'Save the file as UTF-8 in your editor, or run: iconv -f UTF-16 -t UTF-8 old > new',
      },
    };
    return { frameText, diagnostic };
  }
  if (looksGbk) {
    const diagnostic: Diagnostic = {
      severity: 'error',
      rule: 'input/encoding',
      message: {
        zh: `文件不是 UTF-8 编码：从这里开始的字节（${run} …）是 GBK/GB18030 编码（中文 Windows 所说的“ANSI”）。`,
        en: `The file is not UTF-8: the bytes from here on (${run} …) are GBK/GB18030 (what Chinese Windows calls "ANSI").`,
      },
      span,
      label: { zh: `GBK 编码的“${runText}”`, en: `"${runText}" in GBK` },
      related: [],
      figures: [],
      help: {
        zh: `把文件另存为 UTF-8：在编辑器中选择“UTF-8”编码保存，或运行：iconv -f GBK -t UTF-8 ${file} > 新文件`,
        en: `Save the file as UTF-8: choose the "UTF-8" encoding in your editor, or run: iconv -f GBK -t UTF-8 ${file} > new-file`,
      },
    };
    return { frameText, diagnostic };
  }
  const seq = forbidden ? Array.from(body.subarray(invalid, invalid + forbidden.length), hex).join(' ') : '';
  const diagnostic: Diagnostic = {
    severity: 'error',
    rule: 'input/encoding',
    message: forbidden
      ? {
          zh: `文件不是有效的 UTF-8：这里的字节 ${seq} 是 UTF-8 不允许的${forbidden.zh}。`,
          en: `The file is not valid UTF-8: the bytes ${seq} here are ${forbidden.en}, which UTF-8 forbids.`,
        }
      : {
          zh: `文件不是 UTF-8 编码（第一个无效字节 ${byte} 在此处）。`,
          en: `The file is not UTF-8 (the first invalid byte, ${byte}, is here).`,
        },
    span,
    related: [],
    figures: [],
    help: forbidden
      ? {
          zh: '文件的其余部分是 UTF-8，只有这几个字节损坏了（多半是别的程序生成或拼接出错）：删去它们，重新输入这里应有的字符。',
          en: 'The rest of the file is UTF-8; only these bytes are damaged (usually by another program writing or joining the file): delete them and type the intended character again.',
        }
      : {
          zh: '把文件另存为 UTF-8 编码（如果它是 GBK 编码：iconv -f GBK -t UTF-8 旧文件 > 新文件）。',
          en: 'Save the file as UTF-8 (if it is GBK: iconv -f GBK -t UTF-8 old > new).',
        },
  };
  return { frameText, diagnostic };
}
