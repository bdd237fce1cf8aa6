/**
 * Histogram buckets exactly as TensorFlow 2's `tf.summary.histogram` computes them, plus a policy for
 * non-finite values.
 *
 * TF 2 rules (TensorBoard's `histogram/summary_v2.py`): `k` buckets (default 30) of width
 * `(max - min) / k`; a value goes to bucket `floor((x - min) / width)`, clamped to `k - 1` (so the last
 * bucket is closed at both ends); the edges are `min + i * width` with the last edge exactly `max`.
 * If all values are equal to `v`, every row is `[v, v, 0]` except the last, which holds the count.
 * Empty input gives `k` rows of zeros.
 *
 * Non-finite values: TF 2 does nothing special, so a single NaN or ±Infinity turns every edge into
 * NaN/Infinity and drops counts (TensorBoard then draws nothing useful for the whole series, see
 * tensorflow/tensorboard#87), while the TF 1 op refused such input with an error. Here NaN, +Infinity
 * and -Infinity are left out of the buckets and counted separately, so the histogram of the finite
 * values stays valid and the caller learns how many were left out.
 */
import { checkArray, InvalidParameterError } from '../errors/index.js';

/** Default number of buckets, as in TensorFlow. */
export const DEFAULT_HISTOGRAM_BUCKETS = 30;

/** One histogram bucket: `[left edge, right edge, count]`. */
export type HistogramRow = [left: number, right: number, count: number];

/** Result of {@link computeHistogramBuckets}. */
export interface HistogramBuckets {
  /** `bucketCount` rows of `[left, right, count]`, flattened row-major (the `[k, 3]` float64 tensor). */
  data: Float64Array;
  /** Number of rows `k`. */
  bucketCount: number;
  /** Values counted in the buckets (the finite ones). */
  count: number;
  /** NaN values left out. */
  nan: number;
  /** +Infinity values left out. */
  posInf: number;
  /** -Infinity values left out. */
  negInf: number;
}

/** Checks a bucket count: a positive safe integer. */
export function checkBucketCount(buckets: unknown, what = 'histogram'): number {
  if (typeof buckets !== 'number' || !Number.isSafeInteger(buckets) || buckets < 1) {
    throw new InvalidParameterError(what, 'buckets', `must be a positive integer, got ${String(buckets)}`);
  }
  return buckets;
}

/**
 * Buckets `values` the way TF 2's `tf.summary.histogram` does, over the finite values only.
 *
 * @param values the data (any numbers; NaN and ±Infinity are counted, not bucketed)
 * @param bucketCount number of buckets `k`, a positive integer (default 30)
 */
export function computeHistogramBuckets(
  values: ArrayLike<number>,
  bucketCount: number = DEFAULT_HISTOGRAM_BUCKETS,
): HistogramBuckets {
  checkArray('computeHistogramBuckets', 'values', values, 'an array of numbers', true);
  const k = checkBucketCount(bucketCount);
  const n = values.length;
  let nan = 0;
  let posInf = 0;
  let negInf = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = values[i];
    if (x !== x) nan++;
    else if (x === Infinity) posInf++;
    else if (x === -Infinity) negInf++;
    else {
      if (x < min) min = x;
      if (x > max) max = x;
    }
  }
  const count = n - nan - posInf - negInf;
  const data = new Float64Array(k * 3);
  const result: HistogramBuckets = { data, bucketCount: k, count, nan, posInf, negInf };
  if (count === 0) return result; // all zeros, as TF does for empty input

  if (max === min) {
    for (let b = 0; b < k; b++) {
      data[3 * b] = min;
      data[3 * b + 1] = min;
    }
    data[3 * (k - 1) + 2] = count;
    return result;
  }

  // A range wider than the largest double (e.g. -1e308 .. 1e308) is handled at half scale, which is
  // exact for doubles of that size; a width that underflows to 0 is handled through the range.
  const scale = Number.isFinite(max - min) ? 1 : 0.5;
  const lo = min * scale;
  const range = max * scale - lo;
  const width = range / k;
  const counts = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const x = values[i];
    if (!Number.isFinite(x)) continue;
    const offset = x * scale - lo;
    let b = width > 0 ? Math.floor(offset / width) : Math.floor((offset * k) / range);
    if (b > k - 1) b = k - 1;
    counts[b]++;
  }
  for (let b = 0; b < k; b++) {
    data[3 * b] = (lo + b * width) / scale;
    data[3 * b + 1] = b === k - 1 ? max : (lo + (b + 1) * width) / scale;
    data[3 * b + 2] = counts[b];
  }
  return result;
}

/** The rows of a flattened `[k, 3]` histogram. */
export function histogramRows(data: ArrayLike<number>): HistogramRow[] {
  checkArray('histogramRows', 'data', data, 'an array of numbers (k rows of left, right, count)', true);
  const rows: HistogramRow[] = [];
  for (let i = 0; i + 2 < data.length; i += 3) rows.push([data[i], data[i + 1], data[i + 2]]);
  return rows;
}
