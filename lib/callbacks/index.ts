/**
 * lib/callbacks: things that watch a training from inside `model.fit` (or `fitSeeded`), one file each:
 *
 * - {@link TensorBoardCallback}: Keras' `TensorBoard` callback with the lesson's gradient histograms;
 * - {@link fitProgress}: one progress line in the notebook instead of 500;
 * - {@link liveChart} / {@link LiveChart}: the loss or accuracy chart, redrawn while training runs;
 * - {@link liveGradientChart}: the gradient magnitudes per layer, live, as the TensorBoard callback logs them;
 * - {@link terminateOnNaN}: Keras' `TerminateOnNaN`, stop at the first batch whose loss is NaN.
 *
 * May import: errors, notebook, tensorboard, training (tfjs internals), gradients, plots.
 */
export { TensorBoardCallback } from './tensorboard-callback.js';
export type { TensorBoardCallbackOptions } from './tensorboard-callback.js';
export * from './fit-progress.js';
export * from './live-chart.js';
export * from './live-gradients.js';
export { TerminateOnNaN, terminateOnNaN } from './terminate-on-nan.js';
export type { NaNStop } from './terminate-on-nan.js';
export { writeActivationHistograms, type ActivationHistogramWritten } from './activation-histograms.js';
