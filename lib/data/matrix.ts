/**
 * The 2-D data type of lib/data: a row-major `Float64Array` with its shape, ready for
 * `tf.tensor2d(m.data, m.shape)`.
 */
import { InvalidParameterError, describeValue } from '../errors/index.js';

/**
 * A dense row-major matrix of doubles: element `[i, j]` is `data[i * shape[1] + j]`.
 * `shape` is `[rows, cols]`, as TensorFlow.js wants it.
 */
export interface Matrix {
  readonly data: Float64Array;
  readonly shape: readonly [rows: number, cols: number];
}

/** What the functions of lib/data accept as a matrix: a {@link Matrix} or an array of rows. */
export type MatrixLike = Matrix | ReadonlyArray<ArrayLike<number>>;

/** Whether `x` is a {@link Matrix} (rather than an array of rows). */
export function isMatrix(x: unknown): x is Matrix {
  return (
    typeof x === 'object' &&
    x !== null &&
    !Array.isArray(x) &&
    (x as Matrix).data instanceof Float64Array &&
    Array.isArray((x as Matrix).shape)
  );
}

/** Throws unless `m` is a {@link Matrix}, naming the function that needed one. */
function checkMatrix(where: string, m: unknown): asserts m is Matrix {
  if (!isMatrix(m))
    throw new InvalidParameterError(where, 'm', `must be a Matrix { data, shape }, got ${describeValue(m)}`);
}

/**
 * Wraps `data` (not copied) as a `rows × cols` matrix.
 * @throws InvalidParameterError when the shape is not two non-negative integers or does not match `data.length`.
 */
export function matrix(data: Float64Array, shape: readonly [number, number]): Matrix {
  if (!(data instanceof Float64Array)) {
    throw new InvalidParameterError('matrix', 'data', `must be a Float64Array, got ${describeValue(data)}`);
  }
  if (!Array.isArray(shape) || shape.length !== 2) {
    throw new InvalidParameterError('matrix', 'shape', `must be [rows, columns], got ${describeValue(shape)}`);
  }
  const [rows, cols] = shape;
  if (shape.length !== 2 || !Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
    throw new InvalidParameterError(
      'matrix',
      'shape',
      `must be two non-negative integers, got ${describeValue(shape)}`,
    );
  }
  if (rows * cols !== data.length) {
    throw new InvalidParameterError(
      'matrix',
      'shape',
      `[${rows}, ${cols}] does not match data of length ${data.length}`,
    );
  }
  return { data, shape: [rows, cols] };
}

/**
 * A {@link Matrix} from an array of equally long rows (copied); a {@link Matrix} is returned as is.
 * @param where - the function name error messages start with.
 * @param parameter - the argument name error messages use.
 */
export function toMatrix(x: MatrixLike, where = 'toMatrix', parameter = 'X'): Matrix {
  if (isMatrix(x)) {
    const [rows, cols] = x.shape;
    if (rows * cols !== x.data.length) {
      throw new InvalidParameterError(where, parameter, `has shape [${rows}, ${cols}] but ${x.data.length} values`);
    }
    return x;
  }
  if (!Array.isArray(x)) {
    throw new InvalidParameterError(where, parameter, `must be a Matrix or an array of rows, got ${describeValue(x)}`);
  }
  const rows = x.length;
  const cols = rows > 0 ? x[0].length : 0;
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const row = x[i];
    if (row === null || typeof row !== 'object' || row.length !== cols) {
      throw new InvalidParameterError(
        where,
        parameter,
        `must have rows of equal length: row 0 has ${cols} values, row ${i} has ${row?.length}`,
      );
    }
    for (let j = 0; j < cols; j++) data[i * cols + j] = row[j];
  }
  return { data, shape: [rows, cols] };
}

/** Row `i` of `m` as a new `Float64Array`. */
export function getRow(m: Matrix, i: number): Float64Array {
  checkMatrix('getRow', m);
  const cols = m.shape[1];
  return m.data.slice(i * cols, (i + 1) * cols);
}

/** The matrix as an array of rows (`number[][]`), e.g. for printing or Vega-Lite. */
export function toRows(m: Matrix): number[][] {
  checkMatrix('toRows', m);
  const [rows, cols] = m.shape;
  const out: number[][] = new Array(rows);
  for (let i = 0; i < rows; i++) out[i] = Array.from(m.data.subarray(i * cols, (i + 1) * cols));
  return out;
}

/** Rows `[start, end)` of `m` as a new matrix (copied), like numpy's `X[start:end]` for 0 <= start <= end <= rows. */
export function sliceRows(m: Matrix, start: number, end: number): Matrix {
  checkMatrix('sliceRows', m);
  const cols = m.shape[1];
  return { data: m.data.slice(start * cols, end * cols), shape: [end - start, cols] };
}

/** The rows of `m` picked by `indices`, in that order (numpy's `X[indices]`). */
export function takeRows(m: Matrix, indices: ArrayLike<number>): Matrix {
  checkMatrix('takeRows', m);
  const [rows, cols] = m.shape;
  const out = new Float64Array(indices.length * cols);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k];
    if (!Number.isInteger(i) || i < 0 || i >= rows) {
      throw new InvalidParameterError(
        'takeRows',
        'indices',
        `must be integers in [0, ${rows}), got ${describeValue(i)} at ${k}`,
      );
    }
    out.set(m.data.subarray(i * cols, (i + 1) * cols), k * cols);
  }
  return { data: out, shape: [indices.length, cols] };
}
