/**
 * A training's gradient magnitudes, weight by weight and epoch by epoch: read back from the
 * TensorBoard logs (`<weight>_0_grads/mean_abs` and `/norm`), or gathered from `gradientStats` looks.
 */
import { readRun } from '../tensorboard/event-reader.js';
import type { GradientStats } from './gradient-stats.js';
import { checkString } from '../errors/index.js';

/** One trainable weight's gradient magnitudes, epoch by epoch. */
export interface WeightGradientSeries {
  /** `layer/param`, e.g. `funda_1/kernel`. */
  name: string;
  layer: string;
  /** `kernel`, `bias`, ... */
  param: string;
  /** Mean |g| at each step of {@link GradientSeries.steps} (NaN / Infinity when g was not finite). */
  meanAbs: number[];
  /** L2 norm of g at each step. */
  norm: number[];
}

/** Gradient magnitudes of every trainable weight over a training, in layer order. */
export interface GradientSeries {
  /** The epochs (TensorBoard steps) measured, increasing. */
  steps: number[];
  /** One entry per trainable weight, in layer order (first layer first, output layer last). */
  weights: WeightGradientSeries[];
}

export function isSeries(x: unknown): x is GradientSeries {
  return (
    typeof x === 'object' &&
    x !== null &&
    Array.isArray((x as GradientSeries).steps) &&
    Array.isArray((x as GradientSeries).weights)
  );
}

/** Snapshots (e.g. one `gradientStats` per epoch) as a series with steps 0, 1, 2, ... */
export function snapshotsToSeries(snapshots: readonly GradientStats[]): GradientSeries {
  const first = snapshots[0];
  return {
    steps: snapshots.map((_, i) => i),
    weights: first.weights.map((w, j) => ({
      name: w.name,
      layer: w.layer,
      param: w.param,
      meanAbs: snapshots.map((s) => s.weights[j].meanAbs),
      norm: snapshots.map((s) => s.weights[j].norm),
    })),
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
  const run = readRun(runDir);
  const byWeight = new Map<string, { meanAbs?: Map<number, number>; norm?: Map<number, number> }>();
  for (const [tag, points] of run.scalars) {
    const m = /^(.+)_0_grads\/(mean_abs|norm)$/.exec(tag);
    if (!m) continue;
    const entry = byWeight.get(m[1]) ?? {};
    byWeight.set(m[1], entry);
    entry[m[2] === 'mean_abs' ? 'meanAbs' : 'norm'] = new Map(points.map((p) => [p.step, p.value]));
  }
  const complete = [...byWeight].filter(([, e]) => e.meanAbs && e.norm);
  if (complete.length === 0) {
    throw new Error(
      `readGradientSeries: no gradient magnitudes (<weight>_0_grads/mean_abs and /norm) in ${run.dir}; ` +
        'log the training with TensorBoardCallback({ x, y }) and read its train run',
    );
  }
  let steps = [...complete[0][1].meanAbs!.keys()];
  for (const [, e] of complete) steps = steps.filter((s) => e.meanAbs!.has(s) && e.norm!.has(s));
  steps.sort((a, b) => a - b);
  return {
    steps,
    weights: complete.map(([name, e]) => {
      const slash = name.lastIndexOf('/');
      return {
        name,
        layer: slash >= 0 ? name.slice(0, slash) : name,
        param: slash >= 0 ? name.slice(slash + 1) : name,
        meanAbs: steps.map((s) => e.meanAbs!.get(s)!),
        norm: steps.map((s) => e.norm!.get(s)!),
      };
    }),
  };
}
