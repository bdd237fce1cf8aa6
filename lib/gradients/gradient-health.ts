/**
 * Gradient health in words: are the gradients vanishing, exploding, or fine? From one look
 * ({@link GradientStats}, see `gradientStats`) or from a whole training (the per-epoch magnitudes the
 * TensorBoard callback logs, read back with {@link readGradientSeries}).
 */
import { invalidArgument } from '../errors/index.js';
import { formatNumberForOutput } from './format-number-pt.js';
import { type GradientSeries, isSeries, snapshotsToSeries } from './gradient-series.js';
import type { GradientStats } from './gradient-stats.js';

export { formatNumberPt } from './format-number-pt.js';
export type { GradientSeries, WeightGradientSeries } from './gradient-series.js';

/** What {@link diagnoseGradients} concluded. */
export interface GradientDiagnosis {
  verdict: 'vanishing' | 'exploding' | 'healthy';
  /**
   * Mean |g| of the first layer's kernel divided by the last (output) layer's: below 1, the first
   * layer gets smaller gradients. For a series, the median over the epochs. 1 for one-layer models.
   */
  ratioFirstToLast: number;
  /**
   * The hidden layer whose kernel gets the smallest gradients relative to the output layer, and that
   * ratio (for a series, the median over epochs); undefined for one-layer models.
   */
  weakest?: { layer: string; ratio: number };
  /** For a series: the share (0–1) of measured epochs in which some hidden layer got less than `vanishingRatio` times the output layer's gradient. */
  vanishingShare?: number;
  /** For a series: how many epochs were measured. */
  epochs?: number;
  /** The diagnosis in plain Portuguese; undefined when healthy. */
  message?: string;
}

/**
 * Thresholds of {@link diagnoseGradients}. The defaults come from measuring the lesson's networks;
 * see {@link diagnoseGradients}.
 */
export interface GradientHealthOptions {
  /** A hidden layer whose kernel's mean |g| is below this times the output layer's is "vanishing" (0.05 = 20× smaller). */
  vanishingRatio?: number;
  /** For a series: vanishing when at least this share of the epochs is (0.25). */
  vanishingShare?: number;
  /** Exploding when the L2 norm of the whole gradient (all weights) passes this (1e6). */
  explodingNorm?: number;
  /** For a series: exploding when the whole gradient's norm grows at least this many times per epoch... (10) */
  explodingGrowth?: number;
  /** ...for this many epochs in a row (3). */
  explodingGrowthEpochs?: number;
}

const DEFAULTS: Required<GradientHealthOptions> = {
  vanishingRatio: 0.05,
  vanishingShare: 0.25,
  explodingNorm: 1e6,
  explodingGrowth: 10,
  explodingGrowthEpochs: 3,
};

/** "220× menores" / "1.6× maiores" / "do mesmo tamanho" (printed output: decimal point). */
function comparedTo(ratio: number): string {
  if (!Number.isFinite(ratio) || ratio <= 0) return `${formatNumberForOutput(ratio)} vezes o tamanho`;
  if (ratio < 1 / 1.05) return `${formatNumberForOutput(1 / ratio)}× menores`;
  if (ratio > 1.05) return `${formatNumberForOutput(ratio)}× maiores`;
  return 'do mesmo tamanho';
}

function median(values: number[]): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** a / b, with 0 / 0 = 1 (no evidence either way). */
function ratio(a: number, b: number): number {
  return a === 0 && b === 0 ? 1 : a / b;
}

