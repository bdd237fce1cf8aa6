/**
 * The data a gradient is computed over, as callers give it: tensors, Matrices (lib/data) or arrays.
 */
import * as tf from '@tensorflow/tfjs';
import { isMatrix, type Matrix } from '../data/index.js';
import { invalidArgument } from '../errors/index.js';

/**
 * Data for a gradient computation: a tensor, a {@link Matrix} (lib/data), an array of rows, or a flat
 * array of numbers (labels). Labels are reshaped to the model's output shape when they hold one
 * number per output value (e.g. `[500]` labels for a `[500, 1]` output).
 */
export type GradientInput = tf.Tensor | Matrix | ReadonlyArray<ArrayLike<number>> | ArrayLike<number>;

/** A tensor for `input`, and whether it was made here (then the caller disposes it). */
export function toInputTensor(
  input: GradientInput,
  where: string,
  parameter: string,
): { tensor: tf.Tensor; owned: boolean } {
  if (input instanceof tf.Tensor) {
    if (input.isDisposed) {
      throw invalidArgument(where, parameter, `${parameter}: the tensor has been disposed`);
    }
    return { tensor: input, owned: false };
  }
  if (isMatrix(input)) {
    return {
      tensor: tf.tensor2d(Float32Array.from(input.data), [input.shape[0], input.shape[1]], 'float32'),
      owned: true,
    };
  }
  if (Array.isArray(input) && input.length > 0 && typeof input[0] === 'object' && input[0] !== null) {
    const rows = input as ReadonlyArray<ArrayLike<number>>;
    return {
      tensor: tf.tensor2d(
        rows.map((r) => Array.from(r)),
        undefined,
        'float32',
      ),
      owned: true,
    };
  }
  if (typeof input === 'object' && input !== null && typeof (input as ArrayLike<number>).length === 'number') {
    return { tensor: tf.tensor1d(Array.from(input as ArrayLike<number>), 'float32'), owned: true };
  }
  throw invalidArgument(
    where,
    parameter,
    `${parameter}: expected a tensor, a Matrix, an array of rows or an array of numbers, got ${typeof input}`,
  );
}
