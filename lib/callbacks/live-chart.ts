/**
 * A chart that grows while the network trains, as TensorBoard or livelossplot do for Keras.
 *
 * In JupyterLab the chart is sent at the first epoch and then redrawn in place (same display id,
 * `update_display_data`) every few hundred milliseconds, as a Vega-Lite spec only; when training
 * ends it is sent once more with its SVG, for the handout. In a headless run (`npm start`, the
 * handouts, tests: `LISTA5_HEADLESS=1`) nothing is sent during training, only the final chart.
 * Either way a training leaves exactly one chart in the notebook.
 */
import type { CustomCallbackArgs, Logs } from '@tensorflow/tfjs';
import { accuracyCurves, lossCurve, type VegaLiteSpec } from '../plots/index.js';
import { isHeadless } from '../notebook/index.js';
import { ChartOutput } from './chart-output.js';
import { checkNonNegative, InvalidParameterError } from '../errors/index.js';

/** What a live chart draws: the loss per epoch (log scale) or the accuracy per epoch on [0, 1]. */
export type LiveChartKind = 'loss' | 'accuracy';

/** Options of {@link LiveChart} and {@link liveChart}. */
export interface LiveChartOptions {
  /** `'loss'` (default): {@link lossCurve}; `'accuracy'`: {@link accuracyCurves}. */
  kind?: LiveChartKind;
  /** Chart title (default `Loss por época` or `Acurácia`). */
  title?: string;
  /**
   * The training logs to draw, each with the name of its line. Default: for `'loss'`
   * `{ loss: <lossName> }`, for `'accuracy'` `{ acc: 'treino', val_acc: 'teste' }`.
   */
  metrics?: Readonly<Record<string, string>>;
  /** Name of the loss on the y axis of a `'loss'` chart (default `loss`). */
  lossName?: string;
  /** Logarithmic y axis for `'loss'` (default true). */
  logScale?: boolean;
  /** The x axis spans epochs 1..epochs from the start, so the lines grow across it (default: grows with them). */
  epochs?: number;
  /**
   * Least time between two redraws during training (default 500 ms). A redraw also waits at least
   * as long as the previous one took to build and send. The final chart is always sent.
   */
  minIntervalMs?: number;
  /** Redraw during training (default: yes, unless headless, `LISTA5_HEADLESS=1`); false: only the final chart. */
  live?: boolean;
}

function checkOptions(options: LiveChartOptions): void {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidParameterError('liveChart', 'options', `must be an object, got ${String(options)}`);
  }
  const { kind, minIntervalMs, epochs, metrics } = options;
  if (kind !== undefined && kind !== 'loss' && kind !== 'accuracy') {
    throw new InvalidParameterError('liveChart', 'kind', `must be 'loss' or 'accuracy', got ${JSON.stringify(kind)}`);
  }
  if (minIntervalMs !== undefined) checkNonNegative('liveChart', 'minIntervalMs', minIntervalMs);
  if (epochs !== undefined && !(Number.isInteger(epochs) && epochs >= 1)) {
    throw new InvalidParameterError('liveChart', 'epochs', `must be a whole number >= 1, got ${String(epochs)}`);
  }
  if (metrics !== undefined && (typeof metrics !== 'object' || metrics === null || !Object.keys(metrics).length)) {
    throw new InvalidParameterError(
      'liveChart',
      'metrics',
      'must name at least one training log, e.g. { loss: "MSE" }',
    );
  }
}

/** One line of the chart: its name and its values, one per epoch. */
interface Line {
  name: string;
  values: number[];
  /** The training log it comes from, or undefined for a finished series added with `add`. */
  metric?: string;
  /** Whether the training logs had that metric at all (no `val_acc` without validation data). */
  seen?: boolean;
}

/**
 * One chart output fed by one or several trainings: each {@link LiveChart.callback} adds its lines
 * (e.g. to compare trainings on the same axes), and {@link LiveChart.add} adds finished series.
 *
 * ```ts
 * const chart = new l5.LiveChart({ title: "Loss (MSE)", lossName: "MSE" });
 * chart.add("sem recorte", lossesWithoutClipping);
 * await model.fit(x, y, { epochs: 400, callbacks: chart.callback("clipvalue 1") });
 * ```
 */
