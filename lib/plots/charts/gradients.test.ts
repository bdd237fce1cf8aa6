import { renderSvg } from '../render-svg';
import { gradientDistributionChart } from './gradient-distributions';
import type { GradientMagnitudePoint } from '../../gradients/index';
import { gradientMagnitudeChart } from './gradient-magnitudes';

describe('gradientMagnitudeChart', () => {
  const points: GradientMagnitudePoint[] = [];
  for (const [model, prefix, scale] of [
    ['modelo_fundo', 'funda', 1e-5],
    ['modelo_xavier', 'xavier', 1e-2],
  ] as const) {
    for (const layer of ['1', '2', 'output']) {
      for (let epoch = 0; epoch < 5; epoch++)
        points.push({
          modelo: model,
          camada: `${prefix}_${layer}`,
          epoca: epoch,
          valor: scale * (layer === 'output' ? 100 : 1),
        });
    }
  }
  points.push({ modelo: 'modelo_fundo', camada: 'funda_1', epoca: 5, valor: NaN });

  it('one panel per model on a shared log axis, layers coloured by depth, unplottable values dropped', async () => {
    const spec = gradientMagnitudeChart(points);
    const data = (spec.data as { values: { profundidade: string }[] }).values;
    expect(data).toHaveLength(30);
    expect(new Set(data.map((d) => d.profundidade))).toEqual(new Set(['1', '2', 'output']));
    expect(JSON.stringify(spec)).not.toContain('"independent"');
    expect(spec.transform).toEqual([expect.objectContaining({ frame: [-4, 5], groupby: ['modelo', 'camada'] })]);
    expect(() => gradientMagnitudeChart(points, { smoothing: 0 })).toThrow(
      'smoothing must be a positive integer, got 0',
    );
    const svg = await renderSvg(spec);
    expect(svg).toContain('modelo_fundo');
    expect(svg).toContain('modelo_xavier');
    expect(svg.match(/class="mark-line/g)?.length).toBeGreaterThanOrEqual(2);
  });
});

describe('gradientDistributionChart', () => {
  it('one panel per layer with nested percentile bands and a median line', async () => {
    const points = ['funda_1', 'funda_2'].flatMap((camada, l) =>
      [0, 1, 2].map((epoca) => ({
        camada,
        epoca,
        percentis: [-4, -3, -2, -1, 0, 1, 2, 3, 4].map((v) => v * 10 ** -(l + 3)),
      })),
    );
    const spec = gradientDistributionChart(points);
    expect((spec.facet as { sort: string[] }).sort).toEqual(['funda_1', 'funda_2']);
    expect((spec.spec as { layer: unknown[] }).layer).toHaveLength(5);
    const svg = await renderSvg(spec);
    expect(svg).toContain('funda_2');
    expect(svg.match(/class="mark-area/g)?.length).toBeGreaterThanOrEqual(4);
  });
});

describe('gradientDistributionChart on long trainings', () => {
  it('draws at most one point per pixel column, keeping the envelope of the bands', () => {
    const points = Array.from({ length: 500 }, (_, epoca) => ({
      camada: 'funda_1',
      epoca,
      percentis: [-4, -3, -2, -1, 0, 1, 2, 3, 4].map((v) => v * (1 + Math.sin(epoca))),
    }));
    const values = (gradientDistributionChart(points, { width: 190 }).data as { values: Record<string, number>[] })
      .values;
    expect(values.length).toBeLessThanOrEqual(190);
    expect(values.length).toBeGreaterThan(150);
    const all = (i: number) => points.map((p) => p.percentis[i]);
    expect(Math.min(...values.map((v) => v.p0))).toBe(Math.min(...all(0)));
    expect(Math.max(...values.map((v) => v.p8))).toBe(Math.max(...all(8)));
    expect(values[0].epoca).toBe(1); // epochs 0–2
    expect(values[values.length - 1].epoca).toBe(498.5); // epochs 498–499
    // the median's range within each group, filled: the zigzag its line would draw in one pixel column
    const group = points.slice(0, 3).map((p) => p.percentis[4]);
    expect([values[0].m0, values[0].m1]).toEqual([Math.min(...group), Math.max(...group)]);
    const layers = (spec: ReturnType<typeof gradientDistributionChart>) => (spec.spec as { layer: unknown[] }).layer;
    expect(layers(gradientDistributionChart(points, { width: 190 }))).toHaveLength(6);
    const short = gradientDistributionChart(points.slice(0, 50));
    expect((short.data as { values: unknown[] }).values).toHaveLength(50);
    expect(layers(short)).toHaveLength(5);
    expect(() => gradientDistributionChart(points, { maxPoints: 0 })).toThrow('maxPoints must be a positive integer');
  });
});
