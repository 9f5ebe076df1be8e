/**
 * Exact decimal amounts. Money is never a float: a figure is the integer `coef` times 10^-`scale`,
 * parsed from the digits the user wrote. `scale` is also the precision the figure was written at,
 * which the rounding rules need (a figure written as 27 stands for [26.5, 27.5)).
 */
export interface Dec {
  readonly coef: bigint;
  readonly scale: number;
}

const DECIMAL = /^([+-])?(\d+)(?:\.(\d+))?$/;
const GROUPED = /^([+-])?(\d{1,3}(?:,\d{3})+)(?:\.(\d+))?$/;

/** Parses a written decimal such as "1234", "12,345", "-0.50" or "1234.56". Returns undefined if it is not one. */
export function parseDec(text: string): Dec | undefined {
  const t = text.trim();
  const m = DECIMAL.exec(t) ?? GROUPED.exec(t);
  if (!m) return undefined;
  const [, sign, int, frac = ''] = m;
  const coef = BigInt(int.replace(/,/g, '') + frac);
  return { coef: sign === '-' ? -coef : coef, scale: frac.length };
}

/**
 * The decimal places of a decimal text (what `parseDec(text)?.scale` gives), or undefined when it
 * is not one: the schema asks this of every figure it reads, and a BigInt per figure only to learn
 * it is one was a good part of the schema's time on a large department.
 */
export function decimalPlaces(text: string): number | undefined {
  const t = text.trim();
  const m = DECIMAL.exec(t) ?? GROUPED.exec(t);
  return m ? (m[3]?.length ?? 0) : undefined;
}

/**
 * Parses text the program wrote or already validated (a literal, a document cell's value); text
 * that is not a decimal is a programming mistake. It throws a plain Error: money is a leaf module
 * (src/diagnostics formats figures with it), so it does not import diagnostics' InternalError.
 */
export function dec(text: string): Dec {
  const d = parseDec(text);
  if (!d) throw new Error(`not a decimal: ${text}`);
  return d;
}

export const ZERO: Dec = { coef: 0n, scale: 0 };

// Most figures of a department share one scale (whole 元 or 万元): at the same scale no power of
// ten is made (a BigInt power and a product per operand, for every sum the model and the check form).
function rescale(a: Dec, scale: number): bigint {
  return scale === a.scale ? a.coef : a.coef * 10n ** BigInt(scale - a.scale);
}

export function add(a: Dec, b: Dec): Dec {
  if (a.scale === b.scale) return { coef: a.coef + b.coef, scale: a.scale };
  const s = Math.max(a.scale, b.scale);
  return { coef: rescale(a, s) + rescale(b, s), scale: s };
}

export function sub(a: Dec, b: Dec): Dec {
  if (a.scale === b.scale) return { coef: a.coef - b.coef, scale: a.scale };
  const s = Math.max(a.scale, b.scale);
  return { coef: rescale(a, s) - rescale(b, s), scale: s };
}

export function neg(a: Dec): Dec {
  return { coef: -a.coef, scale: a.scale };
}

export function sum(xs: readonly Dec[]): Dec {
  return xs.reduce(add, ZERO);
}

export function cmp(a: Dec, b: Dec): -1 | 0 | 1 {
  const s = Math.max(a.scale, b.scale);
  const d = a.scale === b.scale ? a.coef - b.coef : rescale(a, s) - rescale(b, s);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

export function eq(a: Dec, b: Dec): boolean {
  return cmp(a, b) === 0;
}

export function isZero(a: Dec): boolean {
  return a.coef === 0n;
}

export function abs(a: Dec): Dec {
  return a.coef < 0n ? neg(a) : a;
}

/** Half a unit of the last written digit: 0.5 for "27", 0.005 for "27.40". */
export function halfUnit(a: Dec): Dec {
  return { coef: 5n, scale: a.scale + 1 };
}

/** Multiplies by an integer (e.g. 10000 to turn 万元 into 元). */
export function mulInt(a: Dec, k: bigint): Dec {
  return { coef: a.coef * k, scale: a.scale };
}

/** Rounds half away from zero to `scale` decimals (the usual rounding of published tables). */
export function round(a: Dec, scale: number): Dec {
  if (a.scale <= scale) return { coef: rescale(a, scale), scale };
  const div = 10n ** BigInt(a.scale - scale);
  const q = a.coef / div;
  const r = a.coef % div;
  const twice = (r < 0n ? -r : r) * 2n;
  const adj = twice >= div ? (a.coef < 0n ? -1n : 1n) : 0n;
  return { coef: q + adj, scale };
}

/** Ratio a/b as a percentage rounded to `scale` decimals (half away from zero). b must not be zero. */
export function percent(a: Dec, b: Dec, scale = 0): Dec {
  const s = Math.max(a.scale, b.scale);
  const num = rescale(a, s) * 100n * 10n ** BigInt(scale + 1);
  const den = rescale(b, s);
  const q = num / den; // one extra digit, truncated toward zero
  const adj = q % 10n;
  let coef = q / 10n;
  if (adj >= 5n) coef += 1n;
  else if (adj <= -5n) coef -= 1n;
  return { coef, scale };
}

/** Plain decimal text without grouping, e.g. "-1234.50". */
export function toPlain(a: Dec): string {
  const neg = a.coef < 0n;
  const digits = (neg ? -a.coef : a.coef).toString().padStart(a.scale + 1, '0');
  const int = a.scale ? digits.slice(0, -a.scale) : digits;
  const frac = a.scale ? '.' + digits.slice(-a.scale) : '';
  return (neg ? '-' : '') + int + frac;
}

/** Text with thousands separators, e.g. "1,234" or "12,345.50"; `scale` pads or rounds to that many decimals. */
export function format(a: Dec, scale: number = a.scale): string {
  const plain = toPlain(round(a, scale));
  const [int, frac] = plain.split('.');
  const sign = int.startsWith('-') ? '-' : '';
  const grouped = int.replace('-', '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return sign + grouped + (frac !== undefined ? '.' + frac : '');
}
