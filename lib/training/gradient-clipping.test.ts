import * as tf from '@tensorflow/tfjs';
import { InvalidParameterError } from '../errors/index.js';
import {
  clipGradients,
  getGradientClipping,
  withGradientClipping,
  type GradientClippingOptions,
} from './gradient-clipping.js';

/** Element-wise comparison within float32 rounding. */
function expectClose(actual: ArrayLike<number>, expected: readonly number[], tolerance = 1e-6): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, i) => expect(Math.abs(actual[i] - e)).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(e))));
}

function values(t: tf.Tensor): number[] {
  return Array.from(t.dataSync());
}

/** Zero-initialised variables, one per gradient, so that after one SGD(lr=1) step each weight equals −(clipped gradient). */
function zeroVariables(gradients: number[][]): tf.Variable[] {
  return gradients.map((g) => tf.variable(tf.zeros([g.length])));
}

/** One step of clipped SGD(lr = 1) through `applyGradients` with a name → gradient map; returns the new weights. */
function stepWithMap(gradients: number[][], options: GradientClippingOptions): number[][] {
  const vars = zeroVariables(gradients);
  const grads = gradients.map((g) => tf.tensor1d(g));
  const optimizer = withGradientClipping(tf.train.sgd(1), options);
  optimizer.applyGradients(Object.fromEntries(vars.map((v, i) => [v.name, grads[i]])));
  const result = vars.map(values);
  tf.dispose([...vars, ...grads]);
  optimizer.dispose();
  return result;
}

/** The same step through `applyGradients` with a `[{ name, tensor }]` list. */
function stepWithList(gradients: number[][], options: GradientClippingOptions): number[][] {
  const vars = zeroVariables(gradients);
  const grads = gradients.map((g) => tf.tensor1d(g));
  const optimizer = withGradientClipping(tf.train.sgd(1), options);
  optimizer.applyGradients(vars.map((v, i) => ({ name: v.name, tensor: grads[i] })));
  const result = vars.map(values);
  tf.dispose([...vars, ...grads]);
  optimizer.dispose();
  return result;
}

/** The same step through `optimizer.minimize`: the loss Σ_i (w_i · g_i) has gradient g_i with respect to w_i. */
function stepWithMinimize(gradients: number[][], options: GradientClippingOptions): number[][] {
  const vars = zeroVariables(gradients);
  const grads = gradients.map((g) => tf.tensor1d(g));
  const optimizer = withGradientClipping(tf.train.sgd(1), options);
  optimizer.minimize(() => tf.addN(vars.map((v, i) => tf.sum(tf.mul(v, grads[i])))) as tf.Scalar, false, vars);
  const result = vars.map(values);
  tf.dispose([...vars, ...grads]);
  optimizer.dispose();
  return result;
}

const steps = { applyGradientsMap: stepWithMap, applyGradientsList: stepWithList, minimize: stepWithMinimize };

describe.each(Object.entries(steps))('clipped SGD(lr=1) step via %s', (_, step) => {
  test('clipnorm 1 rescales [3, 4] (norm 5) to [0.6, 0.8]', () => {
    const [w] = step([[3, 4]], { clipnorm: 1 });
    expectClose(w, [-0.6, -0.8]);
  });

  test('clipvalue 1 clips [3, -4, 0.5] element-wise to [1, -1, 0.5]', () => {
    const [w] = step([[3, -4, 0.5]], { clipvalue: 1 });
    expectClose(w, [-1, 1, -0.5]);
  });

  test('globalClipnorm 1 scales [3, 4] and [12] (global norm 13) together', () => {
    const [w1, w2] = step([[3, 4], [12]], { globalClipnorm: 1 });
    expectClose(w1, [-3 / 13, -4 / 13]);
    expectClose(w2, [-12 / 13]);
  });

  test('clipnorm clips each tensor on its own: [3, 4] → [0.6, 0.8], [12] → [1], [0.5] untouched', () => {
    const [w1, w2, w3] = step([[3, 4], [12], [0.5]], { clipnorm: 1 });
    expectClose(w1, [-0.6, -0.8]);
    expectClose(w2, [-1]);
    expect(w3).toEqual([-0.5]);
  });

  test.each<[string, GradientClippingOptions, number[][]]>([
    ['clipnorm 1 on [0.3, -0.4] (norm 0.5)', { clipnorm: 1 }, [[0.3, -0.4]]],
    ['clipnorm 5 on [3, 4] (norm exactly 5)', { clipnorm: 5 }, [[3, 4]]],
    ['clipvalue 1 on [0.5, -1, 0.25]', { clipvalue: 1 }, [[0.5, -1, 0.25]]],
    ['globalClipnorm 20 on [3, 4] and [12] (global norm 13)', { globalClipnorm: 20 }, [[3, 4], [12]]],
    ['globalClipnorm 13 on [3, 4] and [12] (global norm exactly 13)', { globalClipnorm: 13 }, [[3, 4], [12]]],
  ])('gradients within the limit are untouched: %s', (_, options, gradients) => {
    const weights = step(gradients, options);
    const unclipped = gradients.map((g) => Array.from(Float32Array.from(g, (x) => -x)));
    expect(weights).toEqual(unclipped);
  });
});

