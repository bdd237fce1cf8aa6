/**
 * Toy sequence tasks that only a network with memory solves: the answer is in the FIRST step of a
 * long noisy sequence, and every later step is noise. Seeded with numpy's `RandomState`, so the same
 * seed gives the same numbers (and the same numbers as numpy: `RandomState(seed).standard_normal((n, T, 1))`).
 */
import { describeValue, InvalidParameterError } from '../errors/index.js';
import { checkRandomState, RandomState } from './random-state.js';

/** Options of {@link firstSignSequences} and {@link firstValueSequences}. */
export interface SequenceOptions {
  /** Number of sequences (an integer >= 1). */
  nSamples: number;
  /** Length T of every sequence (an integer >= 1). */
  length: number;
  /** A seed in [0, 2**32 - 1] or a {@link RandomState} to draw from (it is advanced). */
  randomState: number | RandomState;
}

/** A batch of sequences with one feature per step, laid out as tfjs wants it. */
export interface SequenceDataset {
  /** The inputs, row-major `[nSamples, length, 1]`: `x[i * length + t]` is step t of sequence i. */
  x: Float32Array;
  /** `[nSamples, length, 1]`, for `tf.tensor3d(x, xShape)`. */
  xShape: [number, number, 1];
  /** The targets, one per sequence. */
  y: Float32Array;
  /** `[nSamples, 1]`, for `tf.tensor2d(y, yShape)`. */
  yShape: [number, 1];
}

function checkCount(where: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new InvalidParameterError(where, name, `must be a whole number >= 1, got ${describeValue(value)}`);
  }
  return value;
}

/** Standard normal steps, and `target(first step)` for every sequence. */
function sequences(where: string, options: SequenceOptions, target: (first: number) => number): SequenceDataset {
  if (options === null || typeof options !== 'object') {
    throw new InvalidParameterError(
      where,
      'options',
      `must be an object { nSamples, length, randomState }, got ${describeValue(options)}`,
    );
  }
  const known = ['nSamples', 'length', 'randomState'];
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new InvalidParameterError(where, key, `is not an option (the options are ${known.join(', ')})`);
    }
  }
  const n = checkCount(where, 'nSamples', options.nSamples);
  const length = checkCount(where, 'length', options.length);
  if (options.randomState === undefined || options.randomState === null) {
    throw new InvalidParameterError(
      where,
      'randomState',
      'is required (a seed or a RandomState): the data must be reproducible',
    );
  }
  const rng = checkRandomState(options.randomState, where);
  const steps = rng.standardNormal([n, length, 1]);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) y[i] = target(steps[i * length]);
  return { x: Float32Array.from(steps), xShape: [n, length, 1], y, yShape: [n, 1] };
}

/**
 * Classification "what was the sign of the first step?": x ~ N(0, 1), shape `[nSamples, length, 1]`,
 * and y = 1 when `x[i, 0, 0] > 0`, else 0 (balanced: half and half on average). Steps 2..T are pure
 * noise, so a network that forgets the first step is at chance (50%).
 *
 * @example
 * const d = l5.firstSignSequences({ nSamples: 512, length: 20, randomState: 1 });
 * const x = tf.tensor3d(d.x, d.xShape), y = tf.tensor2d(d.y, d.yShape);
 * @throws InvalidParameterError naming the bad option
 */
export function firstSignSequences(options: SequenceOptions): SequenceDataset {
  return sequences('firstSignSequences', options, (first) => (first > 0 ? 1 : 0));
}

/**
 * Regression "what was the first step?": x ~ N(0, 1), shape `[nSamples, length, 1]`, and
 * y = `x[i, 0, 0]` (variance 1: predicting 0 gives a mean squared error of about 1).
 *
 * @throws InvalidParameterError naming the bad option
 */
export function firstValueSequences(options: SequenceOptions): SequenceDataset {
  return sequences('firstValueSequences', options, (first) => first);
}
