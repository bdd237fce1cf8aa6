import { invalidArgument } from './check-argument.js';
import { InvalidParameterError, describeValue } from './invalid-parameter-error.js';

describe('InvalidParameterError', () => {
  test('message starts with the function, names the argument; the argument is a field', () => {
    const e = new InvalidParameterError('makeCircles', 'factor', 'must be a float in the range [0, 1), got 1.5');
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('InvalidParameterError');
    expect(e.parameter).toBe('factor');
    expect(e.message).toBe('makeCircles: factor must be a float in the range [0, 1), got 1.5');
  });

  test('a whole sentence that names the argument itself; the cause is kept', () => {
    const cause = new SyntaxError('bad JSON');
    const e = new InvalidParameterError('fitSeeded', 'y', 'x has 3 samples but y has 2', { sentence: true, cause });
    expect(e.message).toBe('fitSeeded: x has 3 samples but y has 2');
    expect(e.parameter).toBe('y');
    expect(e.cause).toBe(cause);
    expect(new InvalidParameterError('f', 'a', 'must be 1').cause).toBeUndefined();
    const same = invalidArgument('fitSeeded', 'y', 'x has 3 samples but y has 2');
    expect([same.name, same.message, same.parameter]).toEqual([e.name, e.message, e.parameter]);
  });

  test('describeValue writes values as they read in messages', () => {
    expect(describeValue('a')).toBe('"a"');
    expect(describeValue([1, [2, 'x']])).toBe('[1, [2, "x"]]');
    expect(describeValue(new Float64Array(3))).toBe('Float64Array(3)');
    expect(describeValue(null)).toBe('null');
    expect(describeValue(undefined)).toBe('undefined');
    expect(describeValue(NaN)).toBe('NaN');
    expect(describeValue(-0)).toBe('-0');
    expect(describeValue(2n)).toBe('2n');
    expect(describeValue(new Map())).toBe('Map');
  });
});
