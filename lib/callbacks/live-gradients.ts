/**
 * The gradient magnitudes per layer, live: while a model trains with a `TensorBoardCallback`
 * (`runModel(..., { logToTb: true, liveGradients: true })`), the chart of the mean |gradient| of
 * every layer's kernel grows in the notebook, read from the logs the callback has just written —
 * the same files TensorBoard shows and `gradientMagnitudesFromLogs` reads after training.
 */
import type { CustomCallbackArgs } from '@tensorflow/tfjs';
import { gradientMagnitudeChart } from '../plots/charts/gradient-magnitudes.js';
import { gradientMagnitudesFromLogs } from '../plots/gradients-from-logs.js';
import { ChartOutput, isHeadless } from './chart-output.js';

/** Options of {@link liveGradientChart}. */
export interface LiveGradientChartOptions {
  /** The model's name: its logs are `<logDir>/<model>/train`. */
  model: string;
  /** The TensorBoard log folder (default: `defaultLogDir()`, as the callback's). */
  logDir?: string;
  /** Chart title (default `Tamanho dos gradientes por camada: <model>`). */
  title?: string;
  /**
   * Least time between two redraws during training (default 2000 ms). Each redraw reads the logs
   * again, so it also waits at least 3 times as long as the previous one took.
   */
  minIntervalMs?: number;
  /** Redraw during training (default: yes, unless headless, `LISTA5_HEADLESS=1`); false: only the final chart. */
  live?: boolean;
}

/**
 * A callback that shows the mean |gradient| of each layer's kernel per epoch and redraws it while
 * the model trains. Put it AFTER the `TensorBoardCallback` (with `x`, `y` and `histogramFreq`) that
 * writes the gradients, so that each epoch's values are on disk when it reads them.
 */
export function liveGradientChart(options: LiveGradientChartOptions): CustomCallbackArgs {
  if (typeof options !== 'object' || options === null || typeof options.model !== 'string' || !options.model) {
    throw new TypeError('liveGradientChart: options.model must name the model whose logs to read');
  }
  const { model, logDir, minIntervalMs = 2000 } = options;
  if (!(Number.isFinite(minIntervalMs) && minIntervalMs >= 0)) {
    throw new RangeError(`liveGradientChart: minIntervalMs must be a number >= 0, got ${String(minIntervalMs)}`);
  }
  const title = options.title ?? `Tamanho dos gradientes por camada: ${model}`;
  const output = new ChartOutput(minIntervalMs, 3);
  const live = options.live ?? !isHeadless();
  const spec = () => gradientMagnitudeChart(gradientMagnitudesFromLogs([model], logDir), { title });
  return {
    onEpochEnd: async () => {
      if (!live || !output.due()) return;
      try {
        await output.draw(spec, false);
      } catch {
        // no gradients logged yet (or a log being rewritten): the next frame will try again
      }
    },
    onTrainEnd: async () => {
      await output.draw(spec, true);
    },
  };
}
