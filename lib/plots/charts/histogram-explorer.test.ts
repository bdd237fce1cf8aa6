import { renderSvg } from '../render-svg';
import type { GradientHistogram } from '../../gradients/index';
import { histogramExplorerChart } from './histogram-explorer';

/** Histograms of 30 equal buckets over [-w, w], w growing with the epoch (wider for xavier). */
function histograms(epochs: number[], bigCounts = false): GradientHistogram[] {
  const out: GradientHistogram[] = [];
  for (const [modelo, prefix, scale] of [
    ['modelo_fundo', 'funda', 1e-6],
    ['modelo_xavier', 'xavier', 1e-2],
  ] as const) {
    for (const layer of ['1', 'output']) {
      for (const epoca of epochs) {
        const w = scale * (1 + epoca);
        const rows = Array.from({ length: 30 }, (_, i): [number, number, number] => [
          -w + (i * 2 * w) / 30,
          -w + ((i + 1) * 2 * w) / 30,
          (bigCounts ? 40 : 0) + Math.round(10 * Math.exp(-((i - 14.5) ** 2) / (8 + epoca))),
        ]);
        out.push({ modelo, camada: `${prefix}_${layer}`, epoca, rows });
      }
    }
  }
  return out;
}

const EPOCHS = Array.from({ length: 12 }, (_, i) => i);

describe('histogramExplorerChart', () => {
  it('an epoch slider (a range input) over the logged epochs, starting at the last one', () => {
    const spec = histogramExplorerChart(histograms(EPOCHS));
    expect(spec.params).toEqual([
      { name: 'epoca', value: 11, bind: { input: 'range', min: 0, max: 11, step: 1, name: 'época ' } },
    ]);
    // two depths to a row, the models side by side, each panel with its own x axis
    type Panel = { title: { text: string }; encoding: { x: { scale?: { domain: { expr: string } } } } };
    const rows = spec.vconcat as { hconcat: { hconcat: Panel[]; resolve: unknown; title: { text: string } }[] }[];
    const depths = rows.flatMap((r) => r.hconcat);
    expect(rows).toHaveLength(1);
    expect(depths.map((r) => r.title.text)).toEqual(['funda_1 · xavier_1', 'funda_output · xavier_output']);
    expect(depths[0].hconcat.map((p) => p.title.text)).toEqual(['modelo_fundo', 'modelo_xavier']);
    expect(depths[0].resolve).toEqual({ scale: { x: 'independent', y: 'shared' } });
    // the x domain of a panel follows the slider: the chosen epoch's range, a little wider
    expect(depths[0].hconcat[0].encoding.x.scale?.domain.expr).toMatch(/^\[\[-1\.2e-6,1\.2e-6\],\[-2\.3e-6,2\.3e-6\],/);
    // compact data: one object per (model, layer), counts as one base-36 character per bucket
    const values = (spec.data as { values: { e: number[]; n: string[] }[] }).values;
    expect(values).toHaveLength(4);
    expect(values[0].e).toEqual(EPOCHS);
    expect(values[0].n[0]).toHaveLength(30);
  });

  it('draws the chosen epoch bold over the faint others: another epoch, another drawing', async () => {
    const at = async (epoch: number) => renderSvg(histogramExplorerChart(histograms(EPOCHS), { epoch, every: 3 }));
    const first = await at(0);
    const last = await at(11);
    expect(first).toContain('funda_output · xavier_output');
    // in each of the 4 panels: the faint lines (epochs 0, 3, 6, 9 and the last) but the chosen one, and one bold line
    expect(first.match(/layer_0_marks/g)?.length).toBe(4 * 4);
    expect(first.match(/<path[^>]*stroke-width="2"/g)?.length).toBe(4);
    expect(last).not.toBe(first);
  });

  it('fits each panel’s x axis to the chosen epoch: the bold histogram spans the panel, however narrow', async () => {
    // The fixture's histograms widen 12-fold from epoch 0 to 11: on one axis for all, epoch 0 would fill 1/12.
    for (const epoch of [0, 5, 11]) {
      const svg = await renderSvg(histogramExplorerChart(histograms(EPOCHS), { epoch, width: 190 }));
      const bold = (svg.match(/<path[^>]*stroke-width="2"[^>]*>/g) ?? []).map((p) => / d="([^"]+)"/.exec(p)![1]);
      expect(bold).toHaveLength(4);
      for (const d of bold) {
        const xs = [...d.matchAll(/[ML]([-\d.]+),/g)].map((m) => Number(m[1]));
        expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(0.8 * 190);
      }
      // the wider faint histograms are cut at the panel's frame
      expect(svg).toContain('clip-path');
    }
  });

  it('draws each histogram by its own largest count: a flat one rises as high as a spike', async () => {
    // Epoch k's counts are k + 1 times epoch 0's: on one count scale for all, epoch 0 would be 12 times lower.
    const scaled = histograms(EPOCHS).map((h) => ({
      ...h,
      rows: h.rows.map(([lo, hi, n]): [number, number, number] => [lo, hi, n * (h.epoca + 1)]),
    }));
    const height = async (epoch: number) => {
      const svg = await renderSvg(histogramExplorerChart(scaled, { epoch }));
      const d = / d="([^"]+)"/.exec(svg.match(/<path[^>]*stroke-width="2"[^>]*>/)![0])![1];
      const ys = [...d.matchAll(/[ML][-\d.]+,([-\d.]+)/g)].map((m) => Number(m[1]));
      return Math.max(...ys) - Math.min(...ys);
    };
    const [first, last] = [await height(0), await height(11)];
    expect(first).toBeGreaterThan(5);
    expect(Math.abs(first - last)).toBeLessThan(1);
  });

  it('a static chart of chosen epochs for the handouts, with any counts', async () => {
    const spec = histogramExplorerChart(histograms(EPOCHS, true), { staticEpochs: [0, 5, 11, 99] });
    expect(spec.params).toBeUndefined();
    expect((spec.data as { values: { e: number[]; n: string[] }[] }).values[0].e).toEqual([0, 5, 11]);
    expect((spec.data as { values: { n: string[] }[] }).values[0].n[0]).toContain(',');
    const svg = await renderSvg(spec);
    for (const label of ['>0<', '>5<', '>11<']) expect(svg).toContain(label);
    expect(svg.match(/<path[^>]*stroke-width="1.2"/g)?.length).toBe(4 * 3);
  });

  it('names what is wrong with its arguments', () => {
    expect(() => histogramExplorerChart([])).toThrow('histograms must be a non-empty array');
    expect(() => histogramExplorerChart(histograms(EPOCHS), { epoch: 50 })).toThrow('epoch 50 has no histograms');
    expect(() => histogramExplorerChart(histograms(EPOCHS), { staticEpochs: [70] })).toThrow(
      'none of staticEpochs [70] has histograms (epochs 0–11)',
    );
    expect(() => histogramExplorerChart(histograms(EPOCHS), { every: 0 })).toThrow('every must be a positive integer');
  });
});
