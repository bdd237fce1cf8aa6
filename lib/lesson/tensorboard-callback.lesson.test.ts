import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { lessonData, lessonNetworks } from './networks.js';
import { fitSeeded } from '../training/fit-seeded.js';
import { kerasSGD } from '../training/keras-sgd.js';
import { listEventFiles, listRuns, readRun } from '../tensorboard/event-reader.js';
import { gradientStats } from '../gradients/gradient-stats.js';
import { kerasModelJson } from '../tensorboard/keras-graph.js';
import { LOGDIR_ENV } from '../tensorboard/log-dir.js';
import { TensorBoardCallback } from '../callbacks/index.js';

const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-callback-test-'));
let dirCount = 0;
const freshLogDir = (): string => path.join(tmpRoot, `logs${dirCount++}`);
afterAll(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));

const FUNDO_LAYERS = ['funda_1', 'funda_2', 'funda_3', 'funda_4', 'funda_5', 'funda_output'];

/** The tags the callback documents, for a model and its layers (each with a kernel and a bias). */
function expectedTags(model: string, layers: string[]) {
  const weights = layers.flatMap((l) => [`${l}/kernel`, `${l}/bias`]);
  return {
    trainScalars: [
      'epoch_loss',
      'epoch_accuracy',
      'epoch_learning_rate',
      ...weights.flatMap((w) => [`${w}_0_grads/mean_abs`, `${w}_0_grads/norm`]),
    ],
    trainHistograms: [...weights.map((w) => `${model}/${w}/histogram`), ...weights.map((w) => `${w}_0_grads`)],
    validationScalars: [
      'epoch_loss',
      'evaluation_loss_vs_iterations',
      'epoch_accuracy',
      'evaluation_accuracy_vs_iterations',
    ],
  };
}

const sorted = (xs: Iterable<string>): string[] => [...xs].sort();

function compiled(model: tf.LayersModel): tf.LayersModel {
  model.compile({
    optimizer: kerasSGD({ learningRate: 0.01, momentum: 0.9 }),
    loss: 'binaryCrossentropy',
    metrics: ['accuracy'],
  });
  return model;
}

const d = lessonData();
const tensors = () => ({
  x: tf.tensor2d(Float32Array.from(d.trainX.data), [500, 2]),
  y: tf.tensor2d(Array.from(d.trainY), [500, 1]),
  vx: tf.tensor2d(Float32Array.from(d.testX.data), [500, 2]),
  vy: tf.tensor2d(Array.from(d.testY), [500, 1]),
});

/** What most tests start from: a fresh log folder, the lesson's data, and one of its networks compiled. */
function setUp(network: 'modelo_raso' | 'modelo_fundo') {
  return { logDir: freshLogDir(), t: tensors(), model: compiled(lessonNetworks(1)[network]) };
}

let log: jest.SpyInstance;
beforeEach(() => {
  log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
});
afterEach(() => log.mockRestore());
const printed = (): string[] => log.mock.calls.map((c) => String(c[0]));

