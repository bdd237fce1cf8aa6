/**
 * Test accuracy against the length T of the sequences, one line per recurrent cell: where a network
 * stops remembering. With several seeds per (cell, T), one dot per seed and a line through the
 * medians, so that the spread is seen, not hidden in an average.
 */
import type { VegaLiteSpec } from '../vega-lite-spec.js';
import { InvalidParameterError } from '../../errors/index.js';

/** One point: the accuracy of one cell trained and tested on sequences of length `T`. */
export interface AccuracyVsLengthPoint {
  celula: string;
  T: number;
  acuracia: number;
  /** The seed of this training, when each (cell, T) was trained with several. */
  semente?: number;
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
 * with chance (0.5) marked. When the points carry seeds, each seed is a dot (the cells' dots side by
 * side at each T, so that equal accuracies do not hide each other) and the line joins the medians.
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
  const seeded = points.some((p) => p.semente !== undefined);
  const finite = points.filter((p) => Number.isFinite(p.acuracia));
  // Dots of the cells side by side at each T: a small factor on the log-2 axis.
  const spread = (i: number) => 2 ** (0.12 * (i - (cells.length - 1) / 2));
  const medians = cells.flatMap((celula) =>
    lengths.flatMap((T) => {
      const v = finite
        .filter((p) => p.celula === celula && p.T === T)
        .map((p) => p.acuracia)
        .sort((a, b) => a - b);
      if (v.length === 0) return [];
      const m = v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
      return [{ celula, T, acuracia: m, posicao: T * spread(cells.indexOf(celula)) }];
    }),
  );
  const x = {
    field: 'posicao',
    type: 'quantitative',
    title: 'comprimento T da sequência',
    // A little room on both sides of the shortest and the longest T, and no rounding of the domain.
    scale: {
      type: 'log',
      base: 2,
      nice: false,
      ...(lengths.length > 0 ? { domain: [lengths[0] / 1.3, lengths[lengths.length - 1] * 1.3] } : {}),
    },
    axis: { values: lengths, format: 'd' },
  };
  const y = { field: 'acuracia', type: 'quantitative', title: 'acurácia de teste', scale: { domain: [0, 1] } };
  const color = { field: 'celula', type: 'nominal', title: 'célula', sort: cells };
  const tooltip = [
    { field: 'celula', title: 'célula' },
    { field: 'T', type: 'quantitative' },
    ...(seeded ? [{ field: 'semente', type: 'quantitative', title: 'semente' }] : []),
    { field: 'acuracia', type: 'quantitative', title: 'acurácia', format: '.3f' },
  ];
  return {
    title: {
      text: title,
      subtitle: seeded
        ? `pontos: uma semente cada · linha: mediana das sementes · tracejada: acaso (${chance})`
        : `linha tracejada: acaso (${chance})`,
    },
    width,
    height,
    layer: [
      {
        data: { values: [{ acaso: chance }] },
        mark: { type: 'rule', color: '#999', strokeDash: [4, 4] },
        encoding: { y: { field: 'acaso', type: 'quantitative' } },
      },
      {
        data: { values: seeded ? medians : finite.map((p) => ({ ...p, posicao: p.T })) },
        mark: { type: 'line', point: !seeded },
        encoding: { x, y, color, tooltip: seeded ? tooltip.filter((t) => t.field !== 'semente') : tooltip },
      },
      ...(seeded
        ? [
            {
              data: {
                values: finite.map((p) => ({ ...p, posicao: p.T * spread(cells.indexOf(p.celula)) })),
              },
              mark: { type: 'point', filled: true, size: 45, opacity: 0.8 },
              encoding: { x, y, color, tooltip },
            },
          ]
        : []),
    ],
  };
}
