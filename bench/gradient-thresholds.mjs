#!/usr/bin/env node
/**
 * The measurements behind `diagnoseGradients`' default thresholds (lib/gradients/gradient-health.ts),
 * on this machine's run of the lesson's networks: each of `modelo_raso`, `modelo_fundo` and
 * `modelo_xavier`, trained with `runModel`'s defaults for each seed, looked at with `gradientStats`
 * over the training set before training and after every epoch. Per network and seed:
 * - the weakest hidden layer's mean |g| over the output layer's (the vanishing rule compares it with
 *   `vanishingRatio`, 0.05) at a few epochs, its lowest value and its median, and the share of looks
 *   below 0.05 (the rule's `vanishingShare` is 25%);
 * - the largest mean |g| of a kernel, the largest norm of the whole gradient, and the largest growth
 *   of that norm sustained three epochs running (the exploding rules: 1e6, and 10× three epochs running);
 * - the test accuracy.
 * And the lesson's exploding regression (Dense(1), SGD 0.01, MSE): its gradient norm per epoch.
 *   npm run build && node bench/gradient-thresholds.mjs [--seeds 1,2,3] [--epochs 500]
 */
import { option, requireDist, usage } from './cli.mjs';

if (process.argv.includes('--help')) {
  console.log(usage(import.meta.url));
  process.exit(0);
}
const l5 = requireDist();
const seeds = option('seeds', '1,2,3').split(',').map(Number);
const epochs = option('epochs', 500);
if (!seeds.every((s) => Number.isSafeInteger(s) && s >= 0)) throw new Error('--seeds must be integers, e.g. 1,2,3');
if (!Number.isSafeInteger(epochs) || epochs < 1) throw new Error(`--epochs must be a positive integer, got ${epochs}`);

await l5.initBackend();
l5.setDisplaySink(() => {});
const data = l5.lessonData();
const fmt = (v) => (Number.isFinite(v) ? Number(v.toPrecision(2)).toString() : String(v));
const median = (v) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** The weakest hidden kernel's mean |g| over the output kernel's, in one look. */
function weakestRatio(look) {
  const last = look.kernels[look.kernels.length - 1].meanAbs;
  const hidden = look.kernels.slice(0, -1).map((k) => k.meanAbs / last);
  return hidden.length > 0 ? Math.min(...hidden) : NaN;
}

/** The largest factor by which `totals` grew every epoch for three epochs running. */
function sustainedGrowth(totals) {
  let best = 0;
  for (let t = 3; t < totals.length; t++) {
    best = Math.max(best, Math.min(...[1, 2, 3].map((k) => totals[t - k + 1] / totals[t - k])));
  }
  return best;
}

const log = console.log;
console.log = () => {}; // runModel's "Train: ..., Test: ..." line
const rows = [];
for (const seed of seeds) {
  const nets = l5.lessonNetworks(seed);
  for (const name of ['modelo_raso', 'modelo_fundo', 'modelo_xavier']) {
    const model = nets[name];
    const looks = [];
    const look = () => looks.push(l5.gradientStats(model, data.trainX, data.trainY));
    const result = await l5.runModel(model, data, {
      epochs,
      seed,
      summary: false,
      plot: false,
      callbacks: [{ onTrainBegin: async () => look(), onEpochEnd: async () => look() }],
    });
    const ratios = looks.map(weakestRatio);
    const totals = looks.map((s) => Math.hypot(...s.weights.map((w) => w.norm)));
    const at = [0, 10, 100, epochs].filter((e, i, a) => e <= epochs && a.indexOf(e) === i);
    rows.push(
      [
        name,
        seed,
        at.map((e) => `${e}: ${fmt(ratios[e])}`).join(', '),
        fmt(Math.min(...ratios)),
        fmt(median(ratios)),
        `${Math.round((100 * ratios.filter((r) => r < 0.05).length) / ratios.length)}%`,
        fmt(Math.max(...looks.flatMap((s) => s.kernels.map((k) => k.meanAbs)))),
        fmt(Math.max(...totals)),
        fmt(sustainedGrowth(totals)),
        result.testAccuracy.toFixed(3),
      ].join(' | '),
    );
    model.dispose();
  }
}
const { model, x, y } = l5.explodingRegression(l5.kerasSGD({ learningRate: 0.01 }));
const norms = [];
const measure = () => norms.push(Math.hypot(...l5.gradientStats(model, x, y).weights.map((w) => w.norm)));
await l5.fitSeeded(model, x, y, {
  epochs: 6,
  seed: 1,
  callbacks: { onTrainBegin: async () => measure(), onEpochEnd: async () => measure() },
});
console.log = log;

console.log(
  `lesson networks, runModel defaults, ${epochs} epochs, seeds ${seeds.join(', ')}; weakest = weakest hidden kernel's mean |g| / output kernel's`,
);
console.log(
  '| network | seed | weakest at epoch | lowest | median | looks < 0.05 | largest kernel mean \\|g\\| | largest gradient norm | growth 3 epochs running | test acc |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const row of rows) console.log(`| ${row} |`);
console.log(
  `exploding regression (Dense(1), SGD 0.01, MSE), gradient norm before training and after each epoch: ${norms.map(fmt).join(', ')}`,
);
console.log('rerun: npm run build && node bench/gradient-thresholds.mjs --seeds 1,2,3 --epochs 500');
