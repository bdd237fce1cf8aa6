/**
 * {@link gradientStats}: one look at the gradient of a compiled model's loss over a whole data set,
 * and its size per weight (mean |g|, L2 norm, largest |g|, all finite or not).
 */
import type * as tf from '@tensorflow/tfjs';
import { FullSetGradients } from './full-set-gradients.js';
import { type GradientInput, toInputTensor } from './gradient-input.js';
import { summarizeValues } from './summarize-values.js';

export type { GradientInput } from './gradient-input.js';

/** The size of the gradient of one trainable weight. */
export interface WeightGradientStats {
  /**
   * The weight as its layer names it, e.g. `funda_1/kernel` (tfjs' `originalName`: without the `_1`
   * tfjs appends when a model with the same layer names is built again).
   */
  name: string;
  /** The layer that owns the weight, e.g. `funda_1`. */
  layer: string;
  /** The weight's own name in the layer: `kernel`, `bias`, ... */
  param: string;
  /** Number of elements. */
  size: number;
  /** Mean of |g| over the elements (NaN when one is NaN; Infinity when one is infinite). */
  meanAbs: number;
  /** L2 norm of g (NaN / Infinity as above). */
  norm: number;
  /** Largest |g| (NaN when one is NaN). */
  maxAbs: number;
  /** Whether every element of g is finite. */
  finite: boolean;
}

/** What {@link gradientStats} measured. */
export interface GradientStats {
  /** The model's compiled loss over the whole data set (mean over samples). */
  loss: number;
  /** The gradient of every layer's `kernel`, in layer order (first hidden layer first, output layer last). */
  kernels: WeightGradientStats[];
  /** Every trainable weight (kernels, biases, ...), in layer order. */
  weights: WeightGradientStats[];
}

/**
 * Measures the gradient of a compiled model's loss with respect to each trainable weight, over the
 * whole of `(x, y)` in one pass (as the lesson's `ExtendedTensorBoard` does every epoch), without
 * changing the model. Use it before, during (in a callback) or after training; feed the result to
 * `diagnoseGradients`.
 *
 * @param model a compiled model (its compiled loss is used)
 * @param x inputs, e.g. the training set
 * @param y targets
 * @throws Error when the model is not compiled, or x and y differ in length
 *
 * @example
 * const s = gradientStats(model, trainX, trainY);
 * s.kernels.map((k) => `${k.layer}: ${k.meanAbs.toExponential(1)}`);
 */
export function gradientStats(model: tf.LayersModel, x: GradientInput, y: GradientInput): GradientStats {
  const caller = 'gradientStats';
  const xs = toInputTensor(x, caller, 'x');
  const ys = toInputTensor(y, caller, 'y');
  try {
    const gradients = new FullSetGradients(model, xs.tensor, ys.tensor, caller);
    const measured = gradients.compute();
    const weights = gradients.refs.map((r, i): WeightGradientStats => ({
      name: r.name,
      layer: r.layer,
      param: r.param,
      ...summarizeValues(measured.grads[i]),
    }));
    return { loss: measured.loss, kernels: weights.filter((w) => w.param === 'kernel'), weights };
  } finally {
    if (xs.owned) xs.tensor.dispose();
    if (ys.owned) ys.tensor.dispose();
  }
}
