/**
 * Seeds for the weight initializers of a model, so a notebook run can be repeated exactly.
 */
import { RandomState } from '../data/index.js';

/**
 * A source of distinct, reproducible seeds: each call returns the next one.
 * Give each layer its own seed (`kernelInitializer: tf.initializers.glorotUniform({ seed: next() })`):
 * layers of the same shape with the same seed would start with identical weights.
 *
 * @example
 * ```ts
 * const semente = l5.seedSequence(1);
 * tf.layers.dense({ units: 5, kernelInitializer: tf.initializers.randomUniform({ minval: 0, maxval: 1, seed: semente() }) });
 * ```
 */
export function seedSequence(seed: number): () => number {
  const rng = new RandomState(seed);
  return () => rng.randint(0, 2 ** 31 - 1) as number;
}
