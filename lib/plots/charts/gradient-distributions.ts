/**
 * TensorBoard's "Distributions" view of one model's gradients, one small panel per layer.
 */
import type { GradientDistributionPoint } from '../../gradients/index.js';
import { ZERO_AS_0, type VegaLiteSpec } from '../vega-lite-spec.js';
import { checkArray, InvalidParameterError } from '../../errors/index.js';

/** Options of {@link gradientDistributionChart}. */
export interface GradientDistributionChartOptions {
  title?: string;
  /** Panels per row. */
  columns?: number;
  width?: number;
  height?: number;
  /**
   * At most this many points per layer (default: `width`, one per pixel column). Longer trainings
   * are drawn from groups of consecutive epochs, at the group's mean epoch: the min–max band spans
   * the group's lowest minimum to its highest maximum (no spike is lost), the inner bands are the
   * group's means, and the median is its mean drawn over the filled range of the group's medians
   * (the zigzag a line through every epoch draws in one pixel column) — the same picture, from a
   * fraction of the data.
   */
  maxPoints?: number;
}

const BANDS: [number, number, number][] = [
  // [low percentile index, high percentile index, opacity]: outer bands lighter, as TensorBoard draws them
  [0, 8, 0.15],
  [1, 7, 0.25],
  [2, 6, 0.4],
  [3, 5, 0.6],
];

/**
 * For each layer, over the epochs: nested bands between the gradient's percentiles (min–max,
 * 6.7–93.3 %, 15.9–84.1 %, 30.9–69.1 %) and the median as a line. Each panel has its own y axis,
 * as in TensorBoard, so compare magnitudes by reading the axis values (or use
 * `gradientMagnitudeChart`, whose axis is shared).
 */
export function gradientDistributionChart(
  points: readonly GradientDistributionPoint[],
  options: GradientDistributionChartOptions = {},
): VegaLiteSpec {
  checkArray('gradientDistributionChart', 'points', points, 'an array of points (see gradientDistributionsFromLogs)');
  const { title = 'Distribuição dos gradientes por camada', columns = 3, width = 190, height = 110 } = options;
  const maxPoints = options.maxPoints ?? width;
  if (!Number.isInteger(maxPoints) || maxPoints < 1)
    throw new InvalidParameterError(
      'gradientDistributionChart',
      'maxPoints',
      `must be a positive integer, got ${String(maxPoints)}`,
    );
  const x = { field: 'epoca', type: 'quantitative', title: 'época' };
  const layers = [...new Set(points.map((p) => p.camada))];
  let grouped = false;
  const values = layers.flatMap((camada) => {
    const groups = groupEpochs(
      points.filter((p) => p.camada === camada && p.percentis.every(Number.isFinite)),
      maxPoints,
    );
    grouped ||= groups.some((g) => g.medianRange !== undefined);
    return groups.map((p) => ({
      camada,
      epoca: p.epoca,
      ...Object.fromEntries(p.percentis.map((v, i) => [`p${i}`, v])),
      ...(p.medianRange ? { m0: p.medianRange[0], m1: p.medianRange[1] } : {}),
    }));
  });
  // Grouped epochs: the median's zigzag within each pixel column, filled, as its line would cover it.
  const medianRange = grouped
    ? [
        {
          mark: { type: 'area', color: '#8a3f00' },
          encoding: { x, y: { field: 'm0', type: 'quantitative' }, y2: { field: 'm1' } },
        },
      ]
    : [];
  return {
    title: {
      text: title,
      subtitle: 'faixas: mín–máx, 7–93 %, 16–84 %, 31–69 % · linha: mediana · cada painel com seu eixo y',
    },
    data: { values },
    facet: { field: 'camada', type: 'nominal', title: null, sort: layers },
    columns,
    resolve: { scale: { y: 'independent' } },
    spec: {
      width,
      height,
      layer: [
        ...BANDS.map(([lo, hi, opacity]) => ({
          mark: { type: 'area', opacity, color: '#e8710a' },
          encoding: {
            x,
            y: {
              field: `p${lo}`,
              type: 'quantitative',
              title: 'gradiente',
              // Flush: a label at the top edge does not stick out and lift this panel's title above the others'.
              axis: { format: '.1~e', labelExpr: ZERO_AS_0, labelFlush: true },
            },
            y2: { field: `p${hi}` },
          },
        })),
        ...medianRange,
        {
          mark: { type: 'line', color: '#8a3f00', strokeWidth: 1 },
          encoding: { x, y: { field: 'p4', type: 'quantitative' } },
        },
      ],
    },
  };
}

/** One layer's points, in groups of consecutive epochs when there are more than `maxPoints`. */
function groupEpochs(
  points: readonly GradientDistributionPoint[],
  maxPoints: number,
): { epoca: number; percentis: readonly number[]; medianRange?: [number, number] }[] {
  const sorted = [...points].sort((a, b) => a.epoca - b.epoca);
  if (sorted.length <= maxPoints) return sorted;
  const size = Math.ceil(sorted.length / maxPoints);
  const groups: { epoca: number; percentis: number[]; medianRange: [number, number] }[] = [];
  for (let start = 0; start < sorted.length; start += size) {
    const group = sorted.slice(start, start + size);
    const n = group[0].percentis.length;
    const percentis = group[0].percentis.map((_, i) => {
      const column = group.map((p) => p.percentis[i]);
      // min–max: the envelope, so that no spike is lost; inner bands and median: the mean, which
      // looks like the anti-aliased zigzag of a few epochs drawn in one pixel column
      if (i === 0) return Math.min(...column);
      if (i === n - 1) return Math.max(...column);
      return column.reduce((s, v) => s + v, 0) / column.length;
    });
    const medians = group.map((p) => p.percentis[(n - 1) / 2]);
    groups.push({
      epoca: group.reduce((s, p) => s + p.epoca, 0) / group.length,
      percentis,
      medianRange: [Math.min(...medians), Math.max(...medians)],
    });
  }
  return groups;
}
