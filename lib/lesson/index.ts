/**
 * lib/lesson: the lesson's own functions, built from all the other folders: {@link runModel} (the
 * original's `run_model`: train, report, plot), its networks, and the Para ir além notebook's
 * recurrent training ({@link trainRecurrent}), also in worker threads ({@link trainRecurrentInParallel}).
 *
 * May import: errors, data, training, callbacks. Nothing in lib/ imports it.
 */
export * from './run-model.js';
export * from './networks.js';
export {
  recurrentNetwork,
  trainRecurrent,
  type RecurrentCell,
  type RecurrentTrainingResult,
  type RecurrentTrainingSpec,
} from './recurrent-training.js';
export { trainRecurrentInParallel, type ParallelOptions } from './recurrent-parallel.js';
