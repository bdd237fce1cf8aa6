/**
 * A port of numpy's legacy `numpy.random.RandomState` (the generator scikit-learn's
 * `random_state=` uses): same seed, same numbers, in the same order.
 *
 * Ported from numpy 2.x: numpy/random/mtrand.pyx, numpy/random/src/distributions/distributions.c
 * (`random_interval`, masked bounded integers) and numpy/random/src/legacy/legacy-distributions.c
 * (`legacy_gauss`, the polar method with its cached second value).
 */
import { InvalidParameterError, describeValue } from '../errors/index.js';
import { MT19937, type Seed } from './mt19937.js';
import {
  mask32,
  type MutableArrayLike,
  type RandomStateState,
  type Size,
  sizeToCount,
  TWO_32,
  type TypedArray,
} from './random-state-types.js';

export type { Seed } from './mt19937.js';
export type { MutableArrayLike, RandomStateState, Size, TypedArray } from './random-state-types.js';

/**
 * numpy's legacy `RandomState`: MT19937 with legacy seeding and the legacy distributions.
 *
 * Every method draws exactly what numpy's method of the same name draws, so a program that
 * makes the same calls with the same seed as a Python one gets the same numbers:
 *
 * ```ts
 * const rs = new RandomState(42);
 * rs.randomSample(3);       // == np.random.RandomState(42).random_sample(3)
 * rs.standardNormal();      // then .standard_normal()
 * ```
 *
 * Methods without `size` return one number; with `size` they return a flat array (see {@link Size}).
 */
export class RandomState {
  private readonly bitGenerator: MT19937;
  private hasGauss = false;
  private gauss = 0;

  /**
   * @param seed - an integer in [0, 2**32 - 1], a non-empty array of them, or nothing for OS
   *   entropy; see {@link Seed}.
   * @throws InvalidParameterError for a seed numpy would refuse (non-integer, out of range, empty).
   */
  constructor(seed?: Seed) {
    this.bitGenerator = new MT19937(0);
    this.seed(seed);
  }

  /** Re-seeds in place and forgets any cached gaussian (numpy's `RandomState.seed`). */
  seed(seed?: Seed): void {
    this.bitGenerator.seed(seed, 'RandomState');
    this.hasGauss = false;
    this.gauss = 0;
  }

  /** A copy of the state (numpy's `get_state()`). */
  getState(): RandomStateState {
    return { ...this.bitGenerator.getState(), hasGauss: this.hasGauss, gauss: this.gauss };
  }

  /** Restores a state from {@link RandomState.getState} (numpy's `set_state()`). */
  setState(state: { key: ArrayLike<number>; pos: number; hasGauss?: boolean; gauss?: number }): void {
    this.bitGenerator.setState(state);
    this.hasGauss = state.hasGauss ?? false;
    this.gauss = this.hasGauss ? (state.gauss ?? 0) : 0;
  }

  /** The next raw 32-bit output of the Mersenne Twister, in [0, 2**32 - 1]. */
  nextUint32(): number {
    return this.bitGenerator.nextUint32();
  }

  /** Uniform doubles in [0, 1) with 53 random bits (numpy's `random_sample`). */
  randomSample(): number;
  randomSample(size: Size): Float64Array;
  randomSample(size?: Size): number | Float64Array {
    if (size === undefined) return this.bitGenerator.nextDouble();
    const out = new Float64Array(sizeToCount(size, 'RandomState.randomSample'));
    for (let i = 0; i < out.length; i++) out[i] = this.bitGenerator.nextDouble();
    return out;
  }