describe('clipGradients (the Keras rules on a list of tensors)', () => {
  function clip(gradients: number[][], options: GradientClippingOptions): number[][] {
    const inputs = gradients.map((g) => tf.tensor1d(g));
    const clipped = clipGradients(inputs, options);
    const result = clipped.map((t) => (t === null ? [] : values(t)));
    tf.dispose([...inputs, ...clipped.filter((t): t is tf.Tensor => t !== null)]);
    return result;
  }

  test('globalClipnorm: a NaN or Infinity anywhere makes every gradient NaN (like tf.clip_by_global_norm)', () => {
    for (const bad of [Infinity, -Infinity, NaN]) {
      const [g1, g2] = clip([[3, 4], [bad]], { globalClipnorm: 1 });
      expect(g1.every(Number.isNaN)).toBe(true);
      expect(g2.every(Number.isNaN)).toBe(true);
    }
  });

  test('clipnorm: an infinite element zeroes the finite ones and becomes NaN; a NaN poisons only its own tensor', () => {
    const [inf, nan, fine] = clip(
      [
        [Infinity, 1],
        [NaN, 1],
        [3, 4],
      ],
      { clipnorm: 1 },
    );
    expect(Number.isNaN(inf[0])).toBe(true);
    expect(inf[1]).toBe(0);
    expect(nan.every(Number.isNaN)).toBe(true);
    expectClose(fine, [0.6, 0.8]);
  });

  test('clipvalue: ±Infinity is clipped to ±c, NaN stays NaN', () => {
    const [g] = clip([[Infinity, -Infinity, NaN]], { clipvalue: 2 });
    expect(g.slice(0, 2)).toEqual([2, -2]);
    expect(Number.isNaN(g[2])).toBe(true);
  });

  test('null gradients stay null and do not count towards the global norm', () => {
    const a = tf.tensor1d([3, 4]);
    const b = tf.tensor1d([12]);
    const clipped = clipGradients([a, null, b, undefined], { globalClipnorm: 1 });
    expect(clipped[1]).toBeNull();
    expect(clipped[3]).toBeNull();
    expectClose(values(clipped[0]!), [3 / 13, 4 / 13]);
    expectClose(values(clipped[2]!), [12 / 13]);
    tf.dispose([a, b, clipped[0]!, clipped[2]!]);
  });

  test('returns new tensors, even without clipping, and leaves its inputs alone', () => {
    const g = tf.tensor1d([3, 4]);
    const before = tf.memory().numTensors;
    const [same] = clipGradients([g], {});
    expect(same).not.toBe(g);
    expect(values(same!)).toEqual([3, 4]);
    expect(tf.memory().numTensors).toBe(before + 1);
    same!.dispose();
    expect(g.isDisposed).toBe(false);
    expect(values(g)).toEqual([3, 4]);
    g.dispose();
  });

  test('higher-rank gradients use the norm over all their elements', () => {
    const g = tf.tensor2d([
      [3, 0],
      [0, 4],
    ]);
    const [clipped] = clipGradients([g], { clipnorm: 1 });
    expectClose(values(clipped!), [0.6, 0, 0, 0.8]);
    tf.dispose([g, clipped!]);
  });
});

