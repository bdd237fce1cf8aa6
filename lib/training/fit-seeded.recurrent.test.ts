/**
 * fitSeeded on the lesson's recurrent networks: the fused kernels (the default) train to the same
 * losses and weights as tfjs' own layers (`fuseRecurrent: false`), to float32 rounding, without leaks.
 */
import * as tf from '@tensorflow/tfjs';
import { firstSignSequences } from '../data/index';
import { isFused } from '../recurrent/fused-recurrent';
import { fitSeeded } from './fit-seeded';

type Cell = 'simpleRNN' | 'lstm' | 'gru';

/** The Para ir além notebook's network (8 units, Keras' activations, memory-gate bias) and Adam. */
function network(cell: Cell, steps: number): tf.Sequential {
  const config = {
    units: 8,
    inputShape: [steps, 1],
    kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
    recurrentInitializer: tf.initializers.orthogonal({ seed: 2 }),
  };
  const layer =
    cell === 'simpleRNN' ? tf.layers.simpleRNN(config) : tf.layers[cell]({ ...config, recurrentActivation: 'sigmoid' });
  const model = tf.sequential({ layers: [layer] });
  model.add(
    tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }),
  );
  if (cell !== 'simpleRNN') {
    const [kernel, recurrent, bias] = layer.getWeights();
    const b = bias.arraySync() as number[];
    const start = cell === 'lstm' ? 8 : 0;
    for (let i = start; i < start + 8; i++) b[i] = cell === 'lstm' ? 1 : 2;
    const newBias = tf.tensor1d(b);
    layer.setWeights([kernel, recurrent, newBias]);
    newBias.dispose();
  }
  model.compile({ optimizer: tf.train.adam(0.02), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  return model;
}

describe('fitSeeded with recurrent layers', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each(['simpleRNN', 'lstm', 'gru'] as Cell[])(
    '%s: the fused kernels give the losses and weights of tfjs’ own layer, and leak no tensor',
    async (cell) => {
      const T = 12;
      const d = firstSignSequences({ nSamples: 96, length: T, randomState: 5 });
      const x = tf.tensor3d(d.x, d.xShape);
      const y = tf.tensor2d(d.y, d.yShape);
      const train = async (fuse: boolean) => {
        const model = network(cell, T);
        const before = tf.memory().numTensors;
        const h = await fitSeeded(model, x, y, {
          epochs: 4,
          batchSize: 32,
          seed: 0,
          validationData: [x, y],
          fuseRecurrent: fuse,
        });
        const leaked = tf.memory().numTensors - before;
        expect(isFused(model.layers[0])).toBe(fuse);
        const weights = model.getWeights().map((w) => Array.from(w.dataSync()));
        model.optimizer.dispose();
        model.dispose();
        return { history: h.history as Record<string, number[]>, weights, leaked };
      };
      const generic = await train(false);
      const fused = await train(true);
      // Adam's state: 2 slots per weight, made by the first step; nothing else stays.
      expect(fused.leaked).toBe(generic.leaked);
      for (const key of ['loss', 'acc', 'val_loss', 'val_acc'])
        fused.history[key].forEach((v, i) => expect(Math.abs(v - generic.history[key][i])).toBeLessThan(1e-5));
      fused.weights.forEach((w, i) =>
        w.forEach((v, j) => expect(Math.abs(v - generic.weights[i][j])).toBeLessThan(1e-4)),
      );
      tf.dispose([x, y]);
    },
  );

  it('keeps tf.memory() flat across trainings on the fused path', async () => {
    const d = firstSignSequences({ nSamples: 64, length: 6, randomState: 1 });
    const x = tf.tensor3d(d.x, d.xShape);
    const y = tf.tensor2d(d.y, d.yShape);
    const counts: number[] = [];
    for (let r = 0; r < 3; r++) {
      const model = network('lstm', 6);
      await fitSeeded(model, x, y, { epochs: 2, batchSize: 16, seed: r });
      model.optimizer.dispose();
      model.dispose();
      counts.push(tf.memory().numTensors);
    }
    expect(new Set(counts).size).toBe(1);
    tf.dispose([x, y]);
  });
});