  /**
   * Uniform doubles in [low, high): `low + (high - low) * randomSample()` (numpy's `uniform`).
   * @throws InvalidParameterError when `high - low` is not finite (numpy: "Range exceeds valid bounds").
   */
  uniform(low?: number, high?: number): number;
  uniform(low: number, high: number, size: Size): Float64Array;
  uniform(low = 0, high = 1, size?: Size): number | Float64Array {
    const range = high - low;
    if (!Number.isFinite(range)) {
      throw new InvalidParameterError(
        'RandomState.uniform',
        'high - low',
        `must be finite (range exceeds valid bounds), got low=${low}, high=${high}`,
      );
    }
    if (size === undefined) return low + range * this.bitGenerator.nextDouble();
    const out = new Float64Array(sizeToCount(size, 'RandomState.uniform'));
    for (let i = 0; i < out.length; i++) out[i] = low + range * this.bitGenerator.nextDouble();
    return out;
  }

  /** numpy's `legacy_gauss`: Marsaglia's polar method, keeping the second value for the next call. */
  private nextGauss(): number {
    if (this.hasGauss) {
      const g = this.gauss;
      this.hasGauss = false;
      this.gauss = 0;
      return g;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2.0 * this.bitGenerator.nextDouble() - 1.0;
      x2 = 2.0 * this.bitGenerator.nextDouble() - 1.0;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1.0 || r2 === 0.0);
    const f = Math.sqrt((-2.0 * Math.log(r2)) / r2);
    this.gauss = f * x1;
    this.hasGauss = true;
    return f * x2;
  }

  /** Standard normal samples (numpy's legacy `standard_normal`). */
  standardNormal(): number;
  standardNormal(size: Size): Float64Array;
  standardNormal(size?: Size): number | Float64Array {
    if (size === undefined) return this.nextGauss();
    const out = new Float64Array(sizeToCount(size, 'RandomState.standardNormal'));
    for (let i = 0; i < out.length; i++) out[i] = this.nextGauss();
    return out;
  }

  /**
   * Normal samples `loc + scale * standardNormal()` (numpy's legacy `normal`).
   * @throws InvalidParameterError when `scale` is negative, -0 included (numpy: "scale < 0");
   *   a NaN scale gives NaN, as in numpy.
   */
  normal(loc?: number, scale?: number): number;
  normal(loc: number, scale: number, size: Size): Float64Array;
  normal(loc = 0, scale = 1, size?: Size): number | Float64Array {
    if (scale < 0 || Object.is(scale, -0)) {
      throw new InvalidParameterError(
        'RandomState.normal',
        'scale',
        `must be non-negative (scale < 0), got ${describeValue(scale)}`,
      );
    }
    if (size === undefined) return loc + scale * this.nextGauss();
    const out = new Float64Array(sizeToCount(size, 'RandomState.normal'));
    for (let i = 0; i < out.length; i++) out[i] = loc + scale * this.nextGauss();
    return out;
  }

  /**
   * A uniform integer in [0, max] by masked rejection (numpy's `random_interval`, what
   * `shuffle` and `permutation` use). `max` < 2**32 here, so 32-bit draws, as in numpy.
   */
  private interval(max: number): number {
    if (max === 0) return 0;
    const mask = mask32(max);
    let value: number;
    do value = (this.bitGenerator.nextUint32() & mask) >>> 0;
    while (value > max);
    return value;
  }

  /**
   * One integer in [0, rng] for numpy's legacy `randint` (`random_bounded_uint64_fill` with
   * `use_masked=True`): no draw when rng is 0, one 32-bit draw when rng is 2**32 - 1, masked
   * 32-bit draws below that, masked 64-bit draws (high word first) above.
   */
  private bounded(rng: number): number {
    if (rng === 0) return 0;
    if (rng < 0xffffffff) return this.interval(rng);
    if (rng === 0xffffffff) return this.bitGenerator.nextUint32();
    const rngHi = Math.floor(rng / TWO_32);
    const rngLo = rng % TWO_32;
    const maskHi = mask32(rngHi);
    for (;;) {
      const hi = (this.bitGenerator.nextUint32() & maskHi) >>> 0;
      const lo = this.bitGenerator.nextUint32();
      if (hi < rngHi || (hi === rngHi && lo <= rngLo)) return hi * TWO_32 + lo;
    }
  }

