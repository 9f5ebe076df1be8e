/**
 * The money core on its own. Every expected value below was worked out by hand (long division,
 * digit counting), not computed with the code under test or with floats: a float gets several of
 * them wrong (0.1 + 0.2, 2.675 to two places, anything past 2^53), which is why money is a Dec.
 */
import { describe, expect, it } from 'vitest';
import {
  abs,
  add,
  cmp,
  dec,
  decimalPlaces,
  eq,
  format,
  halfUnit,
  isZero,
  mulInt,
  neg,
  parseDec,
  percent,
  round,
  sub,
  sum,
  toPlain,
  ZERO,
  type Dec,
} from '../../src/money/decimal.js';

/** A Dec as `coef@scale`, so a test states the precision it expects as well as the value. */
const show = (d: Dec) => `${d.coef}@${d.scale}`;

describe('parseDec reads the digits written, keeping their precision', () => {
  it.each([
    ['0', '0@0'],
    ['27', '27@0'],
    ['27.40', '2740@2'], // the trailing zero is precision, kept
    ['-0.50', '-50@2'],
    ['+5', '5@0'],
    ['0012', '12@0'],
    ['  1234.56 ', '123456@2'], // surrounding blanks are not part of the number
    ['1,234', '1234@0'],
    ['12,345.50', '1234550@2'],
    ['-1,234,567.891', '-1234567891@3'],
    ['123456789012345678901234567890.125', '123456789012345678901234567890125@3'], // far past 2^53
  ])('%j → %s', (text, want) => {
    const d = parseDec(text);
    expect(d && show(d)).toBe(want);
  });

  it.each(['', ' ', 'abc', '1.', '.5', '1e3', '0x10', '12,34', '1234,567', '1,2345', ',123', '1,234,', '--1', '1 000', '１２３', 'NaN', 'Infinity'])(
    '%j is not a decimal',
    (text) => expect(parseDec(text)).toBeUndefined(),
  );

  it('dec() throws on what parseDec refuses', () => {
    expect(() => dec('12a')).toThrow(/not a decimal: 12a/);
    expect(show(dec('7.0'))).toBe('70@1');
  });
});

describe('decimalPlaces: the places written, without reading the number', () => {
  it.each([
    ['0', 0],
    ['27.40', 2],
    ['-0.50', 2],
    ['  1234.5 ', 1],
    ['12,345.500', 3],
    ['123456789012345678901234567890.125', 3],
  ])('%j has %i', (text, want) => expect(decimalPlaces(text)).toBe(want));

  it.each(['', 'abc', '1.', '.5', '1e3', '0x10', '12,34', '--1', '１２３', 'Infinity'])('%j is not a decimal', (text) =>
    expect(decimalPlaces(text)).toBeUndefined(),
  );
});

describe('arithmetic is exact', () => {
  it('adds and subtracts at the finer of the two precisions', () => {
    expect(show(add(dec('0.1'), dec('0.2')))).toBe('3@1'); // 0.3 exactly, not 0.30000000000000004
    expect(show(add(dec('27'), dec('0.45')))).toBe('2745@2');
    expect(show(sub(dec('1'), dec('1.005')))).toBe('-5@3');
    expect(show(sub(dec('-3.5'), dec('-3.5')))).toBe('0@1');
    expect(toPlain(add(dec('9007199254740993'), dec('1')))).toBe('9007199254740994'); // 2^53 + 1 + 1: a float says ...992
  });

  it('sums a list; the empty sum is zero', () => {
    expect(show(sum([]))).toBe('0@0');
    expect(sum([])).toEqual(ZERO);
    expect(toPlain(sum([dec('796'), dec('4164'), dec('-0.5'), dec('0.25')]))).toBe('4959.75');
  });

  it('negates, takes the absolute value, multiplies by an integer', () => {
    expect(show(neg(dec('12.30')))).toBe('-1230@2');
    expect(show(abs(dec('-0.07')))).toBe('7@2');
    expect(show(abs(dec('0.07')))).toBe('7@2');
    expect(toPlain(mulInt(dec('1.23'), 10000n))).toBe('12300.00'); // 万元 → 元 keeps the written precision
    expect(toPlain(mulInt(dec('-4.5'), 3n))).toBe('-13.5');
  });

  it('compares values, not spellings', () => {
    expect(eq(dec('1.50'), dec('1.5'))).toBe(true);
    expect(eq(dec('0'), dec('-0.00'))).toBe(true);
    expect(cmp(dec('-1'), dec('0'))).toBe(-1);
    expect(cmp(dec('2.001'), dec('2'))).toBe(1);
    expect(cmp(dec('1,000'), dec('999.999'))).toBe(1);
    expect(cmp(dec('3'), dec('3.000'))).toBe(0);
    expect(isZero(dec('0.00'))).toBe(true);
    expect(isZero(dec('0.01'))).toBe(false);
  });

  it('half a unit of the last written digit', () => {
    expect(toPlain(halfUnit(dec('27')))).toBe('0.5');
    expect(toPlain(halfUnit(dec('27.40')))).toBe('0.005');
    expect(toPlain(halfUnit(dec('-3.1')))).toBe('0.05'); // a width, never negative
  });
});

