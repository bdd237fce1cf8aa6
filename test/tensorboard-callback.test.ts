/**
 * The TensorBoard callback, checked by TensorBoard 2.21 itself (its event accumulator, from the
 * project's venv): the lesson's modelo_fundo and modelo_xavier trained with
 * `runModel(model, data, { logToTb: true })` for 60 epochs, side by side in one log folder.
 * TensorBoard must find Keras' runs and tags, one step per epoch, the gradient histograms the
 * lesson's filter `kernel_0_grads` finds, the Keras graph, and — the lesson's point — much
 * narrower first-layer gradients in the deep uniform-init network than in the Xavier one.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { setDisplaySink } from '../lib/notebook/display.js';
import { runModel } from '../lib/lesson/run-model.js';
import { AccumulatedTag, readWithTensorBoard, TensorBoardDump } from './helpers/tensorboard.js';
import { lessonData, lessonNetworks } from '../lib/lesson/networks.js';

/** The gap between the first layers opens slowly: at 30 epochs the median ratio of mean |g| is 3.3, by epochs 40–59 it is ≈ 40. */
const EPOCHS = 60;
const MODELS = {
  modelo_fundo: ['funda_1', 'funda_2', 'funda_3', 'funda_4', 'funda_5', 'funda_output'],
  modelo_xavier: ['xavier_1', 'xavier_2', 'xavier_3', 'xavier_4', 'xavier_5', 'xavier_output'],
} as const;
type ModelName = keyof typeof MODELS;
const RUNS = Object.keys(MODELS).flatMap((m) => [`${m}/train`, `${m}/validation`]);

const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-callback-integration-'));
let dump: TensorBoardDump;
const trainAccuracy: Record<string, number> = {};

beforeAll(async () => {
  const restore = setDisplaySink(() => undefined);
  const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    const data = lessonData();
    const nets = lessonNetworks(1); // all three, so that each gets the notebook's seeds
    for (const name of Object.keys(MODELS) as ModelName[]) {
      const r = await runModel(nets[name], data, {
        epochs: EPOCHS,
        seed: 1,
        logToTb: true,
        logDir,
        summary: false,
        plot: false,
      });
      trainAccuracy[name] = r.trainAccuracy;
    }
    Object.values(nets).forEach((m) => m.dispose());
  } finally {
    restore();
    log.mockRestore();
  }
  dump = readWithTensorBoard(
    logDir,
    RUNS,
    {},
    { histogramRows: ['funda_1/kernel_0_grads', 'xavier_1/kernel_0_grads'] },
  );
}, 600_000);

afterAll(() => fs.rmSync(logDir, { recursive: true, force: true }));

const tagsOf = (run: string, plugin: string): string[] =>
  Object.entries(dump.runs[run])
    .filter(([, t]) => t.plugin === plugin)
    .map(([tag]) => tag)
    .sort();
const epochSteps = Array.from({ length: EPOCHS }, (_, i) => i);
const steps = (t: AccumulatedTag) => t.points.map((p) => p.step);

