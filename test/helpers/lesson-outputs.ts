/**
 * What the lesson notebooks print and draw, read back from an executed notebook: the figures the
 * tests compare (accuracies, tables, ratios) and the checks every executed notebook must pass (its
 * handout shows every chart, offline). Shared by the solutions suites (npm test) and the student
 * suites of the full tier, which compare the two runs number for number.
 */
import { cellText, ExecutedNotebook, findCell, join, NotebookCell, NotebookOutput, streamText } from './notebooks';

export const VEGA_LITE = 'application/vnd.vegalite.v5+json';

/** The executed notebooks must stay light to open, share and submit (issue #13: they were ~6 MB). */
export const MAX_NOTEBOOK_BYTES = 2 * 1024 * 1024;

/** The recurrent cells of Para ir além, as its tables name them. */
export const CELLS = ['simpleRNN', 'lstm', 'gru'] as const;

/** Every chart output of the notebook (Vega-Lite, with its SVG). */
export function charts(nb: ExecutedNotebook): NotebookOutput[] {
  return nb.cells.flatMap((c) => (c.outputs ?? []).filter((o) => o.data?.[VEGA_LITE] !== undefined));
}

/** The Vega-Lite spec of every chart, as JSON text. */
export const chartSpecs = (nb: ExecutedNotebook): string[] =>
  charts(nb).map((o) => JSON.stringify(o.data?.[VEGA_LITE]));

