import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { InvalidParameterError } from '../errors/invalid-parameter-error.js';
import { RandomState, checkRandomState } from './random-state.js';

interface Case {
  seed: number;
  randomSample: number[];
  standardNormal: number[];
  normalLocScale: number[][];
  uniform: number[];
  mixed: number[];
  stateAfterMixed: { pos: number; hasGauss: number; gauss: number };
  shuffle: Record<string, number[]>;
  shuffleList: string[];
  permutation10: number[];
  permutation1001: number[];
  permutationOfArray: number[];
  randint: {
    high10: number[];
    minus5to5: number[];
    scalar1000: number;
    full32: number[];
    wide40: number[];
    wideOffset: number[];
    singleValue: number;
    after: number[];
  };
}
interface Golden {
  numpy: string;
  cases: Case[];
  arraySeeds: { seed: number[]; randomSample: number[] }[];
}
const golden: Golden = JSON.parse(
  readFileSync(path.join(__dirname, '..', '..', 'test', 'fixtures', 'random_state_golden.json'), 'utf8'),
);
const cases = golden.cases.map((c) => [c.seed, c] as const);

/**
 * Gaussians go through Math.log, and numpy's through glibc's log: they agree to within an ulp or
 * so (and mostly bit for bit). Uniform doubles and integers are compared exactly.
 */
function expectClose(actual: ArrayLike<number>, expected: readonly number[]): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const tol = 4 * Number.EPSILON * Math.max(1, Math.abs(expected[i]));
    if (!(Math.abs(actual[i] - expected[i]) <= tol)) {
      throw new Error(`element ${i}: got ${actual[i]}, numpy gives ${expected[i]} (tolerance ${tol})`);
    }
  }
}