describe.each(Object.keys(MODELS) as ModelName[])('TensorBoard reads the logs of %s', (model) => {
  const layers = MODELS[model];
  const weights = layers.flatMap((l) => [`${l}/kernel`, `${l}/bias`]);

  test('runs train and validation, with Keras scalar tags, one step per epoch', () => {
    const train = `${model}/train`;
    const validation = `${model}/validation`;
    expect(tagsOf(train, 'scalars')).toEqual(
      [
        'epoch_loss',
        'epoch_accuracy',
        'epoch_learning_rate',
        ...weights.flatMap((w) => [`${w}_0_grads/mean_abs`, `${w}_0_grads/norm`]),
      ].sort(),
    );
    for (const tag of tagsOf(train, 'scalars')) expect([tag, steps(dump.runs[train][tag])]).toEqual([tag, epochSteps]);
    expect(tagsOf(validation, 'scalars')).toEqual(
      ['epoch_accuracy', 'epoch_loss', 'evaluation_accuracy_vs_iterations', 'evaluation_loss_vs_iterations'].sort(),
    );
    expect(steps(dump.runs[validation].epoch_loss)).toEqual(epochSteps);
    // Optimizer iterations: 16 batches of the 500 training samples per epoch.
    expect(steps(dump.runs[validation].evaluation_loss_vs_iterations)).toEqual(epochSteps.map((e) => 16 * (e + 1)));
    expect(dump.runs[train].epoch_learning_rate.points.every((p) => Math.abs((p.value as number) - 0.01) < 1e-9)).toBe(
      true,
    );
    for (const p of dump.runs[train].epoch_accuracy.points) expect(p.value as number).toBeGreaterThanOrEqual(0);
  });

  test('weight, gradient (the lesson filter kernel_0_grads finds every layer) and activation histograms, every epoch', () => {
    const train = `${model}/train`;
    expect(tagsOf(train, 'histograms')).toEqual(
      [
        ...weights.map((w) => `${model}/${w}/histogram`),
        ...weights.map((w) => `${w}_0_grads`),
        ...layers.map((l) => `${l}/activations`),
      ].sort(),
    );
    expect(tagsOf(train, 'histograms').filter((t) => t.includes('kernel_0_grads'))).toEqual(
      layers.map((l) => `${l}/kernel_0_grads`).sort(),
    );
    for (const tag of tagsOf(train, 'histograms')) {
      const t = dump.runs[train][tag];
      expect([tag, steps(t)]).toEqual([tag, epochSteps]);
      expect(t.points[0].shape).toEqual([30, 3]);
    }
  });

  test('the Keras conceptual graph: the input and the six layers, in a chain', () => {
    const graph = dump.runs[`${model}/train`].keras;
    expect(graph.plugin).toBe('graph_keras_model');
    expect(steps(graph)).toEqual([0]);
    const nodes = graph.points[0].nodes!;
    const names = [`${layers[0]}_input`, ...layers].map((n) => `${model}/${n}`);
    expect(nodes.map((n) => n.name)).toEqual(names);
    expect(nodes.map((n) => n.inputs)).toEqual([[], ...names.slice(0, -1).map((n) => [n])]);
    expect(nodes.map((n) => n.keras_class)).toEqual(['InputLayer', ...layers.map(() => 'Dense')]);
  });
});

describe("the lesson's point, as TensorBoard shows it", () => {
  /** Per step, the width of the histogram (right edge of the last bucket − left edge of the first). */
  const spans = (run: string, tag: string): number[] =>
    dump.runs[run][tag].points.map((p) => p.rows![p.rows!.length - 1][1] - p.rows![0][0]);
  const meanAbs = (run: string, tag: string): number[] => dump.runs[run][tag].points.map((p) => p.value as number);
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2;
  };

  test("modelo_fundo's first-layer kernel gradients are much narrower than modelo_xavier's (epochs 40–59)", () => {
    const late = (xs: number[]) => xs.slice(40);
    const spanRatios = late(spans('modelo_xavier/train', 'xavier_1/kernel_0_grads')).map(
      (x, i) => x / late(spans('modelo_fundo/train', 'funda_1/kernel_0_grads'))[i],
    );
    const meanAbsRatios = late(meanAbs('modelo_xavier/train', 'xavier_1/kernel_0_grads/mean_abs')).map(
      (x, i) => x / late(meanAbs('modelo_fundo/train', 'funda_1/kernel_0_grads/mean_abs'))[i],
    );
    // Measured (seed 1): median ratio of mean |g| ≈ 40, of histogram widths of the same order.
    expect(median(meanAbsRatios)).toBeGreaterThan(10);
    expect(median(spanRatios)).toBeGreaterThan(10);
    // And Xavier learns while the deep uniform network is still at chance.
    expect(trainAccuracy.modelo_xavier).toBeGreaterThan(trainAccuracy.modelo_fundo);
  });
});
