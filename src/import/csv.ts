import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { decodeUtf8 } from '../source/encoding.js';
import { address, type RawCell, type RawSheet } from './grid.js';

/**
 * One table exported as CSV (RFC 4180: commas, double quotes, line breaks inside quotes), read
 * into the same sheet form as a worksheet, named by its file (表3 支出总表.csv → sheet
 * “表3 支出总表”). UTF-8 with or without a byte order mark; anything else gets the source
 * reader's message, with its iconv hint for GBK.
 */
export function readCsv(file: string, bytes: Uint8Array): { sheet: RawSheet } | { error: Diagnostic } {
  const decoded = decodeUtf8(file, bytes);
  if (decoded.text === undefined) return { error: decoded.diagnostic! };
  const cells = new Map<string, RawCell>();
  const text = decoded.text;
  let row = 1;
  let col = 0;
  let i = 0;
  let field = '';
  let quoted = false;
  const put = () => {
    if (field !== '' || quoted) cells.set(address(row, col), { value: field, decimals: 0 });
    field = '';
    quoted = false;
  };
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"' && field === '' && !quoted) {
      quoted = true;
      let j = i + 1;
      let v = '';
      for (;;) {
        if (j >= text.length) break;
        if (text[j] === '"') {
          if (text[j + 1] === '"') {
            v += '"';
            j += 2;
            continue;
          }
          j++;
          break;
        }
        v += text[j++];
      }
      field = v;
      i = j;
      continue;
    }
    if (ch === ',') {
      put();
      col++;
      i++;
      continue;
    }
    if (ch === '\n' || ch === '\r') {
      put();
      row++;
      col = 0;
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    field += ch;
    i++;
  }
  put();
  const name = (file.split(/[\\/]/).pop() ?? file).replace(/\.csv$/i, '');
  return { sheet: { name, hidden: false, cells, hiddenRows: new Set(), merges: [] } };
}
