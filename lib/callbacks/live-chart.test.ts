import * as tf from '@tensorflow/tfjs';
import { DisplayOptions, MimeBundle, setDisplaySink } from '../notebook/display';
import { VEGA_LITE_MIME } from '../plots/vega-lite-spec';
import { HEADLESS_ENV } from '../notebook/index';
import { fitSeeded } from '../training/fit-seeded';
import { LiveChart, liveChart } from './live-chart';

interface Sent {
  bundle: MimeBundle;
  options: DisplayOptions;
}

/** The points of a chart's first data layer that has any: `{ serie?, epoca, loss | acuracia }`. */
function points(bundle: MimeBundle): Record<string, unknown>[] {
  const spec = bundle[VEGA_LITE_MIME] as { layer: { data?: { values: Record<string, unknown>[] } }[] };
  return spec.layer.flatMap((l) => l.data?.values ?? []).filter((p) => 'epoca' in p);
}

/** Trainings and SVG renderings (vega loads on first use) on a shared machine; no speed is asserted. */
jest.setTimeout(60_000);

let sent: Sent[];
let restoreSink: () => void;
let model: tf.Sequential;
let x: tf.Tensor2D;
let y: tf.Tensor2D;

beforeEach(() => {
  sent = [];
  restoreSink = setDisplaySink((bundle, options) => sent.push({ bundle, options }));
  model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });
  model.compile({ optimizer: tf.train.sgd(0.01), loss: 'meanSquaredError', metrics: ['accuracy'] });
  x = tf.tensor2d([[0], [1], [2], [3]]);
  y = tf.tensor2d([[1], [3], [5], [7]]);
});

afterEach(() => {
  restoreSink();
  tf.dispose([x, y]);
  model.dispose();
  delete process.env[HEADLESS_ENV];
});

describe('liveChart', () => {
  it('redraws one output in place during model.fit: spec only while training, with its SVG at the end', async () => {
    const history = await model.fit(x, y, {
      epochs: 6,
      verbose: 0,
      callbacks: liveChart({ live: true, minIntervalMs: 0, lossName: 'MSE' }),
    });
    // The first epoch shows the chart; later frames as often as building them allows; then the final one.
    expect(sent.length).toBeGreaterThanOrEqual(2);
    expect(new Set(sent.map((s) => s.options.displayId)).size).toBe(1);
    expect(sent.map((s) => s.options.update)).toEqual(sent.map((_, i) => i > 0));
    expect(sent.slice(0, -1).every((s) => s.bundle['image/svg+xml'] === undefined)).toBe(true);
    const sizes = sent.map((s) => points(s.bundle).length);
    expect(sizes[0]).toBe(1);
    expect(sizes.slice(0, -1).every((n, i) => i === 0 || n > sizes[i - 1])).toBe(true); // it grows
    expect(sizes[sizes.length - 1]).toBe(6);
    const final = sent[sent.length - 1].bundle;
    expect(String(final['image/svg+xml'])).toMatch(/^<svg[\s\S]*<\/svg>$/);
    expect(points(final).map((p) => p.loss)).toEqual(history.history.loss);
  });

  it('headless (LISTA5_HEADLESS=1): sends only the final chart, with all epochs', async () => {
    process.env[HEADLESS_ENV] = '1';
    await fitSeeded(model, x, y, { epochs: 5, seed: 1, callbacks: liveChart({ kind: 'accuracy' }) });
    expect(sent).toHaveLength(1);
    expect(sent[0].options.update).toBe(false);
    expect(sent[0].bundle['image/svg+xml']).toBeDefined();
    const series = points(sent[0].bundle).map((p) => `${p.serie} ${p.epoca}`);
    expect(series).toEqual([1, 2, 3, 4, 5].map((e) => `treino ${e}`));
  });

  it('skips redraws closer together than minIntervalMs, but never the final chart', async () => {
    const chart = new LiveChart({ live: true, minIntervalMs: 3_600_000 });
    await model.fit(x, y, { epochs: 8, verbose: 0, callbacks: chart.callback() });
    // The first epoch shows the chart; the next redraw would be an hour later; the final one is sent.
    expect(chart.draws).toBe(2);
    expect(sent.map((s) => points(s.bundle).length)).toEqual([1, 8]);
  });

  it('puts several trainings and finished series on one chart, one output', async () => {
    process.env[HEADLESS_ENV] = '1';
    const chart = new LiveChart({ title: 'Comparação', lossName: 'MSE' }).add('antes', [9, 8, 7]);
    await fitSeeded(model, x, y, { epochs: 3, seed: 1, callbacks: chart.callback('a') });
    await fitSeeded(model, x, y, { epochs: 4, seed: 2, callbacks: chart.callback('b') });
    expect(new Set(sent.map((s) => s.options.displayId)).size).toBe(1);
    expect(sent.map((s) => s.options.update)).toEqual([false, true]);
    const count = (frame: number, serie: string) => points(sent[frame].bundle).filter((p) => p.serie === serie).length;
    expect(['antes', 'a', 'b'].map((s) => count(1, s))).toEqual([3, 3, 4]);
    // Training "a" again replaces its line instead of adding one.
    await fitSeeded(model, x, y, { epochs: 2, seed: 3, callbacks: chart.callback('a') });
    expect(['antes', 'a', 'b'].map((s) => count(2, s))).toEqual([3, 2, 4]);
  });

  it('spans the whole x axis from the first frame when told the epochs', () => {
    const chart = new LiveChart({ epochs: 400 }).add('loss', [3, 2]);
    const layer = (chart.spec() as { layer: { layer: { encoding: { x: { scale: { domain: number[] } } } }[] }[] })
      .layer[0].layer[0];
    expect(layer.encoding.x.scale.domain).toEqual([1, 400]);
    // Not "final" while it trains.
    expect((chart.spec().title as { subtitle: string }).subtitle).toBe('treinando: época 2 de 400, loss 2.000');
  });

  it('rejects bad options, naming them', () => {
    expect(() => liveChart({ kind: 'acc' as never })).toThrow(/kind must be 'loss' or 'accuracy', got "acc"/);
    expect(() => liveChart({ minIntervalMs: -1 })).toThrow(/minIntervalMs must be a number >= 0, got -1/);
    expect(() => liveChart({ epochs: 2.5 })).toThrow(/epochs must be a whole number >= 1, got 2.5/);
    expect(() => liveChart({ metrics: {} })).toThrow(/metrics must name at least one training log/);
    expect(() => new LiveChart().add('x', 3 as never)).toThrow(/add: values must be an array/);
    expect(() => new LiveChart().callback(3 as never)).toThrow(/callback: name must be a string, got 3/);
  });
});
