/**
 * The Para ir além notebook's recurrent training as one function of plain data: build its network
 * (one recurrent layer of 8 units with Keras' activations and memory-gate bias, Dense(1, sigmoid)),
 * train it with Adam on `firstSignSequences` through `fitSeeded` (the fused kernels), and measure the
 * test accuracy. Plain data in and out, so that independent trainings (seeds, cells, lengths) can run
 * in worker threads (`trainRecurrentInParallel`) with the same numbers as one after another.
 */
import * as tf from '@tensorflow/tfjs';
import { firstSignSequences } from '../data/index.js';
import { checkObject, InvalidParameterError } from '../errors/index.js';
import { fitSeeded, seedSequence } from '../training/index.js';

/** A recurrent cell of the lesson. */
export type RecurrentCell = 'simpleRNN' | 'lstm' | 'gru';
const CELLS: readonly string[] = ['simpleRNN', 'lstm', 'gru'];

/** One training: which cell, sequence length and seed; the rest defaults to the notebook's values. */
export interface RecurrentTrainingSpec {
  cell: RecurrentCell;
  /** Sequence length T. */
  steps: number;
  /** Seed of the initial weights (`seedSequence(seed)`, as the notebook's `criarRede`; default 0). */
  seed?: number;
  /** Seed of the batch shuffling (default 0). */
  shuffleSeed?: number;
  units?: number;
  epochs?: number;
  batchSize?: number;
  learningRate?: number;
  nTrain?: number;
  nTest?: number;
  /** `randomState` of the training and test sequences (default 1000 + steps and 2000 + steps). */
  trainDataSeed?: number;
  testDataSeed?: number;
  /**
   * Initial bias of the gate that keeps the memory: the LSTM's forget gate (default 1, Keras'
   * `unit_forget_bias`) or the GRU's update gate (default 2); ignored by the simple RNN.
   */
  memoryGateBias?: number;
}

/** What {@link trainRecurrent} measured. */
export interface RecurrentTrainingResult {
  /** The spec with every default filled in. */
  spec: Required<RecurrentTrainingSpec>;
  /** Training loss and accuracy per epoch. */
  loss: number[];
  acc: number[];
  testLoss: number;
  testAccuracy: number;
  /** Wall time of the training (`fitSeeded`) alone. */
  seconds: number;
}

/** The spec with the notebook's defaults; throws naming the bad field. */
export function completeSpec(spec: RecurrentTrainingSpec, where = 'trainRecurrent'): Required<RecurrentTrainingSpec> {
  checkObject(where, 'spec', spec, "an object like { cell: 'lstm', steps: 40, seed: 0 }");
  if (!CELLS.includes(spec.cell))
    throw new InvalidParameterError(where, 'spec.cell', `must be 'simpleRNN', 'lstm' or 'gru', got ${spec.cell}`);
  const full = {
    seed: 0,
    shuffleSeed: 0,
    units: 8,
    epochs: 10,
    batchSize: 32,
    learningRate: 0.02,
    nTrain: 512,
    nTest: 512,
    trainDataSeed: 1000 + spec.steps,
    testDataSeed: 2000 + spec.steps,
    memoryGateBias: defaultMemoryGateBias(spec.cell),
    ...spec,
  };
  for (const key of ['steps', 'units', 'epochs', 'batchSize', 'nTrain', 'nTest'] as const)
    if (!Number.isInteger(full[key]) || full[key] < 1)
      throw new InvalidParameterError(where, `spec.${key}`, `must be a positive integer, got ${full[key]}`);
  if (!Number.isFinite(full.memoryGateBias))
    throw new InvalidParameterError(
      where,
      'spec.memoryGateBias',
      `must be a finite number, got ${full.memoryGateBias}`,
    );
  if (!(full.learningRate > 0))
    throw new InvalidParameterError(where, 'spec.learningRate', `must be positive, got ${full.learningRate}`);
  return full;
}

/** The lesson's initial bias of the memory gate: LSTM forget gate 1 (as Keras), GRU update gate 2. */
export function defaultMemoryGateBias(cell: RecurrentCell): number {
  return cell === 'lstm' ? 1 : cell === 'gru' ? 2 : 0;
}

/**
 * The notebook's network (its `criarRede`): `cell` with `units` units over `[steps, 1]` (tfjs' lstm
 * and gru with `recurrentActivation: 'sigmoid'`, the memory gate's bias `memoryGateBias`: by default
 * LSTM forget gate 1, GRU update gate 2) and Dense(1, sigmoid); initial weights from
 * `seedSequence(seed)`. Not compiled.
 */
export function recurrentNetwork(
  cell: RecurrentCell,
  steps: number,
  seed = 0,
  units = 8,
  memoryGateBias = defaultMemoryGateBias(cell),
): tf.Sequential {
  const { cell: c } = completeSpec({ cell, steps, seed, units, memoryGateBias }, 'recurrentNetwork');
  const semente = seedSequence(seed);
  const config = {
    units,
    inputShape: [steps, 1],
    kernelInitializer: tf.initializers.glorotUniform({ seed: semente() }),
    recurrentInitializer: tf.initializers.orthogonal({ seed: semente() }),
    name: c,
  };
  const layer =
    c === 'simpleRNN' ? tf.layers.simpleRNN(config) : tf.layers[c]({ ...config, recurrentActivation: 'sigmoid' });
  const model = tf.sequential({ name: `rnn_${c}_T${steps}` });
  model.add(layer);
  const output = { seed: semente() };
  model.add(
    tf.layers.dense({
      units: 1,
      activation: 'sigmoid',
      kernelInitializer: tf.initializers.glorotUniform(output),
      name: 'saida',
    }),
  );
  if (c !== 'simpleRNN') {
    const [kernel, recurrent, bias] = layer.getWeights();
    const b = bias.arraySync() as number[];
    const start = c === 'lstm' ? units : 0;
    for (let i = start; i < start + units; i++) b[i] = memoryGateBias;
    const newBias = tf.tensor1d(b);
    layer.setWeights([kernel, recurrent, newBias]);
    newBias.dispose();
  }
  return model;
}

/** One training as the notebook's `treinarRede` does it (without callbacks); every tensor is disposed. */
export async function trainRecurrent(spec: RecurrentTrainingSpec): Promise<RecurrentTrainingResult> {
  const s = completeSpec(spec);
  const data = (n: number, seed: number) => {
    const d = firstSignSequences({ nSamples: n, length: s.steps, randomState: seed });
    return [tf.tensor3d(d.x, d.xShape), tf.tensor2d(d.y, d.yShape)] as const;
  };
  const [x, y] = data(s.nTrain, s.trainDataSeed);
  const [xTest, yTest] = data(s.nTest, s.testDataSeed);
  const model = recurrentNetwork(s.cell, s.steps, s.seed, s.units, s.memoryGateBias);
  try {
    model.compile({ optimizer: tf.train.adam(s.learningRate), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
    const start = performance.now();
    const h = await fitSeeded(model, x, y, { epochs: s.epochs, batchSize: s.batchSize, seed: s.shuffleSeed });
    const seconds = (performance.now() - start) / 1000;
    const evaluated = model.evaluate(xTest, yTest, { batchSize: s.nTest }) as tf.Scalar[];
    const [testLoss, testAccuracy] = evaluated.map((t) => t.dataSync()[0]);
    tf.dispose(evaluated);
    const history = h.history as Record<string, number[]>;
    return { spec: s, loss: history.loss, acc: history.acc, testLoss, testAccuracy, seconds };
  } finally {
    model.optimizer?.dispose();
    model.dispose();
    tf.dispose([x, y, xTest, yTest]);
  }
}
