#!/usr/bin/env node
/**
 * The TypeScript side of `npm run bench`: the lesson's trainings with TensorFlow.js (the backend
 * l5.initBackend chooses: the pure-JS "cpu" one here), through the compiled library lib/dist.
 * bench/run.mjs starts this once per row (so that each row's peak memory is its own).
 *
 *   node bench/ts-bench.mjs [--rows exploding,clipped,raso,fundo,fundo_tb,xavier,xavier_tb] [--reps 3]
 *                           [--epochs N] [--n-train 500] [--logdir DIR]
 *
 * Prints one JSON line per training (same fields as bench/keras_bench.py):
 *   {"side":"ts","row":"xavier","rep":0,"epochs":500,"nTrain":500,"fitSeconds":…,"cpuSeconds":…,"totalSeconds":…,
 *    "trainAccuracy":…,"testAccuracy":…,"finalLoss":…}
 * then one line {"side":"ts","memory":{…}} (peak RSS from process.resourceUsage, heap, tf.memory()).
 * Environment: BENCH_LIB_DIST=path/to/dist/index.js runs another build of the library (default lib/dist).
 * A row that needs l5.TensorBoardCallback when the library has none prints
 *   {"side":"ts","row":"fundo_tb","unavailable":"n/a (not built)"}.
 *
 * The rows: exploding / clipped are the notebook's `model.fit` (Dense(1), glorotUniform seed 5, SGD 0.01,
 * MSE, batch 32, 400 epochs; clipped adds l5.withGradientClipping clipvalue 1); raso / fundo / xavier are
 * the notebook's models (initializer seeds from l5.seedSequence(rep + 1), taken in the notebook's order)
 * trained by l5.runModel (500 epochs, shuffle seed rep + 1; summary and plot off); *_tb add
 * `{ logToTb: true, logDir }` (a fresh temporary folder, removed afterwards).
 * fitSeconds: `model.fit`'s wall time / runModel's fitSeconds (the training loop alone); cpuSeconds: the CPU
 * time (user + system) this process spent over the same span (less sensitive to other load on the machine).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { root, usage } from './cli.mjs';

// BENCH_LIB_DIST: another build of the library (e.g. the patched copy bench/check-patch.mjs --keep makes).
const distEntry = process.env.BENCH_LIB_DIST
  ? path.resolve(process.env.BENCH_LIB_DIST)
  : path.join(root, 'lib', 'dist', 'index.js');
if (!fs.existsSync(distEntry)) {
  console.error(`${distEntry} is missing: build the library first (npm run build).`);
  process.exit(1);
}
// The library's own copy of tfjs (the one its backend is set on).
const requireFromLib = createRequire(path.join(path.dirname(distEntry), '..', 'package.json'));
const tf = requireFromLib('@tensorflow/tfjs');
const l5 = requireFromLib(distEntry);

export const ROWS = ['exploding', 'clipped', 'raso', 'fundo', 'fundo_tb', 'xavier', 'xavier_tb'];
export const NOT_BUILT = 'n/a (not built)';

/** `--name value` options; `flags` are the ones without a value. */
export function parseOptions(argv, defaults, flags = []) {
  const out = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new Error(`unexpected argument ${arg}`);
    const name = arg.slice(2).replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    if (flags.includes(name)) {
      out[name] = true;
      continue;
    }
    if (!(name in defaults)) throw new Error(`unknown option ${arg}`);
    const value = argv[++i];
    if (value === undefined) throw new Error(`${arg} needs a value`);
    out[name] = typeof defaults[name] === 'number' ? Number(value) : value;
    if (typeof defaults[name] === 'number' && !Number.isFinite(out[name]))
      throw new Error(`${arg} needs a number, got ${value}`);
  }
  return out;
}

/** The lesson's circles: makeCircles(2n, noise 0.1, random state 1), scaled to [-1, 1], first n for training. */
export const circles = (nTrain = 500) => l5.lessonData(nTrain);

async function regression(clip, epochs) {
  const optimizer = clip ? l5.withGradientClipping(tf.train.sgd(0.01), { clipvalue: 1.0 }) : tf.train.sgd(0.01);
  const { model, x, y } = l5.explodingRegression(optimizer, 5);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const history = await model.fit(x, y, { epochs, batchSize: 32, verbose: 0 });
  const fitSeconds = (performance.now() - started) / 1000;
  const cpuSeconds = cpuSince(cpu);
  const losses = history.history.loss;
  tf.dispose([x, y]);
  optimizer.dispose();
  model.dispose();
  return { fitSeconds, cpuSeconds, finalLoss: losses[losses.length - 1] };
}

/** CPU seconds (user + system) of this process since `start` (a process.cpuUsage()). */
function cpuSince(start) {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1e6;
}

/** A callback measuring the CPU time from onTrainBegin to onTrainEnd (runModel only reports wall time). */
function cpuMeter() {
  let start;
  const meter = {
    seconds: NaN,
    callback: new tf.CustomCallback({
      onTrainBegin: async () => {
        start = process.cpuUsage();
      },
      onTrainEnd: async () => {
        meter.seconds = cpuSince(start);
      },
    }),
  };
  return meter;
}