/**
 * Says whether a model's gradients are vanishing, exploding or healthy, in plain Portuguese.
 *
 * Input: one look at the gradients (`gradientStats(model, x, y)`), several looks (one per epoch), or
 * a whole training read back from the logs ({@link readGradientSeries}).
 *
 * **Exploding** when any gradient is not finite (NaN or ±Infinity), or the L2 norm of the whole
 * gradient passes `explodingNorm` (1e6), or — in a series — that norm grows at least
 * `explodingGrowth` (10) times per epoch for `explodingGrowthEpochs` (3) epochs in a row.
 *
 * **Vanishing** when a hidden layer's kernel gets a mean |g| below `vanishingRatio` (0.05, i.e. 20×
 * smaller) times the output layer's — in a series, in at least `vanishingShare` (25%) of the epochs.
 * The output layer is the reference because backpropagation starts there: vanishing means the
 * signal fades on its way back. A one-layer model cannot have vanishing gradients.
 *
 * **Why these thresholds**: they sit between what the lesson's networks show. The deep uniform
 * network's weakest hidden layer gets well under 0.05 times the output layer's gradient early in
 * training, while the healthy networks (Xavier's, the shallow one) stay about twice above it in
 * every epoch; the healthy networks' gradients never come near 1e6 nor grow 10× per epoch, while
 * the lesson's exploding regression passes 1e6 after its first epoch, before its NaNs. The figures,
 * per network and seed, on this machine: `npm run build && node bench/gradient-thresholds.mjs`;
 * lib/lesson/gradient-health.lesson.test.ts checks the verdicts on the notebooks' seed.
 *
 * @returns `{ verdict, ratioFirstToLast, message }` (+ details); `message` is undefined when healthy.
 */
export function diagnoseGradients(
  input: GradientStats | readonly GradientStats[] | GradientSeries,
  options: GradientHealthOptions = {},
): GradientDiagnosis {
  const o = { ...DEFAULTS, ...options };
  if (Array.isArray(input)) {
    if (input.length === 0)
      throw invalidArgument('diagnoseGradients', 'input', 'no gradient statistics given (empty array)');
    return diagnoseSeries(snapshotsToSeries(input), o);
  }
  if (isSeries(input)) return diagnoseSeries(input, o);
  return diagnoseSnapshot(input as GradientStats, o);
}

const HINT_EXPLODING = 'Reduza o learning rate ou use gradient clipping (clipnorm / clipvalue).';
const HINT_VANISHING =
  'As camadas com gradientes pequenos quase não aprendem; experimente a inicialização de Xavier Glorot (glorotUniform).';

/** What both diagnoses measure on a series: the kernels' ratios to the output layer, step by step. */
function analyse(series: GradientSeries, o: Required<GradientHealthOptions>) {
  const { steps, weights } = series;
  const kernelSeries = weights.filter((w) => w.param === 'kernel');
  const kernels = kernelSeries.length > 0 ? kernelSeries : weights;
  const last = kernels[kernels.length - 1];
  const ratioFirstToLast = median(steps.map((_, t) => ratio(kernels[0].meanAbs[t], last.meanAbs[t])));
  const hidden = kernels
    .slice(0, -1)
    .map((k) => ({ layer: k.layer, ratios: steps.map((_, t) => ratio(k.meanAbs[t], last.meanAbs[t])) }));
  const weakest = hidden
    .map((h) => ({ layer: h.layer, ratio: median(h.ratios) }))
    .reduce<{ layer: string; ratio: number } | undefined>(
      (a, b) => (a === undefined || b.ratio < a.ratio ? b : a),
      undefined,
    );
  const vanishingAt = steps.map((_, t) => hidden.some((h) => h.ratios[t] < o.vanishingRatio));
  const vanishingShare = hidden.length > 0 ? vanishingAt.filter(Boolean).length / steps.length : 0;
  const totals = steps.map((_, t) => Math.hypot(...weights.map((w) => w.norm[t])));
  const base = { ratioFirstToLast, ...(weakest ? { weakest } : {}) };
  return { kernels, last, weakest, vanishingShare, totals, base };
}

/** Which layers get how much smaller gradients than the last one, in words (`verb`: recebe / recebeu). */
function vanishingWords(a: ReturnType<typeof analyse>, verb: string): string {
  const { kernels, last, weakest, base } = a;
  const firstLayer = kernels[0].layer;
  return weakest!.layer === firstLayer
    ? `a 1ª camada (${firstLayer}) ${verb} gradientes ${comparedTo(weakest!.ratio)} que a última (${last.layer})`
    : `a camada ${weakest!.layer} ${verb} gradientes ${comparedTo(weakest!.ratio)} que a última (${last.layer}), ` +
        `e a 1ª camada (${firstLayer}), ${comparedTo(base.ratioFirstToLast)}`;
}

