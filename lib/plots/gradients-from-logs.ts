/**
 * The data of the gradient charts, read back from the TensorBoard logs that `TensorBoardCallback`
 * writes — the same files TensorBoard shows, so the notebook and TensorBoard never disagree.
 */
import * as path from 'node:path';
import { histogramPercentiles } from '../gradients/distribution.js';
import { readRun } from '../tensorboard/event-reader.js';
import { readGradientSeries } from '../gradients/gradient-health.js';
import { defaultLogDir } from '../tensorboard/log-dir.js';
import type { GradientDistributionPoint } from './charts/gradient-distributions.js';
import type { GradientMagnitudePoint } from './charts/gradient-magnitudes.js';
import { checkArray, checkString } from '../errors/index.js';
import type { GradientHistogram } from './charts/histogram-explorer.js';

/** The folder of a model's training run: `<logDir>/<model>/train`. */
export function trainRunDir(model: string, logDir: string = defaultLogDir()): string {
  checkString('trainRunDir', 'model', model, 'a model name like "modelo_fundo"');
  checkString('trainRunDir', 'logDir', logDir, 'a folder path');
  return path.join(logDir, model, 'train');
}

/**
 * Mean |gradient| of every layer's kernel, epoch by epoch, for each model (in the given order),
 * from the `<layer>/kernel_0_grads/mean_abs` scalars. Input of `gradientMagnitudeChart`.
 */
export function gradientMagnitudesFromLogs(
  models: readonly string[],
  logDir: string = defaultLogDir(),
): GradientMagnitudePoint[] {
  checkArray('gradientMagnitudesFromLogs', 'models', models, 'an array of model names like ["modelo_fundo"]');
  return models.flatMap((modelo) => {
    const series = readGradientSeries(trainRunDir(modelo, logDir));
    return series.weights
      .filter((w) => w.param === 'kernel')
      .flatMap((w) => series.steps.map((epoca, i) => ({ modelo, camada: w.layer, epoca, valor: w.meanAbs[i] })));
  });
}

/**
 * TensorBoard's distribution percentiles of every layer's kernel gradients, epoch by epoch, from
 * the `<layer>/kernel_0_grads` histograms of one model. Input of `gradientDistributionChart`.
 * @throws when the run has no such histograms.
 */
export function gradientDistributionsFromLogs(
  model: string,
  logDir: string = defaultLogDir(),
): GradientDistributionPoint[] {
  checkString('gradientDistributionsFromLogs', 'model', model, 'a model name like "modelo_fundo"');
  const dir = trainRunDir(model, logDir);
  const points: GradientDistributionPoint[] = [];
  for (const [tag, steps] of readRun(dir).histograms) {
    const match = /^(.+)\/kernel_0_grads$/.exec(tag);
    if (!match) continue;
    for (const { step, value } of steps)
      points.push({ camada: match[1], epoca: step, percentis: histogramPercentiles(value) });
  }
  if (points.length === 0) {
    throw new Error(
      `gradientDistributionsFromLogs: no <layer>/kernel_0_grads histograms in ${dir}; train with runModel(model, data, { logToTb: true })`,
    );
  }
  return points;
}

/**
 * Every `<layer>/kernel_0_grads` histogram of each model (in the given order), epoch by epoch, as
 * TensorBoard's Histograms tab shows them. Input of `histogramExplorerChart`.
 * @throws when a model's run has no such histograms.
 */
export function gradientHistogramsFromLogs(
  models: readonly string[],
  logDir: string = defaultLogDir(),
): GradientHistogram[] {
  checkArray('gradientHistogramsFromLogs', 'models', models, 'an array of model names like ["modelo_fundo"]');
  return models.flatMap((modelo) => {
    const dir = trainRunDir(modelo, logDir);
    const found: GradientHistogram[] = [];
    for (const [tag, steps] of readRun(dir).histograms) {
      const match = /^(.+)\/kernel_0_grads$/.exec(tag);
      if (match)
        for (const { step, value } of steps) found.push({ modelo, camada: match[1], epoca: step, rows: value });
    }
    if (found.length === 0) {
      throw new Error(
        `gradientHistogramsFromLogs: no <layer>/kernel_0_grads histograms in ${dir}; train with runModel(model, data, { logToTb: true })`,
      );
    }
    return found;
  });
}
