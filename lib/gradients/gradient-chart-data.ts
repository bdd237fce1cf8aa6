/**
 * The rows of the gradient charts (lib/plots draws them), from a training's gradient log — the
 * same files TensorBoard shows, so the notebook and TensorBoard never disagree — or from the
 * magnitudes the TensorBoard callback hands over in memory while it trains.
 */
import * as path from 'node:path';
import { checkArray, checkString } from '../errors/index.js';
import { defaultLogDir, type HistogramRow } from '../tensorboard/index.js';
import { histogramPercentiles } from './distribution.js';
import { type EpochGradients, type GradientLog, readGradientLog } from './gradient-log.js';

/** One point: the mean |gradient| of one layer's kernel at one epoch of one model. */
export interface GradientMagnitudePoint {
  modelo: string;
  camada: string;
  epoca: number;
  valor: number;
}

/** The percentiles of one layer's kernel gradients at one epoch (see `histogramPercentiles`). */
export interface GradientDistributionPoint {
  camada: string;
  epoca: number;
  /** Values at the percentiles 0, 6.68, 15.87, 30.85, 50, 69.15, 84.13, 93.32, 100. */
  percentis: readonly number[];
}

/** One histogram of one layer's kernel gradients at one epoch (see `gradientHistogramsFromLogs`). */
export interface GradientHistogram {
  modelo: string;
  camada: string;
  epoca: number;
  /** TensorBoard's buckets `[left, right, count]`, of equal width (as TF 2 and our writer make them). */
  rows: readonly (readonly [number, number, number])[];
}

/** The folder of a model's training run: `<logDir>/<model>/train`. */
export function trainRunDir(model: string, logDir: string = defaultLogDir()): string {
  checkString('trainRunDir', 'model', model, 'a model name like "modelo_fundo"');
  checkString('trainRunDir', 'logDir', logDir, 'a folder path');
  return path.join(logDir, model, 'train');
}

/** The kernels' mean |g| of one model's log (or of the epochs handed over in memory), as chart points. */
export function magnitudePoints(
  modelo: string,
  source: GradientLog | readonly EpochGradients[],
): GradientMagnitudePoint[] {
  if ('series' in source) {
    const { steps, weights } = source.series;
    return weights
      .filter((w) => w.param === 'kernel')
      .flatMap((w) => steps.map((epoca, i) => ({ modelo, camada: w.layer, epoca, valor: w.meanAbs[i] })));
  }
  const kernels = (source[0]?.weights ?? []).filter((w) => w.param === 'kernel').map((w) => w.name);
  return kernels.flatMap((name) =>
    source.map(({ epoch, weights }) => {
      const w = weights.find((x) => x.name === name)!;
      return { modelo, camada: w.layer, epoca: epoch, valor: w.meanAbs };
    }),
  );
}

/** Every `<layer>/kernel` gradient histogram of a log, point by point, in log order. */
function kernelHistograms(log: GradientLog): { camada: string; epoca: number; rows: HistogramRow[] }[] {
  return [...log.histograms].flatMap(([weight, points]) => {
    const match = /^(.+)\/kernel$/.exec(weight);
    return match ? points.map((p) => ({ camada: match[1], epoca: p.step, rows: p.value })) : [];
  });
}

/** A model's log that must hold kernel-gradient histograms; `caller` is named in the error. */
function histogramsOf(caller: string, model: string, logDir: string) {
  const dir = trainRunDir(model, logDir);
  const found = kernelHistograms(readGradientLog(dir));
  if (found.length === 0) {
    throw new Error(
      `${caller}: no <layer>/kernel_0_grads histograms in ${dir}; train with runModel(model, data, { logToTb: true })`,
    );
  }
  return found;
}

/**
 * Mean |gradient| of every layer's kernel, epoch by epoch, for each model (in the given order),
 * from the `<layer>/kernel_0_grads/mean_abs` scalars. Input of `gradientMagnitudeChart`.
 * @throws when a model's run has no gradient magnitudes.
 */
export function gradientMagnitudesFromLogs(
  models: readonly string[],
  logDir: string = defaultLogDir(),
): GradientMagnitudePoint[] {
  checkArray('gradientMagnitudesFromLogs', 'models', models, 'an array of model names like ["modelo_fundo"]');
  return models.flatMap((modelo) => {
    const log = readGradientLog(trainRunDir(modelo, logDir));
    if (log.series.weights.length === 0) {
      throw new Error(
        `gradientMagnitudesFromLogs: no gradient magnitudes (<weight>_0_grads/mean_abs and /norm) in ${log.dir}; ` +
          'train with runModel(model, data, { logToTb: true })',
      );
    }
    return magnitudePoints(modelo, log);
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
  return histogramsOf('gradientDistributionsFromLogs', model, logDir).map(({ camada, epoca, rows }) => ({
    camada,
    epoca,
    percentis: histogramPercentiles(rows),
  }));
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
  return models.flatMap((modelo) =>
    histogramsOf('gradientHistogramsFromLogs', modelo, logDir).map((h) => ({ modelo, ...h })),
  );
}
