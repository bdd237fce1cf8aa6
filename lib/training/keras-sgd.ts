/**
 * `keras.optimizers.SGD` for TensorFlow.js: the same defaults, the same update
 * rule (for a constant learning rate) and the same gradient-clipping options.
 */
import * as tf from '@tensorflow/tfjs';
import { GRADIENT_CLIPPING_KEYS, parseGradientClipping, type GradientClippingOptions } from './clipping-options.js';
import { withGradientClipping } from './gradient-clipping.js';
import {
  checkKnownKeys,
  checkObject,
  checkPositiveFinite,
  describeValue,
  InvalidParameterError,
} from '../errors/index.js';

/** Options of {@link kerasSGD}: those of `keras.optimizers.SGD`, in camelCase. */
export interface KerasSGDOptions extends GradientClippingOptions {
  /** Step size; a positive finite number. Default `0.01`, as in Keras. */
  learningRate?: number;
  /** Momentum in `[0, 1]`; `0` is plain gradient descent. Default `0`, as in Keras. */
  momentum?: number;
  /** Use Nesterov momentum (only meaningful when `momentum > 0`). Default `false`. */
  nesterov?: boolean;
}

const SGD_KEYS = ['learningRate', 'momentum', 'nesterov', ...GRADIENT_CLIPPING_KEYS] as const;

/**
 * Creates the TensorFlow.js optimizer that behaves like
 * `keras.optimizers.SGD(learning_rate, momentum, nesterov, clipnorm, clipvalue, global_clipnorm)`.
 *
 * ```ts
 * // Python: keras.optimizers.SGD(learning_rate=0.01, momentum=0.9, clipnorm=1.0)
 * const optimizer = kerasSGD({ learningRate: 0.01, momentum: 0.9, clipnorm: 1 });
 * ```
 *
 * - `momentum === 0`: a `tf.SGDOptimizer`, `w ← w − lr·g`.
 * - `momentum > 0`: a `tf.MomentumOptimizer` (a subclass of `tf.SGDOptimizer`;
 *   tell them apart with `getClassName()`, `"SGD"` or `"Momentum"`: `instanceof`
 *   is unreliable because tfjs makes `instanceof` on optimizers a duck-type check).
 *
 * Why the Momentum optimizer gives Keras' result. The two libraries write momentum
 * differently:
 * - Keras 3: `v ← m·v − lr·g`, then `w ← w + v`
 *   (Nesterov: `w ← w + m·v − lr·g` with the new `v`);
 * - tfjs: `a ← m·a + g`, then `w ← w − lr·a`
 *   (Nesterov: `w ← w − lr·(g + m·a)` with the new `a`).
 *
 * Both start from zero, so by induction `v = −lr·a` at every step **as long as
 * the learning rate stays the same**, and the weights are identical. If the
 * learning rate is changed during training (`setLearningRate`, schedules), tfjs
 * rescales the whole accumulated velocity while Keras only scales the new
 * gradients, and the two drift apart.
 *
 * Gradient clipping happens before the momentum update, as in Keras; see
 * {@link withGradientClipping}. Without clipping options the optimizer is
 * returned unpatched.
 *
 * @throws TypeError / RangeError naming the bad option, e.g.
 *   `kerasSGD: momentum must be a number in [0, 1] (as in Keras), got 1.5`.
 */
export function kerasSGD(options: KerasSGDOptions = {}): tf.SGDOptimizer {
  const caller = 'kerasSGD';
  checkObject(caller, 'options', options);
  checkKnownKeys(caller, options, SGD_KEYS);
  const { learningRate = 0.01, momentum = 0, nesterov = false } = options;
  checkPositiveFinite(caller, 'learningRate', learningRate);
  if (typeof momentum !== 'number' || !(momentum >= 0 && momentum <= 1)) {
    throw new InvalidParameterError(
      caller,
      'momentum',
      `must be a number in [0, 1] (as in Keras), got ${describeValue(momentum)}`,
    );
  }
  if (typeof nesterov !== 'boolean') {
    throw new InvalidParameterError(caller, 'nesterov', `must be true or false, got ${describeValue(nesterov)}`);
  }
  const clipping = parseGradientClipping(caller, options);

  const optimizer = momentum === 0 ? tf.train.sgd(learningRate) : tf.train.momentum(learningRate, momentum, nesterov);
  return withGradientClipping(optimizer, clipping);
}
