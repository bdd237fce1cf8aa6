/**
 * Keras-style gradient clipping (`clipvalue`, `clipnorm`, `global_clipnorm`) for
 * any TensorFlow.js optimizer. TensorFlow.js optimizers have no such options, so
 * {@link withGradientClipping} adds them to one optimizer instance.
 */
import * as tf from '@tensorflow/tfjs';
import { GRADIENT_CLIPPING_KEYS, parseGradientClipping, type GradientClippingOptions } from './clipping-options.js';
import { checkKnownKeys, checkObject, describeValue, InvalidParameterError } from '../errors/index.js';

export type { GradientClippingOptions } from './clipping-options.js';

/** What `optimizer.applyGradients` accepts: a `{ variableName: gradient }` map or a list of `{ name, tensor }`. */
type VariableGradients = Parameters<tf.Optimizer['applyGradients']>[0];

/** A gradient slot: tfjs passes `null` (or leaves it out) for variables without a gradient. */
type MaybeGradient = tf.Tensor | null | undefined;

/** The clipping in force on each optimizer patched by {@link withGradientClipping}. */
/** Where a clipping optimizer keeps its clipping: on itself (no registry beside it). */
const CLIPPING = Symbol('lista5.gradientClipping');
type ClippingState = { options: GradientClippingOptions };
const clippingOf = (optimizer: tf.Optimizer): ClippingState | undefined =>
  (optimizer as tf.Optimizer & { [CLIPPING]?: ClippingState })[CLIPPING];

/**
 * Makes `optimizer` clip every gradient before using it, with the semantics of
 * Keras 3 optimizers (`keras/src/optimizers/base_optimizer.py`, `_clip_gradients`).
 * See {@link GradientClippingOptions} for what each option does.
 *
 * ```ts
 * const optimizer = withGradientClipping(tf.train.sgd(0.01), { clipnorm: 1 });
 * model.compile({ optimizer, loss: "meanSquaredError" });
 * await model.fit(x, y, { epochs: 400, batchSize: 32 });
 * ```
 *
 * How it works: `model.fit`, `model.trainOnBatch` and `optimizer.minimize` all
 * hand the gradients to `optimizer.applyGradients`, so this function replaces
 * `applyGradients` on this one instance (not on the class) with a version that
 * clips the gradients, calls the original method with the clipped copies and
 * then disposes the copies. The caller's gradient tensors are never modified or
 * disposed. `getConfig()` additionally reports the clipping option under its
 * name (`clipnorm`, `clipvalue` or `globalClipnorm`), as Keras' `get_config`
 * does; tfjs' `fromConfig` ignores these keys, so an optimizer restored from a
 * saved model does not clip until you call this function on it again.
 *
 * Keras details that are mirrored:
 * - at most one option may be set, otherwise an error is thrown;
 * - gradients that are `null` (variables without a gradient) are skipped and do
 *   not count towards the global norm;
 * - the arithmetic is Keras' op for op: `clipnorm` computes
 *   `g * c / max(‖g‖, c)` with ‖g‖ the L2 norm over all elements of that tensor;
 *   `globalClipnorm` multiplies by `c * min(1 / globalNorm, 1 / c)`;
 * - non-finite gradients: with `globalClipnorm`, a NaN or ±Infinity anywhere
 *   makes the global norm non-finite and **every** gradient becomes NaN (Keras
 *   adds `globalNorm - globalNorm` to the scale for exactly this reason, like
 *   `tf.clip_by_global_norm`); with `clipnorm`, an infinite element gives that
 *   tensor an infinite norm, so its finite elements become 0 and its infinite
 *   ones NaN, and a NaN makes the whole tensor NaN; with `clipvalue`, ±Infinity
 *   is clipped to ±c and NaN stays NaN.
 *
 * Differences from Keras: a limit that is zero, negative, NaN, infinite or not a
 * number throws (Keras silently treats zero or negative limits as "no
 * clipping"), and so do unknown option names.
 *
 * Calling it again on the same optimizer replaces the previous clipping (it does
 * not stack); calling it with `{}` switches clipping off.
 *
 * @param optimizer Any `tf.Optimizer` (`tf.train.sgd`, `tf.train.adam`, ...). It is modified in place.
 * @param options At most one of `clipvalue`, `clipnorm`, `globalClipnorm`.
 * @returns The same optimizer object, with its type unchanged.
 * @throws TypeError / RangeError naming the bad option, e.g.
 *   `withGradientClipping: clipnorm must be a positive finite number, got -1`.
 */
export function withGradientClipping<T extends tf.Optimizer>(optimizer: T, options: GradientClippingOptions): T {
  const caller = 'withGradientClipping';
  if (optimizer === null || typeof optimizer !== 'object' || !(optimizer instanceof tf.Optimizer)) {
    throw new InvalidParameterError(caller, 'optimizer', `must be a tf.Optimizer, got ${describeValue(optimizer)}`);
  }
  checkObject(caller, 'options', options);
  checkKnownKeys(caller, options, GRADIENT_CLIPPING_KEYS);
  const clipping = parseGradientClipping(caller, options);

  const state = clippingOf(optimizer);
  if (state !== undefined) {
    state.options = clipping;
  } else if (isClipping(clipping)) {
    patchOptimizer(optimizer, { options: clipping });
  }
  return optimizer;
}

