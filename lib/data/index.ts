/**
 * lib/data: the data of the lesson, number for number as in Python.
 *
 * - {@link makeCircles}: scikit-learn's `make_circles`;
 * - {@link MinMaxScaler}: scikit-learn's `MinMaxScaler`;
 * - {@link trainTestSplitAt}: `X[:n], X[n:]`;
 * - {@link RandomState}: numpy's legacy `RandomState` (seeded weights, shuffled batches, ...);
 * - {@link firstSignSequences} / {@link firstValueSequences}: sequences only a memory solves (RNNs);
 * - {@link Matrix}: the row-major `Float64Array` + shape these use.
 *
 * May import: errors.
 */
export { MT19937, MT19937_N, MAX_SEED, type MT19937State, type Seed } from './mt19937.js';
export {
  RandomState,
  checkRandomState,
  type MutableArrayLike,
  type RandomStateState,
  type Size,
  type TypedArray,
} from './random-state.js';
export {
  getRow,
  isMatrix,
  matrix,
  sliceRows,
  takeRows,
  toMatrix,
  toRows,
  type Matrix,
  type MatrixLike,
} from './matrix.js';
export { makeCircles, type Dataset2D, type MakeCirclesOptions } from './make-circles.js';
export { MinMaxScaler, type MinMaxScalerOptions } from './min-max-scaler.js';
export { trainTestSplitAt, type Sliceable, type TrainTestSplit } from './split.js';
export { firstSignSequences, firstValueSequences, type SequenceDataset, type SequenceOptions } from './sequences.js';