describe('TensorBoardCallback in fitSeeded', () => {
  const { logDir, t, model } = setUp('modelo_fundo');
  let history: tf.History;
  const epochs = 4;

  beforeAll(async () => {
    const quiet = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    history = await fitSeeded(model, t.x, t.y, {
      epochs,
      seed: 1,
      validationData: [t.vx, t.vy],
      callbacks: [new TensorBoardCallback({ x: t.x, y: t.y, logDir })],
    });
    quiet.mockRestore();
  }, 120_000);

  it("writes Keras' layout and exactly the documented tags, one step per epoch", () => {
    expect(listRuns(logDir)).toEqual(['modelo_fundo/train', 'modelo_fundo/validation']);
    const tags = expectedTags('modelo_fundo', FUNDO_LAYERS);
    const train = readRun(path.join(logDir, 'modelo_fundo', 'train'));
    const validation = readRun(path.join(logDir, 'modelo_fundo', 'validation'));
    expect(sorted(train.scalars.keys())).toEqual(sorted(tags.trainScalars));
    expect(sorted(train.histograms.keys())).toEqual(sorted(tags.trainHistograms));
    expect([...train.graphs.keys()]).toEqual(['keras']);
    expect(sorted(validation.scalars.keys())).toEqual(sorted(tags.validationScalars));
    expect(validation.histograms.size).toBe(0);
    const steps = [0, 1, 2, 3];
    for (const series of [...train.scalars.values(), ...train.histograms.values()])
      expect(series.map((p) => p.step)).toEqual(steps);
    for (const tag of ['epoch_loss', 'epoch_accuracy'])
      expect(validation.scalars.get(tag)!.map((p) => p.step)).toEqual(steps);
    // 500 samples in batches of 32: 16 optimizer iterations per epoch.
    for (const tag of ['evaluation_loss_vs_iterations', 'evaluation_accuracy_vs_iterations']) {
      expect(validation.scalars.get(tag)!.map((p) => p.step)).toEqual([16, 32, 48, 64]);
    }
    expect(train.graphs.get('keras')!.map((p) => p.step)).toEqual([0]);
  });

  it("logs the values of the training logs and the optimizer's learning rate", () => {
    const h = history.history as Record<string, number[]>;
    const train = readRun(path.join(logDir, 'modelo_fundo', 'train'));
    const validation = readRun(path.join(logDir, 'modelo_fundo', 'validation'));
    const f32 = (xs: number[]) => xs.map((v) => Math.fround(v));
    expect(train.scalars.get('epoch_loss')!.map((p) => p.value)).toEqual(f32(h.loss));
    expect(train.scalars.get('epoch_accuracy')!.map((p) => p.value)).toEqual(f32(h.acc));
    expect(train.scalars.get('epoch_learning_rate')!.map((p) => p.value)).toEqual(f32([0.01, 0.01, 0.01, 0.01]));
    expect(validation.scalars.get('epoch_loss')!.map((p) => p.value)).toEqual(f32(h.val_loss));
    expect(validation.scalars.get('epoch_accuracy')!.map((p) => p.value)).toEqual(f32(h.val_acc));
    expect(validation.scalars.get('evaluation_accuracy_vs_iterations')!.map((p) => p.value)).toEqual(f32(h.val_acc));
  });

  it("draws the model's Keras graph", () => {
    const train = readRun(path.join(logDir, 'modelo_fundo', 'train'));
    expect(JSON.parse(train.graphs.get('keras')![0].value)).toEqual(kerasModelJson(model));
  });

  it("logs the gradients over the whole training set: the last epoch's are those of the trained model", () => {
    const train = readRun(path.join(logDir, 'modelo_fundo', 'train'));
    const now = gradientStats(model, t.x, t.y); // the weights have not changed since the last epoch's end
    for (const w of now.weights) {
      const meanAbs = train.scalars.get(`${w.name}_0_grads/mean_abs`)!;
      const norm = train.scalars.get(`${w.name}_0_grads/norm`)!;
      expect(meanAbs[epochs - 1].value).toBeCloseTo(Math.fround(w.meanAbs), 9);
      expect(norm[epochs - 1].value).toBeCloseTo(Math.fround(w.norm), 9);
      const rows = train.histograms.get(`${w.name}_0_grads`)![epochs - 1].value;
      expect(rows).toHaveLength(30);
      expect(rows.reduce((s, r) => s + r[2], 0)).toBe(w.size);
      expect(Math.max(Math.abs(rows[0][0]), Math.abs(rows[29][1]))).toBeCloseTo(w.maxAbs, 6);
    }
    // Weight histograms hold the weights.
    const kernel = model.layers[0].getWeights()[0].dataSync();
    const rows = train.histograms.get('modelo_fundo/funda_1/kernel/histogram')![epochs - 1].value;
    expect(rows[0][0]).toBeCloseTo(Math.min(...kernel), 6);
    expect(rows[29][1]).toBeCloseTo(Math.max(...kernel), 6);
    expect(rows.reduce((s, r) => s + r[2], 0)).toBe(10);
  });
});

describe('TensorBoardCallback in model.fit', () => {
  it("logs under the Sequential's name (not tfjs' inner <name>_model) the same tags and graph as in fitSeeded", async () => {
    const { logDir, t, model } = setUp('modelo_fundo');
    const history = await model.fit(t.x, t.y, {
      epochs: 3,
      batchSize: 32,
      validationData: [t.vx, t.vy],
      verbose: 0,
      callbacks: [new TensorBoardCallback({ x: t.x, y: t.y, logDir })],
    });
    expect(listRuns(logDir)).toEqual(['modelo_fundo/train', 'modelo_fundo/validation']);
    const tags = expectedTags('modelo_fundo', FUNDO_LAYERS);
    const train = readRun(path.join(logDir, 'modelo_fundo', 'train'));
    const validation = readRun(path.join(logDir, 'modelo_fundo', 'validation'));
    expect(sorted(train.scalars.keys())).toEqual(sorted(tags.trainScalars));
    expect(sorted(train.histograms.keys())).toEqual(sorted(tags.trainHistograms));
    expect(sorted(validation.scalars.keys())).toEqual(sorted(tags.validationScalars));
    expect(JSON.parse(train.graphs.get('keras')![0].value)).toEqual(kerasModelJson(model));
    const h = history.history as Record<string, number[]>;
    expect(train.scalars.get('epoch_loss')!.map((p) => p.value)).toEqual(h.loss.map(Math.fround));
    expect(validation.scalars.get('epoch_accuracy')!.map((p) => p.value)).toEqual(h.val_acc.map(Math.fround));
    expect(validation.scalars.get('evaluation_loss_vs_iterations')!.map((p) => p.step)).toEqual([16, 32, 48]);
    const now = gradientStats(model, t.x, t.y);
    expect(train.scalars.get('funda_1/kernel_0_grads/mean_abs')![2].value).toBeCloseTo(
      Math.fround(now.kernels[0].meanAbs),
      9,
    );
    model.dispose();
  }, 120_000);
});

