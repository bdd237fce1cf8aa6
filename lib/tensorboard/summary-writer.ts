/**
 * `SummaryWriter`: writes TensorBoard event files for one run folder, in pure TypeScript.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { eventFileName, FILE_VERSION, nextFileCounter } from './file-name.js';
import { checkBucketCount, computeHistogramBuckets, DEFAULT_HISTOGRAM_BUCKETS } from './histogram.js';
import { HistogramInput, ScalarInput, toFloat64Values, toScalarNumber } from './inputs.js';
import { KerasModelJson, kerasModelJson } from './keras-graph.js';
import { encodeEvent, SummaryValueMessage } from './proto.js';
import { encodeTFRecord } from './records.js';
import { histogramValue, kerasGraphValue, scalarValue, textValue } from './summaries.js';
import { checkNonNegative, checkString, InvalidParameterError } from '../errors/index.js';

/** Options of a {@link SummaryWriter}. */
export interface SummaryWriterOptions {
  /**
   * Milliseconds between automatic writes of the buffer to the file (default 5000; 0 turns them off).
   * The timer does not keep Node.js alive.
   */
  flushIntervalMs?: number;
  /** Buffered bytes that trigger a write to the file (default 1 MiB). */
  maxBufferBytes?: number;
  /** Whether {@link SummaryWriter.flush} also asks the OS to put the data on the disk (fsync; default true). */
  fsync?: boolean;
  /** Wall-clock time in seconds since the epoch for each event (default `Date.now() / 1000`). */
  clock?: () => number;
}

/** Options of {@link SummaryWriter.histogram}. */
export interface HistogramSummaryOptions {
  /** Number of buckets (a positive integer; default 30, as in TensorFlow). */
  buckets?: number;
}

/** What {@link SummaryWriter.histogram} wrote. */
export interface HistogramWriteResult {
  /** False only when the input had values but none of them finite: then nothing is written for this step. */
  written: boolean;
  /** Values counted in the buckets. */
  count: number;
  /** NaN values left out of the buckets. */
  nan: number;
  /** +Infinity values left out of the buckets. */
  posInf: number;
  /** -Infinity values left out of the buckets. */
  negInf: number;
}

const openWriters = new Set<SummaryWriter>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // On a normal exit, hand whatever is still buffered to the OS (no fsync: the OS keeps it).
  process.on('exit', () => {
    for (const w of openWriters) w['drainQuietly']();
  });
}

