/**
 * What other folders of lib/ use from lib/gradients beyond its public API (index.ts): the gradient
 * log's writer and reader, and the gradient computation the TensorBoard callback runs every epoch.
 * Not part of the notebooks' API (lib/index.ts does not export it).
 */
export * from './index.js';
export { readGradientLog, splitWeightName, writeGradientLog } from './gradient-log.js';
export type { GradientLog, GradientLogWriter } from './gradient-log.js';
export { magnitudePoints } from './gradient-chart-data.js';
export { FullSetGradients, lossAndGradients } from './full-set-gradients.js';
export { toInputTensor } from './gradient-input.js';
export { chainLayers, readWeights, trainableWeightRefs } from './weight-refs.js';
export type { TrainableWeightRef } from './weight-refs.js';
