/**
 * The "Distributions" view of TensorBoard: a histogram summarised by a few percentiles.
 *
 * TensorBoard draws, for every step, nested bands between the percentiles 0, 6.68, 15.87, 30.85,
 * 50, 69.15, 84.13, 93.32 and 100 (the normal distribution's ±0, 0.5, 1, 1.5 σ … points) — one
 * band per pair. This computes those values from our `[left, right, count]` histogram rows, by
 * interpolating linearly inside the bucket where each percentile falls, as TensorBoard's
 * `compress_histogram` does.
 */
import type { HistogramRow } from '../tensorboard/index.js';

/** The percentiles TensorBoard draws, in basis points (1/100 of a percent). */
export const DISTRIBUTION_BASIS_POINTS = [0, 668, 1587, 3085, 5000, 6915, 8413, 9332, 10000] as const;

/**
 * The value at each of `basisPoints` (default {@link DISTRIBUTION_BASIS_POINTS}) of the
 * distribution described by `rows`; an empty histogram gives zeros.
 */
export function histogramPercentiles(
  rows: readonly HistogramRow[],
  basisPoints: readonly number[] = DISTRIBUTION_BASIS_POINTS,
): number[] {
  if (rows.length === 0) return basisPoints.map(() => 0);
  const low = rows[0][0];
  const high = rows[rows.length - 1][1];
  const total = rows.reduce((sum, row) => sum + row[2], 0) || 1;
  const full = basisPoints[basisPoints.length - 1];
  // Cumulative weight at the right edge of each bucket, scaled so that the last one is `full`.
  const cumulative: number[] = [];
  let running = 0;
  for (const row of rows) cumulative.push((running += (row[2] * full) / total));

  const values: number[] = [];
  for (const bp of basisPoints) {
    // The first bucket whose cumulative weight passes bp (and that holds any weight).
    let i = cumulative.findIndex((c) => c > bp);
    while (i >= 0 && i < cumulative.length && cumulative[i] === (i > 0 ? cumulative[i - 1] : 0)) i++;
    if (i < 0 || i >= cumulative.length) {
      values.push(high); // bp at (or past) the end: the maximum
      continue;
    }
    const before = i > 0 ? cumulative[i - 1] : 0;
    const left = i === 0 || before === 0 ? low : Math.max(rows[i - 1][1], low);
    const right = Math.min(rows[i][1], high);
    values.push(left + ((bp - before) * (right - left)) / (cumulative[i] - before));
  }
  return values;
}
