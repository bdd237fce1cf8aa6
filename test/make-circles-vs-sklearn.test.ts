/**
 * lib/data against the live scikit-learn / numpy of the project's venv (the committed fixtures in
 * test/fixtures/ cover more cases without Python; see make_circles_golden.py there).
 */
import { makeCircles, MinMaxScaler, RandomState, trainTestSplitAt } from '../lib/data/index.js';
import { runPython } from './helpers/python.js';

const SCRIPT = `
import json, sys
import numpy as np
from sklearn.datasets import make_circles
from sklearn.preprocessing import MinMaxScaler

out = {}
X, y = make_circles(n_samples=1000, noise=0.1, random_state=1)
Xs = MinMaxScaler(feature_range=(-1, 1)).fit_transform(X)
out["lesson"] = {"X": X.ravel().tolist(), "y": y.tolist(), "Xs": Xs.ravel().tolist(),
                 "trainy": y[:500].tolist(), "testX": Xs[500:].ravel().tolist()}
X, y = make_circles(n_samples=(123, 77), noise=0.25, random_state=2024, factor=0.4)
out["tuple"] = {"X": X.ravel().tolist(), "y": y.tolist()}
rs = np.random.RandomState(31337)
out["rs"] = {"sample": rs.random_sample(5).tolist(), "perm": rs.permutation(25).tolist(),
             "normal": rs.standard_normal(7).tolist(), "randint": rs.randint(3, 300, size=9).tolist()}
try:
    make_circles(factor=1.5)
except Exception as e:
    out["factorError"] = str(e)
json.dump(out, sys.stdout)
`;

interface Live {
  lesson: { X: number[]; y: number[]; Xs: number[]; trainy: number[]; testX: number[] };
  tuple: { X: number[]; y: number[] };
  rs: { sample: number[]; perm: number[]; normal: number[]; randint: number[] };
  factorError: string;
}

const live: Live = JSON.parse(runPython(SCRIPT));

function maxAbsDiff(a: ArrayLike<number>, b: readonly number[]): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < b.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

describe('lib/data against the live scikit-learn', () => {
  test('the lesson: make_circles, MinMaxScaler(-1, 1), split 500 / 500', () => {
    const { X, y } = makeCircles({ nSamples: 1000, noise: 0.1, randomState: 1 });
    expect(Array.from(y)).toEqual(live.lesson.y);
    expect(maxAbsDiff(X.data, live.lesson.X)).toBeLessThanOrEqual(1e-15);
    const Xs = new MinMaxScaler({ featureRange: [-1, 1] }).fitTransform(X);
    expect(maxAbsDiff(Xs.data, live.lesson.Xs)).toBeLessThanOrEqual(1e-15);
    const { testX, trainY } = trainTestSplitAt(Xs, y, 500);
    expect(Array.from(trainY)).toEqual(live.lesson.trainy);
    expect(maxAbsDiff(testX.data, live.lesson.testX)).toBeLessThanOrEqual(1e-15);
  });

  test('tuple n_samples=(123, 77), noise 0.25, factor 0.4, seed 2024', () => {
    const { X, y } = makeCircles({ nSamples: [123, 77], noise: 0.25, randomState: 2024, factor: 0.4 });
    expect(Array.from(y)).toEqual(live.tuple.y);
    expect(maxAbsDiff(X.data, live.tuple.X)).toBeLessThanOrEqual(1e-15);
  });

  test('RandomState(31337): random_sample, permutation, standard_normal, randint in sequence', () => {
    const rs = new RandomState(31337);
    expect(Array.from(rs.randomSample(5))).toEqual(live.rs.sample);
    expect(rs.permutation(25)).toEqual(live.rs.perm);
    expect(maxAbsDiff(rs.standardNormal(7), live.rs.normal)).toBeLessThanOrEqual(1e-15);
    expect(rs.randint(3, 300, 9)).toEqual(live.rs.randint);
  });

  test('a bad factor is refused by both, naming factor and the range [0, 1)', () => {
    expect(live.factorError).toMatch(
      /'factor' parameter of make_circles must be a float in the range \[0\.0, 1\.0\)\. Got 1\.5/,
    );
    expect(() => makeCircles({ factor: 1.5 })).toThrow(
      'makeCircles: factor must be a float in the range [0, 1), got 1.5',
    );
  });
});
