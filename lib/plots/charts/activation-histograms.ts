/**
 * CS231n's picture of saturation ("Neural Networks Part 2"): the histogram of each layer's
 * activations, one row per hidden layer and one column per network, each panel's x axis the whole
 * range of its activation (tanh: −1 to 1), so that values piled up at ±1 show.
 */
import type { VegaLiteSpec } from '../vega-lite-spec.js';
import { describeValue, InvalidParameterError } from '../../errors/index.js';
import { type LayerActivations, summarizeActivations } from '../../gradients/index.js';
import { SERIES_COLORS } from './loss-curve.js';

/** Options of {@link activationHistogramChart}. */
export interface ActivationHistogramOptions {
  title?: string;
  /** Bars per histogram (default 20: tanh's bars are 0.1 wide). */
  bins?: number;
  /** Also draw each network's last layer (default false: hidden layers only). */
  includeOutput?: boolean;
  /** Where tanh and sigmoid count as saturated (default 0.99; see `summarizeActivations`). */
  threshold?: number;
  /** Size of each panel in pixels. */
  width?: number;
  height?: number;
}

/** Activations whose outputs lie in a fixed range: the x axis is that range. */
const RANGES: Record<string, [number, number]> = {
  tanh: [-1, 1],
  softsign: [-1, 1],
  sigmoid: [0, 1],
  hardSigmoid: [0, 1],
  hard_sigmoid: [0, 1],
};

/** A round number ≥ `x` (> 0): 1, 1.5, 2, 2.5, ... times a power of ten. */
function roundUp(x: number): number {
  const step = 10 ** Math.floor(Math.log10(x)) / 2;
  return Math.ceil(x / step - 1e-9) * step;
}

/** The x range of a panel: its activation's range, else from min(0, smallest) to a round number above the largest. */
function rangeOf(activation: string, values: readonly Float32Array[]): [number, number] {
  const fixed = RANGES[activation];
  if (fixed) return fixed;
  let lo = 0;
  let hi = -Infinity;
  for (const v of values)
    for (const a of v) {
      if (!Number.isFinite(a)) continue;
      if (a < lo) lo = a;
      if (a > hi) hi = a;
    }
  hi = hi > 0 ? roundUp(hi) : 1;
  return [lo < 0 ? -roundUp(-lo) : 0, hi];
}

/** `bins` equal bars over `[lo, hi]`: each bar's edges and the fraction of all values in it. */
function histogram(values: Float32Array, [lo, hi]: [number, number], bins: number) {
  const counts = new Array<number>(bins).fill(0);
  const width = (hi - lo) / bins;
  for (const a of values) {
    if (!Number.isFinite(a)) continue;
    counts[Math.min(bins - 1, Math.max(0, Math.floor((a - lo) / width)))]++;
  }
  return counts.map((c, i) => ({
    a0: lo + i * width,
    a1: lo + (i + 1) * width,
    fracao: c / Math.max(1, values.length),
  }));
}

/**
 * A number as the lesson's printed output writes it (decimal point, as JavaScript prints numbers;
 * the notebooks' prose uses the decimal comma): two significant digits.
 */
function formatNumber(x: number): string {
  return String(Number(x.toPrecision(2)));
}

/** `0.3` as `30%`, with a decimal only below 1%. */
function percent(fraction: number): string {
  const p = 100 * fraction;
  return `${p === 0 || p >= 1 ? Math.round(p) : formatNumber(p)}%`;
}

/** The two lines under a panel's title: how much is saturated, and what that does to the gradient. */
function panelText(activation: string, summary: ReturnType<typeof summarizeActivations>[number], threshold: number) {
  const t = formatNumber(threshold);
  const lower = formatNumber(1 - threshold);
  if (activation === 'tanh' || activation === 'softsign')
    return [`|a| > ${t}: ${percent(summary.saturated)} dos valores`, derivativeLine(activation, summary)];
  if (RANGES[activation])
    return [`a < ${lower} ou a > ${t}: ${percent(summary.saturated)}`, derivativeLine(activation, summary)];
  if (activation === 'relu' || activation === 'relu6')
    return [
      `a = 0: ${percent(summary.saturated)} dos valores`,
      `unidades mortas (sempre 0): ${summary.saturatedUnits}`,
    ];
  return [`média ${formatNumber(summary.mean)} · desvio ${formatNumber(summary.std)}`, ''];
}

/** An empty cell of the grid. */
function emptyCell(width: number, height: number) {
  return { width, height, view: { stroke: null }, data: { values: [] }, mark: 'point' };
}

function derivativeLine(activation: string, summary: ReturnType<typeof summarizeActivations>[number]): string {
  const name = activation === 'sigmoid' ? 'σ′' : `${activation}′`;
  return Number.isFinite(summary.meanDerivative) ? `${name} médio: ${formatNumber(summary.meanDerivative)}` : '';
}

