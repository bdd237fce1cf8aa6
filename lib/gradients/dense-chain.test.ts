import * as tf from '@tensorflow/tfjs';
import { denseChainData, denseChainGradients, denseChainPlan } from './dense-chain.js';
import { FullSetGradients, lossAndGradients } from './full-set-gradients.js';
import { chainLayers, readWeights, trainableWeightRefs } from './weight-refs.js';

/** A small chain of Dense layers with the given activations, compiled with `loss`. */
function network(activations: string[], loss: string, seed = 3): tf.Sequential {
  const model = tf.sequential();
  activations.forEach((activation, i) =>
    model.add(
      tf.layers.dense({
        units: i === activations.length - 1 ? 2 : 4,
        ...(i === 0 ? { inputShape: [3] } : {}),
        activation: activation as 'tanh',
        kernelInitializer: tf.initializers.glorotUniform({ seed: seed + i }),
        biasInitializer: tf.initializers.randomUniform({ minval: -0.5, maxval: 0.5, seed: seed + 10 + i }),
      }),
    ),
  );
  model.compile({ optimizer: 'sgd', loss });
  return model;
}

const x = tf.randomNormal([64, 3], 0, 1, 'float32', 7);
const y = tf.randomUniform([64, 2], 0, 1, 'float32', 8).round();

/** Largest difference between two gradients, relative to the largest |value| of each weight. */
function relativeDifference(a: ArrayLike<number>[], b: ArrayLike<number>[]): number {
  return Math.max(
    ...a.map((g, i) => {
      const scale = Math.max(...Array.from(b[i], Math.abs), 1e-30);
      return Math.max(...Array.from(g, (v, j) => Math.abs(v - b[i][j]) / scale));
    }),
  );
}

describe('denseChainGradients', () => {
  it.each([
    [['tanh', 'tanh', 'sigmoid'], 'binaryCrossentropy'],
    [['relu', 'linear', 'sigmoid'], 'binaryCrossentropy'],
    [['sigmoid', 'relu', 'linear'], 'meanSquaredError'],
    [['tanh', 'sigmoid', 'tanh'], 'meanSquaredError'],
  ])('%j with %s: the same loss and gradients as tfjs, up to float32 rounding', (activations, loss) => {
    const model = network(activations, loss);
    const refs = trainableWeightRefs(model);
    const plan = denseChainPlan(model, chainLayers(model), refs);
    expect(plan).toBeDefined();
    const before = tf.memory().numTensors;
    const data = denseChainData(plan!, x, y)!;
    const ours = denseChainGradients(plan!, readWeights(refs).each, data.x, data.y);
    expect(tf.memory().numTensors).toBe(before);
    const tfjs = lossAndGradients(model, refs, x, y, 'test');
    const tfjsGrads = tfjs.grads.map((g) => g.dataSync());
    expect(ours.loss).toBeCloseTo(tfjs.loss.dataSync()[0], 5);
    expect(relativeDifference(ours.grads, tfjsGrads)).toBeLessThan(1e-5);
    // FullSetGradients takes this path for such models on the CPU backend, and tfjs' when told not to.
    expect(tf.getBackend()).toBe('cpu');
    const fast = new FullSetGradients(model, x, y, 'test');
    expect(fast.fastPath).toBe(true);
    expect(relativeDifference(fast.compute().grads, ours.grads)).toBe(0);
    const general = new FullSetGradients(model, x, y, 'test', { fastPath: false });
    expect(general.fastPath).toBe(false);
    expect(relativeDifference(general.compute().grads, tfjsGrads)).toBe(0);
    tf.dispose([tfjs.loss, ...tfjs.grads]);
    model.dispose();
  });

  it('leaves to tfjs what it does not compute: other layers, activations, losses, frozen weights', () => {
    const plan = (model: tf.LayersModel) => denseChainPlan(model, chainLayers(model), trainableWeightRefs(model));
    expect(plan(network(['tanh', 'softmax'], 'binaryCrossentropy'))).toBeUndefined();
    expect(plan(network(['tanh', 'sigmoid'], 'categoricalCrossentropy'))).toBeUndefined();
    const withFunction = network(['tanh', 'sigmoid'], 'meanSquaredError');
    withFunction.compile({ optimizer: 'sgd', loss: (a: tf.Tensor, b: tf.Tensor) => tf.losses.meanSquaredError(a, b) });
    expect(plan(withFunction)).toBeUndefined();
    const frozen = network(['tanh', 'sigmoid'], 'meanSquaredError');
    frozen.layers[0].trainable = false;
    expect(plan(frozen)).toBeUndefined();
    const dropout = tf.sequential({
      layers: [tf.layers.dense({ units: 2, inputShape: [3] }), tf.layers.dropout({ rate: 0.5 })],
    });
    dropout.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    expect(plan(dropout)).toBeUndefined();
    // Data of the wrong shape: tfjs computes (and reports the mistake).
    const model = network(['tanh', 'sigmoid'], 'meanSquaredError');
    expect(denseChainData(plan(model)!, tf.zeros([4, 5]), tf.zeros([4, 2]))).toBeUndefined();
  });
});
