/**
 * The loss per epoch, on a log scale: the picture of an exploding gradient.
 */
import type { VegaLiteSpec } from '../vega-lite-spec.js';

/** Options of {@link lossCurve}. */
export interface LossCurveOptions {
  /** Chart title. */
  title?: string;
  /** Name of the loss on the y axis (default `loss`). */
  lossName?: string;
  /** Logarithmic y axis (default true): a loss that grows exponentially becomes a straight line. */
  logScale?: boolean;
  width?: number;
  height?: number;
}

/** First epoch (1-based) where `test` holds, or `null`. */
function firstEpoch(losses: readonly number[], test: (v: number) => boolean): number | null {
  const i = losses.findIndex(test);
  return i < 0 ? null : i + 1;
}

/**
 * A line chart of `losses` (one value per epoch, epoch 1 first).
 *
 * A diverged training still plots: values that cannot be drawn (Infinity, NaN, and ≤ 0 on a log
 * scale) are left out of the line, and red rules mark the first epoch where the loss became
 * Infinity and where it became NaN, with the facts in the subtitle.
 */
export function lossCurve(losses: readonly number[], options: LossCurveOptions = {}): VegaLiteSpec {
  const { title = 'Loss por época', lossName = 'loss', logScale = true, width = 520, height = 260 } = options;
  const drawable = (v: number) => Number.isFinite(v) && (!logScale || v > 0);
  const points = losses.flatMap((v, i) => (drawable(v) ? [{ epoca: i + 1, loss: v }] : []));
  const firstInfinity = firstEpoch(losses, (v) => v === Infinity || v === -Infinity);
  const firstNaN = firstEpoch(losses, Number.isNaN);
  const marks = [
    ...(firstInfinity !== null ? [{ epoca: firstInfinity, rotulo: `Infinity (época ${firstInfinity})` }] : []),
    ...(firstNaN !== null ? [{ epoca: firstNaN, rotulo: `NaN (época ${firstNaN})` }] : []),
  ];
  const subtitle = marks.length
    ? `a loss virou ${marks.map((m) => m.rotulo).join(' e depois ')}`
    : `loss final: ${losses.length ? losses[losses.length - 1].toPrecision(4) : '—'}`;
  const x = { field: 'epoca', type: 'quantitative', title: 'época', scale: { domain: [1, Math.max(losses.length, 2)] } };
  const layers: Record<string, unknown>[] = [
    {
      data: { values: points },
      mark: { type: 'line', point: losses.length <= 60 },
      encoding: {
        x,
        y: {
          field: 'loss',
          type: 'quantitative',
          title: lossName,
          scale: {
            ...(logScale ? { type: 'log' } : { zero: false }),
            // Nothing drawable (NaN from the first epoch): an arbitrary domain keeps the axes.
            ...(points.length === 0 ? { domain: [1, 10] } : {}),
          },
        },
        tooltip: [
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
          mark: { type: 'text', color: '#c0392b', align: 'left', dx: 4, dy: -4, baseline: 'bottom', y: 0 },
          encoding: { x, text: { field: 'rotulo' } },
        },
      ],
    });
  }
  return { title: { text: title, subtitle }, width, height, layer: layers };
}
