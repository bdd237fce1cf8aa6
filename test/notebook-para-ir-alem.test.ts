/**
 * The "Para ir além" notebook (ReLU + He, vanishing and exploding through time), executed through
 * nbconvert and the tslab kernel as `npm start` does, in its solutions and student versions.
 * The bounds below are loose versions of what the notebook measured (see the branch's note); the
 * trainings are seeded, so a failure means the behaviour changed, not bad luck.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  cellText,
  executeNotebook,
  ExecutedNotebook,
  findCell,
  join,
  removeExecutedNotebook,
  streamText,
} from './helpers/notebooks';
import { readWithTensorBoard } from './helpers/tensorboard';

const VEGA_LITE = 'application/vnd.vegalite.v5+json';
const NOTEBOOK_TIMEOUT_MS = 30 * 60_000;
const CELLS = ['simpleRNN', 'lstm', 'gru'] as const;

const charts = (nb: ExecutedNotebook) =>
  nb.cells.flatMap((c) => (c.outputs ?? []).filter((o) => o.data?.[VEGA_LITE] !== undefined));
const chartSpecs = (nb: ExecutedNotebook) => charts(nb).map((o) => JSON.stringify(o.data?.[VEGA_LITE]));

/** Every chart is in the HTML handout as an SVG image, and the handout loads nothing from the network. */
function expectHandoutShowsEveryChart(nb: ExecutedNotebook) {
  const chartOutputs = charts(nb);
  expect(chartOutputs.length).toBeGreaterThanOrEqual(5);
  for (const output of chartOutputs) expect(String(output.data?.['image/svg+xml'])).toMatch(/^<svg[\s\S]*<\/svg>$/);
  const svgImages = nb.html.match(/<img[^>]+src="data:image\/svg\+xml;base64,/g) ?? [];
  expect(svgImages).toHaveLength(chartOutputs.length);
  expect(nb.html).not.toMatch(/<script[^>]+src="https?:/);
  expect(nb.html).not.toMatch(/<link[^>]+href="https?:/);
}

function expectNoErrors(nb: ExecutedNotebook) {
  for (const cell of nb.cells) {
    for (const output of cell.outputs ?? []) {
      expect(output.output_type).not.toBe('error');
      if (output.output_type === 'stream') expect(join(output.text)).not.toMatch(/Error:|TypeError|ReferenceError/);
    }
  }
}

/** The ReLU + He table: `rede -> test accuracies per seed`. */
function reluTable(nb: ExecutedNotebook): Record<string, number[]> {
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
function ratios(nb: ExecutedNotebook): Record<string, [number, number]> {
  const text = streamText(findCell(nb, 'const T_LONGO = 40'));
  const out: Record<string, [number, number]> = {};
  for (const cell of CELLS) {
    const m = text.match(new RegExp(`${cell}\\s+na inicialização (\\S+)\\s+após o treino (\\S+)`));
    if (!m) throw new Error(`no ratio line for ${cell} in:\n${text}`);
    out[cell] = [Number(m[1]), Number(m[2])];
  }
  return out;
}

/** The accuracy-vs-T table: `T -> cell -> test accuracy`. */
function accuracyByLength(nb: ExecutedNotebook): Record<number, Record<string, number>> {
  const text = streamText(findCell(nb, 'for (const T of [5, 10, 20])'));
  const out: Record<number, Record<string, number>> = {};
  for (const line of text.split('\n')) {
    // "T  simpleRNN lstm gru", "—" where a cell was not trained at that T.
    const m = line.match(/^\s*(\d+)\s+(\d\.\d{3}|—)\s+(\d\.\d{3}|—)\s+(\d\.\d{3}|—)\s*$/);
    if (!m) continue;
    out[Number(m[1])] = {};
    CELLS.forEach((cell, i) => {
      if (m[i + 2] !== '—') out[Number(m[1])][cell] = Number(m[i + 2]);
    });
  }
  return out;
}

let solutionsRun: ExecutedNotebook | undefined;
let studentRun: ExecutedNotebook | undefined;

describe('lista5-para-ir-alem-solucoes.ipynb, executed', () => {
  let nb: ExecutedNotebook;
  beforeAll(() => {
    nb = solutionsRun = executeNotebook('lista5-para-ir-alem-solucoes.ipynb');
  }, NOTEBOOK_TIMEOUT_MS);

  it('stays light once executed (at most 2 MiB, like the main notebooks)', () => {
    expect(fs.statSync(path.join(nb.dir, 'lista5-para-ir-alem-solucoes.ipynb')).size).toBeLessThanOrEqual(
      2 * 1024 * 1024,
    );
  });

  it('runs without errors and prints the backend', () => {
    expectNoErrors(nb);
    expect(cellText(findCell(nb, 'initBackend'))).toMatch(/backend: (CPU em JavaScript puro|CPU nativa|GPU)/);
  });

  it('ReLU + He: a table over seeds; ReLU + He learns the circles with every seed', () => {
    const table = reluTable(nb);
    const seeds = table.modelo_relu_he.length;
    expect(seeds).toBeGreaterThanOrEqual(2);
    for (const name of Object.keys(table)) expect(table[name]).toHaveLength(seeds);
    for (const accuracy of table.modelo_relu_he) expect(accuracy).toBeGreaterThan(0.75);
    // Seed 1 is the lesson's run: the deep uniform network stays near chance.
    expect(table.modelo_fundo[0]).toBeLessThan(0.65);
    expect(table.modelo_xavier[0]).toBeGreaterThan(0.75);
  });

  it('ReLU + He: the gradient chart from the logs shows the three deep networks', () => {
    const spec = chartSpecs(nb).find((s) => s.includes('Tamanho dos gradientes por camada'));
    for (const name of ['modelo_fundo', 'modelo_xavier', 'modelo_relu_he']) expect(spec).toContain(name);
    const diagnosis = streamText(findCell(nb, 'const redesFundas'));
    expect(diagnosis).toMatch(/modelo_fundo: Gradientes desaparecendo/);
    expect(diagnosis).toMatch(/modelo_relu_he: gradientes saudáveis/);
  });

  it('vanishing through time: simpleRNN loses the first step by orders of magnitude; trained LSTM and GRU do not', () => {
    const r = ratios(nb);
    expect(r.simpleRNN[0]).toBeLessThan(1e-3);
    expect(r.simpleRNN[1]).toBeLessThan(1e-1);
    expect(r.lstm[1]).toBeGreaterThan(0.2);
    expect(r.gru[1]).toBeGreaterThan(0.2);
    const specs = chartSpecs(nb);
    expect(specs.filter((s) => s.includes('em cada passo, T = 40'))).toHaveLength(1);
  });

  it('accuracy against T: simpleRNN at chance with T = 40, LSTM well above, both fine with T = 5', () => {
    const table = accuracyByLength(nb);
    expect(Object.keys(table).map(Number)).toEqual([5, 10, 20, 40]);
    for (const cell of ['simpleRNN', 'lstm']) expect(table[5][cell]).toBeGreaterThan(0.9);
    expect(Object.keys(table[40]).sort()).toEqual(['gru', 'lstm', 'simpleRNN']);
    expect(table[40].simpleRNN).toBeLessThan(0.6);
    expect(table[40].lstm).toBeGreaterThan(0.8);
    expect(chartSpecs(nb).filter((s) => s.includes('Acurácia de teste × comprimento T'))).toHaveLength(1);
  });

  it('exploding through time: the gradient grows towards the first step, terminateOnNaN stops at the first bad batch', () => {
    const init = streamText(findCell(nb, 'const T_EXP = 20'));
    const ratio = Number(init.match(/primeiro passo \/ último: (\S+)/)![1]);
    expect(ratio).toBeGreaterThan(10);
    const stop = streamText(findCell(nb, 'const semRecorte = await treinarExplosiva'));
    expect(stop).toMatch(/TerminateOnNaN: loss (NaN|-?Infinity) no lote \d+ da época 1 — treino interrompido/);
    expect(stop).toMatch(/sem recorte: 1 época\(s\) treinada\(s\)/);
  });

  it('exploding through time: clipnorm and globalClipnorm tame it (test MSE below predicting 0)', () => {
    const text = streamText(findCell(nb, 'const recortes'));
    for (const name of ['clipnorm 1', 'globalClipnorm 1']) {
      const m = text.match(new RegExp(`${name}[\\s\\S]*?MSE de teste (\\S+)`));
      expect(Number(m![1])).toBeLessThan(0.8);
    }
    expect(text).not.toMatch(/parou por NaN/);
  });

  it('TensorBoard reads the recurrent and ReLU trainings: scalars, histograms of recurrent weights and gradients, graph', () => {
    const models = CELLS.map((c) => [`rnn_${c}_T40`, c] as const);
    const runs = [...models.map(([m]) => `${m}/train`), 'modelo_relu_he/train'];
    const dump = readWithTensorBoard(path.join(nb.dir, 'logs'), runs, {});
    const keras = { simpleRNN: 'SimpleRNN', lstm: 'LSTM', gru: 'GRU' };
    for (const [model, cell] of models) {
      const tags = dump.runs[`${model}/train`];
      expect(tags.epoch_loss.points.map((p) => p.step)).toEqual(Array.from({ length: 10 }, (_, i) => i));
      for (const tag of [`${cell}/recurrent_kernel_0_grads`, `${model}/${cell}/recurrent_kernel/histogram`]) {
        expect(tags[tag].plugin).toBe('histograms');
        expect(tags[tag].points).toHaveLength(10);
      }
      expect(tags.keras.plugin).toBe('graph_keras_model');
      expect(tags.keras.points[0].nodes!.map((n) => n.keras_class)).toContain(keras[cell]);
    }
    // One histogram per epoch: the notebook trains the deep networks for EPOCAS_FUNDAS = 100 epochs.
    expect(dump.runs['modelo_relu_he/train']['relu_1/kernel_0_grads'].points).toHaveLength(100);
  });

  it('the HTML handout shows every chart as SVG, offline', () => {
    expectHandoutShowsEveryChart(nb);
  });
});

describe('lista5-para-ir-alem-aluno.ipynb, executed', () => {
  let nb: ExecutedNotebook;
  beforeAll(() => {
    nb = studentRun = executeNotebook('lista5-para-ir-alem-aluno.ipynb');
  }, NOTEBOOK_TIMEOUT_MS);
  afterAll(() => {
    removeExecutedNotebook(studentRun);
    removeExecutedNotebook(solutionsRun);
  });

  it('runs without errors, leaves the answers to the student and has no model answer', () => {
    expectNoErrors(nb);
    const sources = nb.cells.map((c) => join(c.source)).join('\n');
    expect(sources.match(/Sua resposta aqui/g)).toHaveLength(2);
    expect(sources).not.toContain('**Resposta.**');
  });

  it('is reproducible: same measurements as the solutions notebook', () => {
    const solutions = solutionsRun!;
    expect(reluTable(nb)).toEqual(reluTable(solutions));
    expect(ratios(nb)).toEqual(ratios(solutions));
    expect(accuracyByLength(nb)).toEqual(accuracyByLength(solutions));
  });

  it('the HTML handout shows every chart as SVG, offline', () => {
    expectHandoutShowsEveryChart(nb);
  });
});
