import { renderSvg } from '../render-svg';
import { accuracyCurves } from './accuracy-curves';
import { classScatter } from './class-scatter';

describe('accuracyCurves', () => {
  it('one line per series, y fixed to [0, 1], and a rule at chance level named "acaso"', async () => {
    const spec = accuracyCurves({ treino: [0.5, 0.7, 0.9], teste: [0.4, 0.6, 0.8] }, { title: 'Acurácia modelo_raso' });
    const [chance, lines] = spec.layer as {
      data: { values: Record<string, unknown>[] };
      encoding: Record<string, { scale?: unknown }>;
    }[];
    expect(chance.data.values).toEqual([{ acaso: 0.5, rotulo: 'acaso' }]);
    expect(lines.encoding.y.scale).toEqual({ domain: [0, 1] });
    expect(lines.data.values).toHaveLength(6);
    expect(lines.data.values[3]).toEqual({ serie: 'teste', epoca: 1, acuracia: 0.4 });
    const svg = await renderSvg(spec);
    expect(svg).toContain('Acurácia modelo_raso');
    expect(svg).toContain('>acaso<');
    expect(svg.match(/class="mark-line/g)?.length).toBeGreaterThanOrEqual(1);
  });
});

describe('classScatter', () => {
  it('one point per row, coloured by class', async () => {
    const spec = classScatter(
      { data: new Float64Array([0, 0, 1, 1, -1, 0.5]), shape: [3, 2] },
      new Int32Array([0, 1, 1]),
    );
    expect((spec.data as { values: unknown[] }).values).toEqual([
      { x1: 0, x2: 0, classe: '0' },
      { x1: 1, x2: 1, classe: '1' },
      { x1: -1, x2: 0.5, classe: '1' },
    ]);
    const svg = await renderSvg(spec);
    expect(svg.match(/<path[^>]*class="[^"]*"?/g)?.length ?? 0).toBeGreaterThan(0);
    expect(svg).toContain('classe');
  });

  it('names a shape mismatch', () => {
    expect(() => classScatter({ data: [1, 2, 3], shape: [1, 3] }, [0])).toThrow(
      'classScatter: X must have 2 columns, got 3',
    );
    expect(() => classScatter({ data: [1, 2], shape: [1, 2] }, [0, 1])).toThrow(
      'classScatter: y must have 1 labels (one per row of X), got 2',
    );
  });
});
