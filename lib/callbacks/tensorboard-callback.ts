/**
 * `TensorBoardCallback`: Keras' `TensorBoard` callback plus the lesson's `ExtendedTensorBoard`
 * (gradient histograms over the whole training set), for TensorFlow.js.
 */
import { writeActivationHistograms } from './activation-histograms.js';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import {
  type EpochGradients,
  FullSetGradients,
  type GradientInput,
  readWeights,
  toInputTensor,
  type TrainableWeightRef,
  trainableWeightRefs,
  writeGradientLog,
} from '../gradients/internal.js';
import { defaultLogDir, SummaryWriter } from '../tensorboard/index.js';
import { iterationsOf, learningRateOf } from '../training/internal.js';
import { checkFunction, invalidArgument, InvalidParameterError } from '../errors/index.js';
import { checkRunName, prepareLogFolder } from './log-folder.js';
import { EpochLogs, kerasMetricName, LoggedModel, loggedModel, resolveLogs } from './logged-model.js';

/** Options of {@link TensorBoardCallback}; the names follow Keras' `TensorBoard` (in camelCase). */
export interface TensorBoardCallbackOptions {
  /**
   * The training inputs, all of them (the lesson's `x=dados_treino`). With `y`, turns on the gradient
   * histograms: every `histogramFreq` epochs the gradient of the compiled loss with respect to every
   * trainable weight is computed over the whole of `(x, y)`. Tensors passed here stay yours (they are
   * not disposed); arrays and Matrices (lib/data) are copied into tensors for the training.
   */
  x?: GradientInput;
  /** The training targets (the lesson's `y=labels_treino`). */
  y?: GradientInput;
  /**
   * The log folder; each model gets `<logDir>/<model name>/train` and `.../validation` in it.
   * Default: {@link defaultLogDir} (`LISTA5_LOGDIR`, else `<project root>/logs`), read when the
   * callback is made.
   */
  logDir?: string;
  /**
   * Write weight histograms (and, with `x` and `y`, gradient histograms and magnitudes) every this
   * many epochs, at epochs 0, n, 2n, ...; 0 turns them off. Default 1, as the lesson uses it.
   */
  histogramFreq?: number;
  /**
   * With `x`, also write each layer's activations on `x` as histograms (`<layer>/activations`) every
   * `histogramFreq` epochs: where the tanh units sit, piled up at ±1 when saturated. Default false
   * (`runModel` turns it on).
   */
  activations?: boolean;
  /** Write the Keras conceptual graph (Graphs dashboard) once, when training starts. Default true. */
  writeGraph?: boolean;
  /**
   * Delete `<logDir>/<model name>` when training starts, so that each training starts clean (the
   * lesson's "Obs2", done for you). Default true. Only folders holding nothing but event files are
   * deleted; anything else there stops the training with an error instead. With `false`, old event
   * files stay (and TensorBoard tangles the curves of both trainings).
   */
  overwrite?: boolean;
  /** The folder under `logDir` for this training. Default: the model's name. */
  runName?: string;
  /** Print one line saying where the logs go (and that the previous ones were deleted). Default true. */
  verbose?: boolean;
  /**
   * Also ask the OS to put the logs on the disk (fsync) every epoch. Default false: the events are
   * handed to the OS every epoch anyway, which a killed kernel does not undo; fsync only guards
   * against the machine itself crashing, and costs time.
   */
  fsync?: boolean;
}

