import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { InvalidParameterError } from '../errors/invalid-parameter-error.js';
import { makeCircles, type MakeCirclesOptions } from './make-circles.js';
import { RandomState } from './random-state.js';

interface SkOptions {
  n_samples?: number | [number, number];
  shuffle?: boolean;
  noise?: number | null;
  random_state?: number;
  factor?: number;
}
interface Case {
  options: SkOptions;
  X: number[][];
  y: number[];
  yDtype: string;
}
interface Golden {
  sklearn: string;
  cases: Case[];
  instanceCase: {
    seed: number;
    standardNormalBefore: number;
    options: { n_samples: number; noise: number };
    X: number[][];
    y: number[];
    randomSampleAfter: number[];
  };
}
const golden: Golden = JSON.parse(
  readFileSync(path.join(__dirname, '..', '..', 'test', 'fixtures', 'make_circles_golden.json'), 'utf8'),
);

function toOptions(o: SkOptions): MakeCirclesOptions {
  return { nSamples: o.n_samples, shuffle: o.shuffle, noise: o.noise, randomState: o.random_state, factor: o.factor };
}

/** sklearn's values through glibc's sin/cos/log and ours through V8's agree to within an ulp or two. */
const TOL = 1e-15;
function expectX(actual: Float64Array, expected: number[][]): void {
  const flat = expected.flat();
  expect(actual.length).toBe(flat.length);
  for (let i = 0; i < flat.length; i++) {
    if (!(Math.abs(actual[i] - flat[i]) <= TOL)) {
      throw new Error(`X[${Math.floor(i / 2)}, ${i % 2}]: got ${actual[i]}, sklearn gives ${flat[i]}`);
    }
  }
}

describe('makeCircles against sklearn.datasets.make_circles', () => {
  test("fixtures come from scikit-learn 1.9.1 and include the lesson's case", () => {
    expect(golden.sklearn).toBe('1.9.1');
    expect(golden.cases[0].options).toEqual({ n_samples: 1000, noise: 0.1, random_state: 1 });
  });

  test.each(golden.cases.map((c) => [JSON.stringify(c.options), c] as const))('%s', (_name, c) => {
    const { X, y } = makeCircles(toOptions(c.options));
    expect(X.shape).toEqual([c.y.length, 2]);
    expect(y).toBeInstanceOf(Int32Array);
    expect(c.yDtype).toBe('int64');
    expect(Array.from(y)).toEqual(c.y);
    expectX(X.data, c.X);
  });

  test('the lesson: make_circles(n_samples=1000, noise=0.1, random_state=1)', () => {
    const { X, y } = makeCircles({ nSamples: 1000, noise: 0.1, randomState: 1 });
    const c = golden.cases[0];
    expect(X.shape).toEqual([1000, 2]);
    expect(Array.from(y.slice(0, 3))).toEqual(c.y.slice(0, 3));
    for (let i = 0; i < 3; i++) {
      expect(X.data[2 * i]).toBeCloseTo(c.X[i][0], 15);
      expect(X.data[2 * i + 1]).toBeCloseTo(c.X[i][1], 15);
    }
    expect(y.reduce((s, v) => s + v, 0)).toBe(500);
  });

  test('a RandomState instance is drawn from in place, cached gaussian included', () => {
    const c = golden.instanceCase;
    const rs = new RandomState(c.seed);
    expect(Math.abs(rs.standardNormal() - c.standardNormalBefore)).toBeLessThanOrEqual(TOL);
    const { X, y } = makeCircles({ nSamples: c.options.n_samples, noise: c.options.noise, randomState: rs });
    expect(Array.from(y)).toEqual(c.y);
    expectX(X.data, c.X);
    expect(Array.from(rs.randomSample(3))).toEqual(c.randomSampleAfter);
  });
});

