/**
 * A training's gradient magnitudes, weight by weight and epoch by epoch: read back from the gradient
 * log (`readGradientSeries`, gradient-log.ts), or gathered from `gradientStats` looks.
 */
import type { GradientStats } from './gradient-stats.js';

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
