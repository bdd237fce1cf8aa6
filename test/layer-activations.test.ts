/**
 * The lesson's claim "a tanh satura" in `modelo_fundo`, measured at initialization on the training
 * inputs (seeds 1, 2 and 3: `lessonNetworks(seed)` gives the notebooks' initial weights): in the
 * uniform-[0, 1] network the activations spread towards ±1 layer after layer, until most of the
 * last hidden layer's values are beyond ±0.9 and the mean tanh′ is below 0.2; in the Xavier network
 * hardly any hidden value goes beyond ±0.9. And TensorBoard 2.21 reads the activation histograms we
 * write.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { writeActivationHistograms } from '../lib/callbacks/activation-histograms.js';
import { layerActivations, summarizeActivations } from '../lib/gradients/layer-activations.js';
import { lessonData, lessonNetworks } from '../lib/lesson/networks.js';
import { runModel } from '../lib/lesson/run-model.js';
import { SummaryWriter } from '../lib/tensorboard/summary-writer.js';
import { readWithTensorBoard } from './helpers/tensorboard.js';

const data = lessonData();
const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'activations-integration-'));
afterAll(() => fs.rmSync(logDir, { recursive: true, force: true }));

const hidden = <T>(layers: T[]) => layers.slice(0, -1);

describe.each([1, 2, 3])('the lesson’s networks at initialization, seed %i', (seed) => {
  const nets = lessonNetworks(seed);
  afterAll(() => Object.values(nets).forEach((m) => m.dispose()));

  it('modelo_fundo: the tanh activations spread towards ±1 with depth; the last hidden layer is mostly saturated', () => {
    const acts = layerActivations(nets.modelo_fundo, data.trainX);
    expect(acts.map((a) => [a.layer, a.activation, a.shape])).toEqual([
      ...[1, 2, 3, 4, 5].map((i) => [`funda_${i}`, 'tanh', [500, 5]]),
      ['funda_output', 'sigmoid', [500, 1]],
    ]);
    const at99 = hidden(summarizeActivations(acts));
    const at90 = hidden(summarizeActivations(acts, { threshold: 0.9 }));
    const std = at99.map((s) => s.std);
    expect(std).toEqual([...std].sort((a, b) => a - b)); // wider and wider
    expect(at99[0].saturated).toBe(0); // the first layer is not saturated
    expect(at90[4].saturated).toBeGreaterThan(0.5); // funda_5: most values beyond ±0.9 ...
    expect(at99[4].saturated).toBeGreaterThan(0.1); // ... many beyond ±0.99
    expect(at99[4].meanDerivative).toBeLessThan(0.2);
    // the factor the hidden tanh layers put on the gradient, on average, multiplied: below 1/50
    expect(at99.reduce((p, s) => p * s.meanDerivative, 1)).toBeLessThan(0.02);
  });

  it('modelo_xavier: under 1 % of the hidden values beyond ±0.9, mean tanh′ above 0.75 in every layer', () => {
    const summary = hidden(summarizeActivations(layerActivations(nets.modelo_xavier, data.trainX), { threshold: 0.9 }));
    for (const s of summary) {
      expect(s.saturated).toBeLessThan(0.01); // seed 3's xavier_5: 0.16 %
      expect(s.meanDerivative).toBeGreaterThan(0.75);
    }
  });

  it('the last layer’s activations are model.predict’s output', () => {
    const acts = layerActivations(nets.modelo_fundo, data.trainX);
    const x = tf.tensor2d(Float32Array.from(data.trainX.data), [500, 2]);
    const predicted = nets.modelo_fundo.predict(x) as tf.Tensor;
    expect(Array.from(acts[5].values)).toEqual(Array.from(predicted.dataSync()));
    tf.dispose([x, predicted]);
  });
});

it('TensorBoard reads the activation histograms: one per layer, every value in its buckets, TF 2’s buckets', () => {
  const { modelo_fundo } = lessonNetworks(1);
  const writer = new SummaryWriter(path.join(logDir, 'modelo_fundo', 'train'), { flushIntervalMs: 0 });
  writeActivationHistograms(writer, modelo_fundo, data.trainX, 0);
  writer.close();
  const acts = layerActivations(modelo_fundo, data.trainX);
  const dump = readWithTensorBoard(
    logDir,
    ['modelo_fundo/train'],
    Object.fromEntries(acts.map((a) => [a.layer, { values: Array.from(a.values), buckets: 30 }])),
  );
  const tags = dump.runs['modelo_fundo/train'];
  expect(Object.keys(tags).sort()).toEqual(acts.map((a) => `${a.layer}/activations`).sort());
  for (const a of acts) {
    const tag = tags[`${a.layer}/activations`];
    expect(tag.plugin).toBe('histograms');
    const rows = tag.points[0].rows!;
    expect(rows.reduce((n, r) => n + r[2], 0)).toBe(a.values.length);
    const numpy = dump.numpy[a.layer];
    rows.forEach((r, i) => {
      expect(r[2]).toBe(numpy[i][2]);
      expect(r[0]).toBeCloseTo(numpy[i][0], 6);
      expect(r[1]).toBeCloseTo(numpy[i][1], 6);
    });
  }
  modelo_fundo.dispose();
});

it('runModel with logToTb: the TensorBoard callback logs every layer’s activations every epoch', async () => {
  const { modelo_raso } = lessonNetworks(1);
  const dir = path.join(logDir, 'run-model');
  await runModel(modelo_raso, data, { epochs: 3, logToTb: true, logDir: dir, summary: false, plot: false });
  const dump = readWithTensorBoard(dir, ['modelo_raso/train'], {}, { histogramRows: [] });
  const tags = dump.runs['modelo_raso/train'];
  for (const layer of ['raso_1', 'raso_output']) {
    expect(tags[`${layer}/activations`].plugin).toBe('histograms');
    expect(tags[`${layer}/activations`].points.map((p) => p.step)).toEqual([0, 1, 2]);
  }
  modelo_raso.dispose();
});