describe('makeCircles', () => {
  test('defaults: 100 samples, factor 0.8, shuffled, no noise', () => {
    const { X, y } = makeCircles({ randomState: 0 });
    expect(X.shape).toEqual([100, 2]);
    for (let i = 0; i < 100; i++) {
      const r = Math.hypot(X.data[2 * i], X.data[2 * i + 1]);
      expect(r).toBeCloseTo(y[i] === 0 ? 1 : 0.8, 12);
    }
    expect(Array.from(y.slice(0, 10))).not.toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  test('odd n: the inner circle gets one point more; a tuple sets [outer, inner]', () => {
    const odd = makeCircles({ nSamples: 7, shuffle: false });
    expect(Array.from(odd.y)).toEqual([0, 0, 0, 1, 1, 1, 1]);
    const pair = makeCircles({ nSamples: [2, 5], shuffle: false, factor: 0.5 });
    expect(Array.from(pair.y)).toEqual([0, 0, 1, 1, 1, 1, 1]);
    // unshuffled, evenly spaced in angle from 0, endpoint excluded
    expect(Array.from(pair.X.data.slice(0, 4))).toEqual([1, 0, Math.cos(Math.PI), Math.sin(Math.PI)]);
    expect(pair.X.data[4]).toBe(0.5);
  });

  test('noise 0 keeps the points of noise null (the draws happen but add 0)', () => {
    const none = makeCircles({ nSamples: 40, randomState: 3 });
    const zero = makeCircles({ nSamples: 40, randomState: 3, noise: 0 });
    expect(zero.X.data).toEqual(none.X.data);
    expect(zero.y).toEqual(none.y);
  });

  test('shuffle: false with a seed and no noise ignores the seed', () => {
    expect(makeCircles({ nSamples: 9, shuffle: false, randomState: 1 }).X.data).toEqual(
      makeCircles({ nSamples: 9, shuffle: false, randomState: 2 }).X.data,
    );
  });

  test('no seed: each call shuffles differently, the points stay the same', () => {
    const a = makeCircles({ nSamples: 200 });
    const b = makeCircles({ nSamples: 200, randomState: null });
    expect(Array.from(a.y)).not.toEqual(Array.from(b.y));
    const key = (d: Float64Array) =>
      Array.from({ length: d.length / 2 }, (_, i) => `${d[2 * i]},${d[2 * i + 1]}`).sort();
    expect(key(a.X.data)).toEqual(key(b.X.data));
  });

  test('empty data sets are allowed, as in scikit-learn 1.9.1 (n_samples in [0, inf))', () => {
    const { X, y } = makeCircles({ nSamples: 0, noise: 0.1, randomState: 1 });
    expect(X.shape).toEqual([0, 2]);
    expect(X.data.length).toBe(0);
    expect(y.length).toBe(0);
  });

  test('50 000 samples', () => {
    const { X, y } = makeCircles({ nSamples: 50_000, noise: 0.1, randomState: 7 });
    expect(X.shape).toEqual([50_000, 2]);
    expect(y.reduce((s, v) => s + v, 0)).toBe(25_000);
    expect(X.data.every(Number.isFinite)).toBe(true);
  });

  test.each([
    [
      { nSamples: -1 },
      'makeCircles: nSamples must be an integer in the range [0, inf) or a tuple [outer, inner], got -1',
    ],
    [
      { nSamples: 1.5 },
      'makeCircles: nSamples must be an integer in the range [0, inf) or a tuple [outer, inner], got 1.5',
    ],
    [{ nSamples: [1, 2, 3] }, 'makeCircles: nSamples must have exactly two elements when a tuple, got [1, 2, 3]'],
    [
      { nSamples: [-1, 2] },
      'makeCircles: nSamples must hold non-negative numbers of samples, got -1 for the outer circle',
    ],
    [{ nSamples: [2, 2.5] }, 'makeCircles: nSamples must hold integers when a tuple, got 2.5 for the inner circle'],
    [
      { nSamples: '10' },
      'makeCircles: nSamples must be an integer in the range [0, inf) or a tuple [outer, inner], got "10"',
    ],
    [{ shuffle: 1 }, 'makeCircles: shuffle must be a boolean, got 1'],
    [{ noise: -0.1 }, 'makeCircles: noise must be a float in the range [0, inf) or null, got -0.1'],
    [{ noise: -0 }, 'makeCircles: noise must be a float in the range [0, inf) or null, got -0'],
    [{ noise: NaN }, 'makeCircles: noise must be a float in the range [0, inf) or null, got NaN'],
    [{ noise: Infinity }, 'makeCircles: noise must be a float in the range [0, inf) or null, got Infinity'],
    [
      { randomState: 1.5 },
      'makeCircles: randomState must be an integer in the range [0, 4294967295], a RandomState or null, got 1.5',
    ],
    [
      { randomState: -1 },
      'makeCircles: randomState must be an integer in the range [0, 4294967295], a RandomState or null, got -1',
    ],
    [
      { randomState: 2 ** 32 },
      'makeCircles: randomState must be an integer in the range [0, 4294967295], a RandomState or null, got 4294967296',
    ],
    [{ factor: 1.5 }, 'makeCircles: factor must be a float in the range [0, 1), got 1.5'],
    [{ factor: 1 }, 'makeCircles: factor must be a float in the range [0, 1), got 1'],
    [{ factor: -0.1 }, 'makeCircles: factor must be a float in the range [0, 1), got -0.1'],
    [{ factor: NaN }, 'makeCircles: factor must be a float in the range [0, 1), got NaN'],
  ])('refuses %p', (options, message) => {
    const call = () => makeCircles(options as unknown as MakeCirclesOptions);
    expect(call).toThrow(InvalidParameterError);
    expect(call).toThrow(message);
  });

  test('the largest seed and a zero factor are accepted', () => {
    expect(() => makeCircles({ randomState: 2 ** 32 - 1, factor: 0 })).not.toThrow();
  });
});
