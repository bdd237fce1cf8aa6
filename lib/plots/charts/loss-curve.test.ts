import { renderSvg } from '../render-svg';
import { lossCurve, SERIES_COLORS } from './loss-curve';

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
    // Each label at the top of its own rule, the earliest highest, one line apart: a rule starts at its
    // own label's line, so the later rule does not cross the earlier label.
    expect(annotations.data.values).toEqual([
      { epoca: 4, rotulo: 'Infinity (época 4)', linha: 4 },
      { epoca: 6, rotulo: 'NaN (época 6)', linha: 18 },
    ]);
    // Everything diverged: the x axis ends a little after the last rule, not at the last NaN.
    const lines = (spec.layer as { layer: { encoding: { x: { scale: { domain: number[] } } } }[] }[])[0].layer;
    expect(lines[0].encoding.x.scale.domain).toEqual([1, 7]);
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
      layer: { encoding: Record<string, unknown> }[];
    }[];
    // Colours by order of the series, fixed: a series added later does not recolour the others.
    expect(line.layer[0].encoding.color).toEqual({
      field: 'serie',
      type: 'nominal',
      title: null,
      scale: { domain: ['sem recorte', 'clipvalue'], range: [SERIES_COLORS[0], SERIES_COLORS[1]] },
    });
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
      layer: { encoding: { x: { scale: { domain: number[] } } } }[];
    }[];
    expect(line.layer[0].encoding.x.scale.domain).toEqual([1, 4]);
    expect(annotations.data.values.map((m) => m.rotulo)).toEqual(['Infinity (época 4)']);
  });

  it('a series that repeats an earlier one is drawn dashed over it, and its legend entry says so', async () => {
    const same = [5, 3, 2, 1.5];
    const spec = lossCurve({ a: same, b: [...same], c: [6, 5, 4, 3] });
    const lines = (spec.layer as { layer: { transform: unknown[]; mark: Record<string, unknown> }[] }[])[0].layer;
    expect(lines.map((l) => l.mark.strokeDash)).toEqual([undefined, [6, 4]]);
    expect(lines[1].transform).toEqual([{ filter: 'indexof(["b"], datum.serie) >= 0' }]);
    const svg = await renderSvg(spec);
    expect(svg).toContain('b (= a)');
    // While b trains it repeats a so far: said so already.
    expect(await renderSvg(lossCurve({ a: same, b: same.slice(0, 2) }))).toContain('b (= a)');
  });

  it('when some series diverge and others not, the y axis fits those that did not; the rest are triangles on top', async () => {
    const spec = lossCurve({ 'sem recorte': [1e14, 1e29, Infinity, NaN], clip: [400, 300, 2, 0.8] });
    const [line] = spec.layer as {
      layer: { encoding: { y: { scale: { domain?: number[] } } }; mark: { shape?: string } }[];
    }[];
    expect(line.layer[0].encoding.y.scale.domain).toEqual([0.1, 1e5]);
    expect(line.layer[1].mark.shape).toBe('triangle-up');
    expect((spec.title as { subtitle: string }).subtitle).toBe(
      'sem recorte: Infinity na época 3 e NaN na época 4 · ▲ loss acima de 1e5',
    );
    const svg = await renderSvg(spec);
    expect(svg.match(/class="mark-symbol/g)?.length).toBeGreaterThanOrEqual(1);
    // "sem recorte" is only triangles here: its legend symbol is a triangle; "clip" keeps a line's stroke.
    const symbols = [...svg.matchAll(/role-legend-symbol[^>]*><path[^>]* d="([^"]+)"/g)].map((m) => m[1]);
    expect(symbols).toEqual(['M0,-4.33L-5,4.33L5,4.33Z', 'M-5,0L5,0']);
  });

  it('labels a log axis at the powers of ten only when it spans two of them or more', async () => {
    const labels = async (losses: number[]) =>
      [...(await renderSvg(lossCurve(losses))).matchAll(/role-axis-label[\s\S]*?<\/g><\/g>/g)]
        .flatMap((g) => [...g[0].matchAll(/>([^<>]+)<\/text>/g)].map((m) => m[1]))
        .filter((t) => /e[+-]/.test(t));
    // 1.6e4 down to 0.22 (the RNN of Para ir além): 1e+0 … 1e+4, no 2e+3 between them
    expect(await labels([16000, 500, 70, 9, 2, 0.5, 0.3, 0.22])).toEqual(['1e+0', '1e+1', '1e+2', '1e+3', '1e+4']);
    // less than two powers of ten: the in-between labels stay, or the axis would have one label or none
    expect((await labels([0.9, 0.5, 0.3])).length).toBeGreaterThan(1);
  });

  it('says "final" only once the training reached its epochs', () => {
    const subtitle = (losses: number[]) => (lossCurve(losses, { epochs: 4 }).title as { subtitle: string }).subtitle;
    expect(subtitle([4, 3])).toBe('treinando: época 2 de 4, loss 3.000');
    expect(subtitle([4, 3, 2, 1])).toBe('loss final: 1.000');
  });
});
