/**
 * Test accuracy against the length T of the sequences, one line per recurrent cell: where a network
 * stops remembering.
 */
import type { VegaLiteSpec } from '../vega-lite-spec.js';
import { InvalidParameterError } from '../../errors/index.js';

/** One point: the accuracy of one cell trained and tested on sequences of length `T`. */
export interface AccuracyVsLengthPoint {
  celula: string;
  T: number;
  acuracia: number;
}

/** Options of {@link accuracyVsLengthChart}. */
export interface AccuracyVsLengthChartOptions {
  title?: string;
  /** Accuracy of a coin toss, marked with a dashed line (0.5, two balanced classes). */
  chance?: number;
  width?: number;
  height?: number;
}

/**
 * Lines of accuracy against T (log-2 x axis, one tick per measured T), on a y axis fixed to [0, 1],
 * with chance (0.5) marked.
 *
 * @throws Error when `points` is not an array
 */
export function accuracyVsLengthChart(
  points: readonly AccuracyVsLengthPoint[],
  options: AccuracyVsLengthChartOptions = {},
): VegaLiteSpec {
  if (!Array.isArray(points)) {
    throw new InvalidParameterError(
      'accuracyVsLengthChart',
      'points',
      `must be an array of { celula, T, acuracia }, got ${typeof points}`,
    );
  }
  const { title = 'Acurácia de teste × comprimento T da sequência', chance = 0.5, width = 460, height = 260 } = options;
  const cells = [...new Set(points.map((p) => p.celula))];
  const lengths = [...new Set(points.map((p) => p.T))].sort((a, b) => a - b);
  return {
    title: { text: title, subtitle: `linha tracejada: acaso (${chance})` },
    width,
    height,
    layer: [
      {
        data: { values: [{ acaso: chance }] },
        mark: { type: 'rule', color: '#999', strokeDash: [4, 4] },
        encoding: { y: { field: 'acaso', type: 'quantitative' } },
      },
      {
        data: { values: points.filter((p) => Number.isFinite(p.acuracia)) },
        mark: { type: 'line', point: true },
        encoding: {
          x: {
            field: 'T',
            type: 'quantitative',
            title: 'comprimento T da sequência',
            // A little room on both sides of the shortest and the longest T, and no rounding of the domain.
            scale: {
              type: 'log',
              base: 2,
              nice: false,
              ...(lengths.length > 0 ? { domain: [lengths[0] / 1.2, lengths[lengths.length - 1] * 1.2] } : {}),
            },
            axis: { values: lengths, format: 'd' },
          },
          y: { field: 'acuracia', type: 'quantitative', title: 'acurácia de teste', scale: { domain: [0, 1] } },
          color: { field: 'celula', type: 'nominal', title: 'célula', sort: cells },
          tooltip: [
            { field: 'celula', title: 'célula' },
            { field: 'T', type: 'quantitative' },
            { field: 'acuracia', type: 'quantitative', title: 'acurácia', format: '.3f' },
          ],
        },
      },
    ],
  };
}
