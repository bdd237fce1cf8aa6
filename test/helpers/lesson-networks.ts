/**
 * The lesson's data and networks, as the notebooks build them (for tests of the gradient tools):
 * the circles split 500/500, and `modelo_raso`, `modelo_fundo`, `modelo_xavier` with seeded initializers.
 */
import * as tf from '@tensorflow/tfjs';
import { makeCircles } from '../../lib/data/make-circles';
import { MinMaxScaler } from '../../lib/data/min-max-scaler';
import { trainTestSplitAt } from '../../lib/data/split';
import { seedSequence } from '../../lib/training/seeds';

/** `make_circles(1000, noise=0.1, random_state=1)`, scaled to [-1, 1], first 500 for training. */
export function lessonData() {
  const { X, y } = makeCircles({ nSamples: 1000, noise: 0.1, randomState: 1 });
  const scaled = new MinMaxScaler({ featureRange: [-1, 1] }).fitTransform(X);
  return trainTestSplitAt(scaled, y, 500);
}

export type LessonNetwork = 'modelo_raso' | 'modelo_fundo' | 'modelo_xavier';

/**
 * Builds the lesson's three networks in the notebooks' order from one seed sequence, so that each
 * gets the initial weights it gets in the notebook (seed 1): raso, then fundo, then xavier.
 */
export function lessonNetworks(seed = 1): Record<LessonNetwork, tf.Sequential> {
  const semente = seedSequence(seed);
  const uni = () => tf.initializers.randomUniform({ minval: 0, maxval: 1, seed: semente() });
  const glo = () => tf.initializers.glorotUniform({ seed: semente() });
  const build = (name: string, prefix: string, depth: number, init: () => ReturnType<typeof tf.initializers.glorotUniform>) => {
    const m = tf.sequential({ name });
    for (let i = 1; i <= depth; i++) {
      m.add(tf.layers.dense({ units: 5, ...(i === 1 ? { inputShape: [2] } : {}), activation: 'tanh', kernelInitializer: init(), name: `${prefix}_${i}` }));
    }
    m.add(tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: init(), name: `${prefix}_output` }));
    return m;
  };
  const modelo_raso = build('modelo_raso', 'raso', 1, uni);
  const modelo_fundo = build('modelo_fundo', 'funda', 5, uni);
  const modelo_xavier = build('modelo_xavier', 'xavier', 5, glo);
  return { modelo_raso, modelo_fundo, modelo_xavier };
}

/** The lesson's exploding regression: x = 0..99, y = 5 + 10x, Dense(1), SGD(0.01), MSE (compiled). */
export function explodingRegression(optimizer: tf.Optimizer, seed = 1) {
  const xs = Array.from({ length: 100 }, (_, i) => i);
  const x = tf.tensor2d(xs, [100, 1]);
  const y = tf.tensor2d(xs.map((v) => 5 + 10 * v), [100, 1]);
  const model = tf.sequential({ name: 'regressao' });
  model.add(tf.layers.dense({ units: 1, inputShape: [1], kernelInitializer: tf.initializers.glorotUniform({ seed }), name: 'densa' }));
  model.compile({ optimizer, loss: 'meanSquaredError' });
  return { model, x, y };
}
