import { abs, add, cmp, halfUnit, isZero, sub, ZERO, type Dec } from '../money/decimal.js';
import type { Fig } from '../model/budget.js';

/**
 * Rounding (XBRL Calculations 1.1): a written figure stands for the interval ±half a unit of its
 * last written digit, so "27" means [26.5, 27.5] and "27.40" means [27.395, 27.405]. A computed
 * figure carries the summed tolerances of the parts it was computed from. Two sides of an identity
 * are consistent when their intervals meet: |a − b| ≤ tol(a) + tol(b).
 */

export type Verdict = 'equal' | 'rounding' | 'error';

/** The tolerance of a written figure: half a unit of its last digit. */
export function writtenTol(fig: Fig): Dec {
  return halfUnit(fig.value);
}

/**
 * The tolerance of a figure: half a unit when written, otherwise what `computed` says (the summed
 * tolerances of the parts the model computed it from). A missing figure is an exact zero.
 */
export function tolOf(fig: Fig | undefined, computed: () => Dec): Dec {
  if (!fig) return ZERO;
  return fig.span ? writtenTol(fig) : computed();
}

export function sumDec(xs: readonly Dec[]): Dec {
  if (xs.length === 0) return ZERO;
  let s = xs[0];
  for (let i = 1; i < xs.length; i++) {
    const x = xs[i];
    // most figures share a scale: skip the rescaling
    s = x.scale === s.scale ? { coef: s.coef + x.coef, scale: s.scale } : add(s, x);
  }
  return s;
}

/**
 * Σ f(x) over xs, as sumDec of the terms, without the list of terms: the classification's
 * tolerances are summed over every parent's children, and a list made by map is packed or holey
 * depending on whether its caller has been optimized yet, which threw sumDec's optimized code away.
 */
export function sumDecOf<T>(xs: readonly T[], f: (x: T) => Dec): Dec {
  if (xs.length === 0) return ZERO;
  let s = f(xs[0]);
  for (let i = 1; i < xs.length; i++) {
    const x = f(xs[i]);
    s = x.scale === s.scale ? { coef: s.coef + x.coef, scale: s.scale } : add(s, x);
  }
  return s;
}

/** Compares two sides given their combined tolerance. `diff` is left − right. */
export function judge(left: Dec, right: Dec, tol: Dec): { diff: Dec; verdict: Verdict } {
  const diff = left.scale === right.scale ? { coef: left.coef - right.coef, scale: left.scale } : sub(left, right);
  if (isZero(diff)) return { diff, verdict: 'equal' };
  return { diff, verdict: cmp(abs(diff), tol) <= 0 ? 'rounding' : 'error' };
}

/** a ≤ b, where a may exceed b by no more than the tolerance (then a rounding note). */
export function judgeAtMost(a: Dec, b: Dec, tol: Dec): { excess: Dec; verdict: Verdict } {
  const excess = sub(a, b);
  if (cmp(excess, ZERO) <= 0) return { excess, verdict: 'equal' };
  return { excess, verdict: cmp(excess, tol) <= 0 ? 'rounding' : 'error' };
}
