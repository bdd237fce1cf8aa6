/**
 * The gradient magnitudes per layer, live: while a model trains with a `TensorBoardCallback`
 * (`runModel(..., { logToTb: true, liveGradients: true })`), the chart of the mean |gradient| of
 * every layer's kernel grows in the notebook. With `source` (the callback), the values come from
 * memory as the callback writes them; without, they are read back from the logs it has written —
 * the same numbers either way, the ones TensorBoard shows and `gradientMagnitudesFromLogs` reads.
 */
import type { CustomCallbackArgs } from '@tensorflow/tfjs';
import { checkNonNegative, describeValue, InvalidParameterError } from '../errors/index.js';
import {
  type EpochGradients,
  type GradientMagnitudePoint,
  magnitudePoints,
  readGradientLog,
  trainRunDir,
} from '../gradients/internal.js';
import { gradientMagnitudeChart } from '../plots/index.js';
import { isHeadless } from '../notebook/index.js';
import { ChartOutput } from './chart-output.js';
import { TensorBoardCallback } from './tensorboard-callback.js';

/** Options of {@link liveGradientChart}. */
export interface LiveGradientChartOptions {
  /** The model's name: its logs are `<logDir>/<model>/train`. */
  model: string;
  /**
   * The `TensorBoardCallback` (with `x`, `y` and `histogramFreq`) that logs the gradients: the chart
   * takes each epoch's values from it in memory, in whatever order the callbacks run. Without it,
   * the chart reads the logs back at each redraw (then put it after that callback).
   */
  source?: TensorBoardCallback;
  /** The TensorBoard log folder, when reading the logs back (default: `defaultLogDir()`, as the callback's). */
  logDir?: string;
  /** Chart title (default `Tamanho dos gradientes por camada: <model>`). */
  title?: string;
  /**
   * Least time between two redraws during training (default 2000 ms). A redraw also waits at least
   * 3 times as long as the previous one took.
   */
  minIntervalMs?: number;
  /** Redraw during training (default: yes, unless headless, `LISTA5_HEADLESS=1`); false: only the final chart. */
  live?: boolean;
}

/**
 * A callback that shows the mean |gradient| of each layer's kernel per epoch and redraws it while
 * the model trains, fed by the `TensorBoardCallback` that logs the gradients (see `source`).
 */
export function liveGradientChart(options: LiveGradientChartOptions): CustomCallbackArgs {
  const where = 'liveGradientChart';
  if (typeof options !== 'object' || options === null || typeof options.model !== 'string' || !options.model) {
    throw new InvalidParameterError(where, 'options.model', 'must name the model whose gradients to draw');
  }
  const { model, logDir, source, minIntervalMs = 2000 } = options;
  checkNonNegative(where, 'minIntervalMs', minIntervalMs);
  if (source !== undefined && !(source instanceof TensorBoardCallback)) {
    throw new InvalidParameterError(where, 'source', `must be a TensorBoardCallback, got ${describeValue(source)}`);
  }
  const title = options.title ?? `Tamanho dos gradientes por camada: ${model}`;
  const output = new ChartOutput(minIntervalMs, 3);
  const live = options.live ?? !isHeadless();
  const epochs: EpochGradients[] = [];
  const runDir = source ? undefined : trainRunDir(model, logDir);
  const points = (): GradientMagnitudePoint[] =>
    runDir === undefined ? magnitudePoints(model, epochs) : magnitudePoints(model, readGradientLog(runDir));
  const draw = (final: boolean, rows = points()) => output.draw(() => gradientMagnitudeChart(rows, { title }), final);

  if (source === undefined) {
    return {
      onEpochEnd: async () => {
        if (!live || !output.due()) return;
        const rows = points();
        if (rows.length > 0) await draw(false, rows); // none yet: the callback has not logged an epoch
      },
      onTrainEnd: () => draw(true),
    };
  }
  let pending: Promise<void> = Promise.resolve();
  let stop: (() => void) | undefined;
  return {
    onTrainBegin: async () => {
      epochs.length = 0;
      stop ??= source.onGradients((gradients) => {
        epochs.push(gradients);
        if (!live || !output.due()) return;
        pending = draw(false);
        pending.catch(() => {}); // awaited (and so thrown) at the next epoch's end or at the training's
      });
    },
    onEpochEnd: () => pending,
    onTrainEnd: async () => {
      await pending;
      stop?.();
      stop = undefined;
      await draw(true);
    },
  };
}
