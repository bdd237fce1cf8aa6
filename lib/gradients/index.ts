/**
 * lib/gradients: how big are the gradients, and is that a problem? The lesson's diagnosis of
 * vanishing and exploding gradients.
 *
 * - {@link gradientStats}: the gradient of a model's loss over a whole data set, per weight;
 * - {@link readGradientSeries} / {@link diagnoseGradients}: a training's gradient magnitudes, read
 *   back from its TensorBoard logs, and the verdict in words;
 * - {@link gradientsThroughTime}: ‖∂L/∂x_t‖ at every step of a sequence (recurrent networks);
 * - {@link histogramPercentiles}: TensorBoard's "Distributions" bands.
 *
 * May import: data, training, tensorboard (to read logs). Never callbacks, plots or lesson.
 */
export { gradientStats } from './gradient-stats.js';
export type { GradientInput, GradientStats, WeightGradientStats } from './gradient-stats.js';
export { diagnoseGradients, formatNumberPt, readGradientSeries } from './gradient-health.js';
export type {
  GradientDiagnosis,
  GradientHealthOptions,
  GradientSeries,
  WeightGradientSeries,
} from './gradient-health.js';
export { firstOverLast, gradientsThroughTime } from './gradients-through-time.js';
export type { GradientsThroughTime, PerExampleLoss } from './gradients-through-time.js';
export { layerActivations, summarizeActivations } from './layer-activations.js';
export type { ActivationSummary, ActivationSummaryOptions, LayerActivations } from './layer-activations.js';
