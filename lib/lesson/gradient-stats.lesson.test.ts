/**
 * gradientStats on the lesson's own networks: weight names as the logs use them, the Dense fast path
 * against tfjs' model.apply, the chain inside a Sequential, and the errors a notebook can run into.
 */
import * as tf from '@tensorflow/tfjs';
import { gradientStats } from '../gradients/index';
import { chainLayers, trainableWeightRefs } from '../gradients/internal';
import { lessonData, lessonNetworks } from './networks';

describe("gradientStats on the lesson's networks", () => {
  it('names weights as their layers do, without the suffix tfjs adds when a model is built again', () => {
    const first = lessonNetworks(1).modelo_fundo;
    const again = lessonNetworks(1).modelo_fundo;
    expect(again.trainableWeights[0].name).not.toBe('funda_1/kernel'); // tfjs made it unique
    const names = trainableWeightRefs(again).map((r) => r.name);
    expect(names).toEqual(trainableWeightRefs(first).map((r) => r.name));
    expect(names.slice(0, 4)).toEqual(['funda_1/kernel', 'funda_1/bias', 'funda_2/kernel', 'funda_2/bias']);
    expect(names.slice(-2)).toEqual(['funda_output/kernel', 'funda_output/bias']);
    first.dispose();
    again.dispose();
  });

  it('gives the gradients model.apply gives (the fast path for Dense chains), and leaks no tensor', () => {
    const d = lessonData();
    const model = lessonNetworks(1).modelo_fundo;
    model.compile({ optimizer: tf.train.sgd(0.01), loss: 'binaryCrossentropy' });
    // The same layers (and weights) in a functional model: computed through model.apply.
    const input = tf.input({ shape: [2] });
    let out = input as tf.SymbolicTensor;
    for (const layer of model.layers) out = layer.apply(out) as tf.SymbolicTensor;
    const functional = tf.model({ inputs: input, outputs: out, name: 'funcional' });
    functional.compile({ optimizer: tf.train.sgd(0.01), loss: 'binaryCrossentropy' });
    expect(chainLayers(functional)).toBeUndefined();
    expect(chainLayers(model)).toEqual(model.layers);

    const before = tf.memory().numTensors;
    const fast = gradientStats(model, d.trainX, d.trainY);
    const general = gradientStats(functional, d.trainX, d.trainY);
    expect(tf.memory().numTensors).toBe(before);
    expect(fast.kernels.map((k) => k.layer)).toEqual([
      'funda_1',
      'funda_2',
      'funda_3',
      'funda_4',
      'funda_5',
      'funda_output',
    ]);
    expect(general.loss).toBeCloseTo(fast.loss, 6);
    fast.weights.forEach((w, i) => {
      expect(general.weights[i].name).toBe(w.name);
      expect(Math.abs(general.weights[i].meanAbs - w.meanAbs)).toBeLessThanOrEqual(1e-5 * w.meanAbs);
      expect(Math.abs(general.weights[i].norm - w.norm)).toBeLessThanOrEqual(1e-5 * w.norm);
    });
    model.dispose();
  });

  it('finds the chain inside a Sequential (the model tfjs hands to model.fit callbacks)', () => {
    const model = lessonNetworks(1).modelo_raso;
    model.compile({ optimizer: tf.train.sgd(0.01), loss: 'binaryCrossentropy' });
    const inner = (model as unknown as { model: tf.LayersModel }).model;
    expect(inner.name).toBe('modelo_raso_model');
    expect(inner.layers.map((l) => l.getClassName())).toEqual(['InputLayer', 'Dense', 'Dense']);
    expect(chainLayers(inner)).toEqual(model.layers);
    const d = lessonData();
    expect(gradientStats(inner, d.trainX, d.trainY)).toEqual(gradientStats(model, d.trainX, d.trainY));
    model.dispose();
  });

  it('explains what is wrong with its input', () => {
    const model = lessonNetworks(1).modelo_raso;
    expect(() => gradientStats(model, [[0, 0]], [0])).toThrow(
      /gradientStats: the model "modelo_raso" must be compiled/,
    );
    model.compile({ optimizer: tf.train.sgd(0.01), loss: 'binaryCrossentropy' });
    expect(() =>
      gradientStats(
        model,
        [
          [0, 0],
          [1, 1],
        ],
        [0],
      ),
    ).toThrow('gradientStats: x has 2 samples but y has 1');
    expect(() => gradientStats(model, 'x' as never, [0])).toThrow(/gradientStats: x: expected a tensor/);
    const gone = tf.tensor2d([[0, 0]]);
    gone.dispose();
    expect(() => gradientStats(model, gone, [0])).toThrow('gradientStats: x: the tensor has been disposed');
    model.dispose();
  });
});