export class LiveChart {
  private readonly options: LiveChartOptions;
  private readonly lines: Line[] = [];
  private readonly output: ChartOutput;

  constructor(options: LiveChartOptions = {}) {
    checkOptions(options);
    this.options = options;
    this.output = new ChartOutput(options.minIntervalMs ?? 500);
  }

  /** The Jupyter display id of this chart's output. */
  get displayId(): string {
    return this.output.displayId;
  }

  /** How many times the chart was sent so far (intermediate frames and final ones). */
  get draws(): number {
    return this.output.draws;
  }

  private get kind(): LiveChartKind {
    return this.options.kind ?? 'loss';
  }

  private get metrics(): Readonly<Record<string, string>> {
    return (
      this.options.metrics ??
      (this.kind === 'loss' ? { loss: this.options.lossName ?? 'loss' } : { acc: 'treino', val_acc: 'teste' })
    );
  }

  /** Adds (or replaces) a finished series, e.g. an earlier training to compare with. */
  add(name: string, values: readonly number[]): this {
    if (typeof name !== 'string')
      throw new InvalidParameterError('LiveChart.add', 'name', `must be a string, got ${String(name)}`);
    if (!Array.isArray(values))
      throw new InvalidParameterError('LiveChart.add', 'values', 'must be an array of numbers');
    this.setLine({ name, values: [...values] });
    return this;
  }

  private setLine(line: Line): void {
    const at = this.lines.findIndex((l) => l.name === line.name);
    if (at >= 0) this.lines[at] = line;
    else this.lines.push(line);
  }

  /** The chart as it stands: a Vega-Lite spec of every line. */
  spec(): VegaLiteSpec {
    const { title, lossName, logScale, epochs } = this.options;
    const lines = this.lines.filter((l) => l.metric === undefined || l.seen);
    const series = Object.fromEntries(lines.map((l) => [l.name, l.values]));
    if (this.kind === 'accuracy') return accuracyCurves(series, { title, epochs });
    // A single line drawn under the loss' own name: the unnamed form (its subtitle reads better).
    const single = lines.length === 1 && lines[0].name === (lossName ?? 'loss');
    return lossCurve(single ? lines[0].values : series, { title, lossName, logScale, epochs });
  }

  /**
   * A callback for `model.fit` or `fitSeeded` that feeds this chart. Its lines are named after the
   * metrics (`metrics` option), prefixed with `name` when given; a second training with the same
   * name replaces its lines.
   */
  callback(name?: string): CustomCallbackArgs {
    if (name !== undefined && typeof name !== 'string') {
      throw new InvalidParameterError('LiveChart.callback', 'name', `must be a string, got ${String(name)}`);
    }
    const metrics = Object.entries(this.metrics);
    const lineName = (label: string) => (name === undefined ? label : metrics.length === 1 ? name : `${name} ${label}`);
    const mine = metrics.map(([metric, label]): Line => ({ name: lineName(label), values: [], metric }));
    const live = this.options.live ?? !isHeadless();
    return {
      onTrainBegin: async () => {
        for (const line of mine) {
          line.values = [];
          line.seen = false;
          this.setLine(line);
        }
      },
      onEpochEnd: async (_epoch: number, logs?: Logs) => {
        for (const line of mine) {
          const value = logs?.[line.metric!];
          line.seen ||= value !== undefined;
          line.values.push(value ?? NaN);
        }
        if (live && this.output.due()) await this.draw(false);
      },
      onTrainEnd: async () => {
        await this.draw(true);
      },
    };
  }

  /**
   * Sends the chart now: in place of the earlier one when there is one. `final` adds the SVG
   * rendering (for the handouts); intermediate frames carry only the Vega-Lite spec.
   */
  draw(final = true): Promise<void> {
    return this.output.draw(() => this.spec(), final);
  }
}

/**
 * A callback for any `model.fit` (or `fitSeeded`) that shows a chart of the training and redraws
 * it in place while training runs; one chart per training (see {@link LiveChart} to put several
 * trainings on one chart).
 *
 * ```ts
 * await model.fit(x, y, { epochs: 400, callbacks: [l5.fitProgress(400), l5.liveChart({ lossName: "MSE" })] });
 * ```
 */
export function liveChart(options: LiveChartOptions = {}): CustomCallbackArgs {
  return new LiveChart(options).callback();
}
