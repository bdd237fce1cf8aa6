import { renderSvg } from '../render-svg';
import { accuracyVsLengthChart } from './accuracy-vs-length';
import { gradientsThroughTimeChart, GradientThroughTimePoint } from './gradients-through-time';

describe('gradientsThroughTimeChart', () => {
  const points: GradientThroughTimePoint[] = ['simpleRNN', 'lstm'].flatMap((celula, c) =>
    ['na inicialização', 'após o treino'].flatMap((momento) =>
      [1, 2, 3, 4].map((passo) => ({ celula, momento, passo, norma: c === 0 ? 10 ** (passo - 8) : 1e-4 })),
    ),
  );

  it('one line per cell on a shared log axis, one panel per moment; unplottable norms left out', async () => {
    const spec = gradientsThroughTimeChart([
      ...points,
      { celula: 'lstm', momento: 'após o treino', passo: 5, norma: 0 },
    ]);
    expect((spec.data as { values: unknown[] }).values).toHaveLength(16);
    expect(spec.facet).toEqual({
      column: expect.objectContaining({ field: 'momento', sort: ['na inicialização', 'após o treino'] }),
    });
    expect(JSON.stringify(spec.spec)).toContain('"type":"log"');
    const svg = await renderSvg(spec);
    expect(svg).toContain('simpleRNN');
    expect(svg).toContain('após o treino');
    expect(svg.match(/class="mark-line/g)?.length).toBeGreaterThanOrEqual(2);
  });

  it('a single panel without moments, and names bad input', async () => {
    const spec = gradientsThroughTimeChart(points.map(({ momento: _m, ...p }) => p));
    expect(spec.facet).toBeUndefined();
    expect(await renderSvg(spec)).toContain('<svg');
    expect(() => gradientsThroughTimeChart(undefined as never)).toThrow(
      /gradientsThroughTimeChart: points must be an array/,
    );
  });
});

describe('accuracyVsLengthChart', () => {
  it('accuracy against T on a [0, 1] axis with chance marked, one line per cell', async () => {
    const points = ['simpleRNN', 'lstm'].flatMap((celula, c) =>
      [5, 10, 20, 40].map((T) => ({ celula, T, acuracia: c === 0 ? 1 - T / 90 : 0.95 })),
    );
    const spec = accuracyVsLengthChart(points);
    const line = (spec.layer as { encoding: { x?: { axis: { values: number[] } } } }[])[1];
    expect(line.encoding.x!.axis.values).toEqual([5, 10, 20, 40]);
    const svg = await renderSvg(spec);
    expect(svg).toContain('lstm');
    expect(svg.match(/class="mark-line/g)?.length).toBeGreaterThanOrEqual(1);
    expect(() => accuracyVsLengthChart({} as never)).toThrow(/accuracyVsLengthChart: points must be an array/);
  });

  it('with seeds: a dot per seed, side by side per cell, and a line through the medians', async () => {
    const points = ['simpleRNN', 'gru'].flatMap((celula) =>
      [0, 1, 2].map((semente) => ({
        celula,
        T: 40,
        semente,
        acuracia: celula === 'gru' ? 0.99 : [0.5, 0.6, 0.9][semente],
      })),
    );
    const spec = accuracyVsLengthChart(points);
    const layers = spec.layer as { data: { values: { celula: string; acuracia: number; posicao: number }[] } }[];
    expect(layers).toHaveLength(3);
    const medians = layers[1].data.values;
    expect(medians.find((m) => m.celula === 'simpleRNN')!.acuracia).toBe(0.6);
    const dots = layers[2].data.values;
    expect(dots).toHaveLength(6);
    const position = (c: string) => dots.find((d) => d.celula === c)!.posicao;
    expect(position('simpleRNN')).toBeLessThan(40);
    expect(position('gru')).toBeGreaterThan(40);
    const svg = await renderSvg(spec);
    expect(svg).toContain('uma semente cada');
    expect(svg.match(/class="mark-symbol/g)?.length).toBeGreaterThanOrEqual(1);
  });
});
