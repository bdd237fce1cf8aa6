/**
 * The Mersenne Twister MT19937 exactly as numpy's legacy `RandomState` runs it
 * (numpy/random/src/mt19937/mt19937.c and `MT19937._legacy_seeding` in _mt19937.pyx).
 *
 * Seeding follows numpy's legacy rules:
 *  - an integer seed in [0, 2**32 - 1] goes through `mt19937_seed` (Matsumoto and Nishimura's
 *    `init_genrand`: Knuth's multiplier 1812433253), *not* through `init_by_array` as Python's
 *    `random` module does;
 *  - an array of such integers goes through `mt19937_init_by_array`;
 *  - no seed (`undefined` / `null`) takes 624 words of OS entropy, with the first word set to
 *    0x80000000 as numpy does.
 */
import { randomFillSync } from 'node:crypto';
import { InvalidParameterError, describeValue } from '../errors/index.js';

/** Number of 32-bit words in the MT19937 state. */
export const MT19937_N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;
/** Largest seed numpy's legacy seeding accepts: 2**32 - 1. */
export const MAX_SEED = 0xffffffff;

/**
 * A seed as numpy's legacy seeding takes it: an integer in [0, 2**32 - 1], a non-empty array
 * of such integers, or `null` / `undefined` for fresh OS entropy.
 */
export type Seed = number | ArrayLike<number> | null | undefined;

/** The generator's state: numpy's `get_state()` key and pos. */
export interface MT19937State {
  /** The 624 state words (a copy). */
  key: Uint32Array;
  /** Index of the next word to temper, in [0, 624]; 624 means "regenerate first". */
  pos: number;
}

/** Checks a seed the way numpy's `_legacy_seeding` does; returns the words to seed with. */
function checkSeed(seed: number | ArrayLike<number>, where: string): number | Uint32Array {
  const bad = (what: string): never => {
    throw new InvalidParameterError(where, 'seed', `${what}, got ${describeValue(seed)}`);
  };
  if (typeof seed === 'number') {
    if (!Number.isInteger(seed)) bad('must be an integer in [0, 2**32 - 1] (or a non-empty array of them)');
    if (seed < 0 || seed > MAX_SEED) bad('must be between 0 and 2**32 - 1');
    return seed;
  }
  if (seed === null || typeof seed !== 'object' || typeof (seed as ArrayLike<number>).length !== 'number') {
    return bad('must be an integer in [0, 2**32 - 1], a non-empty array of them, or null');
  }
  if (seed.length === 0) bad('must be non-empty');
  const words = new Uint32Array(seed.length);
  for (let i = 0; i < seed.length; i++) {
    const v = seed[i];
    if (typeof v !== 'number' || !Number.isInteger(v)) bad('must hold integers in [0, 2**32 - 1]');
    if (v < 0 || v > MAX_SEED) bad('must hold integers between 0 and 2**32 - 1');
    words[i] = v;
  }
  return words;
}

/** numpy's MT19937 bit generator with its legacy seeding; the core of {@link RandomState}. */
export class MT19937 {
  private readonly key = new Uint32Array(MT19937_N);
  private pos = MT19937_N;

  /**
   * @param seed - see {@link Seed}; numpy's `np.random.RandomState(seed)` uses the same rules.
   * @throws InvalidParameterError for a seed numpy would refuse.
   */
  constructor(seed?: Seed) {
    this.seed(seed);
  }

  /**
   * Re-seeds in place, as numpy's `MT19937._legacy_seeding(seed)`.
   * @param where - the name error messages start with.
   */
  seed(seed?: Seed, where = 'MT19937'): void {
    if (seed === undefined || seed === null) {
      randomFillSync(this.key);
      this.key[0] = 0x80000000;
      this.pos = MT19937_N;
      return;
    }
    const checked = checkSeed(seed, where);
    if (typeof checked === 'number') this.initGenrand(checked);
    else this.initByArray(checked);
  }

  /** numpy's `mt19937_seed` (the reference `init_genrand`). */
  private initGenrand(s: number): void {
    const mt = this.key;
    mt[0] = s >>> 0;
    for (let i = 1; i < MT19937_N; i++) {
      const prev = mt[i - 1];
      mt[i] = (Math.imul(1812433253, prev ^ (prev >>> 30)) + i) >>> 0;
    }
    this.pos = MT19937_N;
  }

  /** numpy's `mt19937_init_by_array` (the reference `init_by_array`). */
  private initByArray(initKey: Uint32Array): void {
    const mt = this.key;
    const n = initKey.length;
    this.initGenrand(19650218);
    let i = 1;
    let j = 0;
    for (let k = Math.max(MT19937_N, n); k > 0; k--) {
      const prev = mt[i - 1];
      mt[i] = ((mt[i] ^ Math.imul(prev ^ (prev >>> 30), 1664525)) >>> 0) + initKey[j] + j;
      i++;
      j++;
      if (i >= MT19937_N) {
        mt[0] = mt[MT19937_N - 1];
        i = 1;
      }
      if (j >= n) j = 0;
    }
    for (let k = MT19937_N - 1; k > 0; k--) {
      const prev = mt[i - 1];
      mt[i] = ((mt[i] ^ Math.imul(prev ^ (prev >>> 30), 1566083941)) >>> 0) - i;
      i++;
      if (i >= MT19937_N) {
        mt[0] = mt[MT19937_N - 1];
        i = 1;
      }
    }
    mt[0] = 0x80000000;
    this.pos = MT19937_N;
  }

  /** Regenerates the 624 words (numpy's `mt19937_gen`). */
  private generate(): void {
    const mt = this.key;
    let i = 0;
    let y: number;
    for (; i < MT19937_N - M; i++) {
      y = (mt[i] & UPPER_MASK) | (mt[i + 1] & LOWER_MASK);
      mt[i] = mt[i + M] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    for (; i < MT19937_N - 1; i++) {
      y = (mt[i] & UPPER_MASK) | (mt[i + 1] & LOWER_MASK);
      mt[i] = mt[i + (M - MT19937_N)] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    y = (mt[MT19937_N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
    mt[MT19937_N - 1] = mt[M - 1] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    this.pos = 0;
  }

  /** The next 32-bit output, an integer in [0, 2**32 - 1] (numpy's `next_uint32`). */
  nextUint32(): number {
    if (this.pos === MT19937_N) this.generate();
    let y = this.key[this.pos++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /**
   * A double in [0, 1) with 53 random bits, from two 32-bit outputs (numpy's
   * `mt19937_next_double`: `((a >> 5) * 67108864 + (b >> 6)) / 9007199254740992`).
   */
  nextDouble(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864.0 + b) / 9007199254740992.0;
  }

  /** A copy of the state (numpy's `get_state()[1:3]`). */
  getState(): MT19937State {
    return { key: this.key.slice(), pos: this.pos };
  }

  /** Restores a state from {@link MT19937.getState} (or numpy's `get_state()` key and pos). */
  setState(state: { key: ArrayLike<number>; pos: number }): void {
    if (state.key.length !== MT19937_N) {
      throw new InvalidParameterError('MT19937', 'state.key', `must have ${MT19937_N} words, got ${state.key.length}`);
    }
    if (!Number.isInteger(state.pos) || state.pos < 0 || state.pos > MT19937_N) {
      throw new InvalidParameterError(
        'MT19937',
        'state.pos',
        `must be an integer in [0, ${MT19937_N}], got ${describeValue(state.pos)}`,
      );
    }
    for (let i = 0; i < MT19937_N; i++) this.key[i] = state.key[i];
    this.pos = state.pos;
  }
}
