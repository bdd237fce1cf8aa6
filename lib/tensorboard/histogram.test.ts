import { computeHistogramBuckets, DEFAULT_HISTOGRAM_BUCKETS, histogramRows } from './histogram.js';

const rows = (values: ArrayLike<number>, k?: number) => histogramRows(computeHistogramBuckets(values, k).data);

describe('computeHistogramBuckets (TF 2 tf.summary.histogram rules)', () => {
  it('uses 30 buckets by default', () => {
    expect(DEFAULT_HISTOGRAM_BUCKETS).toBe(30);
    const h = computeHistogramBuckets([0, 1]);
    expect(h.bucketCount).toBe(30);
    expect(h.data.length).toBe(90);
  });

  it('buckets by floor((x - min) / width), with the last bucket closed', () => {
    // width 1: 0 -> 0, 1 -> 1, 2 -> 2, 3 -> floor(3) = 3, clamped to bucket 2.
    expect(rows([0, 1, 2, 3], 3)).toEqual([
      [0, 1, 1],
      [1, 2, 1],
      [2, 3, 2],
    ]);
    expect(rows([3, 0.5, 0.5, 0, 2.999], 3)).toEqual([
      [0, 1, 3],
      [1, 2, 0],
      [2, 3, 2],
    ]);
  });

  it('computes edges as min + i * width and ends exactly at max', () => {
    const values = [0.1, 0.7, 0.3];
    const h = rows(values, 7);
    const width = (0.7 - 0.1) / 7;
    h.forEach(([left, right], i) => {
      expect(left).toBe(0.1 + i * width);
      expect(right).toBe(i === 6 ? 0.7 : 0.1 + (i + 1) * width);
    });
    expect(h[6][1]).toBe(0.7);
    expect(h.reduce((s, r) => s + r[2], 0)).toBe(3);
  });

  it('puts all-equal values in the last bucket with zero-width rows', () => {
    expect(rows([2.5, 2.5, 2.5], 4)).toEqual([
      [2.5, 2.5, 0],
      [2.5, 2.5, 0],
      [2.5, 2.5, 0],
      [2.5, 2.5, 3],
    ]);
    expect(rows([-1], 2)).toEqual([
      [-1, -1, 0],
      [-1, -1, 1],
    ]);
  });

  it('writes k rows of zeros for empty input', () => {
    const h = computeHistogramBuckets([], 5);
    expect(Array.from(h.data)).toEqual(new Array(15).fill(0));
    expect(h.count).toBe(0);
  });

  it('leaves NaN and ±Infinity out of the buckets and counts them', () => {
    const h = computeHistogramBuckets([1, NaN, 2, Infinity, -Infinity, NaN, 3], 2);
    expect(histogramRows(h.data)).toEqual([
      [1, 2, 1],
      [2, 3, 2],
    ]);
    expect({ count: h.count, nan: h.nan, posInf: h.posInf, negInf: h.negInf }).toEqual({
      count: 3,
      nan: 2,
      posInf: 1,
      negInf: 1,
    });
    expect(Array.from(h.data).every(Number.isFinite)).toBe(true);
  });

  it('gives zero rows (and count 0) when no value is finite', () => {
    const h = computeHistogramBuckets([NaN, Infinity], 3);
    expect(Array.from(h.data)).toEqual(new Array(9).fill(0));
    expect(h.count).toBe(0);
    expect(h.nan + h.posInf).toBe(2);
  });

  it('keeps every value and finite edges for a range wider than the largest double', () => {
    const values = [-1.5e308, 0, 1.7e308, 1e308, -1e308];
    const h = computeHistogramBuckets(values, 10);
    expect(Array.from(h.data).every(Number.isFinite)).toBe(true);
    const r = histogramRows(h.data);
    expect(r[0][0]).toBe(-1.5e308);
    expect(r[9][1]).toBe(1.7e308);
    expect(r.reduce((s, x) => s + x[2], 0)).toBe(5);
    expect(r[9][2]).toBeGreaterThanOrEqual(1);
    for (let i = 1; i < r.length; i++) expect(r[i][0]).toBeGreaterThanOrEqual(r[i - 1][0]);
  });

  it('keeps every value when the range is tiny (denormal width)', () => {
    const h = computeHistogramBuckets([0, 5e-324, 1e-323], 30);
    expect(histogramRows(h.data).reduce((s, x) => s + x[2], 0)).toBe(3);
    expect(h.data[3 * 29 + 1]).toBe(1e-323);
  });

  it('bucketizes float32 input exactly as float64', () => {
    const f = Float32Array.from([0.1, 0.2, 0.3]);
    const h = rows(f, 2);
    expect(h[0][0]).toBe(f[0]);
    expect(h[1][1]).toBe(f[2]);
  });

  it('rejects bucket counts that are not positive integers', () => {
    for (const k of [0, -1, 2.5, NaN, Infinity])
      expect(() => computeHistogramBuckets([1], k)).toThrow(/buckets must be a positive integer/);
  });
});
