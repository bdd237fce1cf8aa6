/**
 * TensorBoard's "Distributions" view of one model's gradients, one small panel per layer.
 */
import type { VegaLiteSpec } from '../vega-lite-spec.js';
import { checkArray } from '../../errors/index.js';

/** The percentiles of one layer's kernel gradients at one epoch (see `histogramPercentiles`). */
export interface GradientDistributionPoint {
  camada: string;
  epoca: number;
  /** Values at the percentiles 0, 6.68, 15.87, 30.85, 50, 69.15, 84.13, 93.32, 100. */
  percentis: readonly number[];
}

/** Options of {@link gradientDistributionChart}. */
export interface GradientDistributionChartOptions {
  title?: string;
  /** Panels per row. */
  columns?: number;
  width?: number;
  height?: number;
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
  const layers = [...new Set(points.map((p) => p.camada))];
  const values = points
    .filter((p) => p.percentis.every(Number.isFinite))
    .map((p) => ({ camada: p.camada, epoca: p.epoca, ...Object.fromEntries(p.percentis.map((v, i) => [`p${i}`, v])) }));
  const x = { field: 'epoca', type: 'quantitative', title: 'época' };
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
            y: { field: `p${lo}`, type: 'quantitative', title: 'gradiente', axis: { format: '.1~e' } },
            y2: { field: `p${hi}` },
          },
        })),
        {
          mark: { type: 'line', color: '#8a3f00', strokeWidth: 1 },
          encoding: { x, y: { field: 'p4', type: 'quantitative' } },
        },
      ],
    },
  };
}
