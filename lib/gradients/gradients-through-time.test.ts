import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { isFused } from '../recurrent/fused-recurrent';
import { firstOverLast, gradientsThroughTime } from './gradients-through-time';

type Cell = 'simpleRNN' | 'lstm' | 'gru';
const CELLS: Cell[] = ['simpleRNN', 'lstm', 'gru'];

/** A tiny recurrent classifier: one recurrent layer (Keras' activations) and Dense(1, sigmoid). */
function tinyRnn(cell: Cell, steps: number, features: number, units: number, seed: number): tf.Sequential {
  const config = {
    units,
    inputShape: [steps, features],
    kernelInitializer: tf.initializers.glorotUniform({ seed }),
    recurrentInitializer: tf.initializers.orthogonal({ seed: seed + 1 }),
    ...(cell === 'simpleRNN' ? {} : { recurrentActivation: 'sigmoid' as const }),
    ...(cell === 'gru' ? { resetAfter: false } : {}),
  };
  return tf.sequential({
    layers: [
      tf.layers[cell](config),
      tf.layers.dense({
        units: 1,
        activation: 'sigmoid',
        kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 2 }),
      }),
    ],
  });
}

/** A deterministic batch: x [B, T, F] in [-1.5, 1.5], y alternating 0/1. */
function batch(b: number, steps: number, features: number) {
  const values = Array.from({ length: b * steps * features }, (_, i) => 1.5 * Math.sin(1.7 * i + 0.3));
  return {
    x: tf.tensor3d(values, [b, steps, features]),
    y: tf.tensor2d(
      Array.from({ length: b }, (_, i) => i % 2),
      [b, 1],
    ),
  };
}

