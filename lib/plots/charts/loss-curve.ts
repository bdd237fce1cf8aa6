/**
 * The loss per epoch, on a log scale: the picture of an exploding gradient.
 */
import { DECADES_ONLY, type VegaLiteSpec } from '../vega-lite-spec.js';
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
 * Line colours by series, in the order the series come: a series keeps its colour when others are
 * added after it (a live chart that grows). No red: red marks where a loss became Infinity or NaN.
 */
export const SERIES_COLORS = ['#4c78a8', '#f58518', '#54a24b', '#b279a2', '#9d755d', '#72b7b2', '#eeca3b', '#79706e'];

/** The earlier series that `losses` repeats value for value (as far as it goes), if any. */
function sameAs(entries: readonly [string, readonly number[]][], k: number): string | undefined {
  const [, losses] = entries[k];
  if (losses.length === 0) return undefined;
  const same = (a: number, b: number) =>
    Object.is(a, b) || Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));
  return entries
    .slice(0, k)
    .find(([, other]) => other.length >= losses.length && losses.every((v, i) => same(v, other[i])))?.[0];
}

/** A power of ten at or above `value`. */
const decadeAbove = (value: number) => 10 ** Math.ceil(Math.log10(value));
/** A power of ten at or below `value`. */
const decadeBelow = (value: number) => 10 ** Math.floor(Math.log10(value));

/** Subtitle: where the diverged series diverged; else the last loss, "final" only once training ended. */
function subtitleOf(entries: [string, readonly number[]][], named: boolean, epochs: number | undefined): string {
  const diverged = entries.filter(([, losses]) => divergence(losses).length > 0);
  if (diverged.length)
    return diverged
      .map(
        ([name, losses]) =>
          `${named ? `${name}: ` : 'a loss virou '}${divergence(losses)
            .map(([what, e]) => `${what} na época ${e}`)
            .join(' e ')}`,
      )
      .join('; ');
  const last = (l: readonly number[]) => (l.length ? l[l.length - 1].toPrecision(4) : '—');
  const running = entries.find(([, l]) => epochs !== undefined && l.length < epochs);
  if (running) {
    const [name, l] = running;
    return `treinando: época ${l.length} de ${epochs}, loss ${named ? `${name} ` : ''}${last(l)}`;
  }
  return 'loss final: ' + entries.map(([name, l]) => `${named ? `${name} ` : ''}${last(l)}`).join(', ');
}

