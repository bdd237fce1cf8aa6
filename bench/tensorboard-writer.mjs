#!/usr/bin/env node
/**
 * Throughput of lib/tensorboard's SummaryWriter (run against the compiled lib/dist):
 *   npm run bench:tensorboard                       (builds lib first)
 *   node bench/tensorboard-writer.mjs [--records 100000] [--values 25] [--buckets 30] [--dir <folder>]
 *
 * Writes N histograms of V values (from a Float32Array, as tensors' dataSync() gives them), N scalars,
 * and N/10 histograms from tf.Tensors, each to its own event file; prints records/s and bytes/s
 * (file bytes, flushed and closed), reads the histogram file back as a check, and estimates what a
 * 500-epoch run of the lesson costs.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { option, requireDist } from './cli.mjs';

const require = createRequire(import.meta.url);

const { SummaryWriter, readEvents } = requireDist(path.join('tensorboard', 'index.js'));
const records = option('records', 100_000);
const valuesPer = option('values', 25);
const buckets = option('buckets', 30);
const baseDir = option('dir', '');
const logdir = baseDir ? path.resolve(baseDir) : fs.mkdtempSync(path.join(os.tmpdir(), 'tb-bench-'));
for (const [name, v] of Object.entries({ records, values: valuesPer, buckets })) {
  if (!Number.isSafeInteger(v) || v < 1) throw new Error(`--${name} must be a positive integer, got ${v}`);
}

/** Deterministic pseudo-random data, made before timing starts. */
function makeData(count, n) {
  let a = 12345;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
  };
  // A pool of arrays reused round-robin keeps memory flat while every call still buckets real data.
  return Array.from({ length: Math.min(count, 1000) }, () => Float32Array.from({ length: n }, next));
}

const fmt = (x, digits = 0) =>
  x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function measure(label, count, write) {
  const dir = path.join(logdir, label.replace(/[^a-z0-9]+/gi, '-'));
  const writer = new SummaryWriter(dir, { flushIntervalMs: 0 });
  const headerBytes = fs.statSync(writer.file).size;
  const t0 = process.hrtime.bigint();
  write(writer, count);
  const tWrite = process.hrtime.bigint();
  writer.close(); // flush + fsync + close
  const t1 = process.hrtime.bigint();
  const seconds = Number(t1 - t0) / 1e9;
  const bytes = fs.statSync(writer.file).size - headerBytes;
  const row = {
    label,
    records: count,
    seconds,
    recordsPerSecond: count / seconds,
    bytesPerSecond: bytes / seconds,
    bytes,
    microsPerRecord: Number(tWrite - t0) / 1e3 / count,
    closeMillis: Number(t1 - tWrite) / 1e6,
    file: writer.file,
  };
  console.log(
    `${label.padEnd(44)} ${fmt(count).padStart(9)} records in ${fmt(seconds, 3)} s: ` +
      `${fmt(row.recordsPerSecond).padStart(9)} records/s, ${fmt(row.bytesPerSecond / 1e6, 1).padStart(6)} MB/s ` +
      `(${fmt(bytes / count)} B/record, ${fmt(row.microsPerRecord, 2)} µs/call, close ${fmt(row.closeMillis, 1)} ms)`,
  );
  return row;
}

console.log(`node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'}; logs in ${logdir}`);
const pool = makeData(records, valuesPer);

const hist = measure(`histogram(Float32Array[${valuesPer}], ${buckets} buckets)`, records, (w, n) => {
  for (let i = 0; i < n; i++) w.histogram(`layer_${i % 12}/kernel_0_grads`, pool[i % pool.length], i, { buckets });
});
const scal = measure('scalar(number)', records, (w, n) => {
  for (let i = 0; i < n; i++) w.scalar(`epoch_loss_${i % 4}`, pool[i % pool.length][0], i);
});

const tf = require('@tensorflow/tfjs');
const tensors = pool.slice(0, 100).map((a) => tf.tensor1d(a));
const tensorCount = Math.max(1, Math.floor(records / 10));
const tens = measure(`histogram(tf.Tensor[${valuesPer}], ${buckets} buckets)`, tensorCount, (w, n) => {
  for (let i = 0; i < n; i++) w.histogram('dense/kernel', tensors[i % tensors.length], i, { buckets });
});
tf.dispose(tensors);

// Check: the histogram file reads back complete.
const r0 = process.hrtime.bigint();
let readBack = 0;
for (const ev of readEvents(hist.file)) if (ev.kind === 'histogram') readBack++;
const readSeconds = Number(process.hrtime.bigint() - r0) / 1e9;
if (readBack !== records) throw new Error(`read back ${readBack} histograms, wrote ${records}`);
console.log(
  `${'read back (readEvents, CRCs checked)'.padEnd(44)} ${fmt(readBack).padStart(9)} records in ${fmt(readSeconds, 3)} s: ${fmt(readBack / readSeconds).padStart(9)} records/s`,
);

// The lesson: 500 epochs; per epoch ~4 scalars and, for a 7-layer network, kernel and bias histograms
// of weights and of gradients (28 histograms).
const epochs = 500;
const perEpochHist = 28;
const perEpochScalars = 4;
const lessonSeconds =
  (epochs * perEpochHist) / hist.recordsPerSecond + (epochs * perEpochScalars) / scal.recordsPerSecond;
console.log(
  `500-epoch lesson run (${perEpochHist} histograms + ${perEpochScalars} scalars per epoch = ${fmt(epochs * (perEpochHist + perEpochScalars))} records): ` +
    `~${fmt(lessonSeconds * 1000, 0)} ms of writing in total, ${fmt((lessonSeconds / epochs) * 1e6, 0)} µs per epoch`,
);
console.log(
  JSON.stringify({
    histogram: strip(hist),
    scalar: strip(scal),
    tensorHistogram: strip(tens),
    readBackPerSecond: readBack / readSeconds,
  }),
);

function strip({ file: _file, ...rest }) {
  return rest;
}
if (!baseDir) fs.rmSync(logdir, { recursive: true, force: true });
