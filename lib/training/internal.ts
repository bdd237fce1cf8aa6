/**
 * What other folders of lib/ use from lib/training beyond its public API (index.ts): the reads of
 * TensorFlow.js' private fields. Not part of the notebooks' API (lib/index.ts does not export it).
 */
export * from './index.js';
export { disposeOptimizer, iterationsOf, learningRateOf } from './tfjs-internals.js';
