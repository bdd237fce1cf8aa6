/**
 * TensorBoard's "Histograms" tab (offset mode) for the kernel gradients of several models, with an
 * epoch slider: for each layer depth, one panel per model side by side, two depths to a row.
 */
import type { GradientHistogram } from '../../gradients/index.js';
import { ZERO_AS_0, type VegaLiteSpec } from '../vega-lite-spec.js';
import { invalidArgument, InvalidParameterError } from '../../errors/index.js';

/** Options of {@link histogramExplorerChart}. */
export interface HistogramExplorerOptions {
  title?: string;
  /** Epoch the slider starts at. Default: the last one. */
  epoch?: number;
  /**
   * A static chart of these epochs instead (no slider): for the SVG of the handouts, e.g.
   * `[0, 10, 100, 499]`. Epochs with no histogram are left out.
   */
  staticEpochs?: readonly number[];
  /** The faint histograms behind the chosen one: every this many epochs (default: ~40 in all). */
  every?: number;
  /** Size of each panel. */
  width?: number;
  height?: number;
}

/** The histograms of one layer of one model, compactly (see {@link histogramExplorerChart}). */
interface Group {
  modelo: string;
  camada: string;
  profundidade: number;
  e: number[];
  /** The largest count of each histogram: its peak is drawn at full height. */
  m: number[];
  lo: number[];
  hi: number[];
  n: string[];
}

const COLOR = '#e8710a';
const DARK = '#8a3f00';

/** Counts as one character per bucket (base 36) when they are small integers, else comma-separated. */
function encodeCounts(rows: GradientHistogram['rows'], base36: boolean): string {
  return base36 ? rows.map((r) => r[2].toString(36)).join('') : rows.map((r) => String(r[2])).join(',');
}

/** `value` with just the digits that place it within a 1/2000 of `span`. */
function round(value: number, span: number): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  const step = span > 0 ? span / 2000 : Math.abs(value) * 1e-6;
  const digits = Math.floor(Math.log10(Math.abs(value))) - Math.floor(Math.log10(step)) + 1;
  return digits >= 17 ? value : Number(value.toPrecision(Math.max(1, digits)));
}

/**
 * For each layer (rows: first hidden layer first; layers of different models paired by their
 * position), the histograms of the kernel gradients over the epochs, drawn as TensorBoard's offset
 * mode draws them (one faint line per epoch, later epochs lower down, peaks rising towards the
 * earlier ones; each scaled to its own largest count, so that the shape of a flat histogram reads
 * as well as a spike's), and the histogram of the epoch chosen with the slider drawn bold on top. Each
 * panel has its own x axis, as in TensorBoard: a narrow distribution is drawn as legibly as a wide
 * one, and its axis tells how narrow it is. With the slider, that axis follows the chosen epoch: it
 * spans the chosen histogram (5% wider each side), so the bold line fills its panel at every epoch
 * (these gradients change width a hundredfold over a training), and faint histograms wider than it
 * are cut at the panel's frame. A static chart (`staticEpochs`) spans all the epochs it shows. Two
 * depths to a row, so that the chart fits a laptop screen next to its control (`showChart` puts the
 * control above the chart).
 *
 * The data travels compactly (per histogram: its epoch, first and last edge and the counts as one
 * string) and Vega-Lite rebuilds the buckets of the histograms it draws.
 *
 * @param histograms from `gradientHistogramsFromLogs(["modelo_fundo", "modelo_xavier"])`
 */
