/**
 * The three Keras gradient-clipping options and their validation.
 *
 * Internal module: the `training` barrel exposes {@link GradientClippingOptions}
 * through `gradient-clipping.ts`; `kerasSGD` reuses the checks.
 */
import { checkPositiveFinite, describeValue, invalidArgument } from '../errors/index.js';

/**
 * Gradient clipping as in Keras 3 optimizers (`keras.optimizers.SGD(clipnorm=1.0)` etc.).
 * At most one option may be set; leave all out for no clipping. Each limit `c`
 * must be a positive finite number.
 *
 * - `clipvalue: c` clips every gradient **element** to `[-c, c]`.
 *   Direction may change: `[3, -4, 0.5]` becomes `[1, -1, 0.5]`.
 * - `clipnorm: c` rescales **each gradient tensor** (one per weight) on its own so
 *   that its L2 norm is at most `c`: `g * c / max(‖g‖, c)`.
 *   Direction is kept: `[3, 4]` (norm 5) becomes `[0.6, 0.8]` for `c = 1`.
 * - `globalClipnorm: c` rescales **all gradient tensors together** by
 *   `c / max(globalNorm, c)`, where `globalNorm = sqrt(Σ ‖g_i‖²)` (like
 *   `tf.clip_by_global_norm`). The relative sizes of the gradients are kept:
 *   `[3, 4]` and `[12]` (global norm 13) become `[3/13, 4/13]` and `[12/13]` for `c = 1`.
 *
 * Gradients whose norm (or elements, for `clipvalue`) are already within the
 * limit are left as they are.
 */
export interface GradientClippingOptions {
  /** Clip each gradient element to `[-clipvalue, clipvalue]` (Keras `clipvalue`). */
  clipvalue?: number;
  /** Rescale each gradient tensor to an L2 norm of at most `clipnorm` (Keras `clipnorm`). */
  clipnorm?: number;
  /** Rescale all gradients together to a global L2 norm of at most `globalClipnorm` (Keras `global_clipnorm`). */
  globalClipnorm?: number;
}

/** The option names, in the order Keras lists them in its error message. */
export const GRADIENT_CLIPPING_KEYS = ['clipnorm', 'clipvalue', 'globalClipnorm'] as const;

/**
 * Reads and checks the clipping options found in `options` (other keys are
 * ignored: callers check unknown keys themselves). Returns a fresh object with
 * only the options that are set. A key whose value is `undefined` counts as not
 * set, like Python's `None`.
 *
 * Like Keras, setting more than one option is an error. Unlike Keras, which
 * silently ignores a zero or negative limit, any limit that is not a positive
 * finite number is an error.
 */
export function parseGradientClipping(caller: string, given: object): GradientClippingOptions {
  const options = given as Record<string, unknown>;
  const clipping: GradientClippingOptions = {};
  for (const key of GRADIENT_CLIPPING_KEYS) {
    const value = options[key];
    if (value === undefined) continue;
    checkPositiveFinite(caller, key, value);
    clipping[key] = value;
  }
  const set = Object.keys(clipping);
  if (set.length > 1) {
    const received = GRADIENT_CLIPPING_KEYS.map((key) => `${key}=${describeValue(options[key])}`).join(', ');
    throw invalidArgument(
      caller,
      'options',
      `only one of clipnorm, clipvalue and globalClipnorm can be set (as in Keras). Received: ${received}`,
    );
  }
  return clipping;
}
