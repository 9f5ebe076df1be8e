import type { Localized } from '../../diagnostics/diagnostic.js';

/**
 * What is wrong with a font file for the PDF renderer, from its first bytes: undefined for a
 * TrueType or OpenType font (what PDFKit embeds), else the reason in both languages. A font
 * collection (.ttc), a web font (.woff/.woff2), a Type 1 font or anything else would otherwise fail
 * deep inside the renderer ("Unknown font format"). Reads only the header and the table directory:
 * nothing here loads the renderer.
 */
export function fontFileProblem(bytes: Uint8Array): Localized | undefined {
  const tag = bytes.length >= 4 ? String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]) : '';
  const sfnt = tag === '\u0000\u0001\u0000\u0000' || tag === 'true' || tag === 'OTTO';
  if (sfnt) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const count = bytes.length >= 12 ? view.getUint16(4) : 0;
    const tables = new Set<string>();
    for (let i = 0; i < count && 12 + 16 * (i + 1) <= bytes.length; i++) {
      const at = 12 + 16 * i;
      tables.add(String.fromCharCode(bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]));
    }
    const missing = ['cmap', 'head', 'hhea', 'hmtx', 'maxp'].filter((t) => !tables.has(t));
    if (missing.length === 0) return undefined;
    return {
      zh: `不是完整的 TrueType/OpenType 字体（缺少 ${missing.join('、')} 表，文件可能已损坏或被截断）`,
      en: `not a complete TrueType/OpenType font (no ${missing.join(', ')} table: the file may be damaged or cut short)`,
    };
  }
  if (tag === 'ttcf') {
    return {
      zh: '是字体集（.ttc），不是单个字体：请用其中一个字体的 .ttf 文件（可用 FontForge 等工具从字体集中导出）',
      en: 'a font collection (.ttc), not a single font: use the .ttf of one of its fonts (FontForge and similar tools extract one)',
    };
  }
  if (tag === 'wOFF' || tag === 'wOF2') {
    return {
      zh: `是网页字体（${tag === 'wOFF' ? '.woff' : '.woff2'}），不是 TrueType/OpenType 字体：请使用 .ttf 或 .otf 文件`,
      en: `a web font (${tag === 'wOFF' ? '.woff' : '.woff2'}), not a TrueType/OpenType font: use the .ttf or .otf file`,
    };
  }
  if (bytes.length === 0) return { zh: '是空文件', en: 'an empty file' };
  return {
    zh: '不是 TrueType/OpenType 字体（.ttf/.otf）',
    en: 'not a TrueType/OpenType font (.ttf/.otf)',
  };
}