/**
 * The clipping that {@link withGradientClipping} set on `optimizer`, e.g.
 * `{ clipnorm: 1 }`, or `{}` if it does not clip.
 */
export function getGradientClipping(optimizer: tf.Optimizer): GradientClippingOptions {
  return { ...clippingOf(optimizer)?.options };
}

/**
 * Clips a list of gradients like a Keras optimizer would (see
 * {@link GradientClippingOptions}); for custom training loops built on
 * `tf.variableGrads`. `null`/`undefined` entries stay `null` and are ignored by
 * `globalClipnorm`.
 *
 * @returns New tensors, in the same order (also when no option is set); the
 *   caller owns and must dispose them. The input tensors are not disposed.
 */
export function clipGradients(
  gradients: readonly MaybeGradient[],
  options: GradientClippingOptions,
): Array<tf.Tensor | null> {
  const caller = 'clipGradients';
  checkObject(caller, 'options', options);
  checkKnownKeys(caller, options, GRADIENT_CLIPPING_KEYS);
  return clipWith(gradients, parseGradientClipping(caller, options));
}

function isClipping(clipping: GradientClippingOptions): boolean {
  return Object.keys(clipping).length > 0;
}

/** Clips the non-null gradients into new tensors and puts them back in their slots. */
function clipWith(gradients: readonly MaybeGradient[], clipping: GradientClippingOptions): Array<tf.Tensor | null> {
  const present = gradients.filter((g): g is tf.Tensor => g != null);
  const clipped = tf.tidy(() => clipTensors(present, clipping));
  let next = 0;
  return gradients.map((g) => (g == null ? null : clipped[next++]));
}

/** Keras `_clip_gradients` on a list of tensors. */
function clipTensors(
  gradients: tf.Tensor[],
  { clipnorm, globalClipnorm, clipvalue }: GradientClippingOptions,
): tf.Tensor[] {
  if (clipnorm !== undefined) return gradients.map((g) => clipByNorm(g, clipnorm));
  if (globalClipnorm !== undefined) return clipByGlobalNorm(gradients, globalClipnorm);
  if (clipvalue !== undefined) return gradients.map((g) => tf.clipByValue(g, -clipvalue, clipvalue));
  return gradients.map((g) => g.clone());
}

/** Keras `_clip_by_norm`: `g * c / max(‖g‖, c)`, ‖g‖ over all elements. */
function clipByNorm(gradient: tf.Tensor, clipnorm: number): tf.Tensor {
  const norm = tf.sqrt(tf.sum(tf.square(gradient)));
  return tf.div(tf.mul(gradient, clipnorm), tf.maximum(norm, clipnorm));
}

/**
 * Keras `clip_by_global_norm`: every gradient times `c * min(1 / norm, 1 / c)`,
 * plus `norm - norm`, which is 0 for a finite norm and NaN otherwise.
 */
function clipByGlobalNorm(gradients: tf.Tensor[], clipnorm: number): tf.Tensor[] {
  if (gradients.length === 0) return [];
  const norm = tf.sqrt(tf.addN(gradients.map((g) => tf.sum(tf.square(g)))));
  const scaleForFinite = tf.mul(clipnorm, tf.minimum(tf.div(1, norm), 1 / clipnorm));
  const scale = tf.add(scaleForFinite, tf.sub(norm, norm));
  return gradients.map((g) => tf.mul(g, scale));
}

/** Shadows `applyGradients` and `getConfig` on this instance only; `state.options` may change later. */
function patchOptimizer(optimizer: tf.Optimizer, state: { options: GradientClippingOptions }): void {
  const applyGradients = optimizer.applyGradients;
  const getConfig = optimizer.getConfig;

  function clippedApplyGradients(this: tf.Optimizer, variableGradients: VariableGradients): void {
    if (!isClipping(state.options)) {
      applyGradients.call(this, variableGradients);
      return;
    }
    const names = Array.isArray(variableGradients)
      ? variableGradients.map((g) => g.name)
      : Object.keys(variableGradients);
    const tensors: MaybeGradient[] = Array.isArray(variableGradients)
      ? variableGradients.map((g) => g.tensor)
      : names.map((name) => variableGradients[name]);
    const clipped = clipWith(tensors, state.options);
    try {
      // Same shape of argument as received: some optimizers (Momentum, Adam, ...)
      // keep their state by position in the list. `null` slots are skipped by tfjs.
      const clippedGradients: VariableGradients = Array.isArray(variableGradients)
        ? names.map((name, i) => ({ name, tensor: clipped[i] as tf.Tensor }))
        : Object.fromEntries(names.map((name, i) => [name, clipped[i] as tf.Tensor]));
      applyGradients.call(this, clippedGradients);
    } finally {
      tf.dispose(clipped.filter((g): g is tf.Tensor => g !== null));
    }
  }

  function getConfigWithClipping(this: tf.Optimizer): tf.serialization.ConfigDict {
    return { ...getConfig.call(this), ...state.options };
  }

  Object.defineProperty(optimizer, 'applyGradients', {
    value: clippedApplyGradients,
    configurable: true,
    writable: true,
  });
  Object.defineProperty(optimizer, 'getConfig', {
    value: getConfigWithClipping,
    configurable: true,
    writable: true,
  });
  Object.defineProperty(optimizer, CLIPPING, { value: state });
}
