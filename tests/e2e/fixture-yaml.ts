/**
 * A fixture's YAML read independently of src/: every scalar kept as the string it was written as
 * (the failsafe schema), amounts summed exactly as scaled integers. Knows the source format only
 * as a finance officer reads it (key names), not the model the compiler builds from it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Yaml = any;

/** Every .yaml file of a department-year directory, merged at the top level. */
export function readFixture(dir: string): Yaml {
  const out: Record<string, unknown> = {};
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
    Object.assign(out, parse(readFileSync(join(dir, f), 'utf8'), { schema: 'failsafe' }));
  }
  return out;
}

/** An exact amount: hundredths as a bigint (the fixtures are written in 元 with two decimals, or whole 万元). */
export type Amount = bigint;

export function amount(written: unknown): Amount {
  if (written === undefined || written === null) return 0n;
  const s = String(written).replace(/,/g, '').trim();
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) throw new Error(`not an amount with at most two decimals: "${String(written)}"`);
  const v = BigInt(m[2]) * 100n + BigInt((m[3] ?? '').padEnd(2, '0') || '0');
  return m[1] === '-' ? -v : v;
}

export const sum = (xs: readonly Amount[]): Amount => xs.reduce((a, b) => a + b, 0n);

/** As printed: thousands separators and the unit's decimals (two for 元, none for whole 万元). */
export function fmt(v: Amount, decimals: number): string {
  const neg = v < 0n;
  const a = neg ? -v : v;
  const whole = (a / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const frac = (a % 100n).toString().padStart(2, '0');
  if (decimals === 0 && a % 100n !== 0n) throw new Error(`${v} has decimals`);
  return (neg ? '-' : '') + whole + (decimals === 2 ? `.${frac}` : '');
}

/** The amount as the JS number a spreadsheet cell holds (parsed from the same decimal text). */
export function toNumber(v: Amount): number {
  const neg = v < 0n;
  const a = neg ? -v : v;
  return Number(`${neg ? '-' : ''}${a / 100n}.${(a % 100n).toString().padStart(2, '0')}`);
}

/** |change| / base as a whole percent, rounded half up. */
export function percent(change: Amount, base: Amount): number {
  const c = change < 0n ? -change : change;
  return Number((c * 100n * 2n + base) / (2n * base));
}
