import { MimeBundle, setDisplaySink } from '../notebook/display';
import { lossCurve } from './charts/loss-curve';
import { chartBundle, showChart } from './show-chart';
import { VEGA_LITE_MIME, VEGA_LITE_SCHEMA } from './vega-lite-spec';

describe('showChart', () => {
  it('sends one output holding the Vega-Lite spec, its SVG and a text fallback', async () => {
    const outputs: MimeBundle[] = [];
    const restore = setDisplaySink((bundle) => outputs.push(bundle));
    try {
      await showChart(lossCurve([3, 2, 1], { title: 'Teste' }));
    } finally {
      restore();
    }
    expect(outputs).toHaveLength(1);
    const bundle = outputs[0];
    expect(Object.keys(bundle).sort()).toEqual([VEGA_LITE_MIME, 'image/svg+xml', 'text/plain'].sort());
    expect((bundle[VEGA_LITE_MIME] as { $schema: string }).$schema).toBe(VEGA_LITE_SCHEMA);
    expect(bundle['image/svg+xml']).toMatch(/^<svg[^>]*>[\s\S]*Teste[\s\S]*<\/svg>$/);
    expect(bundle['text/plain']).toBe('[Gráfico: Teste]');
  });

  it('draws the SVG from staticSpec when given, and keeps the interactive spec for JupyterLab', async () => {
    const bundle = await chartBundle(lossCurve([3, 2, 1], { title: 'Interativo' }), {
      staticSpec: lossCurve([3, 2, 1], { title: 'Estático' }),
    });
    expect(JSON.stringify(bundle[VEGA_LITE_MIME])).toContain('Interativo');
    expect(bundle['image/svg+xml']).toContain('Estático');
    expect(bundle['image/svg+xml']).not.toContain('Interativo');
  });

  it('an invalid spec fails with a message saying so', async () => {
    await expect(chartBundle({ mark: 'nope' } as never)).rejects.toThrow(/Vega-Lite could not compile the chart spec/);
  });

  it('puts a slider above its chart, as an input JupyterLab leaves the keys to, wide enough for every step', async () => {
    const outputs: MimeBundle[] = [];
    const headless = process.env.LISTA5_HEADLESS;
    delete process.env.LISTA5_HEADLESS;
    const restore = setDisplaySink((bundle) => outputs.push(bundle));
    const spec = {
      params: [{ name: 'epoca', value: 7, bind: { input: 'range', min: 0, max: 499, step: 1, name: 'época ' } }],
      data: { values: [{ e: 7 }] },
      mark: 'point',
      encoding: { x: { field: 'e', type: 'quantitative' } },
    };
    try {
      await showChart(spec);
    } finally {
      restore();
      if (headless !== undefined) process.env.LISTA5_HEADLESS = headless;
    }
    expect(outputs).toHaveLength(2);
    const html = outputs[0]['text/html'] as string;
    const id = /<input type="range" id="([^"]+)" min="0" max="499" step="1" value="7" /.exec(html)?.[1];
    expect(id).toBeDefined();
    expect(html).toMatch(/<input [^>]*data-lm-suppress-shortcuts="true"[^>]*width:min\(560px,70vw\)/);
    expect(outputs[0]['text/plain']).toBe('[controle do gráfico abaixo: época]');
    const bound = outputs[1][VEGA_LITE_MIME] as { params: unknown[] };
    expect(bound.params).toEqual([{ name: 'epoca', value: 7, bind: { element: `#${id}` } }]);

    // Headless (npm start, handouts): one output, Vega's own slider; no dead input above the handout's SVG.
    outputs.length = 0;
    const before = process.env.LISTA5_HEADLESS;
    process.env.LISTA5_HEADLESS = '1';
    const restoreAgain = setDisplaySink((bundle) => outputs.push(bundle));
    try {
      await showChart(spec);
    } finally {
      restoreAgain();
      if (before === undefined) delete process.env.LISTA5_HEADLESS;
      else process.env.LISTA5_HEADLESS = before;
    }
    expect(outputs).toHaveLength(1);
    expect((outputs[0][VEGA_LITE_MIME] as { params: unknown[] }).params).toEqual(spec.params);
  });
});
