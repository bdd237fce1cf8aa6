/**
 * The size of a gradient (or any values): mean |v|, L2 norm, largest |v|, all finite or not.
 */

/** Mean |v|, L2 norm, largest |v|, whether every value is finite, and how many there are. */
export interface ValueSummary {
  size: number;
  meanAbs: number;
  norm: number;
  maxAbs: number;
  finite: boolean;
}

/** Mean |v|, L2 norm, largest |v| and finiteness of `values[start, end)`, in float64. */
export function summarizeValues(values: ArrayLike<number>, start = 0, end = values.length): ValueSummary {
  let sumAbs = 0;
  let sumSquares = 0;
  let maxAbs = 0;
  let finite = true;
  for (let i = start; i < end; i++) {
    const v = values[i];
    const a = Math.abs(v);
    sumAbs += a;
    sumSquares += a * a;
    if (maxAbs === maxAbs && !(a <= maxAbs)) maxAbs = a; // once NaN, stays NaN
    if (!Number.isFinite(v)) finite = false;
  }
  const size = end - start;
  // A sum of squares past float64's range with finite values: the norm is still finite.
  let norm = Math.sqrt(sumSquares);
  if (norm === Infinity && finite) {
    let scaled = 0;
    for (let i = start; i < end; i++) scaled += (values[i] / maxAbs) ** 2;
    norm = maxAbs * Math.sqrt(scaled);
  }
  return { size, meanAbs: size > 0 ? sumAbs / size : 0, norm, maxAbs, finite };
}
