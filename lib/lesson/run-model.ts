/**
 * `runModel`: the lesson's `run_model` helper, for TensorFlow.js.
 */
import * as tf from '@tensorflow/tfjs';
import type { Matrix } from '../data/index.js';
import { fitProgress, liveChart, liveGradientChart, TensorBoardCallback } from '../callbacks/index.js';
import { disposeOptimizer, fitSeeded, kerasSGD } from '../training/internal.js';
import { invalidArgument, InvalidParameterError, checkModel, checkObject } from '../errors/index.js';

/** The lesson's data: the 500/500 split of the circles (as `trainTestSplitAt` returns it). */
export interface ClassificationData {
  trainX: Matrix;
  trainY: ArrayLike<number>;
  testX: Matrix;
  testY: ArrayLike<number>;
}

/** Options of {@link runModel}; the defaults are the lesson's. */
export interface RunModelOptions {
  /** Training epochs (500). */
  epochs?: number;
  /** SGD learning rate (0.01). */
  learningRate?: number;
  /** SGD momentum (0.9). */
  momentum?: number;
  /** Mini-batch size (32, Keras' default). */
  batchSize?: number;
  /** Seed of the batch shuffling: same seed, same run (1). */
  seed?: number;
  /** Extra callbacks for the training (e.g. a TensorBoard logger). */
  callbacks?: tf.Callback[];
  /** Print the model summary (true). */
  summary?: boolean;
  /** Show the accuracy chart, growing while the network trains (true; see `liveChart`). */
  plot?: boolean;
  /**
   * Log the training for TensorBoard, as the lesson's `run_model(model, log_to_tb=True)` does (false):
   * a {@link TensorBoardCallback} with the training set and `histogramFreq: 1` writes to
   * `<logDir>/<model name>` (replacing an earlier training of that model), with each layer's
   * activations (`activations: true`) besides the weights and gradients.
   */
  logToTb?: boolean;
  /** The log folder for `logToTb` (default: `defaultLogDir()`, the project's `logs/`). */
  logDir?: string;
  /**
   * With `logToTb`: also show the mean |gradient| of each layer per epoch, a chart that grows while
   * the model trains (false; see `liveGradientChart`).
   */
  liveGradients?: boolean;
}

/** What {@link runModel} measured. */
export interface RunModelResult {
  /** One value per epoch: `loss`, `acc`, `val_loss`, `val_acc`. */
  history: Record<string, number[]>;
  /** Accuracy on the training and on the test set after training (`model.evaluate`). */
  trainAccuracy: number;
  testAccuracy: number;
  /** Wall-clock seconds of the training loop alone. */
  fitSeconds: number;
}

/** Marks the optimizers runModel made (and so may dispose when it runs the same model again). */
const MADE_BY_RUN_MODEL = Symbol('lista5.runModel.optimizer');

function tensors(data: ClassificationData) {
  const x = (m: Matrix) => tf.tensor2d(Float32Array.from(m.data), [m.shape[0], m.shape[1]], 'float32');
  const y = (labels: ArrayLike<number>) => tf.tensor2d(Array.from(labels), [labels.length, 1], 'float32');
  return { trainX: x(data.trainX), trainY: y(data.trainY), testX: x(data.testX), testY: y(data.testY) };
}

async function accuracyOf(model: tf.LayersModel, x: tf.Tensor, y: tf.Tensor): Promise<number> {
  const result = model.evaluate(x, y, { batchSize: 32 }) as tf.Scalar[];
  const accuracy = (await result[1].data())[0];
  tf.dispose(result);
  return accuracy;
}

/**
 * Trains and evaluates a binary classifier on the lesson's data, as `run_model` does:
 * prints the summary; compiles with SGD(learning rate 0.01, momentum 0.9), binary cross-entropy and
 * accuracy; trains 500 epochs (validating on the test split, showing progress on one line and the
 * train and test accuracy per epoch on a [0, 1] axis, a chart that grows while it trains, see
 * `liveChart`); and prints `Train: 0.xxx, Test: 0.xxx`.
 *
 * Training is reproducible: batches are shuffled with `seed` (see {@link fitSeeded}); use seeded
 * initializers in the model too. The tensors it creates are disposed; the model keeps its optimizer
 * (its learning rate and momentum, and one momentum slot per trainable weight), which a second
 * `runModel` of the same model replaces and disposes.
 */
export async function runModel(
  model: tf.LayersModel,
  data: ClassificationData,
  options: RunModelOptions = {},
): Promise<RunModelResult> {
  checkModel('runModel', 'model', model);
  checkObject('runModel', 'data', data, 'an object like { trainX, trainY, testX, testY }');
  for (const key of ['trainX', 'trainY', 'testX', 'testY'] as const) {
    if (data[key] === undefined) throw new InvalidParameterError('runModel', `data.${key}`, 'is missing');
  }
  checkObject('runModel', 'options', options);
  const {
    epochs = 500,
    learningRate = 0.01,
    momentum = 0.9,
    batchSize = 32,
    seed = 1,
    summary = true,
    plot = true,
  } = options;
  if (options.liveGradients && !options.logToTb) {
    throw invalidArgument(
      'runModel',
      'liveGradients',
      'liveGradients draws what the TensorBoard callback logs: set logToTb: true too',
    );
  }
  if (summary) model.summary();
  // Running the same model again: release the optimizer (and its slots) an earlier run made.
  const previous = model.optimizer as tf.Optimizer | undefined;
  if (previous && MADE_BY_RUN_MODEL in previous) {
    disposeOptimizer(previous);
  }
  const optimizer = kerasSGD({ learningRate, momentum });
  Object.defineProperty(optimizer, MADE_BY_RUN_MODEL, { value: true });
  model.compile({ optimizer, loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  const t = tensors(data);
  const tb = options.logToTb
    ? new TensorBoardCallback({ x: t.trainX, y: t.trainY, logDir: options.logDir, histogramFreq: 1, activations: true })
    : undefined;
  try {
    const started = performance.now();
    const history = await fitSeeded(model, t.trainX, t.trainY, {
      epochs,
      batchSize,
      seed,
      validationData: [t.testX, t.testY],
      callbacks: [
        fitProgress(epochs, model.name),
        ...(plot ? [liveChart({ kind: 'accuracy', title: `Acurácia ${model.name}`, epochs })] : []),
        ...(options.callbacks ?? []),
        ...(tb ? [tb] : []),
        ...(tb && options.liveGradients ? [liveGradientChart({ model: model.name, source: tb })] : []),
      ],
    });
    const fitSeconds = (performance.now() - started) / 1000;
    const trainAccuracy = await accuracyOf(model, t.trainX, t.trainY);
    const testAccuracy = await accuracyOf(model, t.testX, t.testY);
    console.log(`\nTrain: ${trainAccuracy.toFixed(3)}, Test: ${testAccuracy.toFixed(3)}`);
    const perEpoch = history.history as Record<string, number[]>;
    return { history: perEpoch, trainAccuracy, testAccuracy, fitSeconds };
  } finally {
    tf.dispose(Object.values(t));
  }
}