export function histogramExplorerChart(
  histograms: readonly GradientHistogram[],
  options: HistogramExplorerOptions = {},
): VegaLiteSpec {
  if (!Array.isArray(histograms as unknown) || histograms.length === 0)
    throw new InvalidParameterError(
      'histogramExplorerChart',
      'histograms',
      'must be a non-empty array (see gradientHistogramsFromLogs)',
    );
  const { title = 'Histogramas dos gradientes dos kernels por camada', width = 190, height = 80 } = options;
  const models = [...new Set(histograms.map((h) => h.modelo))];
  const epochs = [...new Set(histograms.map((h) => h.epoca))].sort((a, b) => a - b);
  const first = epochs[0];
  const last = epochs[epochs.length - 1];
  // The slider's step: the smallest gap between logged epochs (1 when only one epoch was logged).
  const smallestGap = epochs.slice(1).reduce((s, e, i) => Math.min(s, e - epochs[i]), Infinity);
  const step = Number.isFinite(smallestGap) ? smallestGap : 1;
  const every = options.every ?? Math.max(1, Math.ceil(epochs.length / 40)) * step;
  if (!Number.isInteger(every) || every < 1)
    throw new InvalidParameterError(
      'histogramExplorerChart',
      'every',
      `must be a positive integer, got ${String(options.every)}`,
    );
  const chosen = options.staticEpochs?.filter((e) => epochs.includes(e));
  if (options.staticEpochs !== undefined && (chosen === undefined || chosen.length === 0))
    throw invalidArgument(
      'histogramExplorerChart',
      'staticEpochs',
      `none of staticEpochs ${JSON.stringify(options.staticEpochs)} has histograms (epochs ${first}–${last})`,
    );
  const start = options.epoch ?? last;
  if (!epochs.includes(start))
    throw invalidArgument(
      'histogramExplorerChart',
      'epoch',
      `epoch ${String(options.epoch)} has no histograms (epochs ${first}–${last})`,
    );

  // One group per (model, layer): the layer's depth, the largest count, and one array per field.
  const depthOf = new Map<string, number>();
  const groups = new Map<string, Group>();
  const base36 = histograms.every((h) => h.rows.every((r) => Number.isInteger(r[2]) && r[2] >= 0 && r[2] < 36));
  for (const h of histograms) {
    if (chosen && !chosen.includes(h.epoca)) continue;
    const key = `${h.modelo}\u0000${h.camada}`;
    let group = groups.get(key);
    if (group === undefined) {
      const depth = [...groups.values()].filter((g) => g.modelo === h.modelo).length;
      depthOf.set(key, depth);
      group = { modelo: h.modelo, camada: h.camada, profundidade: depth, e: [], m: [], lo: [], hi: [], n: [] };
      groups.set(key, group);
    }
    const lo = h.rows[0]?.[0] ?? 0;
    const hi = h.rows[h.rows.length - 1]?.[1] ?? 0;
    group.e.push(h.epoca);
    group.lo.push(round(lo, hi - lo));
    group.hi.push(round(hi, hi - lo));
    group.n.push(encodeCounts(h.rows, base36));
    group.m.push(Math.max(0, ...h.rows.map((r) => r[2])));
  }
  const depths = Math.max(...[...depthOf.values()]) + 1;

  // TensorBoard's offset mode: y = baseline of the histogram + its count scaled to `peak` y units,
  // each histogram by its own largest count, so that the shape of a flat one reads as well as a spike's.
  const ranks = chosen?.map((e, i) => `datum.e == ${e} ? ${chosen.length - 1 - i}`).join(' : ');
  const baseline = chosen ? `(${ranks} : 0)` : `(${last} - datum.e)`;
  const peak = chosen ? 0.9 : Math.max(every * 4, (last - first) / 8);
  const shown = chosen
    ? `indexof(${JSON.stringify(chosen)}, datum.e) >= 0`
    : `datum.e % ${every} == 0 || datum.e == ${last} || datum.e == toNumber(epoca)`;
  const transform = [
    { flatten: ['e', 'm', 'lo', 'hi', 'n'] },
    { filter: shown },
    { calculate: "datum.modelo + ' · ' + datum.camada + ' · época ' + datum.e", as: 'rotulo' },
    { calculate: base36 ? "split(datum.n, '')" : "split(datum.n, ',')", as: 'contagens' },
    { flatten: ['contagens'], as: ['contagem'] },
    { window: [{ op: 'row_number', as: 'balde' }], groupby: ['modelo', 'camada', 'e'] },
    {
      calculate: `datum.lo + (datum.balde - 0.5) * (datum.hi - datum.lo) / length(datum.contagens)`,
      as: 'gradiente',
    },
    {
      calculate: `${baseline} + (datum.m > 0 ? parseInt(datum.contagem, ${base36 ? 36 : 10}) / datum.m : 0) * ${peak}`,
      as: 'y',
    },
  ];
  const labels = chosen
    ? chosen.map((e, i) => `datum.value == ${chosen.length - 1 - i} ? '${e}'`).join(' : ') + " : ''"
    : `${last} - datum.value`;
  const y = {
    field: 'y',
    type: 'quantitative',
    title: 'época',
    // A little room above the tallest histogram, so that its peak does not sit on the panel's frame.
    scale: { domain: chosen ? [0, chosen.length - 1 + 1.15 * peak] : [0, last - first + 1.15 * peak], nice: false },
    axis: {
      values: chosen ? chosen.map((_, i) => i) : epochTicks(first, last).map((e) => last - e),
      labelExpr: labels,
    },
  };
  const x = {
    field: 'gradiente',
    type: 'quantitative',
    title: null,
    axis: { format: '.1~e', labelExpr: ZERO_AS_0, tickCount: 3, labelOverlap: 'greedy' },
  };
  // The two panels of a pair share one y axis (epochs), drawn on the left one only.
  const yRight = { ...y, axis: { ...y.axis, labels: false, ticks: false, domain: false, title: null } };
  const line = (filter: string, mark: Record<string, unknown>) => ({
    transform: [{ filter }],
    // Clipped at the panel's frame: a faint histogram wider than the chosen one runs off its edges.
    mark: { type: 'line', clip: true, ...mark },
    encoding: {
      x,
      y,
      detail: { field: 'e', type: 'quantitative' },
      // What a screen reader says of the line (else "época: 509.8", the offset y of the drawing).
      description: { field: 'rotulo', type: 'nominal' },
    },
  });
  const onTheRight = (layer: ReturnType<typeof line>) => ({ ...layer, encoding: { ...layer.encoding, y: yRight } });
  const layers = chosen
    ? [line('true', { color: DARK, strokeWidth: 1.2 })]
    : [
        // The chosen epoch is drawn dark only (not also faint underneath).
        line(`(datum.e % ${every} == 0 || datum.e == ${last}) && datum.e != toNumber(epoca)`, {
          color: COLOR,
          strokeWidth: 0.7,
          opacity: 0.45,
        }),
        line('datum.e == toNumber(epoca)', { color: DARK, strokeWidth: 2 }),
      ];
  /** One panel: a model's layer; with the slider, its x axis spans the chosen epoch's histogram. */
  const panel = (group: Group, index: number) => ({
    title: { text: group.modelo, fontSize: 11, fontWeight: 'normal', anchor: 'middle' },
    width,
    height,
    transform: [
      { filter: `datum.modelo == ${JSON.stringify(group.modelo)} && datum.camada == ${JSON.stringify(group.camada)}` },
    ],
    // One x scale for the panel's layers, declared once here (the domains of every epoch are long).
    encoding: {
      x: chosen ? x : { ...x, scale: { domain: { expr: followChosenEpoch(group, first, step, last) }, nice: false } },
    },
    layer: index === 0 ? layers : layers.map(onTheRight),
  });
  return {
    title: {
      text: title,
      subtitle: chosen
        ? `épocas ${chosen.join(', ')} · cada painel com seu eixo x (gradiente): leia os valores`
        : {
            // The chosen epoch in words, redrawn as the slider moves.
            expr: `'linha escura: época ' + epoca + ' · linhas claras: uma época a cada ${every} · o eixo x (gradiente) de cada painel se ajusta à época escolhida: leia os valores'`,
          },
    },
    ...(chosen
      ? {}
      : {
          params: [
            {
              name: 'epoca',
              value: start,
              bind: { input: 'range', min: first, max: last, step, name: 'época ' },
            },
          ],
        }),
    data: { values: [...groups.values()] },
    transform,
    // Two depths per row (four panels), so that the whole chart and its control fit a laptop screen.
    vconcat: Array.from({ length: Math.ceil(depths / 2) }, (_, row) => ({
      hconcat: [2 * row, 2 * row + 1]
        .filter((depth) => depth < depths)
        .map((depth) => {
          const atDepth = models
            .map((m) => [...groups.values()].find((g) => g.modelo === m && g.profundidade === depth))
            .filter((g): g is Group => g !== undefined);
          return {
            title: { text: atDepth.map((g) => g.camada).join(' · '), fontSize: 12, anchor: 'start' },
            // Each panel its own x axis: a narrow histogram is drawn as wide as a wide one (read the axis).
            hconcat: atDepth.map((g, i) => panel(g, i)),
            resolve: { scale: { x: 'independent', y: 'shared' } },
          };
        }),
    })),
    resolve: { scale: { x: 'independent' } },
  };
}

