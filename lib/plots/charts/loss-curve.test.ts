import { renderSvg } from '../render-svg';
import { lossCurve } from './loss-curve';

describe('lossCurve', () => {
  it('plots a diverged loss: drawable points only, rules at the first Infinity and the first NaN', async () => {
    const losses = [10, 1e3, 1e20, Infinity, Infinity, NaN, NaN];
    const spec = lossCurve(losses);
    const [line, annotations] = spec.layer as { data: { values: Record<string, unknown>[] } }[];
    expect(line.data.values).toEqual([
      { serie: 'loss', epoca: 1, loss: 10 },
      { serie: 'loss', epoca: 2, loss: 1e3 },
      { serie: 'loss', epoca: 3, loss: 1e20 },
    ]);
    expect(annotations.data.values).toEqual([
      { epoca: 4, rotulo: 'Infinity (época 4)', linha: 4 },
      { epoca: 6, rotulo: 'NaN (época 6)', linha: 18 },
    ]);
    expect((spec.title as { subtitle: string }).subtitle).toBe('a loss virou Infinity na época 4 e NaN na época 6');
    const svg = await renderSvg(spec);
    expect(svg).toContain('NaN (época 6)');
    expect(svg.match(/class="mark-rule/g)?.length).toBeGreaterThanOrEqual(1);
  });

  it('a loss that is NaN from the first epoch still renders (empty line, one rule)', async () => {
    const svg = await renderSvg(lossCurve([NaN, NaN]));
    expect(svg).toContain('NaN (época 1)');
  });

  it('a healthy loss has no annotations and reports the final value', () => {
    const spec = lossCurve([4, 2, 1, 0.5], { logScale: false, title: 'MSE' });
    expect(spec.layer as unknown[]).toHaveLength(1);
    expect(spec.title).toEqual({ text: 'MSE', subtitle: 'loss final: 0.5000' });
  });

  it('draws several named trainings as coloured lines and names the one that diverged', async () => {
    const spec = lossCurve({ 'sem recorte': [1, Infinity, NaN], clipvalue: [5, 2, 1] });
    const [line, annotations] = spec.layer as {
      data: { values: Record<string, unknown>[] };
      encoding?: Record<string, unknown>;
    }[];
    expect(line.encoding?.color).toEqual({ field: 'serie', type: 'nominal', title: null });
    expect(line.data.values.filter((p) => p.serie === 'clipvalue')).toHaveLength(3);
    expect(annotations.data.values.map((m) => m.rotulo)).toEqual([
      'sem recorte: Infinity (época 2)',
      'sem recorte: NaN (época 3)',
    ]);
    expect((spec.title as { subtitle: string }).subtitle).toBe('sem recorte: Infinity na época 2 e NaN na época 3');
    const svg = await renderSvg(spec);
    expect(svg).toContain('clipvalue');
    expect(svg.match(/class="mark-line/g)?.length).toBeGreaterThanOrEqual(1);
  });

  it('maxEpoch zooms on the first epochs', () => {
    const spec = lossCurve([1, 10, 100, Infinity, NaN, NaN, NaN, NaN], { maxEpoch: 4 });
    const [line, annotations] = spec.layer as {
      data: { values: Record<string, unknown>[] };
      encoding: { x: { scale: { domain: number[] } } };
    }[];
    expect(line.encoding.x.scale.domain).toEqual([1, 4]);
    expect(annotations.data.values.map((m) => m.rotulo)).toEqual(['Infinity (época 4)']);
  });
});
