#!/usr/bin/env node
/**
 * What the live chart (`l5.liveChart`) costs a training, headless and interactive:
 *
 * - `raso`: the lesson's `modelo_raso` through `runModel` (500 epochs, validation every epoch), with
 *   `plot: false` (no chart), and with its accuracy live chart (`plot: true`);
 * - `exploding`: the exploding regression with `clipvalue: 1` (400 epochs, `fitSeeded`), with and
 *   without `liveChart({ lossName: "MSE", epochs: 400 })`, as the notebook's `treinar`.
 *
 * Each chart variant runs headless (`LISTA5_HEADLESS=1`: only the final chart, with its SVG) and
 * interactive (a frame every `minIntervalMs`, the spec only, then the final one with its SVG). The
 * display sink stands in for the kernel: it serializes each bundle to JSON, as tslab does before
 * sending it. Per variant: the median fit time over `--repeats` (variants interleaved, after a
 * warm-up of each) and the extra time over "no chart" (A/B: noisy on a shared machine); the time
 * spent inside the chart's callbacks, measured in the same run (barely moved by other load); the
 * frames sent and the time spent serializing them.
 *   npm run build && node bench/live-chart.mjs [--repeats 5] [--rows raso,exploding]
 */
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { option, requireDist, root } from './cli.mjs';

const require = createRequire(import.meta.url);
const l5 = requireDist();
const tf = require(require.resolve('@tensorflow/tfjs', { paths: [path.join(root, 'lib')] }));
const repeats = option('repeats', 5);
const rows = option('rows', 'raso,exploding').split(',');
if (!Number.isSafeInteger(repeats) || repeats < 1)
  throw new Error(`--repeats must be a positive integer, got ${repeats}`);

await l5.initBackend();
let frames = 0;
let sendMs = 0;
let svgFrames = 0;
l5.setDisplaySink((bundle) => {
  const started = performance.now();
  JSON.stringify(bundle);
  if (bundle['application/vnd.vegalite.v5+json']) {
    sendMs += performance.now() - started;
    frames++;
    if (bundle['image/svg+xml']) svgFrames++;
  }
});
const quiet = console.log;
const data = l5.lessonData();

/** One training of `row` with chart mode `mode` ('none' | 'headless' | 'interactive'); returns its fit seconds. */
async function train(row, mode) {
  if (mode === 'headless') process.env.LISTA5_HEADLESS = '1';
  else delete process.env.LISTA5_HEADLESS;
  console.log = () => {};
  try {
    if (row === 'raso') {
      const model = l5.lessonNetworks(1).modelo_raso;
      // The chart runModel's plot: true adds, timed.
      const chart = l5.liveChart({ kind: 'accuracy', title: 'Acurácia modelo_raso', epochs: 500 });
      const callbacks = mode === 'none' ? [] : [timed(chart)];
      const result = await l5.runModel(model, data, { summary: false, plot: false, callbacks });
      model.dispose();
      return result.fitSeconds;
    }
    const optimizer = l5.withGradientClipping(tf.train.sgd(0.01), { clipvalue: 1 });
    const { model, x, y } = l5.explodingRegression(optimizer, 5);
    const callbacks = [l5.fitProgress(400, 'bench')];
    if (mode !== 'none') callbacks.push(timed(l5.liveChart({ lossName: 'MSE', epochs: 400 })));
    const started = performance.now();
    await l5.fitSeeded(model, x, y, { epochs: 400, seed: 1, callbacks });
    const seconds = (performance.now() - started) / 1000;
    tf.dispose([x, y]);
    model.dispose();
    optimizer.dispose();
    return seconds;
  } finally {
    console.log = quiet;
    delete process.env.LISTA5_HEADLESS;
  }
}

/** Time spent inside the chart's callbacks (building, serializing, the final SVG), this training. */
let insideMs = 0;
function timed(callback) {
  return Object.fromEntries(
    Object.entries(callback).map(([name, fn]) => [
      name,
      async (...args) => {
        const started = performance.now();
        try {
          return await fn(...args);
        } finally {
          insideMs += performance.now() - started;
        }
      },
    ]),
  );
}

const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const modes = ['none', 'headless', 'interactive'];
console.log(`live chart overhead · ${repeats} repeats · load average ${os().join(' ')}`);
console.log(
  '| training | chart | fit time (median) | extra (A/B) | inside the chart callback (median, % of that fit) | frames per training (with SVG) | JSON of the frames |',
);
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
for (const row of rows) {
  if (!['raso', 'exploding'].includes(row)) throw new Error(`--rows: unknown row ${row} (raso, exploding)`);
  for (const mode of modes) await train(row, mode); // warm-up: JIT, vega's first import
  const times = Object.fromEntries(modes.map((m) => [m, []]));
  const counts = Object.fromEntries(modes.map((m) => [m, { frames: 0, svgFrames: 0, sendMs: 0 }]));
  const inside = Object.fromEntries(modes.map((m) => [m, []]));
  for (let r = 0; r < repeats; r++) {
    const order = r % 2 ? [...modes].reverse() : modes;
    for (const mode of order) {
      [frames, svgFrames, sendMs, insideMs] = [0, 0, 0, 0];
      const seconds = await train(row, mode);
      times[mode].push(seconds);
      inside[mode].push([insideMs, (insideMs / 1000 / seconds) * 100]);
      counts[mode].frames += frames;
      counts[mode].svgFrames += svgFrames;
      counts[mode].sendMs += sendMs;
    }
  }
  const base = median(times.none);
  for (const mode of modes) {
    const t = median(times[mode]);
    const c = counts[mode];
    const extra =
      mode === 'none' ? '—' : `${((t - base) * 1000).toFixed(0)} ms (${(((t - base) / base) * 100).toFixed(1)} %)`;
    const ms = median(inside[mode].map(([m]) => m));
    const share = median(inside[mode].map(([, p]) => p));
    const within = mode === 'none' ? '—' : `${ms.toFixed(0)} ms (${share.toFixed(1)} %)`;
    console.log(
      `| ${row} | ${mode} | ${t.toFixed(2)} s | ${extra} | ${within} | ${(c.frames / repeats).toFixed(1)} (${(c.svgFrames / repeats).toFixed(1)}) | ${(c.sendMs / repeats).toFixed(1)} ms |`,
    );
  }
}

function os() {
  return require('node:os')
    .loadavg()
    .map((v) => v.toFixed(2));
}