/**
 * A Vega expression for the x domain of `group`'s panel: the range of its histogram at the chosen
 * epoch (`epoca`), 5% wider on each side, so that the bold histogram always spans the panel however
 * narrow it is. Where the group has no histogram at that epoch, the range of all its histograms.
 */
function followChosenEpoch(group: Group, first: number, step: number, last: number): string {
  // Rounded outwards to two digits: the expression carries a domain per epoch.
  const outwards = (v: number, direction: 1 | -1) => {
    if (v === 0) return 0;
    const unit = 10 ** (Math.floor(Math.log10(Math.abs(v))) - 1);
    return Number(((direction > 0 ? Math.ceil(v / unit) : Math.floor(v / unit)) * unit).toPrecision(2));
  };
  const padded = (lo: number, hi: number): [number, number] => {
    const pad = hi > lo ? 0.05 * (hi - lo) : Math.abs(lo) * 0.05 || 1e-12;
    return [outwards(lo - pad, -1), outwards(hi + pad, 1)];
  };
  const byEpoch: ([number, number] | 0)[] = Array.from({ length: Math.round((last - first) / step) + 1 }, () => 0);
  group.e.forEach((e, i) => (byEpoch[Math.round((e - first) / step)] = padded(group.lo[i], group.hi[i])));
  const all = padded(Math.min(...group.lo), Math.max(...group.hi));
  const short = (v: number) => [String(v), v.toExponential(1)].sort((a, b) => a.length - b.length)[0];
  const literal = (d: [number, number] | 0) => (d === 0 ? '0' : `[${short(d[0])},${short(d[1])}]`);
  return `[${byEpoch.map(literal).join(',')}][round((toNumber(epoca) - ${first}) / ${step})] || ${literal(all)}`;
}

/** About five round epochs between `first` and `last` (both included when they are round). */
function epochTicks(first: number, last: number): number[] {
  const span = Math.max(last - first, 1);
  const magnitude = 10 ** Math.floor(Math.log10(span / 5));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => span / s <= 6) ?? 10 * magnitude;
  const ticks: number[] = [];
  for (let e = Math.ceil(first / step) * step; e <= last; e += step) ticks.push(e);
  return ticks;
}
