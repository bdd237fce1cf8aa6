/**
 * `gradientsThroughTime`: how much the loss of a recurrent network "feels" each step of its input
 * sequence — the norm of ∂L/∂x_t for t = 1..T. In a plain RNN it falls off exponentially towards the
 * first steps (vanishing through time); gated cells (LSTM, GRU) keep it within a small factor.
 *
 * Checked against central finite differences and against Keras 3 (TensorFlow 2.21) on the same
 * weights (test/fixtures/make_rnn_gradients_golden.py).
 */
import * as tf from '@tensorflow/tfjs';
import { fuseRecurrent } from '../recurrent/index.js';
import { describeValue, InvalidParameterError } from '../errors/index.js';

/** A per-example loss `(yTrue, yPred) => [B]`, e.g. `tf.metrics.binaryCrossentropy` or `tf.metrics.meanSquaredError`. */
export type PerExampleLoss = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor;

/** What {@link gradientsThroughTime} measured. */
export interface GradientsThroughTime {
  /**
   * `perExample[b][t]` = ‖∂L/∂x[b, t, :]‖₂, `B × T`, with L the batch-MEAN loss: it contains the
   * 1/B of the mean (multiply by B for the gradient of example b's own loss).
   */
  perExample: number[][];
  /** `mean[t]` = the mean over the batch of `perExample[b][t]`; `t = 0` is the step farthest from the output. */
  mean: number[];
  /** The batch-mean loss L at `x`. */
  loss: number;
}

const WHERE = 'gradientsThroughTime';

/**
 * L = the mean over the batch of `lossFn(y, model(x))` — the loss `model.fit` minimises — and the norm
 * of its gradient with respect to every time step of the input. The model runs with
 * `training: false` (no dropout); its weights are not changed; its recurrent layers run as fused
 * sequence kernels where their configuration allows it (`fuseRecurrent`, the same numbers). Every
 * tensor made here is disposed; the result is plain arrays.
 *
 * @param model - a model whose input is a sequence batch `[B, T, F]` (e.g. a `simpleRNN`, `lstm` or `gru` layer first)
 * @param x - the inputs, `[B, T, F]`
 * @param y - the targets, as the loss wants them (`[B, 1]` for one sigmoid output)
 * @param lossFn - the per-example loss (default `tf.metrics.binaryCrossentropy`; use
 *   `tf.metrics.meanSquaredError` for a regression)
 * @returns per-example norms (`B × T`) and their mean over the batch (`T`)
 * @throws Error naming the bad argument when `x` is not 3-D or `y` has another number of examples
 *
 * @example
 * const g = l5.gradientsThroughTime(modelo, xTeste, yTeste);
 * console.log(g.mean[0] / g.mean[g.mean.length - 1]); // first step / last step
 */
export function gradientsThroughTime(
  model: tf.LayersModel,
  x: tf.Tensor,
  y: tf.Tensor,
  lossFn: PerExampleLoss = tf.metrics.binaryCrossentropy,
): GradientsThroughTime {
  if (!model || typeof (model as { apply?: unknown }).apply !== 'function') {
    throw new InvalidParameterError(WHERE, 'model', `must be a tf.LayersModel, got ${describeValue(model)}`);
  }
  if (!(x instanceof tf.Tensor) || x.rank !== 3) {
    const got = x instanceof tf.Tensor ? `a tensor of shape [${x.shape.join(', ')}]` : describeValue(x);
    throw new InvalidParameterError(WHERE, 'x', `must be a 3-D tensor [batch, steps, features], got ${got}`);
  }
  if (!(y instanceof tf.Tensor) || y.shape[0] !== x.shape[0]) {
    const got = y instanceof tf.Tensor ? `${y.shape[0]} examples` : describeValue(y);
    throw new InvalidParameterError(
      WHERE,
      'y',
      `must be a tensor with one row per example of x (${x.shape[0]}), got ${got}`,
    );
  }
  if (typeof lossFn !== 'function') {
    throw new InvalidParameterError(
      WHERE,
      'lossFn',
      `must be a function (yTrue, yPred) => per-example loss, got ${describeValue(lossFn)}`,
    );
  }
  fuseRecurrent(model); // the recurrent layers' fused kernels, where their configuration allows it
  const [perExample, mean, loss] = tf.tidy(() => {
    let lossValue: tf.Scalar | undefined;
    const gradient = tf.grad((input: tf.Tensor) => {
      const l = tf.mean(lossFn(y, model.apply(input, { training: false }) as tf.Tensor)) as tf.Scalar;
      lossValue = tf.keep(l.clone());
      return l;
    })(x); // [B, T, F]
    const norms = tf.sqrt(tf.sum(tf.square(gradient), -1)) as tf.Tensor2D; // [B, T]
    return [norms, tf.mean(norms, 0) as tf.Tensor1D, lossValue as tf.Scalar] as const;
  });
  try {
    return { perExample: perExample.arraySync(), mean: Array.from(mean.dataSync()), loss: loss.dataSync()[0] };
  } finally {
    tf.dispose([perExample, mean, loss]);
  }
}

/**
 * The ratio first step / last step of a per-step profile (e.g. `gradientsThroughTime(...).mean`):
 * ≪ 1 means the first steps barely reach the loss (vanishing through time), ≫ 1 that they dominate it
 * (exploding).
 */
export function firstOverLast(profile: readonly number[]): number {
  if (!Array.isArray(profile) || profile.length === 0) {
    throw new InvalidParameterError(
      'firstOverLast',
      'profile',
      `must be a non-empty array of numbers, got ${describeValue(profile)}`,
    );
  }
  return profile[0] / profile[profile.length - 1];
}
