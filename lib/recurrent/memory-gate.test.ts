import * as tf from '@tensorflow/tfjs';
import { InvalidParameterError } from '../errors/index.js';
import { memoryGate } from './memory-gate';

/**
 * The reference: tfjs' own layer with `returnSequences` gives h_0 … h_{T−1}; the gate is then
 * σ(x_t·K_g + h_{t−1}·R_g + b_g) for the gate's columns g, computed with tf ops.
 */
function referenceGate(kind: 'lstm' | 'gru', layer: tf.layers.Layer, x: tf.Tensor3D, units: number): number[] {
  const [kernel, recurrent, bias] = layer.getWeights();
  const copy = tf.layers[kind]({ units, returnSequences: true, recurrentActivation: 'sigmoid' });
  const hs = copy.apply(x) as tf.Tensor3D; // builds copy
  copy.setWeights([kernel, recurrent, bias]);
  const h = tf.tidy(() => copy.apply(x) as tf.Tensor3D);
  hs.dispose();
  const start = kind === 'lstm' ? units : 0;
  const [batch, steps] = x.shape;
  const perStep: number[] = [];
  for (let t = 0; t < steps; t++) {
    const mean = tf.tidy(() => {
      const xt = x.slice([0, t, 0], [batch, 1, x.shape[2]]).reshape([batch, x.shape[2]]);
      const hPrev =
        t === 0 ? tf.zeros([batch, units]) : h.slice([0, t - 1, 0], [batch, 1, units]).reshape([batch, units]);
      const k = kernel.slice([0, start], [kernel.shape[0], units]);
      const r = recurrent.slice([0, start], [units, units]);
      const b = bias.slice([start], [units]);
      return tf
        .sigmoid(tf.matMul(xt, k).add(tf.matMul(hPrev, r)).add(b))
        .mean()
        .dataSync()[0];
    });
    perStep.push(mean);
  }
  tf.dispose([h]);
  copy.dispose();
  return perStep;
}

describe('memoryGate', () => {
  const x = tf.randomNormal([6, 5, 2], 0, 1, 'float32', 3) as tf.Tensor3D;
  afterAll(() => x.dispose());

  it.each(['lstm', 'gru'] as const)('equals the gate computed from tfjs %s layer outputs', (kind) => {
    const layer = tf.layers[kind]({
      units: 4,
      recurrentActivation: 'sigmoid',
      kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
      recurrentInitializer: tf.initializers.orthogonal({ seed: 2 }),
      biasInitializer: tf.initializers.randomUniform({ minval: -1, maxval: 1, seed: 4 }),
    });
    const model = tf.sequential({ layers: [tf.layers.inputLayer({ inputShape: [5, 2] }), layer] });
    const before = tf.memory().numTensors;
    const g = memoryGate(model, x);
    expect(tf.memory().numTensors).toBe(before);
    const reference = referenceGate(kind, layer, x, 4);
    expect(g.gate).toBe(kind === 'lstm' ? 'forget' : 'update');
    expect(g.layer).toBe(layer.name);
    g.perStep.forEach((v, t) => expect(v).toBeCloseTo(reference[t], 5));
    expect(g.mean).toBeCloseTo(reference.reduce((a, v) => a + v, 0) / 5, 5);
    model.dispose();
  });

  it('starts at σ(bias) when the weights are zero: σ(1) ≈ 0.731 for the LSTM forget-gate bias 1', () => {
    const layer = tf.layers.lstm({
      units: 3,
      kernelInitializer: 'zeros',
      recurrentInitializer: 'zeros',
      recurrentActivation: 'sigmoid',
      unitForgetBias: true,
    });
    const model = tf.sequential({ layers: [tf.layers.inputLayer({ inputShape: [5, 2] }), layer] });
    const g = memoryGate(layer, x);
    expect(g.mean).toBeCloseTo(1 / (1 + Math.exp(-1)), 6);
    model.dispose();
  });

  it('names the bad argument', () => {
    const rnn = tf.sequential({ layers: [tf.layers.simpleRNN({ units: 2, inputShape: [5, 2] })] });
    expect(() => memoryGate(rnn, x)).toThrow(InvalidParameterError);
    expect(() => memoryGate(rnn, x)).toThrow(/modelOrLayer/);
    const lstm = tf.sequential({ layers: [tf.layers.lstm({ units: 2, inputShape: [5, 2] })] });
    expect(() => memoryGate(lstm, tf.zeros([2, 5]))).toThrow(/memoryGate: x must be/);
    rnn.dispose();
    lstm.dispose();
  });
});
