/**
 * scikit-learn's `make_circles` (sklearn/datasets/_samples_generator.py, 1.9.1), number for
 * number: with the same `randomState` it returns the same X and y as
 * `sklearn.datasets.make_circles`.
 */
import { InvalidParameterError, describeValue } from '../errors/index.js';
import type { Matrix } from './matrix.js';
import { checkRandomState, RandomState } from './random-state.js';

/** Options of {@link makeCircles}: scikit-learn's keyword arguments, in camelCase. */
export interface MakeCirclesOptions {
  /**
   * The total number of points (an integer >= 0; for odd numbers the inner circle gets one
   * point more than the outer), or `[outer, inner]`. Default 100.
   */
  nSamples?: number | readonly [outer: number, inner: number];
  /** Whether to shuffle the samples. Default `true`. */
  shuffle?: boolean;
  /** Standard deviation of the Gaussian noise added to the points; `null` (the default) for none. */
  noise?: number | null;
  /**
   * A seed in [0, 2**32 - 1] for reproducible output, a {@link RandomState} to draw from (it is
   * advanced), or `null` / `undefined` (the default) for OS entropy. Used for shuffling and noise.
   */
  randomState?: number | RandomState | null;
  /** Scale factor between the inner and the outer circle, in [0, 1). Default 0.8. */
  factor?: number;
}

/** A labelled 2-D data set. */
export interface Dataset2D {
  /** The samples, shape `[nSamples, 2]` (row-major `Float64Array`; columns x and y). */
  X: Matrix;
  /** The labels, one per row of X: 0 for the outer circle, 1 for the inner one. */
  y: Int32Array;
}

const WHERE = 'makeCircles';

function checkCount(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    throw new InvalidParameterError(
      WHERE,
      'nSamples',
      `must hold integers when a tuple, got ${describeValue(v)} for the ${what} circle`,
    );
  }
  if (v < 0) {
    throw new InvalidParameterError(
      WHERE,
      'nSamples',
      `must hold non-negative numbers of samples, got ${v} for the ${what} circle`,
    );
  }
  return v;
}

/**
 * Makes a large circle containing a smaller circle in 2-D: a toy data set for classifiers.
 *
 * Same numbers as scikit-learn's `make_circles(n_samples, shuffle=, noise=, random_state=, factor=)`:
 * points evenly spaced in angle (`linspace(0, 2π, n, endpoint=False)`), outer circle first,
 * then shuffled with `RandomState.shuffle`, then `normal(scale=noise, size=(n, 2))` added.
 *
 * @example The lesson's data
 * ```ts
 * const { X, y } = makeCircles({ nSamples: 1000, noise: 0.1, randomState: 1 });
 * const xs = tf.tensor2d(X.data, X.shape, 'float32');
 * const ys = tf.tensor1d(y, 'float32');
 * ```
 * @throws InvalidParameterError, naming the argument, where scikit-learn raises: `nSamples` not an
 *   integer >= 0 nor a pair of them, `shuffle` not a boolean, `noise` not a finite number >= 0
 *   (or null), `randomState` not an integer in [0, 4294967295] (or a RandomState or null),
 *   `factor` not in [0, 1).
 */
export function makeCircles(options: MakeCirclesOptions = {}): Dataset2D {
  const { nSamples = 100, shuffle = true, noise = null, randomState = null, factor = 0.8 } = options;

  // scikit-learn's @validate_params, in its order.
  let nOut: number;
  let nIn: number;
  if (typeof nSamples === 'number') {
    if (!Number.isInteger(nSamples) || nSamples < 0) {
      throw new InvalidParameterError(
        WHERE,
        'nSamples',
        `must be an integer in the range [0, inf) or a tuple [outer, inner], got ${describeValue(nSamples)}`,
      );
    }
    nOut = Math.floor(nSamples / 2);
    nIn = nSamples - nOut;
  } else if (Array.isArray(nSamples)) {
    if (nSamples.length !== 2) {
      throw new InvalidParameterError(
        WHERE,
        'nSamples',
        `must have exactly two elements when a tuple, got ${describeValue(nSamples)}`,
      );
    }
    nOut = checkCount(nSamples[0], 'outer');
    nIn = checkCount(nSamples[1], 'inner');
  } else {
    throw new InvalidParameterError(
      WHERE,
      'nSamples',
      `must be an integer in the range [0, inf) or a tuple [outer, inner], got ${describeValue(nSamples)}`,
    );
  }
  if (typeof shuffle !== 'boolean') {
    throw new InvalidParameterError(WHERE, 'shuffle', `must be a boolean, got ${describeValue(shuffle)}`);
  }
  // -0 passes scikit-learn's check but then fails in numpy's normal ("scale < 0"): refused here.
  if (noise !== null && !(typeof noise === 'number' && noise >= 0 && noise < Infinity && !Object.is(noise, -0))) {
    throw new InvalidParameterError(
      WHERE,
      'noise',
      `must be a float in the range [0, inf) or null, got ${describeValue(noise)}`,
    );
  }
  const generator = checkRandomState(randomState, WHERE);
  if (!(typeof factor === 'number' && factor >= 0 && factor < 1)) {
    throw new InvalidParameterError(
      WHERE,
      'factor',
      `must be a float in the range [0, 1), got ${describeValue(factor)}`,
    );
  }

  const n = nOut + nIn;
  let data = new Float64Array(2 * n);
  let y = new Int32Array(n);
  // np.linspace(0, 2 * np.pi, num, endpoint=False) is arange(num) * (2π / num).
  const stepOut = (2 * Math.PI) / nOut;
  for (let i = 0; i < nOut; i++) {
    const t = i * stepOut;
    data[2 * i] = Math.cos(t);
    data[2 * i + 1] = Math.sin(t);
  }
  const stepIn = (2 * Math.PI) / nIn;
  for (let i = 0; i < nIn; i++) {
    const t = i * stepIn;
    data[2 * (nOut + i)] = Math.cos(t) * factor;
    data[2 * (nOut + i) + 1] = Math.sin(t) * factor;
    y[nOut + i] = 1;
  }

  if (shuffle) {
    // sklearn.utils.shuffle -> resample(replace=False): indices = arange(n); random_state.shuffle(indices).
    const indices = new Int32Array(n);
    for (let i = 0; i < n; i++) indices[i] = i;
    generator.shuffle(indices);
    const shuffled = new Float64Array(2 * n);
    const shuffledY = new Int32Array(n);
    for (let k = 0; k < n; k++) {
      const i = indices[k];
      shuffled[2 * k] = data[2 * i];
      shuffled[2 * k + 1] = data[2 * i + 1];
      shuffledY[k] = y[i];
    }
    data = shuffled;
    y = shuffledY;
  }

  if (noise !== null) {
    // X += generator.normal(scale=noise, size=X.shape), in row-major order.
    for (let k = 0; k < data.length; k++) data[k] += generator.normal(0, noise);
  }

  return { X: { data, shape: [n, 2] }, y };
}