function diagnoseSnapshot(s: GradientStats, o: Required<GradientHealthOptions>): GradientDiagnosis {
  if (!s || !Array.isArray(s.weights) || !Array.isArray(s.kernels)) {
    throw invalidArgument(
      'diagnoseGradients',
      'input',
      'expected gradientStats(...) output, an array of them, or readGradientSeries(...) output',
    );
  }
  if (s.weights.length === 0) {
    throw invalidArgument('diagnoseGradients', 'input', 'the model has no trainable weights');
  }
  const a = analyse(snapshotsToSeries([s]), o);
  const broken = s.weights.find((w) => !w.finite);
  if (broken) {
    return {
      ...a.base,
      verdict: 'exploding',
      message: `Gradientes explodindo: o gradiente de ${broken.name} não é finito (NaN ou Infinity), e a loss é ${formatNumberForOutput(s.loss)}. ${HINT_EXPLODING}`,
    };
  }
  const total = a.totals[0];
  if (total > o.explodingNorm) {
    return {
      ...a.base,
      verdict: 'exploding',
      message: `Gradientes explodindo: a norma do gradiente é ${formatNumberForOutput(total)} (acima de ${formatNumberForOutput(o.explodingNorm)}). ${HINT_EXPLODING}`,
    };
  }
  if (a.weakest && a.weakest.ratio < o.vanishingRatio) {
    return {
      ...a.base,
      verdict: 'vanishing',
      message: `Gradientes desaparecendo: ${vanishingWords(a, 'recebe')} (média de |g| da última: ${formatNumberForOutput(a.last.meanAbs[0])}). ${HINT_VANISHING}`,
    };
  }
  return { ...a.base, verdict: 'healthy' };
}

function diagnoseSeries(series: GradientSeries, o: Required<GradientHealthOptions>): GradientDiagnosis {
  const { steps, weights } = series;
  const invalid = (what: string) => invalidArgument('diagnoseGradients', 'input', what);
  if (weights.length === 0) throw invalid('the series has no weights');
  const n = steps.length;
  if (n === 0) throw invalid('the series has no epochs');
  const a = analyse(series, o);
  const { totals, vanishingShare } = a;
  const base = { ...a.base, vanishingShare, epochs: n };

  // The three signs of an explosion; the one seen first is reported.
  const signs: { at: number; message: string }[] = [];
  const brokenAt = steps.findIndex((_, t) =>
    weights.some((w) => !Number.isFinite(w.meanAbs[t]) || !Number.isFinite(w.norm[t])),
  );
  if (brokenAt >= 0) {
    const w = weights.find((x) => !Number.isFinite(x.meanAbs[brokenAt]) || !Number.isFinite(x.norm[brokenAt]))!;
    signs.push({
      at: brokenAt,
      message: `o gradiente de ${w.name} deixa de ser finito (NaN ou Infinity) na época ${steps[brokenAt]}`,
    });
  }
  const tooBig = totals.findIndex((x) => x > o.explodingNorm);
  if (tooBig >= 0) {
    signs.push({
      at: tooBig,
      message: `a norma do gradiente chega a ${formatNumberForOutput(totals[tooBig])} na época ${steps[tooBig]} (acima de ${formatNumberForOutput(o.explodingNorm)})`,
    });
  }
  for (let t = 1, run = 0; t < n; t++) {
    run = totals[t] >= o.explodingGrowth * totals[t - 1] && totals[t - 1] > 0 ? run + 1 : 0;
    if (run >= o.explodingGrowthEpochs) {
      const from = t - run;
      signs.push({
        at: t,
        message:
          `a norma do gradiente cresce ${formatNumberForOutput(o.explodingGrowth)}× ou mais por época ` +
          `da época ${steps[from]} à ${steps[t]} (de ${formatNumberForOutput(totals[from])} a ${formatNumberForOutput(totals[t])})`,
      });
      break;
    }
  }
  if (signs.length > 0) {
    const first = signs.reduce((a, b) => (b.at < a.at ? b : a));
    return { ...base, verdict: 'exploding', message: `Gradientes explodindo: ${first.message}. ${HINT_EXPLODING}` };
  }
  if (a.weakest && vanishingShare >= o.vanishingShare) {
    const share = Math.round(vanishingShare * 100);
    return {
      ...base,
      verdict: 'vanishing',
      message: `Gradientes desaparecendo em ${share}% das ${n} épocas medidas: na mediana, ${vanishingWords(a, 'recebeu')}. ${HINT_VANISHING}`,
    };
  }
  return { ...base, verdict: 'healthy' };
}
