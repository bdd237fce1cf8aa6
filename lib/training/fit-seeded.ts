/**
 * `fitSeeded`: `model.fit` for a compiled model, made reproducible.
 *
 * tfjs' `model.fit` shuffles the batches with `Math.random`, so two runs differ even with seeded
 * initializers. This loop does what `fit` does — per epoch: shuffle, mini-batch SGD steps through
 * the model's optimizer (so gradient clipping applies), the mean loss and metrics over the epoch,
 * validation, callbacks — but shuffles with numpy's `RandomState(seed)`. Same seed, same numbers.
 * It also reads the tensors back once per epoch, not once per batch, and runs recurrent layers as
 * fused sequence kernels where it can (`fuseRecurrent`).
 *
 * Per-batch callbacks (`onBatchBegin`, `onBatchEnd`) are called as `model.fit` calls them, with
 * `{ batch, size, loss, acc, ... }` (the batch's values, as scalars), only when some callback has them;
 * a callback that sets `model.stopTraining = true` stops the training after the current batch.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import * as tf from '@tensorflow/tfjs';
import { RandomState } from '../data/index.js';
import { checkModel, checkObject, invalidArgument, InvalidParameterError } from '../errors/index.js';
import { fuseRecurrent } from '../recurrent/index.js';
import { compiledModel, customCallbackListensToBatches } from './tfjs-internals.js';

type LossOrMetricFn = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor;

/** What the compiled model knows about its loss and metrics (tfjs keeps it on the inner model of a Sequential). */
export interface CompiledParts {
  /** One loss function per output, `(yTrue, yPred) => per-sample loss`. */
  lossFunctions: LossOrMetricFn[];
  /** `loss` and the metric names (`acc`, ...), in the order of the training logs. */
  metricsNames: string[];
  /** The metric functions with their output index. */
  metricsTensors: [LossOrMetricFn, number][];
}

/**
 * The loss and metric functions `model.compile` set up (for a `tf.Sequential`, on its inner model).
 *
 * @param caller the name put in front of error messages
 * @throws Error when the model is not compiled or has more than one output
 */
export function compiledParts(model: tf.LayersModel, caller = 'compiledParts'): CompiledParts {
  checkModel(caller, 'model', model);
  const inner = compiledModel(model) as Partial<CompiledParts>;
  if (!model.optimizer || !inner.lossFunctions || !inner.metricsNames || !inner.metricsTensors) {
    throw invalidArgument(
      caller,
      'model',
      `the model "${model.name}" must be compiled (model.compile) before training`,
    );
  }
  if (inner.lossFunctions.length !== 1)
    throw invalidArgument(caller, 'model', 'only models with one output are supported');
  return inner as CompiledParts;
}

/** Options of {@link fitSeeded}; the names follow `model.fit`. */
export interface FitSeededOptions {
  epochs: number;
  /** Mini-batch size (default 32, as Keras and tfjs). */
  batchSize?: number;
  /** Seed of the shuffling (numpy's `RandomState`). */
  seed: number;
  /** Shuffle the training set every epoch (default true). */
  shuffle?: boolean;
  /** `[x, y]` evaluated at the end of every epoch; adds `val_<metric>` to the logs. */
  validationData?: [tf.Tensor, tf.Tensor];
  /** tfjs callbacks (`tf.Callback` objects or `{ onEpochEnd, ... }`), called as `model.fit` calls them. */
  callbacks?: tf.CustomCallbackArgs | tf.Callback | (tf.CustomCallbackArgs | tf.Callback)[];
  /**
   * Run the model's `simpleRNN`, `lstm` and `gru` layers as fused sequence kernels where their
   * configuration allows it (default true; see `fuseRecurrent`): the same numbers, several times faster.
   * `false` fuses nothing (a layer an earlier call fused stays fused).
   */
  fuseRecurrent?: boolean;
}

function asCallbacks(callbacks: FitSeededOptions['callbacks']): tf.Callback[] {
  const list = callbacks === undefined ? [] : Array.isArray(callbacks) ? callbacks : [callbacks];
  // Callback objects (tf.Callback, tf.CustomCallback, ...) have setParams; plain { onEpochEnd } objects get wrapped.
  const isCallback = (c: unknown): c is tf.Callback => typeof (c as { setParams?: unknown }).setParams === 'function';
  return list.map((c) =>
    isCallback(c) ? c : (new tf.CustomCallback(c as tf.CustomCallbackArgs) as unknown as tf.Callback),
  );
}

/**
 * Whether a callback does something per batch: a `tf.CustomCallback` given `onBatchBegin`/`onBatchEnd`,
 * or a `tf.Callback` subclass that overrides them. Only then are per-batch logs made (they cost tensors).
 */
function listensToBatches(callback: tf.Callback): boolean {
  if (callback instanceof tf.CustomCallback) return customCallbackListensToBatches(callback);
  return (
    callback.onBatchBegin !== tf.Callback.prototype.onBatchBegin ||
    callback.onBatchEnd !== tf.Callback.prototype.onBatchEnd
  );
}

/** Rows per batch of the per-epoch validation pass (bounds its memory on large validation sets). */
const VALIDATION_BATCH = 8192;

/**
 * Trains a compiled model like `model.fit(x, y, options)`, reproducibly (see the module doc).
 * @returns a `tf.History` whose `history` holds one number per epoch for every metric
 *   (`loss`, `acc`, `val_loss`, `val_acc`, ...).
 */
