/**
 * What every fused recurrent kernel shares: the sizes and weights of one call, the input projection
 * x·K + b of all time steps at once, and, after the backward loop through time, the gradients with
 * respect to the input, the kernel and the bias from the pre-activation gradients of all steps.
 *
 * Layouts are row-major, as tfjs stores them: x is `[batch, steps, features]`, the kernel
 * `[features, gates·units]`, the recurrent kernel `[units, gates·units]`, the bias `[gates·units]`.
 */

/** One call of a recurrent layer: sizes, input and weights (read from the tensors, row-major). */
export interface SequenceProblem {
  batch: number;
  steps: number;
  features: number;
  units: number;
  x: ArrayLike<number>;
  kernel: ArrayLike<number>;
  recurrentKernel: ArrayLike<number>;
  /** `null` when the layer has no bias (`useBias: false`). */
  bias: ArrayLike<number> | null;
}

/** The gradients of a loss with respect to the input and the weights, in their layouts. */
export interface SequenceGradients {
  x: Float64Array;
  kernel: Float64Array;
  recurrentKernel: Float64Array;
  bias: Float64Array | null;
}

/** The forward pass of a fused kernel: the last output `[batch, units]` and the way back. */
export interface SequenceForward {
  last: Float64Array;
  /** The gated kernels' gate values of every (example, step), `[batch·steps, gates·units]`. */
  gates?: Float64Array;
  /** The gradients, given ∂L/∂(last output), `[batch, units]`. */
  backward(dLast: ArrayLike<number>): SequenceGradients;
}

/** x·K + b for every (example, step): `[batch·steps, width]` with width = gates·units. */
export function inputProjection(p: SequenceProblem, width: number): Float64Array {
  const { batch, steps, features, x, kernel, bias } = p;
  const rows = batch * steps;
  const out = new Float64Array(rows * width);
  for (let r = 0; r < rows; r++) {
    const o = r * width;
    if (bias) for (let g = 0; g < width; g++) out[o + g] = bias[g];
    for (let f = 0; f < features; f++) {
      const v = x[r * features + f];
      if (v === 0) continue;
      const k = f * width;
      for (let g = 0; g < width; g++) out[o + g] += v * kernel[k + g];
    }
  }
  return out;
}

/**
 * The gradients with respect to x, K and b from `dPre` = ∂L/∂(x·K + b + …) of every (example, step),
 * `[batch·steps, width]`, plus the recurrent kernel's gradient the loop through time accumulated.
 */
export function inputGradients(p: SequenceProblem, width: number, dPre: Float64Array, dRecurrent: Float64Array) {
  const { batch, steps, features, x, kernel } = p;
  const rows = batch * steps;
  const dx = new Float64Array(rows * features);
  const dKernel = new Float64Array(features * width);
  const dBias = p.bias ? new Float64Array(width) : null;
  for (let r = 0; r < rows; r++) {
    const o = r * width;
    if (dBias) for (let g = 0; g < width; g++) dBias[g] += dPre[o + g];
    for (let f = 0; f < features; f++) {
      const v = x[r * features + f];
      const k = f * width;
      let s = 0;
      for (let g = 0; g < width; g++) {
        const d = dPre[o + g];
        s += d * kernel[k + g];
        dKernel[k + g] += v * d;
      }
      dx[r * features + f] = s;
    }
  }
  return { x: dx, kernel: dKernel, recurrentKernel: dRecurrent, bias: dBias } satisfies SequenceGradients;
}
