/**
 * The lesson's data and networks, built exactly as the notebooks build them, for the tests and the
 * benchmarks (the notebooks spell them out cell by cell, as the original does):
 * the circles split 500/500, `modelo_raso`, `modelo_fundo`, `modelo_xavier` with seeded
 * initializers, and the exploding regression.
 */
import * as tf from '@tensorflow/tfjs';
import { makeCircles, MinMaxScaler, trainTestSplitAt } from '../data/index.js';
import { describeValue, InvalidParameterError } from '../errors/index.js';
import { seedSequence } from '../training/index.js';

/** The lesson's three classifiers, by their notebook names. */
export type LessonNetwork = 'modelo_raso' | 'modelo_fundo' | 'modelo_xavier';

/**
 * `make_circles(2 * nTrain, noise=0.1, random_state=1)`, scaled to [-1, 1], the first `nTrain` for
 * training (the lesson: 1000 points, 500/500).
 */
export function lessonData(nTrain = 500) {
  if (!Number.isInteger(nTrain) || nTrain < 1) {
    throw new InvalidParameterError('lessonData', 'nTrain', `must be a whole number >= 1, got ${String(nTrain)}`);
  }
  const { X, y } = makeCircles({ nSamples: 2 * nTrain, noise: 0.1, randomState: 1 });
  const scaled = new MinMaxScaler({ featureRange: [-1, 1] }).fitTransform(X);
  return trainTestSplitAt(scaled, y, nTrain);
}

/**
 * Builds the lesson's three networks in the notebooks' order from one seed sequence, so that each
 * gets the initial weights it gets in the notebook with the same seed: raso, then fundo, then xavier.
 */
export function lessonNetworks(seed = 1): Record<LessonNetwork, tf.Sequential> {
  const semente = seedSequence(seed);
  const uniform = () => tf.initializers.randomUniform({ minval: 0, maxval: 1, seed: semente() });
  const glorot = () => tf.initializers.glorotUniform({ seed: semente() });
  const build = (
    name: LessonNetwork,
    prefix: string,
    depth: number,
    init: () => ReturnType<typeof tf.initializers.glorotUniform>,
  ) => {
    const m = tf.sequential({ name });
    for (let i = 1; i <= depth; i++) {
      m.add(
        tf.layers.dense({
          units: 5,
          ...(i === 1 ? { inputShape: [2] } : {}),
          activation: 'tanh',
          kernelInitializer: init(),
          name: `${prefix}_${i}`,
        }),
      );
    }
    m.add(tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: init(), name: `${prefix}_output` }));
    return m;
  };
  const modelo_raso = build('modelo_raso', 'raso', 1, uniform);
  const modelo_fundo = build('modelo_fundo', 'funda', 5, uniform);
  const modelo_xavier = build('modelo_xavier', 'xavier', 5, glorot);
  return { modelo_raso, modelo_fundo, modelo_xavier };
}

/**
 * The lesson's exploding regression: x = 0..99, y = 5 + 10x, one Dense unit (glorotUniform with
 * `seed`), MSE, compiled with `optimizer`. The caller disposes `x`, `y`, the model and the optimizer.
 */
export function explodingRegression(optimizer: tf.Optimizer, seed = 1) {
  if (typeof (optimizer as Partial<tf.Optimizer> | undefined)?.minimize !== 'function') {
    const got = describeValue(optimizer);
    throw new InvalidParameterError(
      'explodingRegression',
      'optimizer',
      `must be a tf.Optimizer (e.g. tf.train.sgd(0.01)), got ${got}`,
    );
  }
  const xs = Array.from({ length: 100 }, (_, i) => i);
  const x = tf.tensor2d(xs, [100, 1]);
  const y = tf.tensor2d(
    xs.map((v) => 5 + 10 * v),
    [100, 1],
  );
  const model = tf.sequential({ name: 'regressao' });
  model.add(
    tf.layers.dense({
      units: 1,
      inputShape: [1],
      kernelInitializer: tf.initializers.glorotUniform({ seed }),
      name: 'densa',
    }),
  );
  model.compile({ optimizer, loss: 'meanSquaredError' });
  return { model, x, y };
}
