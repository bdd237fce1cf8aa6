import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { InvalidParameterError } from '../errors/invalid-parameter-error.js';
import { MT19937, MT19937_N } from './mt19937.js';

interface StateFixture {
  key: number[];
  pos: number;
  hasGauss: number;
  gauss: number;
}
interface Golden {
  cases: { seed: number; stateAfterSeed: StateFixture; raw32: number[] }[];
  arraySeeds: { seed: number[]; stateAfterSeed: StateFixture }[];
}
const golden: Golden = JSON.parse(
  readFileSync(path.join(__dirname, '..', '..', 'test', 'fixtures', 'random_state_golden.json'), 'utf8'),
);

describe('MT19937 with numpy legacy seeding', () => {
  test.each(golden.cases.map((c) => [c.seed, c] as const))(
    "integer seed %d gives numpy's state (mt19937_seed)",
    (_seed, c) => {
      const state = new MT19937(c.seed).getState();
      expect(state.pos).toBe(MT19937_N);
      expect(c.stateAfterSeed.pos).toBe(MT19937_N);
      expect(Array.from(state.key)).toEqual(c.stateAfterSeed.key);
    },
  );

  test.each(golden.arraySeeds.map((c) => [JSON.stringify(c.seed), c] as const))(
    "array seed %s gives numpy's state (init_by_array)",
    (_s, c) => {
      const state = new MT19937(c.seed).getState();
      expect(state.pos).toBe(c.stateAfterSeed.pos);
      expect(Array.from(state.key)).toEqual(c.stateAfterSeed.key);
      expect(state.key[0]).toBe(0x80000000);
    },
  );

  test('integer seed 0 and array seed [0] differ, as in numpy', () => {
    const a = golden.cases.find((c) => c.seed === 0)!;
    const b = golden.arraySeeds.find((c) => c.seed.length === 1 && c.seed[0] === 0)!;
    expect(a.stateAfterSeed.key).not.toEqual(b.stateAfterSeed.key);
    expect(Array.from(new MT19937([0]).getState().key)).toEqual(b.stateAfterSeed.key);
  });

  test.each(golden.cases.map((c) => [c.seed, c] as const))(
    "raw 32-bit outputs for seed %d match numpy's random_raw",
    (_seed, c) => {
      const mt = new MT19937(c.seed);
      const raw = c.raw32.map(() => mt.nextUint32());
      expect(raw).toEqual(c.raw32);
    },
  );

  test('the raw stream crosses two regenerations of the state (1300 > 2 × 624 outputs)', () => {
    const c = golden.cases.find((x) => x.seed === 0)!;
    expect(c.raw32.length).toBe(1300);
    expect(c.raw32.slice(0, 3)).toEqual([2357136044, 2546248239, 3071714933]);
  });

  test('nextDouble is ((a >> 5) * 2^26 + (b >> 6)) / 2^53 of two raw outputs', () => {
    const a = new MT19937(123);
    const b = new MT19937(123);
    for (let i = 0; i < 1000; i++) {
      const d = a.nextDouble();
      const hi = b.nextUint32() >>> 5;
      const lo = b.nextUint32() >>> 6;
      expect(d).toBe((hi * 67108864 + lo) / 9007199254740992);
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThan(1);
    }
  });

  test('getState / setState resume the same stream, and getState returns a copy', () => {
    const mt = new MT19937(99);
    for (let i = 0; i < 700; i++) mt.nextUint32();
    const saved = mt.getState();
    expect(saved.pos).toBe(700 - MT19937_N);
    mt.getState().key.fill(0); // a copy: mutating it does not touch the generator
    expect(mt.getState().key).toEqual(saved.key);
    const next = [mt.nextUint32(), mt.nextUint32(), mt.nextUint32()];
    const other = new MT19937(1);
    other.setState(saved);
    expect([other.nextUint32(), other.nextUint32(), other.nextUint32()]).toEqual(next);
    expect(() => other.setState({ key: [1, 2, 3], pos: 0 })).toThrow(/state\.key must have 624 words/);
    expect(() => other.setState({ key: saved.key, pos: 625 })).toThrow(/state\.pos/);
  });

  test('re-seeding restarts the stream', () => {
    const mt = new MT19937(5);
    const first = [mt.nextUint32(), mt.nextUint32()];
    mt.seed(5);
    expect([mt.nextUint32(), mt.nextUint32()]).toEqual(first);
  });

  test('without a seed: OS entropy, first word 0x80000000, different generators differ', () => {
    const a = new MT19937();
    const b = new MT19937(null);
    expect(a.getState().key[0]).toBe(0x80000000);
    expect(a.getState().pos).toBe(MT19937_N);
    const xs = Array.from({ length: 8 }, () => a.nextUint32());
    const ys = Array.from({ length: 8 }, () => b.nextUint32());
    expect(xs).not.toEqual(ys);
  });

  test.each([
    [1.5, /MT19937: seed must be an integer in \[0, 2\*\*32 - 1\].*got 1\.5/],
    [NaN, /seed must be an integer/],
    [-1, /MT19937: seed must be between 0 and 2\*\*32 - 1, got -1/],
    [2 ** 32, /seed must be between 0 and 2\*\*32 - 1, got 4294967296/],
    [[], /seed must be non-empty/],
    [[1, 2.5], /seed must hold integers/],
    [[1, -2], /seed must hold integers between 0 and 2\*\*32 - 1/],
    [[2 ** 32], /seed must hold integers between 0 and 2\*\*32 - 1/],
    ['7', /seed must be an integer in \[0, 2\*\*32 - 1\], a non-empty array of them, or null, got "7"/],
  ])('refuses the seed %p as numpy does', (seed, message) => {
    expect(() => new MT19937(seed as never)).toThrow(InvalidParameterError);
    expect(() => new MT19937(seed as never)).toThrow(message);
  });

  test('the largest seed 2**32 - 1 is accepted', () => {
    expect(() => new MT19937(0xffffffff)).not.toThrow();
    expect(() => new MT19937([0xffffffff, 0])).not.toThrow();
  });
});