/**
 * A tfjs callback that writes what Keras' `TensorBoard(histogram_freq=1)` callback writes, plus
 * the gradients the lesson's `ExtendedTensorBoard(x=..., y=...)` adds, in the layout and with the
 * tags Keras 3 uses, so that `tensorboard --logdir logs` shows a tfjs training as it shows a Keras one.
 * Works in `model.fit(x, y, { callbacks: [tb] })` and in `fitSeeded` (and so in `runModel`).
 *
 * **Folders.** `<logDir>/<model name>/train` and `<logDir>/<model name>/validation` (two runs). Models
 * with different names log side by side under one `logDir`. By default the model's folder is deleted
 * when training starts (see `overwrite`), and one line says so:
 * `TensorBoard: logs/modelo_fundo recriado (treino anterior apagado)`.
 *
 * **Tags** (for a model `modelo_fundo` whose first layer is `funda_1`; every layer likewise):
 *
 * run `train`:
 * - `keras` — the Keras conceptual graph, step 0 (Graphs dashboard);
 * - `epoch_loss`, `epoch_accuracy` — per epoch, from the logs' `loss` and `acc` (any other metric
 *   `m` as `epoch_m`); `epoch_learning_rate` — the optimizer's `learningRate`;
 * - `modelo_fundo/funda_1/kernel/histogram`, `modelo_fundo/funda_1/bias/histogram` — the weights
 *   (Keras 3's tags), every `histogramFreq` epochs;
 * - `funda_1/kernel_0_grads`, `funda_1/bias_0_grads` — histograms of the gradient of the loss over
 *   the whole training set (the lesson's filter `kernel_0_grads` finds them), every `histogramFreq`
 *   epochs, when `x` and `y` are given;
 * - `funda_1/kernel_0_grads/mean_abs`, `funda_1/kernel_0_grads/norm`, `funda_1/bias_0_grads/mean_abs`,
 *   `funda_1/bias_0_grads/norm` — scalars: mean |g| and L2 norm of those gradients (exact, unlike
 *   the buckets; NaN or Infinity when the gradient is not finite), read back by `readGradientSeries`.
 *   The gradient log (lib/gradients/gradient-log.ts) owns these tags; {@link TensorBoardCallback.onGradients} hands the
 *   same magnitudes over in memory.
 *
 * run `validation` (when training validates):
 * - `epoch_loss`, `epoch_accuracy` — per epoch, from `val_loss` and `val_acc`;
 * - `evaluation_loss_vs_iterations`, `evaluation_accuracy_vs_iterations` — the same values at step =
 *   the optimizer's iterations (batches trained so far).
 *
 * Steps are epochs (from 0), as in Keras. Every epoch the events are handed to the OS, so
 * TensorBoard shows a training in progress and a killed kernel leaves readable logs; the files are
 * closed when training ends.
 *
 * **Cost.** Per logged epoch: one read of all weights back from the backend (a single `dataSync`),
 * the gradient of the loss over the whole training set, then 24 histograms and 27 scalars for a
 * 6-layer model. The gradient is planned once when training begins (lib/gradients'
 * `FullSetGradients`): on the pure-JS CPU backend a chain of Dense layers (the lesson's networks) is
 * computed in plain JavaScript from those weights and the training set read once (the same values as
 * tfjs' automatic differentiation up to float32 rounding, about 4 times faster there); other models
 * and backends go through tfjs (`model.apply` under `tf.variableGrads`, in one `tf.tidy`). For the lesson's
 * `modelo_fundo` (500 samples, 16 mini-batches per epoch) that brought the callback from ~16% to
 * ~6% on top of the training, measured inside the run by `npm run bench:callback --
 * --compare-dist <old lib/dist>` (both in the same run, on a loaded 2-vCPU machine).
 * `histogramFreq: n` divides the cost by n.
 *
 * @example
 * const tb = new l5.TensorBoardCallback({ x: trainX, y: trainY, histogramFreq: 1 });
 * await model.fit(trainX, trainY, { epochs: 500, validationData: [testX, testY], callbacks: [tb] });
 */
export class TensorBoardCallback extends tf.Callback {
  private readonly options: Readonly<TensorBoardCallbackOptions>;
  private readonly histogramFreq: number;
  private readonly logDir: string;
  private writers: { train: SummaryWriter; validation?: SummaryWriter } | undefined;
  private runDir: string | undefined;
  private logged: LoggedModel | undefined;
  private refs: TrainableWeightRef[] = [];
  private readonly gradientListeners = new Set<(gradients: EpochGradients) => void>();
  private data: { x: tf.Tensor; y: tf.Tensor; owned: tf.Tensor[] } | undefined;
  private gradients: FullSetGradients | undefined;

  constructor(options: TensorBoardCallbackOptions = {}) {
    super();
    if (typeof options !== 'object' || options === null) {
      throw new InvalidParameterError(
        'TensorBoardCallback',
        'options',
        'must be an object like { x, y, logDir, histogramFreq }',
      );
    }
    const histogramFreq = options.histogramFreq ?? 1;
    if (!Number.isInteger(histogramFreq) || histogramFreq < 0) {
      throw new InvalidParameterError(
        'TensorBoardCallback',
        'histogramFreq',
        `must be an integer >= 0, got ${String(histogramFreq)}`,
      );
    }
    if ((options.x === undefined) !== (options.y === undefined)) {
      throw invalidArgument(
        'TensorBoardCallback',
        options.x === undefined ? 'x' : 'y',
        'give both x and y (the training set) for the gradient histograms, or neither',
      );
    }
    if (options.logDir !== undefined && (typeof options.logDir !== 'string' || options.logDir === '')) {
      throw new InvalidParameterError(
        'TensorBoardCallback',
        'logDir',
        `must be a folder path, got ${JSON.stringify(options.logDir)}`,
      );
    }
    if (options.runName !== undefined) checkRunName(options.runName);
    this.options = { ...options };
    this.histogramFreq = histogramFreq;
    // Configuration is read here, when the callback is made, not deep inside the training.
    this.logDir = path.resolve(options.logDir ?? defaultLogDir());
  }

  /** The folder of the current (or last) training, `<logDir>/<model name>`; undefined before training. */
  get modelDir(): string | undefined {
    return this.runDir;
  }

  override async onTrainBegin(): Promise<void> {
    this.closeWriters();
    this.releaseData();
    const model = this.model;
    if (model === null || model === undefined) throw new Error('TensorBoardCallback: training began without a model');
    this.logged = loggedModel(model);
    const dir = path.join(this.logDir, checkRunName(this.options.runName ?? this.logged.name));
    this.runDir = dir;
    this.refs = trainableWeightRefs(model);
    try {
      // The data first: a mistake there must not cost the previous logs.
      if (this.options.x !== undefined && this.options.y !== undefined && this.histogramFreq > 0) {
        const { x, y } = this.takeData(this.options.x, this.options.y);
        this.gradients = new FullSetGradients(model, x, y, 'TensorBoardCallback', { refs: this.refs });
      }
      this.startLogs(dir);
    } catch (e) {
      this.releaseData();
      throw e;
    }
  }

