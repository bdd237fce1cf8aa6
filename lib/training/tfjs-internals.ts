/**
 * What lib/ reads from TensorFlow.js beyond its typed public API (checked with tfjs 4.22), in one
 * place: when tfjs changes, this is the file to check. Two more readers keep theirs to themselves:
 * the fused recurrent kernels (lib/recurrent) and the Dense fast path (gradients/dense-chain.ts).
 */
import * as tf from '@tensorflow/tfjs';

/** The model `compile` set up: a `tf.Sequential` keeps its loss and metrics on an inner functional model. */
export function compiledModel(model: tf.LayersModel): unknown {
  return model instanceof tf.Sequential ? (model as unknown as { model: unknown }).model : model;
}

/** Whether a `tf.CustomCallback` was given `onBatchBegin` or `onBatchEnd` (it keeps them as fields). */
export function customCallbackListensToBatches(callback: tf.CustomCallback): boolean {
  const custom = callback as unknown as { batchBegin?: unknown; batchEnd?: unknown };
  return custom.batchBegin != null || custom.batchEnd != null;
}

/** An optimizer's learning rate, when it keeps a number (SGD, momentum, Adam, ...: a protected field). */
export function learningRateOf(optimizer: tf.Optimizer | undefined): number | undefined {
  const rate = (optimizer as unknown as { learningRate?: unknown } | undefined)?.learningRate;
  return typeof rate === 'number' ? rate : undefined;
}

/** The batches an optimizer has applied so far, when it counts them. */
export function iterationsOf(optimizer: tf.Optimizer | undefined): number | undefined {
  const counted = (optimizer as unknown as { iterations?: unknown } | undefined)?.iterations;
  return typeof counted === 'number' && Number.isSafeInteger(counted) ? counted : undefined;
}

/** Disposes an optimizer, and SGD's learning-rate scalar `c`, which tfjs 4.22's MomentumOptimizer.dispose forgets. */
export function disposeOptimizer(optimizer: tf.Optimizer): void {
  optimizer.dispose();
  tf.dispose((optimizer as unknown as { c?: tf.Tensor }).c);
}
