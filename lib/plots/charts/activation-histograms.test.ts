import type { LayerActivations } from '../../gradients/layer-activations';
import { InvalidParameterError } from '../../errors/index';
import { renderSvg } from '../render-svg';
import { activationHistogramChart } from './activation-histograms';

const layer = (name: string, activation: string, values: number[]): LayerActivations => ({
  layer: name,
  activation,
  shape: [values.length, 1],
  values: Float32Array.from(values),
});

/** Two hidden tanh layers (one saturated, one spread) and a sigmoid output; a relu network the same depth. */
const tanhNet = [
  layer('funda_1', 'tanh', [-0.999, -0.995, 0.995, 1, 0.2, -0.2, 0.999, -1]),
  layer('funda_2', 'tanh', [-0.75, -0.25, 0.25, 0.75]),
  layer('funda_output', 'sigmoid', [0.5, 0.5]),
];
const reluNet = [
  layer('relu_1', 'relu', [0, 0, 0.5, 2.3]),
  layer('relu_2', 'relu', [0, 1, 1, 1]),
  layer('relu_output', 'sigmoid', [0.4, 0.6]),
];

type Panel = {
  title?: { text: string; subtitle: string[] };
  data: { values: { a0: number; a1: number; fracao: number }[] };
  encoding?: { x: { scale: { domain: number[] } } };
};
const panelsOf = (spec: Record<string, unknown>) => (spec.concat as Panel[]).filter((p) => p.title !== undefined);

describe('activationHistogramChart', () => {
  it('one row per hidden layer, one column per network, bars over the activation’s whole range', () => {
    const spec = activationHistogramChart({ modelo_fundo: tanhNet, modelo_relu_he: reluNet }, { bins: 4 });
    expect(spec.columns).toBe(2);
    const panels = panelsOf(spec);
    // row by row: funda_1, relu_1, funda_2, relu_2 (output layers left out)
    expect(panels.map((p) => p.title!.text)).toEqual([
      'funda_1 (camada 1)',
      'relu_1 (camada 1)',
      'funda_2 (camada 2)',
      'relu_2 (camada 2)',
    ]);
    const [f1, r1, f2, r2] = panels;
    expect(f1.encoding!.x.scale.domain).toEqual([-1, 1]);
    // relu: from 0 to a round number above the network's largest value (2.3 → 2.5), the same for its layers
    expect(r1.encoding!.x.scale.domain).toEqual([0, 2.5]);
    expect(r2.encoding!.x.scale.domain).toEqual([0, 2.5]);
    // hand-counted: 4 bars of width 0.5 over [−1, 1]
    expect(f1.data.values).toEqual([
      { a0: -1, a1: -0.5, fracao: 3 / 8 },
      { a0: -0.5, a1: 0, fracao: 1 / 8 },
      { a0: 0, a1: 0.5, fracao: 1 / 8 },
      { a0: 0.5, a1: 1, fracao: 3 / 8 }, // 1 itself goes in the last bar
    ]);
    expect(f2.data.values.map((v) => v.fracao)).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(r1.data.values.map((v) => v.fracao)).toEqual([3 / 4, 0, 0, 1 / 4]);
    // under each name: the saturated fraction and the mean derivative (or the dead units)
    expect(f1.title!.subtitle[0]).toBe('|a| > 0.99: 75% dos valores');
    expect(f2.title!.subtitle).toEqual(['|a| > 0.99: 0% dos valores', 'tanh′ médio: 0.69']);
    expect(r1.title!.subtitle).toEqual(['a = 0: 50% dos valores', 'unidades mortas (sempre 0): 0']);
    expect(r2.title!.subtitle[0]).toBe('a = 0: 25% dos valores');
  });

  it('draws the output layers too on request, and leaves a shallower network’s rows empty', () => {
    const spec = activationHistogramChart({ a: tanhNet, b: reluNet.slice(1) }, { includeOutput: true });
    const cells = (spec.concat as Panel[]).slice(2); // after the two headers
    expect(cells).toHaveLength(2 * 3);
    expect(cells.map((c) => c.title?.text ?? '')).toEqual([
      'funda_1 (camada 1)',
      'relu_2 (camada 1)',
      'funda_2 (camada 2)',
      'relu_output (camada 2)',
      'funda_output (camada 3)',
      '',
    ]);
    expect(cells[4].encoding!.x.scale.domain).toEqual([0, 1]);
    expect(cells[4].title!.subtitle).toEqual(['a < 0.01 ou a > 0.99: 0%', 'σ′ médio: 0.25']);
  });

  it('renders to SVG with the Portuguese labels, each network in its own colour, no 0e+0 ticks', async () => {
    const svg = await renderSvg(activationHistogramChart({ modelo_fundo: tanhNet, modelo_relu_he: reluNet }));
    for (const text of [
      'modelo_fundo',
      'modelo_relu_he',
      'ativação (tanh)',
      'ativação (relu)',
      'fração',
      'dos valores',
    ])
      expect(svg).toContain(`>${text}<`);
    expect(svg).not.toContain('e+0');
    expect(svg).toContain('>−1<'); // tanh's axis ends at −1 and 1
    const fills = new Set([...svg.matchAll(/<path[^>]*fill="(#[0-9a-f]{6})"[^>]*stroke="white"/g)].map((m) => m[1]));
    expect(fills).toEqual(new Set(['#4c78a8', '#f58518']));
  });

  it('names the bad argument', () => {
    expect(() => activationHistogramChart(undefined as unknown as Record<string, LayerActivations[]>)).toThrow(
      InvalidParameterError,
    );
    expect(() => activationHistogramChart({})).toThrow(/^activationHistogramChart: networks must be an object/);
    expect(() => activationHistogramChart({ a: tanhNet }, { bins: 1 })).toThrow(
      'activationHistogramChart: bins must be a whole number from 2 to 200, got 1',
    );
    expect(() => activationHistogramChart({ a: tanhNet }, { threshold: 2 })).toThrow(
      'activationHistogramChart: threshold must be a number in (0.5, 1), got 2',
    );
  });
});
