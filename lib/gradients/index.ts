/**
 * lib/gradients: how big are the gradients, and is that a problem? The lesson's diagnosis of
 * vanishing and exploding gradients.
 *
 * - {@link gradientStats}: the gradient of a model's loss over a whole data set, per weight;
 * - {@link readGradientSeries} / {@link diagnoseGradients}: a training's gradient magnitudes, read
 *   back from its TensorBoard logs, and the verdict in words;
 * - gradient-log: the one writer and reader of the gradient log (the `*_0_grads` tags), and the
 *   rows of the gradient charts from it ({@link gradientMagnitudesFromLogs}, ...);
 * - {@link gradientsThroughTime}: ‖∂L/∂x_t‖ at every step of a sequence (recurrent networks);
 * - {@link histogramPercentiles}: TensorBoard's "Distributions" bands.
 *
 * May import: errors, data, tensorboard (to read logs), recurrent, training.
 */
export { gradientStats } from './gradient-stats.js';
export type { GradientInput, GradientStats, WeightGradientStats } from './gradient-stats.js';
export { diagnoseGradients, formatNumberPt } from './gradient-health.js';
export { readGradientSeries } from './gradient-log.js';
export {
  gradientDistributionsFromLogs,
  gradientHistogramsFromLogs,
  gradientMagnitudesFromLogs,
  trainRunDir,
} from './gradient-chart-data.js';
export type { GradientDistributionPoint, GradientHistogram, GradientMagnitudePoint } from './gradient-chart-data.js';
export type {
  GradientDiagnosis,
  GradientHealthOptions,
  GradientSeries,
  WeightGradientSeries,
} from './gradient-health.js';
export type { EpochGradients, WeightGradientMagnitude } from './gradient-log.js';
export { firstOverLast, gradientsThroughTime } from './gradients-through-time.js';
export type { GradientsThroughTime, PerExampleLoss } from './gradients-through-time.js';
export { layerActivations, summarizeActivations } from './layer-activations.js';
export type { ActivationSummary, ActivationSummaryOptions, LayerActivations } from './layer-activations.js';
