/**
 * Turning what callers pass (tensors, typed arrays, plain numbers) into plain numbers, with clear
 * errors for input that is not numeric.
 *
 * TensorFlow.js is only used for its types here: tensors are recognised by shape, so this module does
 * not load tfjs, and it never creates tensors (nothing to dispose).
 */
import type * as tf from '@tensorflow/tfjs';
import { invalidArgument } from '../errors/index.js';

/** Any JavaScript typed array of numbers. */
export type NumericTypedArray =
  | Float32Array
  | Float64Array
  | Int8Array
  | Int16Array
  | Int32Array
  | Uint8Array
  | Uint8ClampedArray
  | Uint16Array
  | Uint32Array;

/** Something with a `read()` that gives a tensor, like a tfjs `LayerVariable` (e.g. `layer.kernel`). */
export interface TensorSource {
  read(): tf.Tensor;
}

/** Nested arrays of numbers, of any depth. */
export type NestedNumbers = ReadonlyArray<number | NestedNumbers>;

/** Values for a histogram: a tensor (any shape), a typed array, or (nested) arrays of numbers. */
export type HistogramInput =
  tf.Tensor | TensorSource | NumericTypedArray | BigInt64Array | BigUint64Array | NestedNumbers;

/** A value for a scalar: a number, or a tensor holding exactly one number. */
export type ScalarInput = number | tf.Tensor | TensorSource;

const NUMERIC_DTYPES = new Set(['float32', 'int32', 'bool']);

function isTensor(x: unknown): x is tf.Tensor {
  const t = x as tf.Tensor | null;
  return (
    typeof t === 'object' &&
    t !== null &&
    typeof t.dataSync === 'function' &&
    typeof t.dtype === 'string' &&
    Array.isArray(t.shape)
  );
}

function isTensorSource(x: unknown): x is TensorSource {
  return typeof x === 'object' && x !== null && !isTensor(x) && typeof (x as TensorSource).read === 'function';
}

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'an array';
  if (typeof x === 'object') return `an object (${(x as object).constructor?.name ?? 'Object'})`;
  if (typeof x === 'string') return `a string (${JSON.stringify(x.length > 40 ? x.slice(0, 40) + '…' : x)})`;
  return `${typeof x === 'undefined' ? '' : 'a '}${typeof x}${typeof x === 'boolean' ? ` (${x})` : ''}`;
}

/** Reads a tensor's values (synchronously) after checking that they are numbers. */
function tensorValues(t: tf.Tensor, what: string, parameter: string): ArrayLike<number> {
  if (t.isDisposed) throw invalidArgument(what, parameter, 'the tensor has been disposed');
  if (!NUMERIC_DTYPES.has(t.dtype)) {
    throw invalidArgument(
      what,
      parameter,
      `expected a numeric tensor, got dtype ${t.dtype} (shape [${t.shape.join(', ')}])`,
    );
  }
  return t.dataSync() as ArrayLike<number>;
}

function resolveSource(input: TensorSource, what: string, parameter: string): tf.Tensor {
  const t = input.read();
  if (!isTensor(t)) throw invalidArgument(what, parameter, `read() did not return a tensor`);
  return t;
}

/**
 * Flattens histogram input into a `Float64Array` (a tensor of any shape is flattened, as TF does).
 * Throws an `InvalidParameterError` naming the first element that is not a number.
 */
export function toFloat64Values(input: unknown, what: string, parameter = 'values'): Float64Array {
  if (isTensorSource(input)) input = resolveSource(input, what, parameter);
  if (isTensor(input)) return Float64Array.from(tensorValues(input, what, parameter));
  if (input instanceof Float64Array) return input;
  if (input instanceof BigInt64Array || input instanceof BigUint64Array) {
    return Float64Array.from(input as ArrayLike<bigint>, (v) => Number(v));
  }
  if (ArrayBuffer.isView(input) && !(input instanceof DataView)) {
    return Float64Array.from(input as unknown as ArrayLike<number>);
  }
  if (Array.isArray(input)) {
    const out: number[] = [];
    flattenInto(input, out, what, [], parameter);
    return Float64Array.from(out);
  }
  throw invalidArgument(
    what,
    parameter,
    `expected a tensor, a typed array or an array of numbers, got ${describe(input)}`,
  );
}

function flattenInto(arr: readonly unknown[], out: number[], what: string, path: number[], parameter: string): void {
  for (let i = 0; i < arr.length; i++) {
    const v = arr[i];
    if (typeof v === 'number') out.push(v);
    else if (Array.isArray(v)) flattenInto(v, out, what, [...path, i], parameter);
    else {
      const where = [...path, i].map((j) => `[${j}]`).join('');
      throw invalidArgument(what, parameter, `element ${where} is ${describe(v)}, not a number`);
    }
  }
}

/**
 * Reads a scalar: a number, or a tensor with exactly one element.
 * Throws for empty or multi-element tensors and for anything non-numeric.
 */
export function toScalarNumber(input: unknown, what: string, parameter = 'value'): number {
  if (typeof input === 'number') return input;
  if (isTensorSource(input)) input = resolveSource(input, what, parameter);
  if (isTensor(input)) {
    if (input.size !== 1) {
      const problem = input.size === 0 ? 'is empty' : `has ${input.size} elements`;
      throw invalidArgument(
        what,
        parameter,
        `the tensor ${problem} (shape [${input.shape.join(', ')}]); a scalar needs exactly one value`,
      );
    }
    return tensorValues(input, what, parameter)[0];
  }
  throw invalidArgument(what, parameter, `expected a number or a one-element tensor, got ${describe(input)}`);
}
