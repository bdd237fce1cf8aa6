/**
 * The TensorBoard callback on recurrent networks (simpleRNN, LSTM, GRU), read back by TensorBoard 2.21
 * itself: scalars every epoch, weight and gradient histograms of the input, recurrent and output
 * weights, and a Keras graph that TensorBoard's graph plugin turns into nodes of the right classes.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { TensorBoardCallback } from '../lib/callbacks/tensorboard-callback.js';
import { firstSignSequences } from '../lib/data/sequences.js';
import { fitSeeded } from '../lib/training/fit-seeded.js';
import { readWithTensorBoard, TensorBoardDump } from './helpers/tensorboard.js';

const CELLS = { simpleRNN: 'SimpleRNN', lstm: 'LSTM', gru: 'GRU' } as const;
type Cell = keyof typeof CELLS;
const EPOCHS = 3;
const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-recurrent-'));
let dump: TensorBoardDump;
let leaked = 0;

beforeAll(async () => {
  await tf.setBackend('cpu');
  const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  const d = firstSignSequences({ nSamples: 64, length: 6, randomState: 3 });
  const x = tf.tensor3d(d.x, d.xShape);
  const y = tf.tensor2d(d.y, d.yShape);
  const before = tf.memory().numTensors;
  try {
    for (const cell of Object.keys(CELLS) as Cell[]) {
      const config = {
        units: 4,
        inputShape: [6, 1],
        name: cell,
        kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
        recurrentInitializer: tf.initializers.orthogonal({ seed: 2 }),
        ...(cell === 'simpleRNN' ? {} : { recurrentActivation: 'sigmoid' as const }),
      };
      const model = tf.sequential({ name: `rnn_${cell}` });
      model.add(tf.layers[cell](config));
      model.add(tf.layers.dense({ units: 1, activation: 'sigmoid', name: 'saida' }));
      const optimizer = tf.train.adam(0.01);
      model.compile({ optimizer, loss: 'binaryCrossentropy', metrics: ['accuracy'] });
      await fitSeeded(model, x, y, {
        epochs: EPOCHS,
        seed: 0,
        validationData: [x, y],
        callbacks: [new TensorBoardCallback({ x, y, logDir, histogramFreq: 1 })],
      });
      optimizer.dispose();
      model.dispose();
    }
    leaked = tf.memory().numTensors - before;
  } finally {
    log.mockRestore();
    tf.dispose([x, y]);
  }
  dump = readWithTensorBoard(
    logDir,
    Object.keys(CELLS).flatMap((c) => [`rnn_${c}/train`, `rnn_${c}/validation`]),
    {},
  );
}, 600_000);

afterAll(() => fs.rmSync(logDir, { recursive: true, force: true }));

describe.each(Object.keys(CELLS) as Cell[])('TensorBoard reads the logs of a %s training', (cell) => {
  const steps = Array.from({ length: EPOCHS }, (_, i) => i);
  const tag = (run: string, name: string) => {
    const found = dump.runs[`rnn_${cell}/${run}`]?.[name];
    if (!found) throw new Error(`TensorBoard found no tag ${name} in rnn_${cell}/${run}`);
    return found;
  };

  it('scalars every epoch, in both runs', () => {
    for (const name of ['epoch_loss', 'epoch_accuracy']) {
      expect(tag('train', name).points.map((p) => p.step)).toEqual(steps);
      expect(tag('validation', name).points.map((p) => p.step)).toEqual(steps);
    }
  });

  it('weight and gradient histograms of the input, recurrent and output weights', () => {
    for (const weight of [`${cell}/kernel`, `${cell}/recurrent_kernel`, `${cell}/bias`, 'saida/kernel']) {
      for (const name of [`${weight}_0_grads`, `rnn_${cell}/${weight}/histogram`]) {
        const t = tag('train', name);
        expect(t.plugin).toBe('histograms');
        expect(t.points.map((p) => p.step)).toEqual(steps);
        const rows = t.points[0].rows!;
        expect(rows.reduce((s, r) => s + r[2], 0)).toBeGreaterThan(0);
      }
    }
    const norm = tag('train', `${cell}/recurrent_kernel_0_grads/norm`).points.map((p) => Number(p.value));
    norm.forEach((v) => expect(v).toBeGreaterThan(0));
  });

  it('a Keras graph that TensorBoard draws, with the recurrent layer as its class', () => {
    const graph = tag('train', 'keras');
    expect(graph.plugin).toBe('graph_keras_model');
    const nodes = graph.points[0].nodes!;
    const recurrent = nodes.find((n) => n.name.endsWith(cell));
    expect(recurrent?.keras_class).toBe(CELLS[cell]);
    const output = nodes.find((n) => n.name.endsWith('saida'));
    expect(output?.keras_class).toBe('Dense');
    expect(output?.inputs.some((i) => i.endsWith(cell))).toBe(true);
  });
});

it('leaks no tensors', () => {
  expect(leaked).toBe(0);
});
