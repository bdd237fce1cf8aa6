#!/usr/bin/env node
/**
 * What the TensorBoard callback costs: the lesson's `modelo_fundo` trained with `runModel` (500 epochs,
 * seed 1, SGD 0.01 + momentum 0.9, batches of 32, validation every epoch) without and with a
 * `TensorBoardCallback({ x, y, histogramFreq: 1 })` — what `runModel(..., { logToTb: true })` adds:
 * scalars, weight and gradient histograms, gradient magnitudes, one gradient pass over the whole
 * training set per epoch. Runs against the compiled lib/dist:
 *   npm run bench:callback                           (builds lib first)
 *   node bench/tensorboard-callback-overhead.mjs [--epochs 500] [--repeats 3] [--fsync]
 *
 * Two measures:
 * - A/B in pairs: each repeat trains once without and once with the callback (which goes first
 *   alternates), after a warm-up of each; per pair, the ratio of the fit times (wall clock,
 *   `runModel`'s fitSeconds) and of this process's CPU time during `runModel`; the median of the
 *   ratios. This includes what the callback costs outside its own methods (garbage collection).
 * - In the run: the time spent inside the callback's methods divided by the rest of the fit time
 *   of the same run. Both are measured at the same moments, so other processes on the machine
 *   barely move this ratio; it leaves out the garbage collection the callback causes later.
 * `--fsync` adds a variant that also fsyncs the event files every epoch.
 * `--compare-dist <folder>` adds the callback of another build of the library (e.g. a copy of an older
 * commit's lib/dist, kept inside the project so that it finds the same TensorFlow.js), measured in the
 * same run, in the same pairs: before/after figures under the same load.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { option, requireDist, root } from './cli.mjs';

const require = createRequire(import.meta.url);
const l5 = requireDist();
const tf = require(require.resolve('@tensorflow/tfjs', { paths: [path.join(root, 'lib')] }));
const epochs = option('epochs', 500);
const repeats = option('repeats', 3);
const withFsync = process.argv.includes('--fsync');
const compareDist = option('compare-dist', '');
for (const [name, v] of Object.entries({ epochs, repeats })) {
  if (!Number.isSafeInteger(v) || v < 1) throw new Error(`--${name} must be a positive integer, got ${v}`);
}

await l5.initBackend();
l5.setDisplaySink(() => {});
const data = l5.lessonData();

/** The lesson's modelo_fundo with the initial weights it gets in the notebook (seed 1). */
function modeloFundo() {
  const { modelo_raso, modelo_fundo, modelo_xavier } = l5.lessonNetworks(1);
  modelo_raso.dispose();
  modelo_xavier.dispose();
  return modelo_fundo;
}

/** A subclass of `Base` (a TensorBoardCallback) that adds up the time spent in its methods. */
function timedCallback(Base) {
  return class extends Base {
    seconds = 0;
    async timed(work) {
      const t = performance.now();
      try {
        return await work();
      } finally {
        this.seconds += (performance.now() - t) / 1000;
      }
    }
    onTrainBegin(logs) {
      return this.timed(() => super.onTrainBegin(logs));
    }
    onEpochEnd(epoch, logs) {
      return this.timed(() => super.onEpochEnd(epoch, logs));
    }
    onTrainEnd(logs) {
      return this.timed(() => super.onTrainEnd(logs));
    }
  };
}
const TimedTensorBoardCallback = timedCallback(l5.TensorBoardCallback);

const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-callback-bench-'));
const variants = {
  'sem callback': () => undefined,
  'com TensorBoardCallback': () =>
    new TimedTensorBoardCallback({ x: data.trainX, y: data.trainY, logDir, histogramFreq: 1, verbose: false }),
};
if (compareDist) {
  const other = createRequire(import.meta.url)(path.resolve(compareDist, 'index.js'));
  const OtherTimed = timedCallback(other.TensorBoardCallback);
  variants[`com callback de ${path.relative(root, path.resolve(compareDist))}`] = () =>
    new OtherTimed({
      x: data.trainX,
      y: data.trainY,
      logDir,
      runName: 'modelo_fundo_compare',
      histogramFreq: 1,
      verbose: false,
    });
}
if (withFsync) {
  variants['com callback + fsync'] = () =>
    new TimedTensorBoardCallback({
      x: data.trainX,
      y: data.trainY,
      logDir,
      runName: 'modelo_fundo_fsync',
      fsync: true,
      verbose: false,
    });
}

async function once(name) {
  const model = modeloFundo();
  const callback = variants[name]();
  const log = console.log;
  console.log = () => {};
  try {
    const cpu = process.cpuUsage();
    const r = await l5.runModel(model, data, {
      epochs,
      seed: 1,
      summary: false,
      plot: false,
      callbacks: callback ? [callback] : [],
    });
    const used = process.cpuUsage(cpu);
    return { ...r, cpuSeconds: (used.user + used.system) / 1e6, callbackSeconds: callback?.seconds ?? 0 };
  } finally {
    console.log = log;
    model.dispose();
  }
}

