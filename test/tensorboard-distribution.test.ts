import { runPython } from './helpers/python';
import { computeHistogramBuckets, histogramRows } from '../lib/tensorboard/histogram';
import { DISTRIBUTION_BASIS_POINTS, histogramPercentiles } from '../lib/gradients/distribution';

describe('histogramPercentiles', () => {
  it("matches TensorBoard's compress_histogram on varied histograms", () => {
    const cases: number[][][] = [];
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let c = 0; c < 12; c++) {
      const n = 1 + Math.floor(random() * 400);
      const values = Array.from({ length: n }, () => (random() - 0.3) * 10 ** (Math.floor(random() * 6) - 4));
      cases.push(histogramRows(computeHistogramBuckets(values, 5 + (c % 4) * 10).data).map((r) => [...r]));
    }
    cases.push([
      [1, 1, 0],
      [1, 1, 0],
      [1, 1, 7],
    ]); // all values equal
    cases.push([
      [0, 1, 0],
      [1, 2, 5],
      [2, 3, 0],
      [3, 4, 5],
    ]); // empty buckets inside
    const expected = JSON.parse(
      runPython(
        'import json,sys\nfrom tensorboard.plugins.distribution.compressor import compress_histogram\n' +
          'print(json.dumps([[float(v) for _, v in compress_histogram(h)] for h in json.loads(sys.argv[1])]))',
        [JSON.stringify(cases)],
      ),
    ) as number[][];
    cases.forEach((rows, i) => {
      const ours = histogramPercentiles(rows as [number, number, number][]);
      expect(ours).toHaveLength(DISTRIBUTION_BASIS_POINTS.length);
      ours.forEach((v, j) => expect(v).toBeCloseTo(expected[i][j], 12));
    });
  });

  it('an empty histogram gives zeros', () => {
    expect(histogramPercentiles([])).toEqual(DISTRIBUTION_BASIS_POINTS.map(() => 0));
  });
});