/**
 * A line chart of the loss per epoch, for one training or several (a `{ name: losses }` object).
 *
 * A diverged training still plots: values that cannot be drawn (Infinity, NaN, and ≤ 0 on a log
 * scale) are left out of the line, and red rules mark the first epoch where the loss became
 * Infinity and where it became NaN, each labelled at its top like a flag; the subtitle says it in
 * words. When every series diverged, the x axis ends a little after the last rule (the rest is NaN).
 * When some did and others did not, the y axis fits the ones that did not (up to 100 times their
 * largest loss): the larger losses are marked by triangles on the top edge (and a series drawn
 * only so has a triangle in the legend). A series that repeats an
 * earlier one value for value is drawn dashed over it and its legend entry says so
 * (`clipnorm 1 (= clipvalue 1)`). Colours follow the order of the series ({@link SERIES_COLORS}).
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
  const events = entries.flatMap(([name, losses]) =>
    divergence(losses).map(([what, epoch]) => ({
      epoca: epoch,
      rotulo: `${named ? `${name}: ` : ''}${what} (época ${epoch})`,
    })),
  );
  const lastEvent = Math.max(0, ...events.map((e) => e.epoca));
  // Each label flies like a flag at the top of its own rule, the earliest highest, one line apart (y in
  // pixels); a rule starts at its own label's line, so no later rule crosses an earlier label.
  const marks = [...events].sort((a, b) => a.epoca - b.epoca).map((mark, i) => ({ ...mark, linha: 4 + 14 * i }));
  const healthy = entries.filter(([, losses]) => divergence(losses).length === 0);

  // x: the whole training (or `epochs`), but only up to a little after the last rule when all diverged.
  const longest = Math.max(2, options.epochs ?? 0, ...entries.map(([, losses]) => losses.length));
  const xMax =
    healthy.length || options.maxEpoch !== undefined ? longest : Math.min(longest, Math.max(6, 2 * lastEvent));
  // y: fits the series that did not diverge when others did (their huge losses would squeeze them).
  const healthyMax = Math.max(...points.filter((p) => healthy.some(([n]) => n === p.serie)).map((p) => p.loss));
  const cap =
    logScale &&
    events.length &&
    healthy.length &&
    Number.isFinite(healthyMax) &&
    points.some((p) => p.loss > 100 * healthyMax)
      ? decadeAbove(100 * healthyMax)
      : undefined;

  // The y range drawn: the capped domain, or the losses themselves.
  const losses = points.map((p) => p.loss);
  const [low, high] = cap ? [decadeBelow(Math.min(...losses)), cap] : [Math.min(...losses), Math.max(...losses)];
  const decades = points.length > 0 && Math.floor(Math.log10(high)) - Math.ceil(Math.log10(low)) >= 1;

  const x = {
    field: 'epoca',
    type: 'quantitative',
    title: 'época',
    scale: { domain: [1, xMax] },
    axis: { tickCount: Math.max(2, Math.round(width / 90)), labelOverlap: 'greedy', labelSeparation: 4 },
  };
  const y = {
    field: 'loss',
    type: 'quantitative',
    title: lossName,
    axis: {
      // Spanning two powers of ten or more, a log axis is labelled at the powers of ten only (else
      // labels such as 2e+3 between 1e+3 and 1e+4 read as uneven steps); a narrower one keeps them all.
      ...(logScale
        ? { format: '.0e', labelExpr: decades ? DECADES_ONLY : "datum.value == 0 ? '0' : datum.label" }
        : {}),
      // Labels that would touch are left out (a log axis puts 9e+4 right under 1e+5).
      labelOverlap: 'greedy',
      labelSeparation: 4,
    },
    scale: {
      // No rounding out to whole decades: a loss that changes little (the first epochs) still fills the axis.
      ...(logScale ? { type: 'log', nice: false } : { zero: false }),
      // Nothing drawable (NaN from the first epoch): an arbitrary domain keeps the axes.
      ...(points.length === 0 ? { domain: [1, 10] } : {}),
      ...(cap ? { domain: [low, high] } : {}),
    },
  };
  const names = entries.map(([name]) => name);
  const copies = new Map(names.map((name, k) => [name, sameAs(entries, k)] as const).filter(([, of]) => of));
  const legendLabel = [...copies]
    .map(([name, of]) => `datum.label == ${JSON.stringify(name)} ? ${JSON.stringify(`${name} (= ${of})`)} : `)
    .join('');
  // A series whose every point is above the cap is drawn as triangles only: its legend shows a triangle.
  const onlyAbove = cap
    ? names.filter(
        (name) => points.some((p) => p.serie === name) && points.every((p) => p.serie !== name || p.loss > cap),
      )
    : [];
  const isTriangle = `indexof(${JSON.stringify(onlyAbove)}, datum.value) >= 0`;
  const legend = {
    ...(copies.size ? { labelExpr: `${legendLabel}datum.label`, labelLimit: 260 } : {}),
    ...(onlyAbove.length
      ? {
          encode: {
            symbols: {
              update: {
                shape: { signal: `${isTriangle} ? 'triangle-up' : 'stroke'` },
              },
            },
          },
        }
      : {}),
  };
  const color = {
    field: 'serie',
    type: 'nominal',
    title: null,
    scale: { domain: names, range: names.map((_, k) => SERIES_COLORS[k % SERIES_COLORS.length]) },
    ...(Object.keys(legend).length ? { legend } : {}),
  };
  const tooltip = [
    ...(named ? [{ field: 'serie', type: 'nominal', title: 'treino' }] : []),
    { field: 'epoca', type: 'quantitative', title: 'época' },
    { field: 'loss', type: 'quantitative', title: lossName, format: '.4~g' },
  ];
  const copy = `indexof(${JSON.stringify([...copies.keys()])}, datum.serie) >= 0`;
  const line = (filter: string, extra: Record<string, unknown>) => ({
    transform: [{ filter }],
    mark: { type: 'line', point: xMax <= 60, clip: true, ...extra },
    encoding: { x, y, ...(named ? { color } : {}), tooltip },
  });
  const lines = copies.size
    ? [line(`!(${copy})`, {}), line(copy, { strokeDash: [6, 4], strokeWidth: 2.5 })]
    : [line('true', {})];
  const above = cap
    ? [
        {
          transform: [{ filter: `datum.loss > ${cap}` }, { calculate: String(cap), as: 'topo' }],
          mark: { type: 'point', shape: 'triangle-up', filled: true, size: 110, opacity: 1, yOffset: 6 },
          encoding: { x, y: { ...y, field: 'topo' }, ...(named ? { color } : {}), tooltip },
        },
      ]
    : [];
  const layers: Record<string, unknown>[] = [{ data: { values: points }, layer: [...lines, ...above] }];
  if (marks.length) {
    layers.push({
      data: { values: marks },
      layer: [
        {
          mark: { type: 'rule', color: '#c0392b', strokeDash: [4, 3] },
          encoding: { x, y: { field: 'linha', type: 'quantitative', scale: null }, y2: { value: height } },
        },
        {
          mark: { type: 'text', color: '#c0392b', align: 'left', dx: 4, baseline: 'top' },
          encoding: {
            x,
            y: { field: 'linha', type: 'quantitative', scale: null },
            text: { field: 'rotulo' },
          },
        },
      ],
    });
  }
  const subtitle =
    subtitleOf(entries, named, options.epochs) +
    (cap ? ` · ▲ loss acima de ${cap.toExponential(0).replace('+', '')}` : '');
  return { title: { text: title, subtitle }, width, height, layer: layers };
}
