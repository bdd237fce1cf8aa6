/**
 * Train and test accuracy per epoch, as the lesson's `run_model` plots them.
 */
import type { VegaLiteSpec } from '../vega-lite-spec.js';
import { checkObject } from '../../errors/index.js';

/** Options of {@link accuracyCurves}. */
export interface AccuracyCurvesOptions {
  title?: string;
  /** The x axis spans epochs 1..epochs even while the series are shorter (a training in progress). */
  epochs?: number;
  width?: number;
  height?: number;
}

/**
 * Lines of the accuracy per epoch for each named series (e.g. `{ treino: [...], teste: [...] }`),
 * on a y axis fixed to [0, 1] so that different models compare at a glance; 0.5 (a coin toss for
 * two balanced classes) is marked.
 */
export function accuracyCurves(
  series: Readonly<Record<string, readonly number[]>>,
  options: AccuracyCurvesOptions = {},
): VegaLiteSpec {
  checkObject('accuracyCurves', 'series', series, 'an object { name: accuracies per epoch }');
  const { title = 'Acurácia', width = 520, height = 260 } = options;
  const values = Object.entries(series).flatMap(([name, accuracies]) =>
    accuracies.map((acuracia, i) => ({ serie: name, epoca: i + 1, acuracia })),
  );
  const x = {
    field: 'epoca',
    type: 'quantitative',
    title: 'época',
    ...(options.epochs ? { scale: { domain: [1, Math.max(2, options.epochs)] } } : {}),
  };
  return {
    title,
    width,
    height,
    layer: [
      {
        data: { values: [{ acaso: 0.5, rotulo: 'acaso' }] },
        layer: [
          {
            mark: { type: 'rule', color: '#999', strokeDash: [2, 3] },
            encoding: { y: { field: 'acaso', type: 'quantitative' } },
          },
          {
            // Named just outside the plot, right of the line's end (inside, the lines of a model that
            // learns nothing run over it): a coin toss for two balanced classes.
            mark: { type: 'text', color: '#777', align: 'left', baseline: 'middle', x: { expr: 'width' }, dx: 4 },
            encoding: { y: { field: 'acaso', type: 'quantitative' }, text: { field: 'rotulo' } },
          },
        ],
      },
      {
        data: { values },
        mark: { type: 'line' },
        encoding: {
          x,
          y: { field: 'acuracia', type: 'quantitative', title: 'acurácia', scale: { domain: [0, 1] } },
          color: { field: 'serie', type: 'nominal', title: null, sort: Object.keys(series) },
          tooltip: [
            { field: 'serie', type: 'nominal', title: 'conjunto' },
            { field: 'epoca', type: 'quantitative', title: 'época' },
            { field: 'acuracia', type: 'quantitative', title: 'acurácia', format: '.3f' },
          ],
        },
      },
    ],
  };
}
