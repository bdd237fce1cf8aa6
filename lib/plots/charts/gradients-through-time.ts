/**
 * The gradient of the loss with respect to each step of the input sequence, one line per recurrent
 * cell: vanishing (or exploding) through time at a glance.
 */
import { LOG_SCALE_DECADES, type VegaLiteSpec } from '../vega-lite-spec.js';
import { InvalidParameterError } from '../../errors/index.js';

/** One point: ‖∂L/∂x_t‖ at step `passo` (from 1) of one cell, at one moment of the training. */
export interface GradientThroughTimePoint {
  /** The network or cell, e.g. `"simpleRNN"`, `"lstm"`, `"gru"`. */
  celula: string;
  /** The time step, 1 = the first (farthest from the output). */
  passo: number;
  /** The norm (e.g. `gradientsThroughTime(...).mean[passo - 1]`). */
  norma: number;
  /** When it was measured, e.g. `"na inicialização"`, `"após o treino"`: one panel each (optional). */
  momento?: string;
}

/** Options of {@link gradientsThroughTimeChart}. */
export interface GradientsThroughTimeChartOptions {
  title?: string;
  /** What `norma` is, for the y axis. */
  valueTitle?: string;
  /** Width of each panel in pixels. */
  width?: number;
  height?: number;
}

/**
 * One line per cell of the gradient norm at each time step, on a logarithmic y axis shared by all
 * panels (one panel per `momento`, in the order they first appear). An exponential fall-off towards
 * the first steps is a straight line going down to the left. Non-positive and non-finite norms are
 * left out (a log axis cannot draw them).
 *
 * @throws Error when `points` is not an array
 */
export function gradientsThroughTimeChart(
  points: readonly GradientThroughTimePoint[],
  options: GradientsThroughTimeChartOptions = {},
): VegaLiteSpec {
  if (!Array.isArray(points)) {
    throw new InvalidParameterError(
      'gradientsThroughTimeChart',
      'points',
      `must be an array of { celula, passo, norma }, got ${typeof points}`,
    );
  }
  const {
    title = 'Gradiente da loss em cada passo da sequência',
    valueTitle = '‖∂L/∂xₜ‖ (média nos exemplos)',
    width = 300,
    height = 240,
  } = options;
  const values = points
    .filter((p) => Number.isFinite(p.norma) && p.norma > 0)
    .map((p) => ({ ...p, momento: p.momento ?? '' }));
  const cells = [...new Set(points.map((p) => p.celula))];
  const moments = [...new Set(values.map((p) => p.momento))];
  const spec = {
    width,
    height,
    mark: { type: 'line', strokeWidth: 1.8, point: { size: 14 } },
    encoding: {
      x: { field: 'passo', type: 'quantitative', title: 'passo t da sequência (1 = o primeiro)' },
      y: {
        field: 'norma',
        type: 'quantitative',
        title: valueTitle,
        ...LOG_SCALE_DECADES,
      },
      color: { field: 'celula', type: 'nominal', title: 'célula', sort: cells },
      tooltip: [
        { field: 'celula', title: 'célula' },
        { field: 'passo', type: 'quantitative', title: 'passo' },
        { field: 'norma', type: 'quantitative', title: valueTitle, format: '.3~e' },
      ],
    },
  };
  const subtitle = 'eixo y em escala logarítmica: cada marca é um fator de 10';
  if (moments.length <= 1) return { title: { text: title, subtitle }, data: { values }, ...spec };
  return {
    title: { text: title, subtitle: `${subtitle}, o mesmo para todos os painéis` },
    data: { values },
    facet: { column: { field: 'momento', type: 'nominal', title: null, sort: moments } },
    spec,
  };
}