/** runModel with its console output (the `Train: …, Test: …` line) silenced. */
async function quietRunModel(model, data, options) {
  const log = console.log;
  console.log = () => {};
  try {
    return await l5.runModel(model, data, { summary: false, plot: false, ...options });
  } finally {
    console.log = log;
  }
}

export function tensorBoardBuilt() {
  return typeof l5.TensorBoardCallback === 'function';
}

async function classification(row, rep, epochs, nTrain, logRoot) {
  const kind = row.replace(/_tb$/, '');
  const logging = row.endsWith('_tb');
  const data = circles(nTrain);
  const models = l5.lessonNetworks(rep + 1);
  const model = models[`modelo_${kind}`];
  for (const other of Object.values(models)) if (other !== model) other.dispose();
  const logDir = logging ? fs.mkdtempSync(path.join(logRoot, `${row}-`)) : undefined;
  try {
    const meter = cpuMeter();
    const r = await quietRunModel(model, data, {
      epochs,
      seed: rep + 1,
      callbacks: [meter.callback],
      ...(logging ? { logToTb: true, logDir } : {}),
    });
    const losses = r.history.loss;
    return {
      fitSeconds: r.fitSeconds,
      cpuSeconds: meter.seconds,
      trainAccuracy: r.trainAccuracy,
      testAccuracy: r.testAccuracy,
      finalLoss: losses[losses.length - 1],
    };
  } finally {
    if (model.optimizer) {
      model.optimizer.dispose();
      // tfjs 4.22's MomentumOptimizer.dispose forgets SGD's learning-rate scalar `c` (runModel does the same).
      tf.dispose(model.optimizer.c);
    }
    model.dispose();
    if (logDir) fs.rmSync(logDir, { recursive: true, force: true });
  }
}

/** One training of `row`; the JSON-ready result. */
export async function runRow(row, rep, { epochs = 0, nTrain = 500, logRoot = os.tmpdir() } = {}) {
  if (row.endsWith('_tb') && !tensorBoardBuilt()) return { side: 'ts', row, rep, unavailable: NOT_BUILT };
  const started = performance.now();
  const regressionRow = row === 'exploding' || row === 'clipped';
  const rowEpochs = epochs || (regressionRow ? 400 : 500);
  const result = regressionRow
    ? await regression(row === 'clipped', rowEpochs)
    : await classification(row, rep, rowEpochs, nTrain, logRoot);
  const totalSeconds = (performance.now() - started) / 1000;
  return { side: 'ts', row, rep, epochs: rowEpochs, ...(regressionRow ? {} : { nTrain }), ...result, totalSeconds };
}

export function memoryReport() {
  const usage = process.resourceUsage();
  const mem = process.memoryUsage();
  const t = tf.memory();
  const mb = (bytes) => Math.round((bytes / 2 ** 20) * 10) / 10;
  return {
    maxRssMB: mb(usage.maxRSS * 1024), // resourceUsage().maxRSS is in kilobytes
    rssMB: mb(mem.rss),
    heapUsedMB: mb(mem.heapUsed),
    heapTotalMB: mb(mem.heapTotal),
    externalMB: mb(mem.external),
    arrayBuffersMB: mb(mem.arrayBuffers),
    tfNumTensors: t.numTensors,
    tfNumBytes: t.numBytes,
  };
}

/** JSON with NaN / ±Infinity kept (as the strings "NaN", "Infinity", "-Infinity"). */
export function toJsonLine(value) {
  return JSON.stringify(value, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
}

async function main() {
  const o = parseOptions(process.argv.slice(2), { rows: ROWS.join(','), reps: 3, epochs: 0, nTrain: 500, logdir: '' }, [
    'help',
  ]);
  if (o.help) {
    console.log(usage(import.meta.url));
    return;
  }
  const rows = o.rows.split(',').filter(Boolean);
  const unknown = rows.filter((r) => !ROWS.includes(r));
  if (unknown.length) throw new Error(`unknown rows ${unknown.join(', ')}; known: ${ROWS.join(', ')}`);
  for (const [name, v] of Object.entries({ reps: o.reps, nTrain: o.nTrain })) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} must be a positive integer, got ${v}`);
  }
  if (!Number.isInteger(o.epochs) || o.epochs < 0)
    throw new Error(`--epochs must be a positive integer, got ${o.epochs}`);
  l5.setDisplaySink(() => {}); // no progress lines
  const backend = await l5.initBackend();
  const logRoot = o.logdir ? path.resolve(o.logdir) : fs.mkdtempSync(path.join(os.tmpdir(), 'ts-bench-'));
  fs.mkdirSync(logRoot, { recursive: true });
  console.log(
    toJsonLine({
      side: 'ts',
      info: {
        tfjs: tf.version.tfjs,
        backend: tf.getBackend(),
        description: backend.description,
        node: process.version,
      },
    }),
  );
  try {
    for (let rep = 0; rep < o.reps; rep++) {
      for (const row of rows)
        console.log(toJsonLine(await runRow(row, rep, { epochs: o.epochs, nTrain: o.nTrain, logRoot })));
    }
  } finally {
    if (!o.logdir) fs.rmSync(logRoot, { recursive: true, force: true });
  }
  console.log(toJsonLine({ side: 'ts', memory: memoryReport() }));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.stack : e);
    process.exit(1);
  });
}
