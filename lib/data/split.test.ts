import { InvalidParameterError } from '../errors/invalid-parameter-error.js';
import { makeCircles } from './make-circles.js';
import { toRows } from './matrix.js';
import { trainTestSplitAt } from './split.js';

describe('trainTestSplitAt', () => {
  test('the lesson: X[:500], X[500:], y[:500], y[500:]', () => {
    const { X, y } = makeCircles({ nSamples: 1000, noise: 0.1, randomState: 1 });
    const { trainX, testX, trainY, testY } = trainTestSplitAt(X, y, 500);
    expect(trainX.shape).toEqual([500, 2]);
    expect(testX.shape).toEqual([500, 2]);
    expect(trainY).toBeInstanceOf(Int32Array);
    expect(trainY.length).toBe(500);
    expect(testY.length).toBe(500);
    expect(Array.from(trainX.data)).toEqual(Array.from(X.data.subarray(0, 1000)));
    expect(Array.from(testX.data)).toEqual(Array.from(X.data.subarray(1000)));
    expect(Array.from(trainY)).toEqual(Array.from(y.subarray(0, 500)));
    expect(Array.from(testY)).toEqual(Array.from(y.subarray(500)));
  });

  test('works with rows and number[] labels; parts are copies', () => {
    const X = [
      [1, 1],
      [2, 2],
      [3, 3],
    ];
    const y = [0, 1, 0];
    const s = trainTestSplitAt(X, y, 1);
    expect(toRows(s.trainX)).toEqual([[1, 1]]);
    expect(toRows(s.testX)).toEqual([
      [2, 2],
      [3, 3],
    ]);
    expect(s.trainY).toEqual([0]);
    expect(s.testY).toEqual([1, 0]);
    s.testY[0] = 9;
    expect(y[1]).toBe(1);
  });

  test('nTrain may be 0 or all rows', () => {
    expect(trainTestSplitAt([[1], [2]], [0, 1], 0).trainX.shape).toEqual([0, 1]);
    expect(trainTestSplitAt([[1], [2]], [0, 1], 2).testY).toEqual([]);
  });

  test('bad input names the argument', () => {
    expect(() => trainTestSplitAt([[1], [2]], [0], 1)).toThrow(
      'trainTestSplitAt: y must have one label per row of X (2), got 1',
    );
    expect(() => trainTestSplitAt([[1], [2]], [0, 1], 3)).toThrow(
      'trainTestSplitAt: nTrain must be an integer in [0, 2], got 3',
    );
    expect(() => trainTestSplitAt([[1], [2]], [0, 1], 0.5)).toThrow(InvalidParameterError);
    expect(() => trainTestSplitAt([[1], [2]], [0, 1], -1)).toThrow(/nTrain must be an integer in \[0, 2\], got -1/);
  });
});
