/**
 * The types and small helpers of {@link RandomState}: numpy's `size` argument, the arrays it fills
 * or permutes, its full state, and the bit mask of numpy's bounded integers.
 */
import { InvalidParameterError, describeValue } from '../errors/index.js';
import type { MT19937State } from './mt19937.js';

/**
 * Output size as numpy takes it: a count, or a shape whose entries multiply to the count.
 * Sized results are flat, in row-major (C) order: the element at `[i, j]` of shape `[r, c]`
 * is at index `i * c + j`.
 */
export type Size = number | readonly number[];

/** A writable array-like that {@link RandomState.shuffle} can permute in place. */
export interface MutableArrayLike<T> {
  readonly length: number;
  [index: number]: T;
}

/** Typed arrays {@link RandomState.permutation} copies into a typed array of the same kind. */
export type TypedArray =
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array;

/** The full state, as numpy's `RandomState.get_state()`: ('MT19937', key, pos, has_gauss, cached_gaussian). */
export interface RandomStateState extends MT19937State {
  /** Whether a second gaussian from the polar method is waiting. */
  hasGauss: boolean;
  /** That cached gaussian (0 when none). */
  gauss: number;
}

export const TWO_32 = 4294967296;

/** The smallest all-ones bit mask >= v, for 0 <= v < 2**32. */
export function mask32(v: number): number {
  let m = v >>> 0;
  m |= m >>> 1;
  m |= m >>> 2;
  m |= m >>> 4;
  m |= m >>> 8;
  m |= m >>> 16;
  return m >>> 0;
}

export function sizeToCount(size: Size, where: string): number {
  const dims = typeof size === 'number' ? [size] : size;
  let count = 1;
  for (const d of dims) {
    if (typeof d !== 'number' || !Number.isInteger(d)) {
      throw new InvalidParameterError(
        where,
        'size',
        `must be an integer or an array of integers, got ${describeValue(size)}`,
      );
    }
    if (d < 0)
      throw new InvalidParameterError(
        where,
        'size',
        `must not be negative (negative dimensions are not allowed), got ${describeValue(size)}`,
      );
    count *= d;
  }
  return count;
}