describe('withGradientClipping works with every tfjs optimizer', () => {
  const factories: Record<string, () => tf.Optimizer> = {
    sgd: () => tf.train.sgd(0.1),
    momentum: () => tf.train.momentum(0.1, 0.9),
    adam: () => tf.train.adam(0.1),
    adamax: () => tf.train.adamax(0.1),
    adagrad: () => tf.train.adagrad(0.1),
    adadelta: () => tf.train.adadelta(0.1),
    rmsprop: () => tf.train.rmsprop(0.1, 0.9, 0.5),
  };
  // Gradients for 3 steps and 2 variables; the clipnorm-1 versions are computed by hand.
  const raw = [
    [[3, 4], [12]],
    [[0.3, 0.4], [-2]],
    [[-6, 8], [0.5]],
  ];
  const clippedByHand = [
    [[0.6, 0.8], [1]],
    [[0.3, 0.4], [-1]],
    [[-0.6, 0.8], [0.5]],
  ];

  test.each(Object.keys(factories))(
    '%s: clipped optimizer on raw gradients = plain optimizer on hand-clipped gradients',
    (name) => {
      const run = (optimizer: tf.Optimizer, gradients: number[][][]): number[][] => {
        const vars = [tf.variable(tf.tensor1d([1, -1])), tf.variable(tf.tensor1d([2]))];
        for (const step of gradients) {
          const grads = step.map((g) => tf.tensor1d(g));
          optimizer.applyGradients(vars.map((v, i) => ({ name: v.name, tensor: grads[i] })));
          tf.dispose(grads);
        }
        const result = vars.map(values);
        tf.dispose(vars);
        optimizer.dispose();
        return result;
      };
      const clipped = run(withGradientClipping(factories[name](), { clipnorm: 1 }), raw);
      const reference = run(factories[name](), clippedByHand);
      const unclipped = run(factories[name](), raw);
      clipped.forEach((w, i) => expectClose(w, reference[i], 1e-5));
      expect(clipped).not.toEqual(unclipped);
    },
  );
});

describe('through model.fit and model.trainOnBatch', () => {
  // y = w·x + b with w = b = 0 on x = [1, 2], y = [3, 5] (one batch of 2). MSE gradients:
  // dL/dw = 2/N Σ (ŷ − y)·x = (−3·1 − 5·2) = −13, dL/db = 2/N Σ (ŷ − y) = −8; global norm √233.
  function tinyModel(options: GradientClippingOptions): tf.Sequential {
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 1, inputShape: [1], kernelInitializer: 'zeros', biasInitializer: 'zeros' }));
    model.compile({ optimizer: withGradientClipping(tf.train.sgd(0.1), options), loss: 'meanSquaredError' });
    return model;
  }
  const x = () => tf.tensor2d([[1], [2]]);
  const y = () => tf.tensor2d([[3], [5]]);
  const weights = (model: tf.LayersModel) => model.getWeights().map((w) => values(w)[0]);
  const expected: Array<[string, GradientClippingOptions, number[]]> = [
    ['clipnorm 1', { clipnorm: 1 }, [0.1, 0.1]],
    ['clipvalue 2', { clipvalue: 2 }, [0.2, 0.2]],
    ['globalClipnorm 1', { globalClipnorm: 1 }, [(0.1 * 13) / Math.sqrt(233), (0.1 * 8) / Math.sqrt(233)]],
    ['no clipping', {}, [1.3, 0.8]],
  ];

  test.each(expected)('fit, %s: one step gives the hand-computed weights', async (_, options, [w, b]) => {
    const model = tinyModel(options);
    const [xs, ys] = [x(), y()];
    await model.fit(xs, ys, { epochs: 1, batchSize: 2, shuffle: false, verbose: 0 });
    expectClose(weights(model), [w, b]);
    tf.dispose([xs, ys]);
    model.dispose();
  });

  test.each(expected)('trainOnBatch, %s: one step gives the hand-computed weights', async (_, options, [w, b]) => {
    const model = tinyModel(options);
    const [xs, ys] = [x(), y()];
    const loss = await model.trainOnBatch(xs, ys);
    expect(loss).toBeCloseTo((9 + 25) / 2, 5);
    expectClose(weights(model), [w, b]);
    tf.dispose([xs, ys]);
    model.dispose();
  });
});