describe('each training starts clean', () => {
  it("deletes the model's folder when training begins and says so; overwrite: false keeps it", async () => {
    const { logDir, t, model } = setUp('modelo_raso');
    const train = async (options: { overwrite?: boolean } = {}) =>
      fitSeeded(model, t.x, t.y, {
        epochs: 2,
        seed: 1,
        callbacks: [new TensorBoardCallback({ x: t.x, y: t.y, logDir, ...options })],
      });
    const dir = path.join(logDir, 'modelo_raso');
    await train();
    expect(printed()).toEqual([`TensorBoard: gravando em ${dir}`]);
    const firstFiles = listEventFiles(path.join(dir, 'train'));
    expect(firstFiles).toHaveLength(1);
    await train();
    expect(printed()[1]).toBe(`TensorBoard: ${dir} recriado (treino anterior apagado)`);
    const secondFiles = listEventFiles(path.join(dir, 'train'));
    expect(secondFiles).toHaveLength(1);
    expect(secondFiles[0]).not.toBe(firstFiles[0]);
    expect(fs.existsSync(firstFiles[0])).toBe(false);
    await train({ overwrite: false });
    expect(printed()[2]).toBe(`TensorBoard: gravando em ${dir} (registros anteriores mantidos)`);
    expect(listEventFiles(path.join(dir, 'train'))).toHaveLength(2);
    expect(fs.existsSync(path.join(dir, 'validation'))).toBe(false); // no validation data: no validation run
    model.dispose();
  }, 120_000);

  it('never deletes a folder holding anything but event files', async () => {
    const { logDir, t, model } = setUp('modelo_raso');
    const precious = path.join(logDir, 'modelo_raso', 'notas.txt');
    fs.mkdirSync(path.dirname(precious), { recursive: true });
    fs.writeFileSync(precious, 'não apague');
    await expect(
      fitSeeded(model, t.x, t.y, {
        epochs: 1,
        seed: 1,
        callbacks: [new TensorBoardCallback({ x: t.x, y: t.y, logDir })],
      }),
    ).rejects.toThrow(/não apago .*modelo_raso: .*notas\.txt não é um registro do TensorBoard.*overwrite: false/);
    expect(fs.readFileSync(precious, 'utf8')).toBe('não apague');
    model.dispose();
  });

  it('checks x and y before touching the previous logs, and keeps no tensor when they are wrong', async () => {
    const { logDir, t, model } = setUp('modelo_raso');
    await fitSeeded(model, t.x, t.y, {
      epochs: 1,
      seed: 1,
      callbacks: [new TensorBoardCallback({ x: t.x, y: t.y, logDir })],
    });
    const before = listEventFiles(path.join(logDir, 'modelo_raso', 'train'));
    const tensorsBefore = tf.memory().numTensors;
    const wrong = new TensorBoardCallback({ x: d.trainX, y: Array.from(d.trainY).slice(0, 10), logDir });
    await expect(fitSeeded(model, t.x, t.y, { epochs: 1, seed: 1, callbacks: [wrong] })).rejects.toThrow(
      'TensorBoardCallback: x has 500 samples but y has 10',
    );
    expect(listEventFiles(path.join(logDir, 'modelo_raso', 'train'))).toEqual(before);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    model.dispose();
  });

  it('logs several models side by side under one folder, and goes to LISTA5_LOGDIR by default', async () => {
    const logDir = freshLogDir();
    const saved = process.env[LOGDIR_ENV];
    process.env[LOGDIR_ENV] = logDir;
    try {
      const t = tensors();
      const nets = lessonNetworks(1);
      for (const model of [nets.modelo_raso, nets.modelo_xavier]) {
        compiled(model);
        await fitSeeded(model, t.x, t.y, {
          epochs: 2,
          seed: 1,
          validationData: [t.vx, t.vy],
          callbacks: [new TensorBoardCallback({ x: t.x, y: t.y })],
        });
      }
      expect(listRuns(logDir)).toEqual([
        'modelo_raso/train',
        'modelo_raso/validation',
        'modelo_xavier/train',
        'modelo_xavier/validation',
      ]);
      expect(readRun(path.join(logDir, 'modelo_xavier', 'train')).histograms.has('xavier_5/kernel_0_grads')).toBe(true);
      Object.values(nets).forEach((m) => m.dispose());
    } finally {
      if (saved === undefined) delete process.env[LOGDIR_ENV];
      else process.env[LOGDIR_ENV] = saved;
    }
  }, 120_000);
});

