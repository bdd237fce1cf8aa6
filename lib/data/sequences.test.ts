import { InvalidParameterError } from '../errors/invalid-parameter-error.js';
import { RandomState } from './random-state.js';
import { firstSignSequences, firstValueSequences } from './sequences.js';

describe('firstSignSequences', () => {
  it('draws standard normal steps (numpy order) and labels each sequence with the sign of its first step', () => {
    const d = firstSignSequences({ nSamples: 50, length: 7, randomState: 3 });
    expect(d.xShape).toEqual([50, 7, 1]);
    expect(d.yShape).toEqual([50, 1]);
    expect(d.x).toHaveLength(350);
    const expected = new RandomState(3).standardNormal([50, 7, 1]);
    expect(Array.from(d.x)).toEqual(Array.from(Float32Array.from(expected)));
    for (let i = 0; i < 50; i++) expect(d.y[i]).toBe(expected[i * 7] > 0 ? 1 : 0);
    const positives = d.y.reduce((s, v) => s + v, 0);
    expect(positives).toBeGreaterThan(10);
    expect(positives).toBeLessThan(40);
  });

  it('is reproducible with the same seed, different with another, and advances a RandomState it is given', () => {
    const a = firstSignSequences({ nSamples: 4, length: 3, randomState: 9 });
    const b = firstSignSequences({ nSamples: 4, length: 3, randomState: 9 });
    const c = firstSignSequences({ nSamples: 4, length: 3, randomState: 10 });
    expect(b.x).toEqual(a.x);
    expect(c.x).not.toEqual(a.x);
    const rng = new RandomState(9);
    expect(firstSignSequences({ nSamples: 4, length: 3, randomState: rng }).x).toEqual(a.x);
    expect(firstSignSequences({ nSamples: 4, length: 3, randomState: rng }).x).not.toEqual(a.x);
  });

  it.each([
    [{ nSamples: 0, length: 3, randomState: 1 }, 'nSamples', /nSamples must be a whole number >= 1, got 0/],
    [{ nSamples: 2.5, length: 3, randomState: 1 }, 'nSamples', /got 2.5/],
    [{ nSamples: 2, length: -1, randomState: 1 }, 'length', /length must be a whole number >= 1, got -1/],
    [{ nSamples: 2, length: '5', randomState: 1 }, 'length', /got "5"/],
    [{ nSamples: 2, length: 5 }, 'randomState', /randomState is required/],
    [{ nSamples: 2, length: 5, randomState: -3 }, 'randomState', /firstSignSequences: randomState must be an integer/],
    [{ nSamples: 2, length: 5, randomState: 1, seed: 3 }, 'seed', /seed is not an option/],
  ])('rejects %j naming the bad option', (options, parameter, message) => {
    let error: unknown;
    try {
      firstSignSequences(options as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidParameterError);
    expect((error as InvalidParameterError).parameter).toBe(parameter);
    expect((error as Error).message).toMatch(message);
  });

  it('rejects a missing options object', () => {
    expect(() => firstSignSequences(undefined as never)).toThrow(/firstSignSequences: options must be an object/);
  });
});

describe('firstValueSequences', () => {
  it('targets the first step itself', () => {
    const d = firstValueSequences({ nSamples: 5, length: 4, randomState: 2 });
    expect(Array.from(d.y)).toEqual([0, 1, 2, 3, 4].map((i) => d.x[i * 4]));
    expect(() => firstValueSequences({ nSamples: 5, length: 0, randomState: 2 })).toThrow(
      /firstValueSequences: length must be/,
    );
  });
});
