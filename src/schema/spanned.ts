import type { Span } from '../source/span.js';
import type { SourceInput } from './format.js';

/**
 * The schema's typed output with positions: the shape zod validated (`SourceInput`, inferred from
 * the schemas of format.ts), where every scalar is a `Leaf` that keeps the text as written and its
 * span, and every mapping and list keeps its span under the `SPAN` symbol. The model is built from
 * this alone, so the format is described once (format.ts): a key the schema does not have is a
 * type error in the model, not an `undefined` at run time.
 *
 * Why a mirror beside zod's output rather than zod transforms to leaves: zod keeps validating the
 * plain values it always did (so every shape diagnostic stays as it is), and the mirror is built in
 * the same walk that makes those plain values (plain.ts): a scalar node is its own leaf, so the
 * cost is one object per mapping and one array per list.
 */

/** A scalar of the validated input. */
export interface Leaf<T> {
  /** The value zod validated (an unquoted `1,234` is the number 1234). */
  readonly value: T;
  /** The scalar exactly as written: an amount's exact decimal is read from it, never from `value`. */
  readonly source: string;
  readonly span: Span;
}

/** Where a mapping or a list of the input starts (a symbol: it can never meet a key of the format). */
export const SPAN: unique symbol = Symbol('span');

export interface HasSpan {
  readonly [SPAN]: Span;
}

type Scalar = string | number | boolean;

/** The positioned mirror of a validated value of type T. */
export type Spanned<T> = undefined extends T ? Mirror<Exclude<T, undefined>> | undefined : Mirror<T>;

type Mirror<T> = [T] extends [readonly (infer E)[]]
  ? readonly Spanned<E>[] & HasSpan
  : [T] extends [Scalar]
    ? Leaf<T>
    : { readonly [K in keyof T]: Spanned<T[K]> } & HasSpan;

/** One department-year's validated sources: the format's sections, positioned. */
export type SourceData = Spanned<SourceInput>;

/** What `validateShape` hands to the model: the validated data and the directory it was read from. */
export interface ValidatedSource {
  readonly dir: string;
  readonly data: SourceData;
}

/** The span of a mapping or list of the input. */
export function spanOf(x: HasSpan): Span {
  return x[SPAN];
}
