import { DISTRIBUTION_BASIS_POINTS, histogramPercentiles } from './distribution';

describe('histogramPercentiles', () => {
  it('interpolates inside the bucket where each percentile falls (hand-computed)', () => {
    // 10 values evenly in [0, 10): the p-th percentile of a uniform distribution is p/100 × 10.
    const rows: [number, number, number][] = Array.from({ length: 10 }, (_, i) => [i, i + 1, 1]);
    const expected = DISTRIBUTION_BASIS_POINTS.map((bp) => bp / 1000);
    histogramPercentiles(rows).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 12));
  });

  it('an empty histogram gives zeros, and all-equal values give that value', () => {
    expect(histogramPercentiles([])).toEqual(DISTRIBUTION_BASIS_POINTS.map(() => 0));
    expect(
      histogramPercentiles([
        [2, 2, 0],
        [2, 2, 4],
      ]).every((v) => v === 2),
    ).toBe(true);
  });
});
