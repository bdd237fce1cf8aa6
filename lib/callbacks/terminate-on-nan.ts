/**
 * `terminateOnNaN`: Keras' `TerminateOnNaN` callback for TensorFlow.js — stop the training at the
 * first batch whose loss is NaN or infinite, and say which batch.
 */
import * as tf from '@tensorflow/tfjs';
import { InvalidParameterError } from '../errors/index.js';

/** Where {@link TerminateOnNaN} stopped a training (0-based, as Keras counts). */
export interface NaNStop {
  epoch: number;
  batch: number;
  /** The bad loss: `NaN`, `Infinity` or `-Infinity`. */
  loss: number;
}

/**
 * Stops the training (`model.stopTraining = true`) at the end of the first batch whose loss is NaN
 * or ±Infinity, as Keras' `TerminateOnNaN` does, and prints one line in Portuguese naming the batch and
 * the epoch, counted from 1: `TerminateOnNaN: loss NaN no lote 2 da época 1 — treino interrompido`.
 * `stoppedAt` keeps where (0-based), or `null` while nothing went wrong.
 *
 * Works in `model.fit` and in `fitSeeded` (and so in `runModel`). It reads the loss back every batch,
 * one small synchronisation per batch, as Keras does.
 */
export class TerminateOnNaN extends tf.Callback {
  /** Where the training was stopped, or `null`. */
  stoppedAt: NaNStop | null = null;
  private epoch = 0;
  private readonly print: (line: string) => void;

  /** @param print - where the line goes (default `console.log`) */
  constructor(print: (line: string) => void = (line) => console.log(line)) {
    super();
    if (typeof print !== 'function') {
      throw new InvalidParameterError(
        'terminateOnNaN',
        'print',
        `must be a function (line: string) => void, got ${typeof print}`,
      );
    }
    this.print = print;
  }

  override async onTrainBegin(): Promise<void> {
    this.stoppedAt = null;
    this.epoch = 0;
  }

  override async onEpochBegin(epoch: number): Promise<void> {
    this.epoch = epoch;
  }

  override async onBatchEnd(batch: number, logs?: tf.Logs): Promise<void> {
    const raw = (logs as Record<string, unknown> | undefined)?.loss;
    if (raw === undefined) return;
    // model.fit hands tf.Callback subclasses the loss as a scalar tensor; fitSeeded too.
    const loss = raw instanceof tf.Tensor ? (await raw.data())[0] : Number(raw);
    if (Number.isFinite(loss)) return;
    this.stoppedAt = { epoch: this.epoch, batch, loss };
    this.print(`TerminateOnNaN: loss ${loss} no lote ${batch + 1} da época ${this.epoch + 1} — treino interrompido`);
    this.model.stopTraining = true;
  }
}

/**
 * A new {@link TerminateOnNaN} callback (Keras' `keras.callbacks.TerminateOnNaN()`).
 *
 * @example
 * const nan = l5.terminateOnNaN();
 * await l5.fitSeeded(modelo, x, y, { epochs: 10, seed: 0, callbacks: [nan] });
 * console.log(nan.stoppedAt); // { epoch: 0, batch: 1, loss: NaN }
 */
export function terminateOnNaN(print?: (line: string) => void): TerminateOnNaN {
  return new TerminateOnNaN(print);
}