describe('round: half away from zero', () => {
  it.each([
    ['2.5', 0, '3'],
    ['-2.5', 0, '-3'],
    ['3.5', 0, '4'], // not to even (banker's rounding would give 4 here but 2 for 2.5)
    ['0.5', 0, '1'],
    ['-0.5', 0, '-1'],
    ['0.4999', 0, '0'],
    ['-0.4999', 0, '0'],
    ['2.45', 1, '2.5'],
    ['2.449', 1, '2.4'],
    ['2.675', 2, '2.68'], // the float 2.675 is 2.67499999…, which Number.toFixed rounds down
    ['-0.05', 1, '-0.1'],
    ['-0.04', 1, '0.0'], // no negative zero
    ['1234.5', 0, '1235'],
    ['999.95', 1, '1000.0'], // the carry runs through every digit
    ['-999.5', 0, '-1000'],
    ['123456789012345678901234567890.125', 2, '123456789012345678901234567890.13'],
    ['123456789012345678901234567890.124', 2, '123456789012345678901234567890.12'],
    ['0', 2, '0.00'],
    ['1.5', 3, '1.500'], // to more decimals than written: padded
    ['7', 0, '7'],
  ])('round(%s, %i) = %s', (text, scale, want) => {
    const r = round(dec(text), scale);
    expect(r.scale).toBe(scale);
    expect(toPlain(r)).toBe(want);
  });
});

describe('percent: a/b × 100, rounded half away from zero', () => {
  it.each([
    // a, b, scale, want — worked by long division
    ['1', '8', 0, '13'], // 12.5 → 13
    ['1', '8', 1, '12.5'],
    ['-1', '8', 0, '-13'], // -12.5 → -13
    ['1', '-8', 0, '-13'],
    ['-1', '-8', 0, '13'],
    ['1', '3', 0, '33'], // 33.33…
    ['2', '3', 0, '67'], // 66.66…
    ['1', '3', 2, '33.33'],
    ['2', '3', 2, '66.67'],
    ['1', '200', 0, '1'], // 0.5 → 1
    ['1', '201', 0, '0'], // 0.4975…
    ['-1', '201', 0, '0'], // no negative zero
    ['1,234', '1,000', 1, '123.4'],
    ['1,234', '1,234', 0, '100'],
    ['1.5', '3', 0, '50'], // different precisions
    ['0.07', '0.2', 1, '35.0'],
    ['5', '4', 0, '125'], // growth by a quarter
    ['1', '7', 4, '14.2857'], // 14.285714…
    ['1', '6', 4, '16.6667'], // 16.66666…
  ])('percent(%s, %s, %i) = %s', (a, b, scale, want) => {
    const p = percent(dec(a), dec(b), scale);
    expect(p.scale).toBe(scale);
    expect(toPlain(p)).toBe(want);
  });

  it('of zero is zero, at the precision asked', () => {
    expect(toPlain(percent(ZERO, dec('1,234')))).toBe('0');
    expect(toPlain(percent(dec('0.00'), dec('-3'), 2))).toBe('0.00');
  });

  it('defaults to whole percent', () => {
    expect(show(percent(dec('1'), dec('3')))).toBe('33@0');
  });

  it('refuses a zero base rather than inventing a figure', () => {
    expect(() => percent(dec('1'), ZERO)).toThrow(RangeError);
    expect(() => percent(dec('1'), dec('0.00'))).toThrow(RangeError);
  });
});

describe('toPlain and format', () => {
  it.each([
    ['0', '0'],
    ['-0.05', '-0.05'],
    ['0.5', '0.5'],
    ['27.40', '27.40'],
    ['1,234,567', '1234567'],
  ])('toPlain(%s) = %s (no grouping)', (text, want) => expect(toPlain(dec(text))).toBe(want));

  it.each([
    ['0', undefined, '0'],
    ['12', undefined, '12'],
    ['100', undefined, '100'],
    ['999', undefined, '999'],
    ['1000', undefined, '1,000'],
    ['1234', undefined, '1,234'],
    ['-1234', undefined, '-1,234'],
    ['123456', undefined, '123,456'],
    ['-123456.5', undefined, '-123,456.5'],
    ['1234567890123456789', undefined, '1,234,567,890,123,456,789'],
    ['1234.5', 2, '1,234.50'], // padded to the decimals asked
    ['12', 2, '12.00'],
    ['1234567.891', 2, '1,234,567.89'],
    ['1234567.895', 2, '1,234,567.90'],
    ['-1234567.5', 0, '-1,234,568'],
    ['999.995', 2, '1,000.00'], // rounding adds a group
    ['-999.5', 0, '-1,000'],
    ['-0.004', 2, '0.00'], // rounds to zero: no "-0.00"
    ['0.001', 0, '0'],
    ['3341357.82', undefined, '3,341,357.82'],
    ['3341357.82', 1, '3,341,357.8'],
  ])('format(%s, %s) = %s', (text, scale, want) => expect(format(dec(text), scale)).toBe(want));
});
