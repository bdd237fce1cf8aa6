/**
 * The loss per epoch, on a log scale: the picture of an exploding gradient.
 */
import type { VegaLiteSpec } from '../vega-lite-spec.js';
import { checkObject } from '../../errors/index.js';

/** Options of {@link lossCurve}. */
export interface LossCurveOptions {
  /** Chart title. */
  title?: string;
  /** Name of the loss on the y axis (default `loss`). */
  lossName?: string;
  /** Logarithmic y axis (default true): a loss that grows exponentially becomes a straight line. */
  logScale?: boolean;
  /** Show only epochs 1..maxEpoch (zoom on the first epochs of a fast divergence). */
  maxEpoch?: number;
  /** The x axis spans epochs 1..epochs even while the series are shorter (a training in progress). */
  epochs?: number;
  width?: number;
  height?: number;
}

/** One loss per epoch (epoch 1 first), or several such series by name (one line each). */
export type LossSeries = readonly number[] | Readonly<Record<string, readonly number[]>>;

/** First epoch (1-based) where `test` holds, or `null`. */
function firstEpoch(losses: readonly number[], test: (v: number) => boolean): number | null {
  const i = losses.findIndex(test);
  return i < 0 ? null : i + 1;
}

/** The first Infinity and the first NaN of one series, as `[what, epoch]` pairs. */
function divergence(losses: readonly number[]): [string, number][] {
  const events: [string, number | null][] = [
    ['Infinity', firstEpoch(losses, (v) => v === Infinity || v === -Infinity)],
    ['NaN', firstEpoch(losses, Number.isNaN)],
  ];
  return events.filter((e): e is [string, number] => e[1] !== null);
}

/**
 * A line chart of the loss per epoch, for one training or several (a `{ name: losses }` object).
 *
 * A diverged training still plots: values that cannot be drawn (Infinity, NaN, and ≤ 0 on a log
 * scale) are left out of the line, and red rules mark the first epoch where the loss became
 * Infinity and where it became NaN; the subtitle says it in words.
 */
export function lossCurve(series: LossSeries, options: LossCurveOptions = {}): VegaLiteSpec {
  if (!Array.isArray(series))
    checkObject('lossCurve', 'series', series, 'an array of losses or an object { name: losses }');
  const { title = 'Loss por época', lossName = 'loss', logScale = true, width = 520, height = 260 } = options;
  const named = !Array.isArray(series);
  const all: [string, readonly number[]][] = named
    ? Object.entries(series as Record<string, readonly number[]>)
    : [[lossName, series as readonly number[]]];
  const entries = all.map(([name, losses]): [string, readonly number[]] => [
    name,
    losses.slice(0, options.maxEpoch ?? losses.length),
  ]);
  const drawable = (v: number) => Number.isFinite(v) && (!logScale || v > 0);
  const points = entries.flatMap(([name, losses]) =>
    losses.flatMap((v, i) => (drawable(v) ? [{ serie: name, epoca: i + 1, loss: v }] : [])),
  );
  // One red rule per event; labels stacked one line apart (y in pixels) so they never overlap.
  const marks = entries
    .flatMap(([name, losses]) =>
      divergence(losses).map(([what, epoch]) => ({
        epoca: epoch,
        rotulo: `${named ? `${name}: ` : ''}${what} (época ${epoch})`,
      })),
    )
    .map((mark, i) => ({ ...mark, linha: 4 + 14 * i }));
  const diverged = entries.filter(([, losses]) => divergence(losses).length > 0);
  const subtitle = diverged.length
    ? diverged
        .map(
          ([name, losses]) =>
            `${named ? `${name}: ` : 'a loss virou '}${divergence(losses)
              .map(([what, e]) => `${what} na época ${e}`)
              .join(' e ')}`,
        )
        .join('; ')
    : 'loss final: ' +
      entries
        .map(([name, l]) => `${named ? `${name} ` : ''}${l.length ? l[l.length - 1].toPrecision(4) : '—'}`)
        .join(', ');
  const longest = Math.max(2, options.epochs ?? 0, ...entries.map(([, losses]) => losses.length));

  const x = { field: 'epoca', type: 'quantitative', title: 'época', scale: { domain: [1, longest] } };
  const y = {
    field: 'loss',
    type: 'quantitative',
    title: lossName,
    ...(logScale ? { axis: { format: '.0e' } } : {}),
    scale: {
      ...(logScale ? { type: 'log' } : { zero: false }),
      // Nothing drawable (NaN from the first epoch): an arbitrary domain keeps the axes.
      ...(points.length === 0 ? { domain: [1, 10] } : {}),
    },
  };
  const layers: Record<string, unknown>[] = [
    {
      data: { values: points },
      mark: { type: 'line', point: longest <= 60 },
      encoding: {
        x,
        y,
        ...(named ? { color: { field: 'serie', type: 'nominal', title: null } } : {}),
        tooltip: [
          ...(named ? [{ field: 'serie', type: 'nominal', title: 'treino' }] : []),
          { field: 'epoca', type: 'quantitative', title: 'época' },
          { field: 'loss', type: 'quantitative', title: lossName, format: '.4~g' },
        ],
      },
    },
  ];
  if (marks.length) {
    layers.push({
      data: { values: marks },
      layer: [
        { mark: { type: 'rule', color: '#c0392b', strokeDash: [4, 3] }, encoding: { x } },
        {
          mark: { type: 'text', color: '#c0392b', align: 'left', dx: 4, baseline: 'top' },
          encoding: { x, y: { field: 'linha', type: 'quantitative', scale: null }, text: { field: 'rotulo' } },
        },
      ],
    });
  }
  return { title: { text: title, subtitle }, width, height, layer: layers };
}
