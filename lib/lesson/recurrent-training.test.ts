import * as tf from '@tensorflow/tfjs';
import { trainRecurrentInParallel } from './recurrent-parallel';
import { recurrentNetwork, trainRecurrent, type RecurrentTrainingSpec } from './recurrent-training';

const small = (spec: Partial<RecurrentTrainingSpec>): RecurrentTrainingSpec => ({
  cell: 'lstm',
  steps: 6,
  epochs: 2,
  nTrain: 64,
  nTest: 32,
  ...spec,
});

describe('recurrentNetwork, trainRecurrent, trainRecurrentInParallel', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('builds the notebook network: Keras activations, memory-gate bias 1 (LSTM forget) / 2 (GRU update)', () => {
    const lstm = recurrentNetwork('lstm', 5);
    expect(lstm.layers[0].getConfig()).toMatchObject({ units: 8, recurrentActivation: 'sigmoid' });
    expect(Array.from(lstm.layers[0].getWeights()[2].dataSync())).toEqual([
      ...Array(8).fill(0),
      ...Array(8).fill(1),
      ...Array(16).fill(0),
    ]);
    const gru = recurrentNetwork('gru', 5);
    expect(Array.from(gru.layers[0].getWeights()[2].dataSync())).toEqual([...Array(8).fill(2), ...Array(16).fill(0)]);
    expect(recurrentNetwork('simpleRNN', 5).layers[0].getClassName()).toBe('SimpleRNN');
    lstm.dispose();
    gru.dispose();
  });

  it('takes another memory-gate bias (the notebook exercise), and names a bad one', async () => {
    const lstm = recurrentNetwork('lstm', 5, 0, 4, 3);
    expect(Array.from(lstm.layers[0].getWeights()[2].dataSync())).toEqual([
      ...Array(4).fill(0),
      ...Array(4).fill(3),
      ...Array(8).fill(0),
    ]);
    lstm.dispose();
    await expect(trainRecurrent(small({ memoryGateBias: NaN }))).rejects.toThrow(
      /spec\.memoryGateBias must be a finite number/,
    );
  });

  it('trains reproducibly and leaks no tensor', async () => {
    const before = tf.memory().numTensors;
    const a = await trainRecurrent(small({ seed: 3 }));
    expect(tf.memory().numTensors).toBe(before);
    const b = await trainRecurrent(small({ seed: 3 }));
    expect(b.loss).toEqual(a.loss);
    expect(b.testAccuracy).toBe(a.testAccuracy);
    expect(a.loss).toHaveLength(2);
    expect(a.spec).toMatchObject({
      cell: 'lstm',
      steps: 6,
      seed: 3,
      units: 8,
      learningRate: 0.02,
      trainDataSeed: 1006,
    });
  });

  it('runs trainings in worker threads with the same numbers as one after another (needs lib/dist: npm run build)', async () => {
    const specs = [small({ cell: 'lstm', seed: 1 }), small({ cell: 'gru', seed: 2 }), small({ cell: 'simpleRNN' })];
    const done: number[] = [];
    const parallel = await trainRecurrentInParallel(specs, { workers: 2, onResult: (_, n) => done.push(n) });
    expect(done).toEqual([1, 2, 3]);
    for (const [i, spec] of specs.entries()) {
      const one = await trainRecurrent(spec);
      expect(parallel[i].loss).toEqual(one.loss);
      expect(parallel[i].acc).toEqual(one.acc);
      expect(parallel[i].testAccuracy).toBe(one.testAccuracy);
    }
  });

  it('names the bad argument before any training starts', async () => {
    await expect(trainRecurrent({ cell: 'rnn' as never, steps: 5 })).rejects.toThrow(
      /trainRecurrent: spec.cell must be/,
    );
    await expect(trainRecurrent({ cell: 'lstm', steps: 0 })).rejects.toThrow(/spec.steps must be a positive integer/);
    await expect(trainRecurrentInParallel([small({}), small({ epochs: 1.5 })])).rejects.toThrow(
      /trainRecurrentInParallel \(specs\[1\]\): spec.epochs must be a positive integer/,
    );
    await expect(trainRecurrentInParallel([small({})], { workers: 0 })).rejects.toThrow(/options.workers/);
    await expect(trainRecurrentInParallel([])).resolves.toEqual([]);
  });
});