export async function fitSeeded(
  model: tf.LayersModel,
  x: tf.Tensor,
  y: tf.Tensor,
  options: FitSeededOptions,
): Promise<tf.History> {
  checkModel('fitSeeded', 'model', model);
  checkObject('fitSeeded', 'options', options, 'an object like { epochs, batchSize, seed }');
  const { epochs, batchSize = 32, seed, shuffle = true, validationData } = options;
  if (!Number.isInteger(epochs) || epochs < 1)
    throw new InvalidParameterError('fitSeeded', 'epochs', `must be a positive integer, got ${epochs}`);
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new InvalidParameterError('fitSeeded', 'batchSize', `must be a positive integer, got ${batchSize}`);
  const n = x.shape[0];
  if (y.shape[0] !== n) throw invalidArgument('fitSeeded', 'y', `x has ${n} samples but y has ${y.shape[0]}`);
  const { lossFunctions, metricsNames, metricsTensors } = compiledParts(model, 'fitSeeded');
  if (options.fuseRecurrent !== false) fuseRecurrent(model);
  const optimizer = model.optimizer;
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const rng = new RandomState(seed);
  const metricFns = metricsTensors.map(([fn]) => fn);

  const history = new tf.History();
  const userCallbacks = asCallbacks(options.callbacks);
  const callbacks = new tf.CallbackList([history as unknown as tf.Callback, ...userCallbacks]);
  const batchLogs = userCallbacks.some(listensToBatches);
  callbacks.setModel(model);
  callbacks.setParams({
    epochs,
    initialEpoch: 0,
    samples: n,
    batchSize,
    verbose: 0,
    doValidation: !!validationData,
    metrics: metricsNames,
  });
  model.stopTraining = false;
  await callbacks.onTrainBegin();

  for (let epoch = 0; epoch < epochs && !model.stopTraining; epoch++) {
    await callbacks.onEpochBegin(epoch);
    const order = shuffle ? rng.permutation(n) : Array.from({ length: n }, (_, i) => i);
    // Sums over the epoch of (batch mean × batch size), kept as tensors: read once at the end.
    let sums = tf.zeros([1 + metricFns.length]);
    let seen = 0;
    for (let start = 0, batch = 0; start < n; start += batchSize, batch++) {
      const indices = tf.tensor1d(order.slice(start, start + batchSize), 'int32');
      const size = indices.shape[0];
      if (batchLogs) await callbacks.onBatchBegin(batch, { batch, size });
      let batchMeans: tf.Tensor | undefined;
      const batchSums = tf.tidy(() => {
        const xb = tf.gather(x, indices);
        const yb = tf.gather(y, indices);
        let prediction: tf.Tensor | undefined;
        const loss = optimizer.minimize(
          () => {
            // Kept out of minimize's scope, so that the metrics can be computed after it, off the tape.
            prediction = tf.keep(model.apply(xb, { training: true }) as tf.Tensor);
            return tf.mean(lossFunctions[0](yb, prediction)) as tf.Scalar;
          },
          true,
          variables,
        )!;
        // Metrics on the same forward pass (the predictions from before the update), as Keras and tfjs
        // report them. Computed outside minimize so that the gradient tape does not record them: they
        // do not lead to the loss, the tape only had to filter them out again.
        const metrics = metricFns.map((fn) => tf.mean(fn(yb, prediction!)));
        prediction!.dispose(); // kept above, so released here
        const means = tf.stack([loss, ...metrics]);
        if (batchLogs) batchMeans = tf.keep(means);
        return means.mul(size);
      });
      const next = tf.add(sums, batchSums);
      tf.dispose([sums, batchSums, indices]);
      sums = next;
      seen += size;
      if (batchMeans) {
        // As model.fit: { batch, size, loss, acc, ... } with the batch's values as scalars (read when needed).
        const values = tf.unstack(batchMeans);
        batchMeans.dispose();
        const logs: tf.Logs = { batch, size };
        metricsNames.forEach((name, i) => ((logs as unknown as Record<string, tf.Tensor>)[name] = values[i]));
        await callbacks.onBatchEnd(batch, logs);
        tf.dispose(values);
      }
      if (model.stopTraining) break; // a callback stopped the training (e.g. terminateOnNaN)
    }
    // Means over the samples trained on (all of them, unless a callback stopped the epoch early).
    const means = Array.from(await sums.data(), (s) => s / seen);
    sums.dispose();
    const logs: tf.Logs = {};
    metricsNames.forEach((name, i) => (logs[name] = means[i]));
    if (validationData) {
      const validation = tf.tidy(() => {
        const [vx, vy] = validationData;
        // One batch (up to VALIDATION_BATCH rows), not predict's default 32: the same numbers (every row
        // goes through the same kernels whatever the batch; the mean is taken over the whole set), without
        // the per-batch slicing, execution and final concat of predictLoop.
        const prediction = model.predict(vx, { batchSize: VALIDATION_BATCH }) as tf.Tensor;
        return tf.stack([
          tf.mean(lossFunctions[0](vy, prediction)),
          ...metricFns.map((fn) => tf.mean(fn(vy, prediction))),
        ]);
      });
      const values = await validation.data();
      validation.dispose();
      metricsNames.forEach((name, i) => (logs[`val_${name}`] = values[i]));
    }
    await callbacks.onEpochEnd(epoch, logs);
    await yieldToEventLoop(); // a turn of the event loop: notebook outputs (progress) are sent while training
  }
  await callbacks.onTrainEnd();
  return history;
}