describe('RandomState against numpy.random.RandomState', () => {
  test('the fixtures cover the seeds 0, 1, 42 and 2**32 - 1', () => {
    expect(golden.cases.map((c) => c.seed)).toEqual([0, 1, 42, 2 ** 32 - 1]);
  });

  test.each(cases)("seed %d: randomSample(333) is bit for bit numpy's random_sample", (_s, c) => {
    const out = new RandomState(c.seed).randomSample(333);
    expect(out).toBeInstanceOf(Float64Array);
    expect(Array.from(out)).toEqual(c.randomSample);
  });

  test.each(golden.arraySeeds.map((c) => [JSON.stringify(c.seed), c] as const))(
    'array seed %s: randomSample(5)',
    (_s, c) => {
      expect(Array.from(new RandomState(c.seed).randomSample(5))).toEqual(c.randomSample);
    },
  );

  test.each(cases)('seed %d: standardNormal(257) (odd count: the cached gaussian is used)', (_s, c) => {
    const out = new RandomState(c.seed).standardNormal(257);
    expectClose(out, c.standardNormal);
    // the polar method's pairs: one call per value gives the same numbers
    const one = new RandomState(c.seed);
    expectClose(
      Array.from({ length: 257 }, () => one.standardNormal()),
      c.standardNormal,
    );
  });

  test.each(cases)('seed %d: normal(2, 0.5, [3, 5]) then uniform(-1, 3, 7)', (_s, c) => {
    const rs = new RandomState(c.seed);
    expectClose(rs.normal(2, 0.5, [3, 5]), c.normalLocScale.flat());
    expect(Array.from(rs.uniform(-1, 3, 7))).toEqual(c.uniform);
  });

  test.each(cases)('seed %d: the cached gaussian survives other draws; state afterwards matches', (_s, c) => {
    const rs = new RandomState(c.seed);
    const mixed = [
      ...rs.standardNormal(3),
      ...rs.randomSample(2),
      rs.standardNormal(),
      rs.normal(10, 2),
      ...rs.randomSample(1),
    ];
    expectClose(mixed, c.mixed);
    expect(Array.from(mixed.slice(3, 5))).toEqual(c.mixed.slice(3, 5));
    expect(mixed[7]).toBe(c.mixed[7]);
    const state = rs.getState();
    expect(state.pos).toBe(c.stateAfterMixed.pos);
    expect(state.hasGauss).toBe(c.stateAfterMixed.hasGauss === 1);
    expectClose([state.gauss], [c.stateAfterMixed.gauss]);
  });

  test.each(cases)('seed %d: shuffle of arange(n) for n = 0, 1, 2, 17, 1000', (_s, c) => {
    for (const n of [0, 1, 2, 17, 1000]) {
      const rs = new RandomState(c.seed);
      const arr = Array.from({ length: n }, (_, i) => i);
      rs.shuffle(arr);
      expect(arr).toEqual(c.shuffle[String(n)]);
      // typed arrays take the same draws
      const typed = Int32Array.from({ length: n }, (_, i) => i);
      new RandomState(c.seed).shuffle(typed);
      expect(Array.from(typed)).toEqual(c.shuffle[String(n)]);
    }
  });

  test.each(cases)('seed %d: shuffle of a list of strings', (_s, c) => {
    const list = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    new RandomState(c.seed).shuffle(list);
    expect(list).toEqual(c.shuffleList);
  });

  test.each(cases)('seed %d: permutation(10), permutation(1001), permutation(array) in sequence', (_s, c) => {
    const rs = new RandomState(c.seed);
    expect(rs.permutation(10)).toEqual(c.permutation10);
    expect(rs.permutation(1001)).toEqual(c.permutation1001);
    const input = new Float64Array([0.5, 1.5, 2.5, 3.5, 4.5]);
    const out = rs.permutation(input);
    expect(out).toBeInstanceOf(Float64Array);
    expect(Array.from(out)).toEqual(c.permutationOfArray);
    expect(Array.from(input)).toEqual([0.5, 1.5, 2.5, 3.5, 4.5]); // a copy
    expect([...c.permutation1001].sort((a, b) => a - b)).toEqual(Array.from({ length: 1001 }, (_, i) => i));
  });

  test.each(cases)('seed %d: randint (masked rejection, 32- and 64-bit paths, empty draws)', (_s, c) => {
    const rs = new RandomState(c.seed);
    const r = c.randint;
    expect(rs.randint(10, null, 20)).toEqual(r.high10);
    expect(rs.randint(-5, 5, 20)).toEqual(r.minus5to5);
    expect(rs.randint(0, 1000)).toBe(r.scalar1000);
    expect(rs.randint(0, 2 ** 32, 5)).toEqual(r.full32);
    expect(rs.randint(0, 2 ** 40, 10)).toEqual(r.wide40);
    expect(rs.randint(-(2 ** 35), 2 ** 45 + 7, 6)).toEqual(r.wideOffset);
    expect(rs.randint(7, 8)).toBe(r.singleValue);
    expect(Array.from(rs.randomSample(2))).toEqual(r.after);
  });
});

