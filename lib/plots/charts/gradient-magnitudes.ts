/**
 * How big the gradients are, layer by layer, epoch by epoch: vanishing gradients at a glance.
 */
import { LOG_SCALE_DECADES, type VegaLiteSpec } from '../vega-lite-spec.js';
import type { GradientMagnitudePoint } from '../../gradients/index.js';
import { checkArray, InvalidParameterError } from '../../errors/index.js';

/** Options of {@link gradientMagnitudeChart}. */
export interface GradientMagnitudeChartOptions {
  title?: string;
  /** What `valor` is, for the y axis (default: mean |gradient| of the kernel). */
  valueTitle?: string;
  /**
   * Draw a moving mean over this many epochs (default 10; 1 draws the raw values). Epoch-to-epoch
   * noise otherwise hides the trend; the tooltip shows the smoothed value.
   */
  smoothing?: number;
  /** Width of each model's panel in pixels. */
  width?: number;
  height?: number;
}

/** Colours of the layers by depth: first hidden layer first, the output layer last. */
export const LAYER_COLORS = ['#1b9e77', '#d95f02', '#7570b3', '#e7298a', '#66a61e', '#a6761d', '#666666', '#e6ab02'];

/**
 * Side by side, one panel per model, one line per layer (one colour per depth, the same in every panel), on ONE shared
 * logarithmic y axis: a model whose first layers sit orders of magnitude below its last layer, or
 * below the other model's, has vanishing gradients. Non-positive and non-finite values are left out.
 */
export function gradientMagnitudeChart(
  points: readonly GradientMagnitudePoint[],
  options: GradientMagnitudeChartOptions = {},
): VegaLiteSpec {
  checkArray('gradientMagnitudeChart', 'points', points, 'an array of points (see gradientMagnitudesFromLogs)');
  const {
    title = 'Tamanho dos gradientes por camada',
    valueTitle = 'média de |gradiente| do kernel',
    smoothing = 10,
    width = 300,
    height = 240,
  } = options;
  if (!Number.isInteger(smoothing) || smoothing < 1)
    throw new InvalidParameterError(
      'gradientMagnitudeChart',
      'smoothing',
      `must be a positive integer, got ${smoothing}`,
    );
  const values = points.filter((p) => Number.isFinite(p.valor) && p.valor > 0);
  const layers = [...new Set(points.map((p) => p.camada))];
  const models = [...new Set(points.map((p) => p.modelo))];
  // Layers of different models line up by depth: "funda_1" and "xavier_1" get the same colour.
  const depth = (layer: string) => layer.replace(/^.*?_(?=\d+$|output$)/, '');
  const depths = [...new Set(layers.map(depth))];
  return {
    title: {
      text: title,
      subtitle: `eixo y em escala logarítmica, o mesmo para todos os modelos${smoothing > 1 ? ` · média móvel de ${smoothing} épocas` : ''}`,
    },
    data: { values: values.map((p) => ({ ...p, profundidade: depth(p.camada) })) },
    transform: [
      {
        window: [{ op: 'mean', field: 'valor', as: 'suavizado' }],
        frame: [-Math.floor((smoothing - 1) / 2), Math.ceil((smoothing - 1) / 2)],
        groupby: ['modelo', 'camada'],
        sort: [{ field: 'epoca' }],
      },
    ],
    facet: { column: { field: 'modelo', type: 'nominal', title: null, sort: models } },
    spec: {
      width,
      height,
      mark: { type: 'line', strokeWidth: 1.6 },
      encoding: {
        x: { field: 'epoca', type: 'quantitative', title: 'época' },
        y: {
          field: 'suavizado',
          type: 'quantitative',
          title: valueTitle,
          ...LOG_SCALE_DECADES,
        },
        color: {
          field: 'profundidade',
          type: 'ordinal',
          title: 'camada',
          sort: depths,
          // One distinct hue per depth (viridis made layers 2–4 three shades of teal).
          scale: { range: LAYER_COLORS },
        },
        detail: { field: 'camada' },
        tooltip: [
          { field: 'modelo' },
          { field: 'camada' },
          { field: 'epoca', type: 'quantitative', title: 'época' },
          { field: 'suavizado', type: 'quantitative', title: valueTitle, format: '.3~e' },
        ],
      },
    },
  };
}