  /** Tensors for the data (kept until training ends); FullSetGradients checks that they match. */
  private takeData(xInput: GradientInput, yInput: GradientInput): { x: tf.Tensor; y: tf.Tensor } {
    const x = toInputTensor(xInput, 'TensorBoardCallback', 'x');
    let y: ReturnType<typeof toInputTensor>;
    try {
      y = toInputTensor(yInput, 'TensorBoardCallback', 'y');
    } catch (e) {
      if (x.owned) x.tensor.dispose();
      throw e;
    }
    this.data = { x: x.tensor, y: y.tensor, owned: [x, y].filter((t) => t.owned).map((t) => t.tensor) };
    return this.data;
  }

  /** Deletes the model's old logs (unless `overwrite: false`), says where the logs go, opens the train run. */
  private startLogs(dir: string): void {
    prepareLogFolder(dir, { overwrite: this.options.overwrite ?? true, verbose: this.options.verbose ?? true });
    const train = new SummaryWriter(path.join(dir, 'train'), {
      flushIntervalMs: 0,
      fsync: this.options.fsync ?? false,
    });
    this.writers = { train };
    if (this.options.writeGraph ?? true) {
      train.kerasGraph(this.logged!.graph, 0);
      train.flush();
    }
  }

  override async onEpochEnd(epoch: number, logs?: EpochLogs): Promise<void> {
    const writers = this.writers;
    const model = this.model;
    if (writers === undefined || model === null) return;
    const values = await resolveLogs(logs);

    let validationMetrics = false;
    for (const [name, value] of Object.entries(values)) {
      if (name.startsWith('val_')) {
        validationMetrics = true;
        continue;
      }
      writers.train.scalar(`epoch_${kerasMetricName(name)}`, value, epoch);
    }
    const learningRate = learningRateOf(model.optimizer);
    if (learningRate !== undefined) writers.train.scalar('epoch_learning_rate', learningRate, epoch);

    if (validationMetrics) {
      const validation = (writers.validation ??= new SummaryWriter(path.join(this.runDir!, 'validation'), {
        flushIntervalMs: 0,
        fsync: this.options.fsync ?? false,
      }));
      const iterations = this.iterations(epoch);
      for (const [name, value] of Object.entries(values)) {
        if (!name.startsWith('val_')) continue;
        const metric = kerasMetricName(name.slice('val_'.length));
        validation.scalar(`epoch_${metric}`, value, epoch);
        validation.scalar(`evaluation_${metric}_vs_iterations`, value, iterations);
      }
    }

    if (this.histogramFreq > 0 && epoch % this.histogramFreq === 0) this.writeHistograms(model, epoch);

    writers.train.flush();
    writers.validation?.flush();
  }

  override async onTrainEnd(): Promise<void> {
    this.closeWriters();
    this.releaseData();
  }

  /** Batches trained so far: the optimizer's count, else epochs × batches per epoch. */
  private iterations(epoch: number): number {
    const counted = iterationsOf(this.model?.optimizer);
    if (counted !== undefined && counted > 0) return counted;
    const samples = Number(this.params?.samples);
    const batchSize = Number(this.params?.batchSize ?? 32);
    return samples > 0 && batchSize > 0 ? (epoch + 1) * Math.ceil(samples / batchSize) : epoch + 1;
  }

  /** Weight histograms, and gradient histograms and magnitudes. */
  private writeHistograms(model: tf.LayersModel, epoch: number): void {
    const train = this.writers!.train;
    const refs = this.refs;
    const weights = readWeights(refs).each;
    const prefix = this.logged!.name;
    refs.forEach((r, i) => train.histogram(`${prefix}/${r.name}/histogram`, weights[i], epoch));
    if (this.options.activations && this.data !== undefined)
      writeActivationHistograms(train, model, this.data.x, epoch);
    if (this.gradients === undefined) return;
    const { grads } = this.gradients.compute(weights);
    const written = writeGradientLog(train, epoch, refs, grads);
    for (const listener of this.gradientListeners) listener(written);
  }

  /**
   * Calls `listener` with the gradient magnitudes of every epoch whose gradients this callback logs,
   * as soon as they are written (the numbers the log holds): a live chart draws them from memory.
   *
   * @returns a function that stops the calls
   */
  onGradients(listener: (gradients: EpochGradients) => void): () => void {
    checkFunction('TensorBoardCallback.onGradients', 'listener', listener);
    this.gradientListeners.add(listener);
    return () => this.gradientListeners.delete(listener);
  }

  private closeWriters(): void {
    if (this.writers === undefined) return;
    const { train, validation } = this.writers;
    this.writers = undefined;
    try {
      train.close();
    } finally {
      validation?.close();
    }
  }

  private releaseData(): void {
    if (this.data !== undefined) tf.dispose(this.data.owned);
    this.data = undefined;
    this.gradients = undefined;
  }
}