describe('RandomState API', () => {
  test('sizes: a count or a shape, flat in row-major order; size 0 gives an empty array', () => {
    expect(new RandomState(3).randomSample([2, 3])).toEqual(new RandomState(3).randomSample(6));
    expect(new RandomState(3).randomSample(0).length).toBe(0);
    expect(new RandomState(3).randint(5, null, [2, 2]).length).toBe(4);
    expect(() => new RandomState(3).randomSample(-1)).toThrow(/RandomState\.randomSample: size must not be negative/);
    expect(() => new RandomState(3).standardNormal([2, 1.5])).toThrow(
      /size must be an integer or an array of integers/,
    );
  });

  test('seed() restarts the stream and drops the cached gaussian', () => {
    const rs = new RandomState(8);
    const first = rs.standardNormal(3);
    expect(rs.getState().hasGauss).toBe(true);
    rs.seed(8);
    expect(rs.getState().hasGauss).toBe(false);
    expect(rs.standardNormal(3)).toEqual(first);
  });

  test('getState / setState carry the cached gaussian', () => {
    const rs = new RandomState(21);
    rs.standardNormal();
    const state = rs.getState();
    expect(state.hasGauss).toBe(true);
    const next = rs.standardNormal(5);
    const other = new RandomState(0);
    other.setState(state);
    expect(other.standardNormal(5)).toEqual(next);
  });

  test('nextUint32 is the raw Mersenne Twister output', () => {
    expect(new RandomState(0).nextUint32()).toBe(2357136044);
  });

  test('normal with scale 0 still draws, and returns loc', () => {
    const rs = new RandomState(4);
    expect(Array.from(rs.normal(3, 0, 4))).toEqual([3, 3, 3, 3]);
    const ref = new RandomState(4);
    ref.standardNormal(4);
    expect(rs.randomSample()).toBe(ref.randomSample());
  });

  test('bad arguments name themselves', () => {
    const rs = new RandomState(0);
    expect(() => rs.normal(0, -1)).toThrow('RandomState.normal: scale must be non-negative (scale < 0), got -1');
    expect(() => rs.normal(0, -0, 3)).toThrow('RandomState.normal: scale must be non-negative (scale < 0), got -0');
    expect(() => rs.normal(0, -1)).toThrow(InvalidParameterError);
    expect(Array.from(rs.normal(0, NaN, 2))).toEqual([NaN, NaN]); // as numpy
    expect(() => rs.randint(0)).toThrow(/RandomState\.randint: high must be > 0 when low is 0 \(high <= 0\), got 0/);
    expect(() => rs.randint(5, 5)).toThrow(
      /RandomState\.randint: low must be < high \(low >= high\), got low=5, high=5/,
    );
    expect(() => rs.randint(1.5, 4)).toThrow(/low must be a safe integer, got 1\.5/);
    expect(() => rs.randint(0, 2 ** 60)).toThrow(/high must be a safe integer/);
    expect(() => rs.randint(-(2 ** 52), 2 ** 52 + 2)).toThrow(/high - low must be at most 2\*\*53/);
    expect(() => rs.uniform(-Infinity, 0)).toThrow(/range exceeds valid bounds/);
    expect(() => rs.uniform(0, NaN)).toThrow(/range exceeds valid bounds/);
    expect(() => rs.permutation(-3)).toThrow(/RandomState\.permutation: x must be a non-negative integer/);
    expect(() => new RandomState(-1)).toThrow('RandomState: seed must be between 0 and 2**32 - 1, got -1');
    expect(() => new RandomState(0.5)).toThrow(/RandomState: seed must be an integer in \[0, 2\*\*32 - 1\]/);
    expect(() => new RandomState(2 ** 32)).toThrow(/RandomState: seed must be between 0 and 2\*\*32 - 1/);
  });

  test('randint stays in range and reaches both ends', () => {
    const values = new RandomState(12).randint(-3, 4, 5000);
    expect(Math.min(...values)).toBe(-3);
    expect(Math.max(...values)).toBe(3);
  });
});

describe('checkRandomState (sklearn.utils.check_random_state)', () => {
  test('an instance is returned as is; a seed makes a new one; null makes an unseeded one', () => {
    const rs = new RandomState(3);
    expect(checkRandomState(rs)).toBe(rs);
    expect(checkRandomState(3).randomSample()).toBe(new RandomState(3).randomSample());
    expect(checkRandomState(null)).toBeInstanceOf(RandomState);
    expect(checkRandomState(undefined)).toBeInstanceOf(RandomState);
  });

  test.each([-1, 2 ** 32, 1.5, NaN])('refuses %p naming randomState', (bad) => {
    expect(() => checkRandomState(bad, 'f')).toThrow(
      `f: randomState must be an integer in the range [0, 4294967295], a RandomState or null, got ${bad}`,
    );
  });
});
