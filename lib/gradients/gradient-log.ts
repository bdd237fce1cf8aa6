/**
 * The gradient log: what the TensorBoard callback writes about the gradients every epoch, and the
 * one reader of it. Only this module knows its tags. For a weight `funda_1/kernel`:
 * - `funda_1/kernel_0_grads` — the histogram of the gradient (the lesson's filter `kernel_0_grads`);
 * - `funda_1/kernel_0_grads/mean_abs`, `funda_1/kernel_0_grads/norm` — mean |g| and L2 norm (exact,
 *   unlike the buckets; NaN or Infinity when the gradient is not finite).
 */
import { type HistogramRow, readRun, type RunPoint, type SummaryWriter } from '../tensorboard/index.js';
import { checkString } from '../errors/index.js';
import type { GradientSeries } from './gradient-series.js';
import { summarizeValues } from './summarize-values.js';

/** Where the gradient log is written: a train run's `SummaryWriter`. */
export type GradientLogWriter = Pick<SummaryWriter, 'histogram' | 'scalar'>;

/** One weight's gradient magnitudes at one epoch, as written to (and read back from) the log. */
export interface WeightGradientMagnitude {
  /** `layer/param`, e.g. `funda_1/kernel`. */
  name: string;
  layer: string;
  /** `kernel`, `bias`, ... */
  param: string;
  meanAbs: number;
  norm: number;
}

/** What {@link writeGradientLog} wrote for one epoch: every weight's magnitudes, in layer order. */
export interface EpochGradients {
  epoch: number;
  weights: WeightGradientMagnitude[];
}

/** A training's gradient log as read back: magnitudes per epoch and histograms per weight. */
export interface GradientLog {
  /** The run folder read. */
  dir: string;
  /** Mean |g| and norm of every weight at the epochs that have both (empty when none was logged). */
  series: GradientSeries;
  /** Every weight's gradient histograms (TensorBoard's `[left, right, count]` rows), by weight name, in log order. */
  histograms: Map<string, RunPoint<HistogramRow[]>[]>;
}

const histogramTag = (weight: string): string => `${weight}_0_grads`;
const HISTOGRAM_TAG = /^(.+)_0_grads$/;
const SCALAR_TAG = /^(.+)_0_grads\/(mean_abs|norm)$/;

/** `funda_1/kernel` → layer `funda_1`, param `kernel` (a name without a slash is both). */
export function splitWeightName(name: string): { layer: string; param: string } {
  const slash = name.lastIndexOf('/');
  return slash >= 0 ? { layer: name.slice(0, slash), param: name.slice(slash + 1) } : { layer: name, param: name };
}

/**
 * Writes one epoch's gradients, weight by weight: a histogram, mean |g| and L2 norm.
 *
 * @param weights the weights, in layer order, by their `layer/param` names
 * @param grads each weight's gradient, in the same order
 * @returns the magnitudes written (for a live chart: the same numbers the log holds)
 */
export function writeGradientLog(
  writer: GradientLogWriter,
  epoch: number,
  weights: readonly { name: string }[],
  grads: readonly (Float32Array | Float64Array)[],
): EpochGradients {
  return {
    epoch,
    weights: weights.map(({ name }, i) => {
      const tag = histogramTag(name);
      const { meanAbs, norm } = summarizeValues(grads[i]);
      writer.histogram(tag, grads[i], epoch);
      writer.scalar(`${tag}/mean_abs`, meanAbs, epoch);
      writer.scalar(`${tag}/norm`, norm, epoch);
      // Read back, the scalars are float32: give the same numbers from memory.
      return { name, ...splitWeightName(name), meanAbs: Math.fround(meanAbs), norm: Math.fround(norm) };
    }),
  };
}

/**
 * Reads a run folder's gradient log (e.g. `logs/modelo_fundo/train`) in one pass; works during
 * training too. A run without gradients gives an empty series and no histograms.
 */
export function readGradientLog(runDir: string): GradientLog {
  const run = readRun(runDir);
  const byWeight = new Map<string, { meanAbs?: Map<number, number>; norm?: Map<number, number> }>();
  for (const [tag, points] of run.scalars) {
    const m = SCALAR_TAG.exec(tag);
    if (!m) continue;
    const entry = byWeight.get(m[1]) ?? {};
    byWeight.set(m[1], entry);
    entry[m[2] === 'mean_abs' ? 'meanAbs' : 'norm'] = new Map(points.map((p) => [p.step, p.value]));
  }
  const complete = [...byWeight].filter(([, e]) => e.meanAbs && e.norm);
  let steps = complete.length > 0 ? [...complete[0][1].meanAbs!.keys()] : [];
  for (const [, e] of complete) steps = steps.filter((s) => e.meanAbs!.has(s) && e.norm!.has(s));
  steps.sort((a, b) => a - b);
  const histograms = new Map<string, RunPoint<HistogramRow[]>[]>();
  for (const [tag, points] of run.histograms) {
    const m = HISTOGRAM_TAG.exec(tag);
    if (m) histograms.set(m[1], points);
  }
  return {
    dir: run.dir,
    series: {
      steps,
      weights: complete.map(([name, e]) => ({
        name,
        ...splitWeightName(name),
        meanAbs: steps.map((s) => e.meanAbs!.get(s)!),
        norm: steps.map((s) => e.norm!.get(s)!),
      })),
    },
    histograms,
  };
}

/**
 * Reads the per-epoch gradient magnitudes the TensorBoard callback logged
 * (`<weight>_0_grads/mean_abs` and `<weight>_0_grads/norm`) from a run folder, e.g.
 * `logs/modelo_fundo/train`. Works during training too (the callback writes them every epoch).
 *
 * @throws Error when the folder holds no such scalars
 */
export function readGradientSeries(runDir: string): GradientSeries {
  checkString('readGradientSeries', 'runDir', runDir, 'a run folder path (e.g. logs/modelo_fundo/train)');
  const log = readGradientLog(runDir);
  if (log.series.weights.length === 0) {
    throw new Error(
      `readGradientSeries: no gradient magnitudes (<weight>_0_grads/mean_abs and /norm) in ${log.dir}; ` +
        'log the training with TensorBoardCallback({ x, y }) and read its train run',
    );
  }
  return log.series;
}