describe('no tensor leaks', () => {
  test.each<GradientClippingOptions>([{ clipnorm: 1 }, { clipvalue: 1 }, { globalClipnorm: 1 }, {}])(
    'minimize and applyGradients with %p keep tf.memory().numTensors constant',
    (options) => {
      const w = tf.variable(tf.tensor1d([1, 2, 3]));
      const target = tf.tensor1d([30, -40, 50]);
      // Typed as tf.Optimizer: tfjs declares MomentumOptimizer.applyGradients as taking variables, not tensors.
      const optimizer: tf.Optimizer = withGradientClipping(tf.train.momentum(0.1, 0.9), options);
      const loss = () => tf.sum(tf.square(tf.sub(w, target))) as tf.Scalar;
      optimizer.minimize(loss); // the first step creates the momentum accumulator
      const before = tf.memory().numTensors;
      for (let i = 0; i < 5; i++) optimizer.minimize(loss);
      const grad = tf.tensor1d([5, 5, 5]);
      for (let i = 0; i < 5; i++) optimizer.applyGradients({ [w.name]: grad });
      expect(grad.isDisposed).toBe(false); // the caller's gradient is not disposed
      grad.dispose();
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([w, target]);
      optimizer.dispose();
    },
  );

  test('model.fit with clipping keeps tf.memory().numTensors constant across epochs', async () => {
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 4, inputShape: [2], activation: 'tanh' }));
    model.add(tf.layers.dense({ units: 1 }));
    model.compile({
      optimizer: withGradientClipping(tf.train.sgd(0.1), { globalClipnorm: 0.5 }),
      loss: 'meanSquaredError',
    });
    const xs = tf.randomNormal([20, 2]);
    const ys = tf.randomNormal([20, 1]);
    await model.fit(xs, ys, { epochs: 1, batchSize: 8, verbose: 0 });
    const before = tf.memory().numTensors;
    await model.fit(xs, ys, { epochs: 5, batchSize: 8, verbose: 0 });
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([xs, ys]);
    model.dispose();
  });
});

describe('configuration and serialization', () => {
  test("getConfig keeps the optimizer's own config and adds the clipping option", () => {
    const optimizer = withGradientClipping(tf.train.momentum(0.01, 0.9), { globalClipnorm: 2 });
    expect(optimizer.getConfig()).toEqual({ learningRate: 0.01, momentum: 0.9, useNesterov: false, globalClipnorm: 2 });
    expect(optimizer.getClassName()).toBe('Momentum');
    const restored = tf.MomentumOptimizer.fromConfig<tf.MomentumOptimizer>(tf.MomentumOptimizer, optimizer.getConfig());
    expect(restored.getConfig()).toEqual({ learningRate: 0.01, momentum: 0.9, useNesterov: false });
    optimizer.dispose();
    restored.dispose();
  });

  test('only the given instance is patched, not the class', () => {
    const clipped = withGradientClipping(tf.train.sgd(0.1), { clipvalue: 1 });
    const plain = tf.train.sgd(0.1);
    expect(plain.getConfig()).toEqual({ learningRate: 0.1 });
    expect(Object.prototype.hasOwnProperty.call(plain, 'applyGradients')).toBe(false);
    expect(tf.SGDOptimizer.prototype.applyGradients).toBe(plain.applyGradients);
    expect(clipped.applyGradients).not.toBe(plain.applyGradients);
    clipped.dispose();
    plain.dispose();
  });

  test('a model compiled with a clipped optimizer can be saved with its optimizer and loaded again', async () => {
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 1, inputShape: [1] }));
    model.compile({ optimizer: withGradientClipping(tf.train.sgd(0.01), { clipnorm: 1 }), loss: 'meanSquaredError' });
    const xs = tf.tensor2d([[1], [2]]);
    const ys = tf.tensor2d([[3], [5]]);
    await model.fit(xs, ys, { epochs: 2, verbose: 0 });
    let saved: tf.io.ModelArtifacts | undefined;
    await model.save(
      tf.io.withSaveHandler(async (artifacts) => {
        saved = artifacts;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
      { includeOptimizer: true },
    );
    expect(saved?.trainingConfig?.optimizer_config).toEqual({
      class_name: 'SGD',
      config: { learningRate: 0.01, clipnorm: 1 },
    });
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(saved!));
    expect(loaded.optimizer.getConfig()).toEqual({ learningRate: 0.01 });
    expect(loaded.getWeights().map(values)).toEqual(model.getWeights().map(values));
    tf.dispose([xs, ys]);
    model.dispose();
    loaded.dispose();
  });

  test('calling it again replaces the clipping, {} switches it off, getGradientClipping reports it', () => {
    const optimizer = tf.train.sgd(1);
    expect(getGradientClipping(optimizer)).toEqual({});
    expect(withGradientClipping(optimizer, { clipnorm: 1 })).toBe(optimizer);
    expect(getGradientClipping(optimizer)).toEqual({ clipnorm: 1 });
    withGradientClipping(optimizer, { clipvalue: 2 });
    expect(getGradientClipping(optimizer)).toEqual({ clipvalue: 2 });
    expect(optimizer.getConfig()).toEqual({ learningRate: 1, clipvalue: 2 });

    const w = tf.variable(tf.zeros([2]));
    const g = tf.tensor1d([3, 4]);
    optimizer.applyGradients({ [w.name]: g });
    expect(values(w)).toEqual([-2, -2]); // clipvalue 2 only, not clipnorm 1 as well
    withGradientClipping(optimizer, {});
    expect(getGradientClipping(optimizer)).toEqual({});
    expect(optimizer.getConfig()).toEqual({ learningRate: 1 });
    optimizer.applyGradients({ [w.name]: g });
    expect(values(w)).toEqual([-5, -6]);
    tf.dispose([w, g]);
    optimizer.dispose();
  });
});