function errorText(e: unknown): string {
  const message = (e as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(e);
}

/**
 * Writes TensorBoard summaries (scalars, histograms, text, the Keras graph) to a new event file in a
 * run folder, which TensorBoard shows as one run (`tensorboard --logdir <parent folder>`).
 *
 * Calls only encode and buffer (cheap); the buffer goes to the file when it exceeds
 * `maxBufferBytes`, every `flushIntervalMs`, on {@link SummaryWriter.flush}, on {@link SummaryWriter.close} and at process exit.
 * Everything written before a `flush()` survives a crash of the process. Each writer creates its own
 * file (`events.out.tfevents.<seconds>.<host>.<pid>.<n>.v2`, created exclusively, never shared).
 * Use a fresh run folder per training run: TensorBoard replaces earlier points of a tag when a step
 * repeats.
 *
 * @example
 * const w = new SummaryWriter("logs/exploding/train");
 * w.scalar("epoch_loss", loss, epoch);
 * w.histogram("dense/kernel_0_grads", gradTensor, epoch);
 * w.close();
 */
export class SummaryWriter {
  /** The run folder (absolute path). */
  readonly logdir: string;
  /** The event file this writer writes (absolute path). */
  readonly file: string;

  private fd: number | null;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private readonly maxBufferBytes: number;
  private readonly fsync: boolean;
  private readonly clock: () => number;
  private timer: NodeJS.Timeout | undefined;

  /**
   * Creates the run folder if needed and a new event file in it, starting with the file-version event.
   *
   * @param logdir the run folder
   * @throws Error naming the folder when it cannot be created or written
   */
  constructor(logdir: string, options: SummaryWriterOptions = {}) {
    checkString('SummaryWriter', 'logdir', logdir, 'a non-empty folder path');
    const flushIntervalMs = options.flushIntervalMs ?? 5000;
    const maxBufferBytes = options.maxBufferBytes ?? 1 << 20;
    checkNonNegative('SummaryWriter', 'flushIntervalMs', flushIntervalMs);
    checkNonNegative('SummaryWriter', 'maxBufferBytes', maxBufferBytes);
    this.maxBufferBytes = maxBufferBytes;
    this.fsync = options.fsync ?? true;
    this.clock = options.clock ?? (() => Date.now() / 1000);
    this.logdir = path.resolve(logdir);

    try {
      fs.mkdirSync(this.logdir, { recursive: true });
    } catch (e) {
      throw new Error(`SummaryWriter: cannot create the log folder "${this.logdir}": ${errorText(e)}`, { cause: e });
    }
    if (!fs.statSync(this.logdir).isDirectory()) {
      throw new Error(`SummaryWriter: the log folder "${this.logdir}" exists and is not a folder`);
    }

    const seconds = this.clock();
    let fd: number | undefined;
    let file = '';
    for (let attempt = 0; fd === undefined; attempt++) {
      file = path.join(this.logdir, eventFileName(seconds, nextFileCounter()));
      try {
        fd = fs.openSync(file, 'wx'); // exclusive: never append to another writer's file
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST' && attempt < 1000) continue;
        throw new Error(
          `SummaryWriter: cannot create an event file in the log folder "${this.logdir}": ${errorText(e)}`,
          {
            cause: e,
          },
        );
      }
    }
    this.fd = fd;
    this.file = file;
    try {
      this.appendEvent({ wall_time: seconds, step: 0, file_version: FILE_VERSION });
      this.flush();
    } catch (e) {
      this.fd = null;
      fs.closeSync(fd);
      throw e;
    }

    openWriters.add(this);
    installExitHook();
    if (flushIntervalMs > 0) {
      this.timer = setInterval(() => this.drainInBackground(), flushIntervalMs);
      this.timer.unref();
    }
  }

  /** Whether {@link SummaryWriter.close} has been called. */
  get closed(): boolean {
    return this.fd === null;
  }

  /**
   * Writes a scalar (shown in the Scalars dashboard). Stored as float32, like TF: NaN and ±Infinity
   * are kept as they are, and finite values beyond float32's range become ±Infinity.
   *
   * @param value a number or a one-element tensor
   * @param step the step (e.g. epoch), an integer
   */
  scalar(tag: string, value: ScalarInput, step: number): void {
    const what = this.check('scalar', tag, step);
    this.appendValue(scalarValue(tag, toScalarNumber(value, what)), step);
  }

  /**
   * Writes a histogram (Histograms and Distributions dashboards) of all elements of `values`, bucketed
   * as TF 2's `tf.summary.histogram` does. NaN and ±Infinity are left out of the buckets and counted
   * in the result; if no finite value remains (but there were values), nothing is written for this
   * step. Empty input is written as TF writes it: `buckets` rows of zeros.
   *
   * @param values a tensor of any shape, a typed array, or (nested) arrays of numbers
   * @param step the step, an integer
   */
  histogram(
    tag: string,
    values: HistogramInput,
    step: number,
    options: HistogramSummaryOptions = {},
  ): HistogramWriteResult {
    const what = this.check('histogram', tag, step);
    if (typeof options !== 'object' || options === null) {
      throw new InvalidParameterError(
        what,
        'options',
        `must be an object like { buckets: 30 }, got ${String(options)}`,
      );
    }
    const k = checkBucketCount(options.buckets ?? DEFAULT_HISTOGRAM_BUCKETS, what);
    const data = toFloat64Values(values, what);
    const buckets = computeHistogramBuckets(data, k);
    const written = !(buckets.count === 0 && data.length > 0);
    if (written) this.appendValue(histogramValue(tag, buckets), step);
    return { written, count: buckets.count, nan: buckets.nan, posInf: buckets.posInf, negInf: buckets.negInf };
  }

  /** Writes text (Text dashboard; rendered as Markdown). */
  text(tag: string, text: string, step: number): void {
    const what = this.check('text', tag, step);
    if (typeof text !== 'string') throw new InvalidParameterError(what, 'text', `must be a string, got ${typeof text}`);
    this.appendValue(textValue(tag, text), step);
  }

  /**
   * Writes the Keras conceptual graph of a model (Graphs dashboard, tag `keras`), as Keras's
   * TensorBoard callback does.
   *
   * @param model a tfjs `LayersModel`, or Keras model JSON
   * @param step the step (Keras uses 0)
   */
  kerasGraph(model: tf.LayersModel | KerasModelJson | string, step = 0): void {
    this.check('kerasGraph', 'keras', step);
    this.appendValue(kerasGraphValue(JSON.stringify(kerasModelJson(model))), step);
  }

  /**
   * Writes everything buffered to the file and (unless `fsync: false`) to the disk. After it returns,
   * a crash loses nothing written so far. A no-op on a closed writer.
   *
   * @throws Error naming the file when it cannot be written; the unwritten data stays buffered
   */
  flush(): void {
    if (this.fd === null) return;
    this.drain();
    if (this.fsync) {
      try {
        fs.fsyncSync(this.fd);
      } catch (e) {
        throw new Error(`SummaryWriter: cannot sync the event file "${this.file}" to disk: ${errorText(e)}`, {
          cause: e,
        });
      }
    }
  }

  /**
   * Flushes and closes the file. Calling it again does nothing. If the final write fails, the error is
   * thrown and the writer stays open (nothing is dropped), so `close()` can be retried.
   */
  close(): void {
    if (this.fd === null) return;
    this.flush();
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    const fd = this.fd;
    this.fd = null;
    openWriters.delete(this);
    fs.closeSync(fd);
  }

  private check(method: string, tag: string, step: number): string {
    if (this.fd === null) {
      throw new Error(
        `SummaryWriter.${method}: this writer (run folder "${this.logdir}") is closed; create a new SummaryWriter to write more`,
      );
    }
    checkString(`SummaryWriter.${method}`, 'tag', tag);
    const what = `SummaryWriter.${method}("${tag}")`;
    if (typeof step !== 'number' || !Number.isSafeInteger(step)) {
      throw new InvalidParameterError(what, 'step', `must be an integer, got ${String(step)}`);
    }
    return what;
  }

  private appendValue(value: SummaryValueMessage, step: number): void {
    this.appendEvent({ wall_time: this.clock(), step, summary: { value: [value] } });
  }

  private appendEvent(event: Parameters<typeof encodeEvent>[0]): void {
    const record = encodeTFRecord(encodeEvent(event));
    this.pending.push(record);
    this.pendingBytes += record.length;
    if (this.pendingBytes >= this.maxBufferBytes) this.drain();
  }

  /** Hands the buffer to the OS; on failure keeps what was not written and throws. */
  private drain(): void {
    if (this.fd === null || this.pendingBytes === 0) return;
    const buf = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending, this.pendingBytes);
    let written = 0;
    try {
      while (written < buf.length) written += fs.writeSync(this.fd, buf, written, buf.length - written);
    } catch (e) {
      const rest = buf.subarray(written);
      this.pending = [rest];
      this.pendingBytes = rest.length;
      throw new Error(`SummaryWriter: cannot write to the event file "${this.file}": ${errorText(e)}`, { cause: e });
    }
    this.pending = [];
    this.pendingBytes = 0;
  }

  private drainInBackground(): void {
    try {
      this.drain();
    } catch (e) {
      process.emitWarning(`${errorText(e)} (will retry on the next flush)`);
    }
  }

  private drainQuietly(): void {
    try {
      this.drain();
    } catch {
      // at exit there is nobody left to tell
    }
  }
}