describe('gradientsThroughTime', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each(CELLS)('%s: matches central finite differences of the batch-mean loss, step by step', (cell) => {
    const B = 3,
      T = 4,
      F = 2;
    const { x, y } = batch(B, T, F);
    const model = tinyRnn(cell, T, F, 3, 11);
    const before = tf.memory().numTensors;
    const result = gradientsThroughTime(model, x, y);
    expect(tf.memory().numTensors).toBe(before);

    const lossAt = (values: Float32Array) =>
      tf.tidy(() => {
        const xi = tf.tensor3d(values, [B, T, F]);
        return tf.mean(tf.metrics.binaryCrossentropy(y, model.predict(xi) as tf.Tensor)).dataSync()[0];
      });
    const base = x.dataSync() as Float32Array;
    const eps = 1e-2;
    const fd = new Float64Array(base.length);
    for (let i = 0; i < base.length; i++) {
      const plus = Float32Array.from(base),
        minus = Float32Array.from(base);
      plus[i] += eps;
      minus[i] -= eps;
      fd[i] = (lossAt(plus) - lossAt(minus)) / (2 * eps);
    }
    const fdNorms = Array.from({ length: B }, (_, b) =>
      Array.from({ length: T }, (_, t) => Math.hypot(...Array.from({ length: F }, (_, f) => fd[(b * T + t) * F + f]))),
    );
    const largest = Math.max(...fdNorms.flat());
    for (let b = 0; b < B; b++) {
      for (let t = 0; t < T; t++)
        expect(Math.abs(result.perExample[b][t] - fdNorms[b][t])).toBeLessThan(5e-3 * largest);
    }
    for (let t = 0; t < T; t++) {
      const meanFd = fdNorms.reduce((s, row) => s + row[t], 0) / B;
      expect(Math.abs(result.mean[t] - meanFd)).toBeLessThan(5e-3 * largest);
    }
    expect(result.loss).toBeCloseTo(lossAt(Float32Array.from(base)), 6);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('takes another loss (mean squared error) and leaves the weights alone', () => {
    const { x } = batch(2, 3, 1);
    const y = tf.tensor2d([0.5, -0.5], [2, 1]);
    const model = tinyRnn('simpleRNN', 3, 1, 2, 5);
    const weights = model.getWeights().map((w) => Array.from(w.dataSync()));
    const mse = gradientsThroughTime(model, x, y, tf.metrics.meanSquaredError);
    const prediction = model.predict(x) as tf.Tensor;
    const expected = tf.tidy(() => tf.mean(tf.square(tf.sub(prediction, y))).dataSync()[0]);
    expect(mse.loss).toBeCloseTo(expected, 6);
    expect(model.getWeights().map((w) => Array.from(w.dataSync()))).toEqual(weights);
    expect(mse.perExample).toHaveLength(2);
    expect(mse.mean).toHaveLength(3);
    tf.dispose([x, y, prediction]);
    model.dispose();
  });

  it('names the bad argument', () => {
    const model = tinyRnn('simpleRNN', 3, 1, 2, 5);
    const x2d = tf.zeros([2, 3]);
    const x = tf.zeros([2, 3, 1]);
    const y = tf.zeros([3, 1]);
    expect(() => gradientsThroughTime(model, x2d, y)).toThrow(
      /x must be a 3-D tensor .*got a tensor of shape \[2, 3\]/,
    );
    expect(() => gradientsThroughTime(model, x, y)).toThrow(
      /y must be a tensor with one row per example of x \(2\), got 3/,
    );
    expect(() => gradientsThroughTime(undefined as never, x, y)).toThrow(/model must be a tf.LayersModel/);
    expect(() => firstOverLast([])).toThrow(/firstOverLast: profile must be a non-empty array/);
    expect(firstOverLast([1e-3, 0.1, 1])).toBeCloseTo(1e-3);
    tf.dispose([x2d, x, y]);
    model.dispose();
  });
});

interface GoldenLayer {
  shapes: number[][];
  values: number[][];
}
interface Golden {
  T: number;
  features: number;
  units: number;
  x: number[][][];
  y: number[][];
  models: Record<
    Cell,
    { layers: Record<string, GoldenLayer>; predictions: number[]; loss: number; perExample: number[][]; mean: number[] }
  >;
}

describe('gradientsThroughTime against Keras 3 (test/fixtures/make_rnn_gradients_golden.py)', () => {
  const golden: Golden = JSON.parse(
    readFileSync(path.join(__dirname, '..', '..', 'test', 'fixtures', 'rnn_gradients_golden.json'), 'utf8'),
  );
  const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-30);

  it.each(CELLS)('%s: same weights, same predictions, loss and per-step norms (to float32 precision)', (cell) => {
    const ref = golden.models[cell];
    const model = tinyRnn(cell, golden.T, golden.features, golden.units, 1);
    // tfjs' weights come in Keras' get_weights() order, with the same shapes (the gates too: i, f, c, o / z, r, h).
    const layers = Object.values(ref.layers);
    const weights = model.layers.flatMap((layer, li) =>
      layer.getWeights().map((w, wi) => {
        expect(w.shape).toEqual(layers[li].shapes[wi]);
        return tf.tensor(layers[li].values[wi], layers[li].shapes[wi], 'float32');
      }),
    );
    model.setWeights(weights);
    tf.dispose(weights);
    const x = tf.tensor3d(golden.x, undefined, 'float32');
    const y = tf.tensor2d(golden.y, undefined, 'float32');
    const prediction = model.predict(x) as tf.Tensor;
    Array.from(prediction.dataSync()).forEach((p, i) => expect(relative(p, ref.predictions[i])).toBeLessThan(1e-5));
    const result = gradientsThroughTime(model, x, y);
    expect(isFused(model.layers[0])).toBe(true); // measured through lib/recurrent's fused kernel
    expect(relative(result.loss, ref.loss)).toBeLessThan(1e-5);
    result.perExample.forEach((row, b) =>
      row.forEach((v, t) => expect(relative(v, ref.perExample[b][t])).toBeLessThan(1e-4)),
    );
    result.mean.forEach((v, t) => expect(relative(v, ref.mean[t])).toBeLessThan(1e-4));
    tf.dispose([x, y, prediction]);
    model.dispose();
  });
});