describe('during training', () => {
  it("hands every epoch's events to the file, and keeps the number of tensors flat", async () => {
    const { logDir, t, model } = setUp('modelo_fundo');
    const seen: { epoch: number; lossSteps: number[]; gradSteps: number[]; tensors: number }[] = [];
    const probe = {
      onEpochEnd: async (epoch: number) => {
        const run = readRun(path.join(logDir, 'modelo_fundo', 'train'));
        seen.push({
          epoch,
          lossSteps: run.scalars.get('epoch_loss')!.map((p) => p.step),
          gradSteps: run.histograms.get('funda_1/kernel_0_grads')!.map((p) => p.step),
          tensors: tf.memory().numTensors,
        });
      },
    };
    const before = tf.memory().numTensors;
    // The training set as a Matrix and labels: the callback makes (and disposes) its own tensors.
    await fitSeeded(model, t.x, t.y, {
      epochs: 5,
      seed: 1,
      validationData: [t.vx, t.vy],
      callbacks: [new TensorBoardCallback({ x: d.trainX, y: d.trainY, logDir }), probe],
    });
    for (const s of seen) {
      const steps = Array.from({ length: s.epoch + 1 }, (_, i) => i);
      expect(s.lossSteps).toEqual(steps);
      expect(s.gradSteps).toEqual(steps);
    }
    expect(new Set(seen.map((s) => s.tensors)).size).toBe(1);
    // What stays afterwards is the optimizer's (one momentum slot per weight): the callback left nothing.
    const optimizerTensors = model.trainableWeights.length;
    expect(tf.memory().numTensors).toBe(before + optimizerTensors);
    expect(seen[0].tensors).toBe(before + optimizerTensors + 2); // + the callback's copies of x and y
    model.dispose();
  }, 120_000);
});

describe('options', () => {
  it('histogramFreq sets the epochs of the histograms and gradients; without x and y only the weights are drawn', async () => {
    const t = tensors();
    const model = compiled(lessonNetworks(1).modelo_raso);
    const every2 = freshLogDir();
    await fitSeeded(model, t.x, t.y, {
      epochs: 5,
      seed: 1,
      callbacks: [new TensorBoardCallback({ x: t.x, y: t.y, logDir: every2, histogramFreq: 2 })],
    });
    const run2 = readRun(path.join(every2, 'modelo_raso', 'train'));
    expect(run2.histograms.get('raso_1/kernel_0_grads')!.map((p) => p.step)).toEqual([0, 2, 4]);
    expect(run2.scalars.get('raso_1/kernel_0_grads/norm')!.map((p) => p.step)).toEqual([0, 2, 4]);
    expect(run2.scalars.get('epoch_loss')!.map((p) => p.step)).toEqual([0, 1, 2, 3, 4]);

    const never = freshLogDir();
    await fitSeeded(model, t.x, t.y, {
      epochs: 2,
      seed: 1,
      callbacks: [new TensorBoardCallback({ x: t.x, y: t.y, logDir: never, histogramFreq: 0, writeGraph: false })],
    });
    const run0 = readRun(path.join(never, 'modelo_raso', 'train'));
    expect(run0.histograms.size).toBe(0);
    expect(run0.graphs.size).toBe(0);
    expect(sorted(run0.scalars.keys())).toEqual(['epoch_accuracy', 'epoch_learning_rate', 'epoch_loss']);

    const weightsOnly = freshLogDir();
    await fitSeeded(model, t.x, t.y, {
      epochs: 2,
      seed: 1,
      callbacks: [new TensorBoardCallback({ logDir: weightsOnly, runName: 'sem_gradientes', verbose: false })],
    });
    const runW = readRun(path.join(weightsOnly, 'sem_gradientes', 'train'));
    expect(sorted(runW.histograms.keys())).toEqual(
      sorted(
        ['raso_1', 'raso_output'].flatMap((l) => [
          `modelo_raso/${l}/kernel/histogram`,
          `modelo_raso/${l}/bias/histogram`,
        ]),
      ),
    );
    expect(log).toHaveBeenCalledTimes(2); // verbose: false printed nothing
    model.dispose();
  }, 120_000);

  it('rejects options it cannot use, naming them', () => {
    expect(() => new TensorBoardCallback({ histogramFreq: -1 })).toThrow(
      'TensorBoardCallback: histogramFreq must be an integer >= 0, got -1',
    );
    expect(() => new TensorBoardCallback({ x: [[0, 0]] })).toThrow(/give both x and y/);
    expect(() => new TensorBoardCallback({ runName: '../fora' })).toThrow(/"\.\.\/fora" cannot be a log folder name/);
    expect(() => new TensorBoardCallback({ logDir: '' })).toThrow(/logDir must be a folder path/);
  });
});