/**
 * For each network (columns, in the order given) and each of its hidden layers (rows, first layer
 * on top): the histogram of the layer's activations, as the fraction of all values (samples ×
 * units) in each bar. The x axis is the activation's whole range (tanh: [−1, 1], sigmoid: [0, 1];
 * others, e.g. relu: from 0 to a round number above the network's largest value, the same for all
 * its layers), so that values piled up at the ends show; each panel has its own y axis (read the
 * shape, not the heights). Under each layer's name: the fraction of saturated values (tanh:
 * |a| > 0.99; relu: a = 0) and the activation's mean derivative (tanh: mean of 1 − a², the factor
 * the layer multiplies the gradient by), or for relu the units that are 0 for every input.
 *
 * @param networks each network's `layerActivations`, by name:
 *   `{ modelo_fundo: l5.layerActivations(modelo_fundo, dados.trainX), modelo_xavier: ... }`
 * @throws InvalidParameterError when `networks` is not an object of `layerActivations` results, or
 *   an option is out of range
 */
export function activationHistogramChart(
  networks: Readonly<Record<string, readonly LayerActivations[]>>,
  options: ActivationHistogramOptions = {},
): VegaLiteSpec {
  const where = 'activationHistogramChart';
  const entries = typeof networks === 'object' && networks !== null ? Object.entries(networks) : [];
  if (Array.isArray(networks) || entries.length === 0 || !entries.every(([, layers]) => Array.isArray(layers))) {
    throw new InvalidParameterError(
      where,
      'networks',
      `must be an object of layerActivations results by network name, e.g. { modelo_fundo: l5.layerActivations(modelo_fundo, x) }, got ${describeValue(networks)}`,
    );
  }
  const {
    title = 'Ativações das camadas ocultas',
    bins = 20,
    includeOutput = false,
    threshold = 0.99,
    width = 170,
    height = 80,
  } = options;
  if (!Number.isInteger(bins) || bins < 2 || bins > 200)
    throw new InvalidParameterError(where, 'bins', `must be a whole number from 2 to 200, got ${describeValue(bins)}`);
  if (typeof threshold !== 'number' || !(threshold > 0.5 && threshold < 1))
    throw new InvalidParameterError(
      where,
      'threshold',
      `must be a number in (0.5, 1), got ${describeValue(threshold)}`,
    );

  const networksLayers = entries.map(([name, all]) => ({ name, layers: includeOutput ? all : all.slice(0, -1) }));
  const rows = Math.max(...networksLayers.map((n) => n.layers.length));
  const panels = networksLayers.map(({ layers }, column) => {
    const summaries = summarizeActivations(layers, { threshold });
    const byActivation = new Map<string, Float32Array[]>();
    for (const l of layers) byActivation.set(l.activation, [...(byActivation.get(l.activation) ?? []), l.values]);
    const color = SERIES_COLORS[column % SERIES_COLORS.length];
    return Array.from({ length: rows }, (_, row) => {
      const l = layers[row];
      if (l === undefined) return emptyCell(width, height); // a shallower network: nothing in this row
      const range = rangeOf(l.activation, byActivation.get(l.activation)!);
      const symmetric = range[0] === -1 && range[1] === 1;
      return {
        width,
        height,
        title: {
          text: `${l.layer} (camada ${row + 1})`,
          subtitle: panelText(l.activation, summaries[row], threshold).filter((s) => s !== ''),
          anchor: 'start',
          frame: 'group',
          fontSize: 11,
          subtitleFontSize: 10,
        },
        data: { values: histogram(l.values, range, bins) },
        mark: { type: 'rect', color, stroke: 'white', strokeWidth: 0.5 },
        encoding: {
          x: {
            field: 'a0',
            type: 'quantitative',
            title: row === layers.length - 1 ? `ativação (${l.activation})` : null,
            scale: { domain: range, nice: false, zero: false },
            axis: symmetric
              ? { values: [-1, -0.5, 0, 0.5, 1], format: '~g' }
              : { tickCount: 4, format: '~g', labelOverlap: 'greedy' },
          },
          x2: { field: 'a1' },
          y: {
            field: 'fracao',
            type: 'quantitative',
            title: column === 0 ? ['fração', 'dos valores'] : null, // two lines: no taller than the panel
            axis: { format: '.1~%', tickCount: 3, labelOverlap: 'greedy', titleFontSize: 10 },
          },
          y2: { datum: 0 },
          tooltip: [
            { field: 'a0', type: 'quantitative', title: 'de', format: '.3~f' },
            { field: 'a1', type: 'quantitative', title: 'até', format: '.3~f' },
            { field: 'fracao', type: 'quantitative', title: 'fração dos valores', format: '.2~%' },
          ],
        },
      };
    });
  });
  // One header per column (the network's name in its colour), then the panels row by row: a grid
  // whose rows and columns line up whatever the axes and titles take.
  const headers = networksLayers.map(({ name }, column) => ({
    width,
    height: 16,
    view: { stroke: null },
    data: { values: [{ rede: name }] },
    mark: {
      type: 'text',
      fontSize: 13,
      fontWeight: 'bold',
      color: SERIES_COLORS[column % SERIES_COLORS.length],
      baseline: 'middle',
    },
    encoding: { text: { field: 'rede' }, x: { value: width / 2 }, y: { value: 8 } },
  }));
  return {
    title: {
      text: title,
      subtitle: 'histograma das ativações de cada camada (linhas) de cada rede (colunas) · cada painel com seu eixo y',
    },
    concat: [...headers, ...Array.from({ length: rows }, (_, row) => panels.map((p) => p[row])).flat()],
    columns: networksLayers.length,
    spacing: { row: 10, column: 24 },
  };
}
