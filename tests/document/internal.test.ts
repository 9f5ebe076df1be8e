import { describe, expect, test } from 'vitest';
import { InternalError } from '../../src/diagnostics/index.js';
import { dec } from '../../src/money/decimal.js';
import { type MutRow, linkSum, num, text } from '../../src/document/cells.js';

const f = { decimals: 0, unit: '万元' };

describe('the table builders called against their contract throw InternalError, not a plain Error', () => {
  test('linkSum: a total or a part that is not a number cell', () => {
    const rows: MutRow[] = [{ cells: [text('合计'), num(dec('3'), f), num(dec('1'), f), num(dec('2'), f)] }];
    expect(() => linkSum(rows, { row: 0, col: 0 }, [{ row: 0, col: 2 }], f.unit)).toThrow(InternalError);
    expect(() => linkSum(rows, { row: 0, col: 1 }, [{ row: 0, col: 2 }, { row: 0, col: 0 }], f.unit)).toThrow(InternalError);
    expect(() => linkSum(rows, { row: 0, col: 1 }, [{ row: 0, col: 2 }, { row: 0, col: 3 }], f.unit)).not.toThrow();
    expect(rows[0].cells[1]).toMatchObject({ sumOf: [{ row: 0, col: 2 }, { row: 0, col: 3 }] });
  });
});
