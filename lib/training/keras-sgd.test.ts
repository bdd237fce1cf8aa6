import * as tf from '@tensorflow/tfjs';
import { getGradientClipping } from './gradient-clipping.js';
import { kerasSGD, type KerasSGDOptions } from './keras-sgd.js';

/** Element-wise comparison of float32 results with float64 references. */
function expectClose(actual: ArrayLike<number>, expected: readonly number[], tolerance = 1e-5): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, i) => expect(Math.abs(actual[i] - e)).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(e))));
}

/**
 * Keras 3 `SGD.update_step`, written out in float64 for one variable:
 * v ← m·v − lr·g; w ← w + v (Nesterov: w ← w + m·v − lr·g); plain SGD when m = 0.
 * `clipnorm` is applied to g first, as Keras' `_clip_gradients` does.
 */
class KerasSGDByHand {
  private velocity: number[] | undefined;
  constructor(
    private readonly lr: number,
    private readonly momentum: number,
    private readonly nesterov: boolean,
    private readonly clipnorm?: number,
  ) {}

  step(w: number[], gradient: number[]): number[] {
    let g = gradient;
    if (this.clipnorm !== undefined) {
      const norm = Math.hypot(...g);
      g = g.map((gi) => (gi * this.clipnorm!) / Math.max(norm, this.clipnorm!));
    }
    if (this.momentum === 0) return w.map((wi, i) => wi - this.lr * g[i]);
    const v = (this.velocity ?? w.map(() => 0)).map((vi, i) => this.momentum * vi - this.lr * g[i]);
    this.velocity = v;
    return this.nesterov ? w.map((wi, i) => wi + this.momentum * v[i] - this.lr * g[i]) : w.map((wi, i) => wi + v[i]);
  }
}

describe('kerasSGD picks the tfjs optimizer', () => {
  test("defaults are Keras' (learning rate 0.01, no momentum): a plain SGDOptimizer", () => {
    const optimizer = kerasSGD();
    expect(optimizer.getClassName()).toBe('SGD');
    expect(optimizer.getConfig()).toEqual({ learningRate: 0.01 });
    optimizer.dispose();
  });

  test('momentum > 0 gives a MomentumOptimizer with the same settings', () => {
    const optimizer = kerasSGD({ learningRate: 0.05, momentum: 0.9, nesterov: true });
    expect(optimizer.getClassName()).toBe('Momentum');
    expect(optimizer.getConfig()).toEqual({ learningRate: 0.05, momentum: 0.9, useNesterov: true });
    optimizer.dispose();
  });

  test('clipping options are applied (and only then is the optimizer patched)', () => {
    const clipped = kerasSGD({ momentum: 0.9, clipnorm: 1 });
    expect(getGradientClipping(clipped)).toEqual({ clipnorm: 1 });
    expect(clipped.getConfig()).toEqual({ learningRate: 0.01, momentum: 0.9, useNesterov: false, clipnorm: 1 });
    const plain = kerasSGD({ clipvalue: undefined });
    expect(Object.prototype.hasOwnProperty.call(plain, 'applyGradients')).toBe(false);
    clipped.dispose();
    plain.dispose();
  });
});

