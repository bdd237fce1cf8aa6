import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { makeCircles } from '../data/make-circles';
import { MinMaxScaler } from '../data/min-max-scaler';
import { trainTestSplitAt } from '../data/split';
import { MimeBundle, setDisplaySink } from '../notebook/display';
import { gradientMagnitudesFromLogs } from '../gradients/index';
import { gradientMagnitudeChart, VEGA_LITE_MIME } from '../plots/index';
import { listRuns, readRun } from '../tensorboard/event-reader';
import { LOGDIR_ENV } from '../tensorboard/log-dir';
import { runModel } from './run-model';

function lessonData(n = 200) {
  const { X, y } = makeCircles({ nSamples: n, noise: 0.1, randomState: 1 });
  const scaled = new MinMaxScaler({ featureRange: [-1, 1] }).fitTransform(X);
  return trainTestSplitAt(scaled, y, n / 2);
}

function shallowModel(seed: number): tf.Sequential {
  const model = tf.sequential({ name: 'modelo_raso' });
  model.add(
    tf.layers.dense({
      units: 5,
      inputShape: [2],
      activation: 'tanh',
      kernelInitializer: tf.initializers.glorotUniform({ seed }),
      name: 'raso_1',
    }),
  );
  model.add(
    tf.layers.dense({
      units: 1,
      activation: 'sigmoid',
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }),
      name: 'raso_output',
    }),
  );
  return model;
}