describe('bad options throw a clear error naming the option', () => {
  const optimizer = tf.train.sgd(0.1);
  afterAll(() => optimizer.dispose());
  const call = (options: unknown) => () => withGradientClipping(optimizer, options as GradientClippingOptions);

  test.each<[string, unknown]>([
    ['-1', -1],
    ['0', 0],
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['-Infinity', -Infinity],
    ['"1"', '1'],
    ['null', null],
    ['true', true],
    ['[1]', [1]],
  ])('clipnorm, clipvalue and globalClipnorm = %s', (shown, bad) => {
    for (const key of ['clipnorm', 'clipvalue', 'globalClipnorm']) {
      expect(call({ [key]: bad })).toThrow(
        `withGradientClipping: ${key} must be a positive finite number, got ${shown}`,
      );
    }
  });

  test('the exact message for clipnorm -1', () => {
    expect(call({ clipnorm: -1 })).toThrow(
      new InvalidParameterError('withGradientClipping', 'clipnorm', 'must be a positive finite number, got -1'),
    );
  });

  test('two options at once (Keras forbids it)', () => {
    expect(call({ clipnorm: 1, clipvalue: 0.5 })).toThrow(
      'withGradientClipping: only one of clipnorm, clipvalue and globalClipnorm can be set (as in Keras). ' +
        'Received: clipnorm=1, clipvalue=0.5, globalClipnorm=undefined',
    );
    expect(call({ clipnorm: 1, globalClipnorm: 1 })).toThrow(/only one of clipnorm, clipvalue and globalClipnorm/);
    expect(call({ clipvalue: 1, globalClipnorm: 1 })).toThrow(/only one of clipnorm, clipvalue and globalClipnorm/);
  });

  test('unknown keys, with a hint for Python or camelCase spellings', () => {
    expect(call({ global_clipnorm: 1 })).toThrow(
      'withGradientClipping: unknown option "global_clipnorm" (did you mean "globalClipnorm"?); expected one of clipnorm, clipvalue, globalClipnorm',
    );
    expect(call({ clipNorm: 1 })).toThrow('unknown option "clipNorm" (did you mean "clipnorm"?)');
    expect(call({ learningRate: 0.1 })).toThrow('withGradientClipping: unknown option "learningRate"; expected one of');
  });

  test('options that are not an object, and a first argument that is not an optimizer', () => {
    expect(call(null)).toThrow('withGradientClipping: options must be an object, got null');
    expect(call(1)).toThrow('withGradientClipping: options must be an object, got 1');
    expect(() => withGradientClipping({} as tf.Optimizer, { clipnorm: 1 })).toThrow(
      'withGradientClipping: optimizer must be a tf.Optimizer, got an object',
    );
    expect(() => withGradientClipping(null as unknown as tf.Optimizer, { clipnorm: 1 })).toThrow(
      'withGradientClipping: optimizer must be a tf.Optimizer, got null',
    );
  });

  test('clipGradients checks its options the same way', () => {
    expect(() => clipGradients([], { clipvalue: -2 })).toThrow(
      'clipGradients: clipvalue must be a positive finite number, got -2',
    );
  });

  test('a failed call leaves the optimizer unchanged', () => {
    const sgd = withGradientClipping(tf.train.sgd(0.1), { clipnorm: 1 });
    expect(() => withGradientClipping(sgd, { clipnorm: 1, clipvalue: 1 })).toThrow();
    expect(getGradientClipping(sgd)).toEqual({ clipnorm: 1 });
    sgd.dispose();
  });
});