  /**
   * Uniform integers in [low, high), or in [0, low) when `high` is omitted (numpy's legacy
   * `randint` with its default int64 dtype). Bounds must be safe integers and
   * `high - 1 - low` at most `Number.MAX_SAFE_INTEGER`.
   * @throws InvalidParameterError for an empty range (numpy: "high <= 0" / "low >= high") or bad bounds.
   */
  randint(low: number, high?: number | null): number;
  randint(low: number, high: number | null | undefined, size: Size): number[];
  randint(low: number, high?: number | null, size?: Size): number | number[] {
    const where = 'RandomState.randint';
    let lo = low;
    let hi = high;
    if (hi === undefined || hi === null) {
      hi = lo;
      lo = 0;
    }
    if (!Number.isSafeInteger(lo))
      throw new InvalidParameterError(where, 'low', `must be a safe integer, got ${describeValue(lo)}`);
    if (!Number.isSafeInteger(hi))
      throw new InvalidParameterError(where, 'high', `must be a safe integer, got ${describeValue(hi)}`);
    const top = hi - 1;
    if (lo > top) {
      throw lo === 0
        ? new InvalidParameterError(where, 'high', `must be > 0 when low is 0 (high <= 0), got ${hi}`)
        : new InvalidParameterError(where, 'low', `must be < high (low >= high), got low=${lo}, high=${hi}`);
    }
    const rng = top - lo;
    if (!Number.isSafeInteger(rng)) {
      throw new InvalidParameterError(where, 'high - low', `must be at most 2**53, got low=${lo}, high=${hi}`);
    }
    if (size === undefined) return lo + this.bounded(rng);
    const out = new Array<number>(sizeToCount(size, where));
    for (let i = 0; i < out.length; i++) out[i] = lo + this.bounded(rng);
    return out;
  }

  /**
   * Shuffles in place along the first axis (numpy's legacy `shuffle`): for i from n-1 down to 1,
   * swap items i and `random_interval(i)`. Works on arrays and typed arrays.
   */
  shuffle(x: MutableArrayLike<unknown>): void {
    for (let i = x.length - 1; i > 0; i--) {
      const j = this.interval(i);
      const t = x[i];
      x[i] = x[j];
      x[j] = t;
    }
  }

  /**
   * A shuffled copy (numpy's legacy `permutation`): `permutation(n)` shuffles `[0, 1, ..., n-1]`;
   * `permutation(array)` shuffles a copy of the array (same kind for typed arrays).
   */
  permutation(n: number): number[];
  permutation<A extends TypedArray>(x: A): A;
  permutation<T>(x: readonly T[]): T[];
  permutation(x: number | TypedArray | readonly unknown[]): number[] | TypedArray | unknown[] {
    let out: number[] | TypedArray | unknown[];
    if (typeof x === 'number') {
      if (!Number.isInteger(x) || x < 0) {
        throw new InvalidParameterError(
          'RandomState.permutation',
          'x',
          `must be a non-negative integer or an array, got ${describeValue(x)}`,
        );
      }
      out = Array.from({ length: x }, (_, i) => i);
    } else {
      out = x.slice();
    }
    this.shuffle(out);
    return out;
  }
}

/**
 * scikit-learn's `check_random_state`: a {@link RandomState} is used as is (and advanced);
 * a seed makes a new one; `null` / `undefined` a new one from OS entropy.
 * @param where - the function name error messages start with.
 * @throws InvalidParameterError naming `randomState` for a bad seed.
 */
export function checkRandomState(
  randomState: RandomState | number | null | undefined,
  where = 'checkRandomState',
): RandomState {
  if (randomState instanceof RandomState) return randomState;
  if (randomState === undefined || randomState === null) return new RandomState();
  if (
    typeof randomState !== 'number' ||
    !Number.isInteger(randomState) ||
    randomState < 0 ||
    randomState > 0xffffffff
  ) {
    throw new InvalidParameterError(
      where,
      'randomState',
      `must be an integer in the range [0, 4294967295], a RandomState or null, got ${describeValue(randomState)}`,
    );
  }
  return new RandomState(randomState);
}