describe("kerasSGD follows Keras' update rule (constant learning rate)", () => {
  // Quadratic bowl L(w) = ½ Σ a_i (w_i − t_i)², gradient a ⊙ (w − t), minimised with optimizer.minimize.
  const a = [1, 4, 0.25];
  const t = [1, -2, 3];
  const w0 = [0, 0.5, -1];

  test.each<[string, KerasSGDOptions]>([
    ['plain SGD', { learningRate: 0.1 }],
    ['momentum 0.9', { learningRate: 0.1, momentum: 0.9 }],
    ['Nesterov momentum 0.9', { learningRate: 0.1, momentum: 0.9, nesterov: true }],
    ['momentum 0.9 and clipnorm 1', { learningRate: 0.1, momentum: 0.9, clipnorm: 1 }],
  ])('quadratic, %s: 10 steps match the hand-written Keras rule', (_, options) => {
    const optimizer = kerasSGD(options);
    const w = tf.variable(tf.tensor1d(w0));
    const [aT, tT] = [tf.tensor1d(a), tf.tensor1d(t)];
    const byHand = new KerasSGDByHand(
      options.learningRate!,
      options.momentum ?? 0,
      options.nesterov ?? false,
      options.clipnorm,
    );
    let expected = w0;
    for (let step = 0; step < 10; step++) {
      optimizer.minimize(() => tf.mul(0.5, tf.sum(tf.mul(aT, tf.square(tf.sub(w, tT))))) as tf.Scalar);
      expected = byHand.step(
        expected,
        expected.map((wi, i) => a[i] * (wi - t[i])),
      );
      expectClose(w.dataSync(), expected);
    }
    // The trajectory really moved (and momentum overshoots differently from plain SGD).
    expect(Math.abs(expected[0] - w0[0])).toBeGreaterThan(0.5);
    tf.dispose([w, aT, tT]);
    optimizer.dispose();
  });

  test("the lesson's settings (lr 0.01, momentum 0.9) on a tiny dense model through model.fit, with and without clipnorm", async () => {
    // y = 5 + 10·x1 − 3·x2, one full batch of 4 samples per epoch, 8 epochs.
    const xs = [
      [0, 1],
      [1, 0],
      [2, 3],
      [3, 1],
    ];
    const ys = xs.map(([x1, x2]) => 5 + 10 * x1 - 3 * x2);
    for (const clipnorm of [undefined, 1]) {
      const model = tf.sequential();
      model.add(
        tf.layers.dense({ units: 1, inputShape: [2], kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }),
      );
      model.compile({ optimizer: kerasSGD({ learningRate: 0.01, momentum: 0.9, clipnorm }), loss: 'meanSquaredError' });
      let [kernel, bias] = model.getWeights().map((v) => Array.from(v.dataSync()));
      const kernelRule = new KerasSGDByHand(0.01, 0.9, false, clipnorm);
      const biasRule = new KerasSGDByHand(0.01, 0.9, false, clipnorm);

      const [x, y] = [tf.tensor2d(xs), tf.tensor2d(ys, [4, 1])];
      await model.fit(x, y, { epochs: 8, batchSize: 4, shuffle: false, verbose: 0 });
      for (let epoch = 0; epoch < 8; epoch++) {
        // MSE gradients: dL/dk_j = 2/N Σ e·x_j, dL/db = 2/N Σ e, with e = prediction − y.
        const errors = xs.map(([x1, x2], n) => kernel[0] * x1 + kernel[1] * x2 + bias[0] - ys[n]);
        const gKernel = [0, 1].map((j) => (2 / 4) * errors.reduce((s, e, n) => s + e * xs[n][j], 0));
        const gBias = [(2 / 4) * errors.reduce((s, e) => s + e, 0)];
        kernel = kernelRule.step(kernel, gKernel);
        bias = biasRule.step(bias, gBias);
      }
      const [fitKernel, fitBias] = model.getWeights().map((v) => v.dataSync());
      expectClose(fitKernel, kernel);
      expectClose(fitBias, bias);
      tf.dispose([x, y]);
      model.dispose();
    }
  });
});

describe('kerasSGD rejects bad options with a clear error', () => {
  test.each<[unknown, string]>([
    [{ learningRate: 0 }, 'kerasSGD: learningRate must be a positive finite number, got 0'],
    [{ learningRate: NaN }, 'kerasSGD: learningRate must be a positive finite number, got NaN'],
    [{ learningRate: '0.01' }, 'kerasSGD: learningRate must be a positive finite number, got "0.01"'],
    [{ momentum: -0.1 }, 'kerasSGD: momentum must be a number in [0, 1] (as in Keras), got -0.1'],
    [{ momentum: 1.5 }, 'kerasSGD: momentum must be a number in [0, 1] (as in Keras), got 1.5'],
    [{ momentum: NaN }, 'kerasSGD: momentum must be a number in [0, 1] (as in Keras), got NaN'],
    [{ nesterov: 'yes' }, 'kerasSGD: nesterov must be true or false, got "yes"'],
    [{ clipnorm: -1 }, 'kerasSGD: clipnorm must be a positive finite number, got -1'],
    [{ clipvalue: Infinity }, 'kerasSGD: clipvalue must be a positive finite number, got Infinity'],
    [{ clipnorm: 1, globalClipnorm: 1 }, 'kerasSGD: only one of clipnorm, clipvalue and globalClipnorm can be set'],
    [{ learning_rate: 0.01 }, 'kerasSGD: unknown option "learning_rate" (did you mean "learningRate"?)'],
    [{ lr: 0.01 }, 'kerasSGD: unknown option "lr"; expected one of learningRate, momentum, nesterov, clipnorm'],
    [null, 'kerasSGD: options must be an object, got null'],
  ])('%p', (options, message) => {
    expect(() => kerasSGD(options as KerasSGDOptions)).toThrow(message);
  });
});