describe('runModel', () => {
  let outputs: MimeBundle[];
  let updates: boolean[];
  let restore: () => void;
  let log: jest.SpyInstance;
  beforeEach(() => {
    outputs = [];
    updates = [];
    restore = setDisplaySink((bundle, options) => {
      outputs.push(bundle);
      updates.push(options.update ?? false);
    });
    log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => {
    restore();
    log.mockRestore();
  });

  it('trains, prints Train/Test accuracy, plots accuracy on [0, 1], and is reproducible', async () => {
    const data = lessonData();
    const first = shallowModel(1);
    const a = await runModel(first, data, { epochs: 30 });
    const second = shallowModel(1);
    const b = await runModel(second, data, { epochs: 30 });
    expect(b.history).toEqual(a.history);
    expect(b.testAccuracy).toBe(a.testAccuracy);
    expect(a.history.acc).toHaveLength(30);
    expect(a.trainAccuracy).toBeGreaterThan(0.5);
    const printed = log.mock.calls.map((c) => String(c[0]));
    expect(printed).toContain(`\nTrain: ${a.trainAccuracy.toFixed(3)}, Test: ${a.testAccuracy.toFixed(3)}`);
    // One chart per training, redrawn in place while it trains (update), the last frame with its SVG.
    const charts = outputs.flatMap((o, i) => (o[VEGA_LITE_MIME] ? [{ bundle: o, update: updates[i] }] : []));
    expect(charts.filter((c) => !c.update)).toHaveLength(2);
    expect(JSON.stringify(charts[0].bundle[VEGA_LITE_MIME])).toContain('Acurácia modelo_raso');
    const last = charts[charts.length - 1].bundle;
    expect(last['image/svg+xml']).toBeDefined();
    // The data is stored as columns (see lib/plots/compact.ts): the series reach epoch 30.
    expect(JSON.stringify(last[VEGA_LITE_MIME])).toMatch(/"epoca":\[1,2,3,[\d,]*,30\]/);
    first.dispose();
    second.dispose();
  }, 60_000); // two trainings and two SVG renderings on a shared machine; no speed is asserted

  it('leaks nothing: afterwards only the optimizer is new, and a rerun replaces it', async () => {
    const model = shallowModel(3);
    const before = tf.memory().numTensors;
    await runModel(model, lessonData(), { epochs: 3, plot: false, summary: false });
    // The optimizer: two constants (learning rate, momentum) and one momentum slot per trainable weight.
    const optimizerTensors = 2 + model.trainableWeights.length;
    expect(tf.memory().numTensors).toBe(before + optimizerTensors);
    await runModel(model, lessonData(), { epochs: 5, plot: false, summary: false });
    expect(tf.memory().numTensors).toBe(before + optimizerTensors);
    model.dispose();
  });

  it('logToTb: logs the training for TensorBoard in <logDir>/<model name>, as run_model(log_to_tb=True)', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'run-model-tb-'));
    const saved = process.env[LOGDIR_ENV];
    try {
      // Default folder: LISTA5_LOGDIR.
      process.env[LOGDIR_ENV] = path.join(tmp, 'env-logs');
      const model = shallowModel(5);
      const before = tf.memory().numTensors;
      const result = await runModel(model, lessonData(), { epochs: 7, plot: false, summary: false, logToTb: true });
      expect(tf.memory().numTensors).toBe(before + 2 + model.trainableWeights.length); // only the optimizer stays
      const logs = path.join(tmp, 'env-logs');
      expect(listRuns(logs)).toEqual(['modelo_raso/train', 'modelo_raso/validation']);
      const train = readRun(path.join(logs, 'modelo_raso', 'train'));
      const validation = readRun(path.join(logs, 'modelo_raso', 'validation'));
      const steps = [0, 1, 2, 3, 4, 5, 6];
      for (const tag of [
        'epoch_loss',
        'epoch_accuracy',
        'epoch_learning_rate',
        'raso_1/kernel_0_grads/mean_abs',
        'raso_output/bias_0_grads/norm',
      ]) {
        expect([tag, train.scalars.get(tag)?.map((p) => p.step)]).toEqual([tag, steps]);
      }
      for (const tag of [
        'raso_1/kernel_0_grads',
        'raso_1/bias_0_grads',
        'raso_output/kernel_0_grads',
        'modelo_raso/raso_1/kernel/histogram',
      ]) {
        expect([tag, train.histograms.get(tag)?.map((p) => p.step)]).toEqual([tag, steps]);
      }
      expect(train.graphs.has('keras')).toBe(true);
      expect(validation.scalars.get('epoch_accuracy')!.map((p) => p.value)).toEqual(
        result.history.val_acc.map(Math.fround),
      );
      expect(log.mock.calls.map((c) => String(c[0]))).toContain(
        `TensorBoard: gravando em ${path.join(logs, 'modelo_raso')}`,
      );
      // logDir wins over the environment; without logToTb nothing is written.
      await runModel(model, lessonData(), {
        epochs: 2,
        plot: false,
        summary: false,
        logToTb: true,
        logDir: path.join(tmp, 'explicit'),
      });
      expect(listRuns(path.join(tmp, 'explicit'))).toEqual(['modelo_raso/train', 'modelo_raso/validation']);
      await runModel(model, lessonData(), { epochs: 2, plot: false, summary: false, logDir: path.join(tmp, 'unused') });
      expect(fs.existsSync(path.join(tmp, 'unused'))).toBe(false);
      model.dispose();
    } finally {
      if (saved === undefined) delete process.env[LOGDIR_ENV];
      else process.env[LOGDIR_ENV] = saved;
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('liveGradients: shows the gradient magnitudes per layer as one chart that grows, the numbers the logs hold', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'run-model-live-gradients-'));
    const model = shallowModel(7);
    try {
      await expect(runModel(model, lessonData(), { epochs: 2, liveGradients: true })).rejects.toThrow(
        /liveGradients draws what the TensorBoard callback logs: set logToTb: true too/,
      );
      const options = { epochs: 6, plot: false, summary: false, logToTb: true, logDir: tmp, liveGradients: true };
      await runModel(model, lessonData(), options);
      const frames = outputs.flatMap((o, i) => (o[VEGA_LITE_MIME] ? [{ bundle: o, update: updates[i] }] : []));
      expect(frames.filter((f) => !f.update)).toHaveLength(1);
      const last = frames[frames.length - 1].bundle;
      expect(last['image/svg+xml']).toBeDefined();
      const spec = JSON.stringify(last[VEGA_LITE_MIME]);
      expect(spec).toContain('Tamanho dos gradientes por camada: modelo_raso');
      for (const layer of ['raso_1', 'raso_output']) {
        for (const epoch of [0, 5]) expect(spec).toContain(`"camada":"${layer}","epoca":${epoch},`);
      }
      // Drawn from memory as the callback wrote them: the same chart as from the logs read back.
      const title = 'Tamanho dos gradientes por camada: modelo_raso';
      const fromLogs = gradientMagnitudeChart(gradientMagnitudesFromLogs(['modelo_raso'], tmp), { title });
      const values = (spec: unknown) => JSON.stringify((spec as { data: { values: unknown } }).data.values);
      expect(values(last[VEGA_LITE_MIME])).toEqual(values(fromLogs));
    } finally {
      model.dispose();
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }, 60_000);
});
