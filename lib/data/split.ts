/** Splitting a data set at a row, as the lesson does with `X[:500], X[500:]`. */
import { InvalidParameterError, describeValue } from '../errors/index.js';
import { sliceRows, toMatrix, type Matrix, type MatrixLike } from './matrix.js';

/** Labels that can be cut with `slice` into the same type: `Int32Array`, `Float32Array`, `number[]`, ... */
export interface Sliceable<S> {
  readonly length: number;
  slice(start?: number, end?: number): S;
}

/** The four parts of a train/test split. */
export interface TrainTestSplit<Y> {
  /** The first `nTrain` rows of X. */
  trainX: Matrix;
  /** The other rows of X. */
  testX: Matrix;
  /** The first `nTrain` labels. */
  trainY: Y;
  /** The other labels. */
  testY: Y;
}

/**
 * Splits X and y without shuffling: the first `nTrain` rows for training, the rest for testing
 * (the lesson's `trainX, testX = X[:500], X[500:]; trainy, testy = y[:500], y[500:]`).
 * The parts are copies.
 *
 * @example
 * ```ts
 * const { trainX, testX, trainY, testY } = trainTestSplitAt(Xs, y, 500);
 * ```
 * @throws InvalidParameterError when y's length differs from X's row count, or `nTrain` is not an
 *   integer in [0, rows].
 */
export function trainTestSplitAt<Y extends Sliceable<Y>>(X: MatrixLike, y: Y, nTrain: number): TrainTestSplit<Y> {
  const where = 'trainTestSplitAt';
  const m = toMatrix(X, where, 'X');
  const rows = m.shape[0];
  if (y.length !== rows) {
    throw new InvalidParameterError(where, 'y', `must have one label per row of X (${rows}), got ${y.length}`);
  }
  if (typeof nTrain !== 'number' || !Number.isInteger(nTrain) || nTrain < 0 || nTrain > rows) {
    throw new InvalidParameterError(
      where,
      'nTrain',
      `must be an integer in [0, ${rows}], got ${describeValue(nTrain)}`,
    );
  }
  return {
    trainX: sliceRows(m, 0, nTrain),
    testX: sliceRows(m, nTrain, rows),
    trainY: y.slice(0, nTrain),
    testY: y.slice(nTrain, rows),
  };
}
