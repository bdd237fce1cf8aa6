/**
 * The lesson's exploding-gradient example: linear regression y = 5 + 10x on
 * x = 0..99 (not normalised) with SGD(learning rate 0.01), batch size 32 (Keras'
 * default) and 400 epochs. Without clipping the loss explodes to Infinity and
 * then NaN; with clipvalue 1 or clipnorm 1 it ends finite and small.
 */
import * as tf from '@tensorflow/tfjs';
import type { GradientClippingOptions } from './gradient-clipping.js';
import { fitSeeded } from './fit-seeded.js';
import { kerasSGD } from './keras-sgd.js';

/**
 * Trains the lesson's model and returns the loss of every epoch. `shuffleSeed`
 * shuffles each epoch like Keras does (Keras' default), reproducibly (fitSeeded);
 * without it the batches come in the same order every epoch.
 */
async function lessonLosses(clipping: GradientClippingOptions, shuffleSeed?: number, epochs = 400): Promise<number[]> {
  const model = tf.sequential();
  model.add(
    tf.layers.dense({ units: 1, inputShape: [1], kernelInitializer: tf.initializers.glorotUniform({ seed: 42 }) }),
  );
  model.compile({ optimizer: kerasSGD({ learningRate: 0.01, ...clipping }), loss: 'meanSquaredError' });
  const xs = Array.from({ length: 100 }, (_, i) => i);
  const x = tf.tensor2d(xs, [100, 1]);
  const y = tf.tensor2d(
    xs.map((v) => 5 + 10 * v),
    [100, 1],
  );
  try {
    const history = await fitSeeded(model, x, y, {
      epochs,
      batchSize: 32,
      seed: shuffleSeed ?? 0,
      shuffle: shuffleSeed !== undefined,
    });
    return history.history.loss.map(Number);
  } finally {
    tf.dispose([x, y]);
    model.dispose();
  }
}

const TIMEOUT_MS = 120_000; // jest's default of 5 s is too short for 400 epochs on a slow machine

describe('lesson: exploding gradients in a linear regression on x = 0..99', () => {
  test(
    'without clipping the loss reaches Infinity, then NaN (within 20 epochs)',
    async () => {
      for (const shuffleSeed of [undefined, 1]) {
        const losses = await lessonLosses({}, shuffleSeed, 20);
        const firstInfinity = losses.indexOf(Infinity);
        const firstNaN = losses.findIndex(Number.isNaN);
        expect(firstInfinity).toBeGreaterThan(0);
        expect(losses[0]).toBeGreaterThan(1e6); // already huge after the first epoch
        expect(firstNaN).toBeGreaterThan(firstInfinity);
        expect(losses.slice(firstNaN).every(Number.isNaN)).toBe(true);
      }
    },
    TIMEOUT_MS,
  );

  test.each<[string, GradientClippingOptions]>([
    ['clipvalue 1', { clipvalue: 1 }],
    ['clipnorm 1', { clipnorm: 1 }],
  ])(
    'with %s and Keras-style shuffling the loss at epoch 400 is finite and below 1',
    async (_, clipping) => {
      const losses = await lessonLosses(clipping, 1);
      expect(losses.every(Number.isFinite)).toBe(true);
      expect(losses[0]).toBeGreaterThan(1e5);
      expect(losses[399]).toBeLessThan(1); // measured 0.21 (0.14 to 0.46 over shuffle seeds 1..20)
      expect(losses[399]).toBeLessThan(losses[199]);
    },
    TIMEOUT_MS,
  );

  test(
    'clipvalue 1 and clipnorm 1 train identically here: every weight is a single number, so ‖g‖ = |g|',
    async () => {
      // 50 epochs show it as well as 400: the two clippings give the same update at every step.
      expect(await lessonLosses({ clipnorm: 1 }, 7, 50)).toEqual(await lessonLosses({ clipvalue: 1 }, 7, 50));
    },
    TIMEOUT_MS,
  );

  test(
    'without shuffling, clipping still prevents the explosion, but training settles into a cycle at a higher loss',
    async () => {
      const losses = await lessonLosses({ clipvalue: 1 });
      expect(losses.every(Number.isFinite)).toBe(true);
      expect(losses[399]).toBeLessThan(10); // measured 5.88
      expect(losses[399]).toBeCloseTo(losses[349], 3); // the same 4 batches in the same order every epoch
    },
    TIMEOUT_MS,
  );
});