const median = (a) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const pct = (x) => `${(x * 100).toFixed(1)}%`;

console.log(
  `modelo_fundo, ${epochs} epochs, runModel (seed 1), ${repeats} repeats per variant, tfjs ${tf.version.tfjs} ` +
    `backend ${tf.getBackend()}, Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), ` +
    `load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
);
// Warm-up (JIT, first-time kernels, the callback's code paths), not counted.
for (const name of Object.keys(variants)) await once(name);
const runs = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
for (let i = 0; i < repeats; i++) {
  const names = Object.keys(variants);
  for (const name of i % 2 ? [...names].reverse() : names) {
    const r = await once(name);
    runs[name].push(r);
    const inside =
      r.callbackSeconds > 0
        ? `, ${r.callbackSeconds.toFixed(2)} s in the callback (${pct(r.callbackSeconds / (r.fitSeconds - r.callbackSeconds))} of the rest)`
        : '';
    console.log(
      `  ${name.padEnd(34)} run ${i + 1}: fit ${r.fitSeconds.toFixed(2)} s wall, ${r.cpuSeconds.toFixed(2)} s CPU${inside}; test acc ${r.testAccuracy.toFixed(3)}`,
    );
  }
}
const base = runs['sem callback'];
for (const [name, rs] of Object.entries(runs)) {
  if (name === 'sem callback') continue;
  const wall = median(rs.map((r, i) => r.fitSeconds / base[i].fitSeconds)) - 1;
  const cpu = median(rs.map((r, i) => r.cpuSeconds / base[i].cpuSeconds)) - 1;
  const inRun = median(rs.map((r) => r.callbackSeconds / (r.fitSeconds - r.callbackSeconds)));
  const perEpoch = (median(rs.map((r) => r.callbackSeconds)) / epochs) * 1000;
  console.log(
    `${name}: overhead A/B ${pct(wall)} (wall; fit medians ${median(rs.map((r) => r.fitSeconds)).toFixed(2)} vs ` +
      `${median(base.map((r) => r.fitSeconds)).toFixed(2)} s), ${pct(cpu)} (CPU); in the run ${pct(inRun)} ` +
      `(${perEpoch.toFixed(2)} ms per epoch in the callback)`,
  );
}
console.log(
  `load average at the end ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
const train = path.join(logDir, 'modelo_fundo', 'train');
const run = l5.readRun(train);
const bytes = fs.readdirSync(train).reduce((s, f) => s + fs.statSync(path.join(train, f)).size, 0);
console.log(
  `logs of one run: ${run.scalars.size} scalar tags, ${run.histograms.size} histogram tags, ` +
    `${run.histograms.get('funda_1/kernel_0_grads')?.length ?? 0} steps each, ${(bytes / 1024).toFixed(0)} KiB (train run)`,
);
if (compareDist) {
  // Same logs? Both trainings are seeded alike; the callbacks must agree up to float rounding.
  const other = l5.readRun(path.join(logDir, 'modelo_fundo_compare', 'train'));
  const sameTags = (a, b) => JSON.stringify([...a.keys()].sort()) === JSON.stringify([...b.keys()].sort());
  let worst = 0;
  const rel = (a, b) => (a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b)));
  for (const [tag, points] of run.scalars)
    points.forEach((p, i) => (worst = Math.max(worst, rel(p.value, other.scalars.get(tag)?.[i]?.value ?? NaN))));
  let edges = 0;
  let counts = 0;
  for (const [tag, points] of run.histograms)
    points.forEach((p, i) => {
      const o = other.histograms.get(tag)?.[i]?.value ?? [];
      const span = p.value[p.value.length - 1][1] - p.value[0][0] || 1;
      p.value.forEach((row, j) => {
        // an edge near 0 has no meaningful relative error: compare with the histogram's width
        edges = Math.max(edges, Math.abs(row[0] - o[j]?.[0]) / span, Math.abs(row[1] - o[j]?.[1]) / span);
        if (row[2] !== o[j]?.[2]) counts++;
      });
    });
  console.log(
    `same logs as ${compareDist}: tags ${sameTags(run.scalars, other.scalars) && sameTags(run.histograms, other.histograms) ? 'equal' : 'DIFFER'}, ` +
      `largest relative difference of a scalar ${worst.toExponential(1)}, of a bucket edge (to the histogram's ` +
      `width) ${edges.toExponential(1)}, ${counts} bucket counts differ`,
  );
}
fs.rmSync(logDir, { recursive: true, force: true });
