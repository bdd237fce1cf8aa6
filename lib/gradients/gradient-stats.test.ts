import * as tf from '@tensorflow/tfjs';
import { matrix } from '../data/matrix.js';
import { gradientStats } from './gradient-stats.js';
import { summarizeValues } from './summarize-values.js';

/** y = w·x + b with w = 2, b = 1, compiled with MSE. */
function linearModel(name = 'linear'): tf.Sequential {
  const model = tf.sequential({ name });
  model.add(tf.layers.dense({ units: 1, inputShape: [1], name: `${name}_dense` }));
  model.layers[0].setWeights([tf.tensor2d([[2]]), tf.tensor1d([1])]);
  model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
  return model;
}

describe('summarizeValues', () => {
  it('gives mean |v|, the L2 norm, the largest |v| and finiteness, over a slice', () => {
    expect(summarizeValues([3, -4])).toEqual({ size: 2, meanAbs: 3.5, norm: 5, maxAbs: 4, finite: true });
    expect(summarizeValues([100, 3, -4, 100], 1, 3)).toEqual({
      size: 2,
      meanAbs: 3.5,
      norm: 5,
      maxAbs: 4,
      finite: true,
    });
    expect(summarizeValues([])).toEqual({ size: 0, meanAbs: 0, norm: 0, maxAbs: 0, finite: true });
  });

  it('lets NaN and Infinity show, and keeps the norm of huge finite values finite', () => {
    const nan = summarizeValues([1, NaN, 2]);
    expect(nan.finite).toBe(false);
    expect(nan.meanAbs).toBeNaN();
    expect(nan.norm).toBeNaN();
    expect(nan.maxAbs).toBeNaN();
    const inf = summarizeValues([1, -Infinity]);
    expect(inf).toMatchObject({ finite: false, meanAbs: Infinity, norm: Infinity, maxAbs: Infinity });
    const huge = summarizeValues([3e200, 4e200]);
    expect(huge.finite).toBe(true);
    expect(huge.norm / 5e200).toBeCloseTo(1, 12);
  });
});

describe('gradientStats', () => {
  it('matches the gradient worked out by hand for a linear model and MSE', () => {
    const model = linearModel();
    // predictions 3, 5, 7 against 0: loss = (9 + 25 + 49) / 3; dL/dw = 2/3·(3·1 + 5·2 + 7·3); dL/db = 2/3·(3 + 5 + 7)
    const s = gradientStats(model, tf.tensor2d([[1], [2], [3]]), tf.tensor2d([[0], [0], [0]]));
    expect(s.loss).toBeCloseTo(83 / 3, 4);
    expect(s.weights.map((w) => [w.name, w.layer, w.param, w.size])).toEqual([
      ['linear_dense/kernel', 'linear_dense', 'kernel', 1],
      ['linear_dense/bias', 'linear_dense', 'bias', 1],
    ]);
    expect(s.weights[0].meanAbs).toBeCloseTo(68 / 3, 4);
    expect(s.weights[0].norm).toBeCloseTo(68 / 3, 4);
    expect(s.weights[1].meanAbs).toBeCloseTo(10, 4);
    expect(s.weights.every((w) => w.finite)).toBe(true);
    expect(s.kernels).toEqual([s.weights[0]]);
    model.dispose();
  });

  it('accepts Matrices, arrays of rows and flat label arrays, and reshapes [n] labels to the [n, 1] output', () => {
    const model = linearModel('linear_inputs');
    const fromTensors = gradientStats(model, tf.tensor2d([[1], [2], [3]]), tf.tensor2d([[0], [1], [0]]));
    const fromMatrix = gradientStats(model, matrix(Float64Array.from([1, 2, 3]), [3, 1]), Int32Array.from([0, 1, 0]));
    const fromRows = gradientStats(model, [[1], [2], [3]], [0, 1, 0]);
    const fromFlatTensor = gradientStats(model, tf.tensor2d([[1], [2], [3]]), tf.tensor1d([0, 1, 0]));
    for (const other of [fromMatrix, fromRows, fromFlatTensor]) expect(other).toEqual(fromTensors);
    model.dispose();
  });
});
