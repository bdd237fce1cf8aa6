import { seedSequence } from './seeds';

describe('seedSequence', () => {
  it('gives distinct seeds, the same sequence for the same seed', () => {
    const a = seedSequence(1);
    const b = seedSequence(1);
    const first = [a(), a(), a(), a()];
    expect([b(), b(), b(), b()]).toEqual(first);
    expect(new Set(first).size).toBe(4);
    expect(first.every((s) => Number.isInteger(s) && s >= 0 && s < 2 ** 31)).toBe(true);
    const c = seedSequence(2);
    expect(c()).not.toBe(first[0]);
  });

  it('refuses a seed numpy would refuse', () => {
    expect(() => seedSequence(-1)).toThrow(/seed/);
  });
});