/** Every chart is in the HTML handout as an SVG image, and the handout loads nothing from the network. */
export function expectHandoutShowsEveryChart(nb: ExecutedNotebook, atLeast = 1): void {
  const chartOutputs = charts(nb);
  expect(chartOutputs.length).toBeGreaterThanOrEqual(atLeast);
  // Each chart output carries its SVG, which nbconvert embeds as an <img> data URI.
  for (const output of chartOutputs) expect(String(output.data?.['image/svg+xml'])).toMatch(/^<svg[\s\S]*<\/svg>$/);
  const svgImages = nb.html.match(/<img[^>]+src="data:image\/svg\+xml;base64,/g) ?? [];
  expect(svgImages).toHaveLength(chartOutputs.length);
  // Offline: no script or stylesheet is loaded from the network.
  expect(nb.html).not.toMatch(/<script[^>]+src="https?:/);
  expect(nb.html).not.toMatch(/<link[^>]+href="https?:/);
}

/** No cell failed, and no stream shows an error. */
export function expectNoErrors(nb: ExecutedNotebook): void {
  for (const cell of nb.cells) {
    for (const output of cell.outputs ?? []) {
      expect(output.output_type).not.toBe('error');
      if (output.output_type === 'stream') expect(join(output.text)).not.toMatch(/Error:|TypeError|ReferenceError/);
    }
  }
}

// ---- lista5 (the main lesson)

/** The networks whose accuracies both versions of the main lesson print. */
export const LESSON_MODELS = ['modeloRaso', 'modeloFundo', 'modeloXavier'];

/** Final loss printed by l5.lossLog (its last line, "Época 400/400 — loss: X"). */
export function finalLoss(cell: NotebookCell, label: string): number {
  const match = cellText(cell).match(new RegExp(`${label}.*Época 400/400 — loss: (\\S+)`));
  if (!match) throw new Error(`no final "${label}" loss in:\n${cellText(cell)}`);
  return Number(match[1]);
}

/** The accuracies runModel printed ("Train: 0.xxx, Test: 0.xxx") in the cell that trains `model`. */
export function accuracies(nb: ExecutedNotebook, model: string): { train: number; test: number } {
  const text = streamText(findCell(nb, `l5.runModel(${model}`));
  const match = text.match(/Train: (\d\.\d{3}), Test: (\d\.\d{3})/);
  if (!match) throw new Error(`no "Train: …, Test: …" line for ${model} in:\n${text}`);
  return { train: Number(match[1]), test: Number(match[2]) };
}

/** The gradient plots of Questão 2 are in the notebook (and so, as SVG, in its handout). */
export function expectGradientCharts(nb: ExecutedNotebook): void {
  const specs = chartSpecs(nb);
  expect(specs.filter((s) => s.includes('Tamanho dos gradientes por camada'))).toHaveLength(1);
  for (const name of ['modelo_fundo', 'modelo_xavier']) {
    expect(specs.filter((s) => s.includes(`Gradientes dos kernels por camada: ${name}`))).toHaveLength(1);
  }
  const explorer = charts(nb).filter((o) =>
    JSON.stringify(o.data?.[VEGA_LITE]).includes('Histogramas dos gradientes dos kernels por camada'),
  );
  expect(explorer).toHaveLength(1);
  // JupyterLab gets the epoch slider; the handout's SVG shows the chosen epochs.
  expect(JSON.stringify(explorer[0].data?.[VEGA_LITE])).toContain('"input":"range"');
  expect(String(explorer[0].data?.['image/svg+xml'])).toContain('épocas 0, 10, 100, 499');
}

// ---- Para ir além

/** The ReLU + He table: `rede -> test accuracies per seed`. */
export function reluTable(nb: ExecutedNotebook): Record<string, number[]> {
  const text = streamText(findCell(nb, 'const SEMENTES'));
  const table: Record<string, number[]> = {};
  for (const name of ['modelo_fundo', 'modelo_xavier', 'modelo_relu_he']) {
    const line = text.split('\n').find((l) => l.startsWith(name));
    if (!line) throw new Error(`no row for ${name} in:\n${text}`);
    table[name] = [...line.matchAll(/(\d\.\d{3}) \(\d\.\d{3}\)/g)].map((m) => Number(m[1]));
  }
  return table;
}

/** First/last gradient ratios printed for T = 40: `cell -> [at init, trained]`. */
export function ratios(nb: ExecutedNotebook): Record<string, [number, number]> {
  const text = streamText(findCell(nb, 'const T_LONGO = 40'));
  const out: Record<string, [number, number]> = {};
  for (const cell of CELLS) {
    const m = text.match(new RegExp(`${cell}\\s+na inicialização (\\S+)\\s+após o treino (\\S+)`));
    if (!m) throw new Error(`no ratio line for ${cell} in:\n${text}`);
    out[cell] = [Number(m[1]), Number(m[2])];
  }
  return out;
}

/**
 * The accuracy-vs-T table over seeds: `T -> cell -> test accuracy of each seed`. Its rows read
 * "T  a a a  k/3  a a a  k/3  a a a  k/3" (the accuracies of the seeds, then how many passed 0.9).
 */
export function accuracyByLength(nb: ExecutedNotebook): Record<number, Record<string, number[]>> {
  const text = streamText(findCell(nb, 'const COMPRIMENTOS'));
  const out: Record<number, Record<string, number[]>> = {};
  for (const line of text.split('\n')) {
    const m = line.match(/^\s*(\d+)\s+((?:\d\.\d{3} )+\s*\d+\/\d+\s*){3}$/);
    if (!m) continue;
    const groups = [...line.matchAll(/((?:\d\.\d{3} )+)\s*(\d+)\/(\d+)/g)];
    out[Number(m[1])] = {};
    CELLS.forEach((cell, i) => {
      const accuracies = groups[i][1].trim().split(' ').map(Number);
      if (accuracies.filter((a) => a >= 0.9).length !== Number(groups[i][2]))
        throw new Error(`the count of seeds above 0.9 does not match the accuracies in: ${line}`);
      out[Number(m[1])][cell] = accuracies;
    });
  }
  return out;
}

/** The mean memory gate printed for T = 40: `cell -> [at init, trained]` (LSTM's f, GRU's z). */
export function memoryGates(nb: ExecutedNotebook): Record<string, [number, number]> {
  const text = streamText(findCell(nb, 'const T_LONGO = 40'));
  const out: Record<string, [number, number]> = {};
  for (const cell of ['lstm', 'gru']) {
    const m = text.match(
      new RegExp(`${cell}\\s+(esquecimento f|atualização z)\\s+na inicialização (\\S+)\\s+após o treino (\\S+)`),
    );
    if (!m) throw new Error(`no memory gate line for ${cell} in:\n${text}`);
    out[cell] = [Number(m[2]), Number(m[3])];
  }
  return out;
}
