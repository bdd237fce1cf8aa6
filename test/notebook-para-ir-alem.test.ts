/**
 * The "Para ir além" notebook (ReLU + He, vanishing and exploding through time), executed once per
 * test run through nbconvert and the tslab kernel as `npm start` does (test/helpers/notebooks.ts);
 * the student version is compared with it in the full tier (test/full/student-notebooks.test.ts).
 * The bounds below are loose versions of what the notebook measured; the trainings are seeded, so a
 * failure means the behaviour changed, not bad luck.
 */
import * as fs from 'node:fs';
import {
  accuracyByLength,
  CELLS,
  chartSpecs,
  expectHandoutShowsEveryChart,
  expectNoErrors,
  MAX_NOTEBOOK_BYTES,
  memoryGates,
  ratios,
  reluTable,
} from './helpers/lesson-outputs';
import {
  cellText,
  executedNotebook,
  ExecutedNotebook,
  findCell,
  releaseExecutedNotebook,
  streamText,
} from './helpers/notebooks';
import { readWithTensorBoard } from './helpers/tensorboard';

const NOTEBOOK_TIMEOUT_MS = 40 * 60_000;

describe('lista5-para-ir-alem-solucoes.ipynb, executed', () => {
  let nb: ExecutedNotebook;
  beforeAll(async () => {
    nb = await executedNotebook('lista5-para-ir-alem-solucoes.ipynb');
  }, NOTEBOOK_TIMEOUT_MS);
  afterAll(() => releaseExecutedNotebook(nb));

  it('stays light once executed (at most 2 MiB, like the main notebooks)', () => {
    expect(fs.statSync(nb.executedPath).size).toBeLessThanOrEqual(MAX_NOTEBOOK_BYTES);
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

  it('prints no tfjs banner (the worker threads run in production mode, as the main thread)', () => {
    const text = nb.cells.map((c) => cellText(c)).join('\n');
    expect(text).not.toMatch(/tfjs-node for more details/);
  });

  it('activations at init: the uniform network saturates with depth, Xavier does not, ReLU + He keeps the gradient', () => {
    const text = streamText(findCell(nb, 'l5.layerActivations'));
    const row = (name: string) => {
      const m = text.match(new RegExp(`${name}\\s+derivada média da tanh por camada: ([\\d. ]+) · produto: (\\S+)`));
      if (!m) throw new Error(`no row for ${name} in:\n${text}`);
      return { layers: m[1].trim().split(' ').map(Number), product: Number(m[2]) };
    };
    const [fundo, xavier] = [row('modelo_fundo'), row('modelo_xavier')];
    expect(fundo.layers[4]).toBeLessThan(fundo.layers[0] / 2);
    expect(fundo.product).toBeLessThan(xavier.product / 10);
    for (const d of xavier.layers) expect(d).toBeGreaterThan(0.7);
    const relu = text.match(/modelo_relu_he\s+fração de ativações > 0 por camada \(onde a derivada é 1\): ([\d. ]+)/);
    expect(relu![1].trim().split(' ').map(Number)).toHaveLength(5);
    expect(chartSpecs(nb).filter((s) => s.includes('Ativações das camadas ocultas'))).toHaveLength(1);
  });

  it('vanishing through time: at init the gradient decays towards the first step, least in the GRU; the trained GRU leans on the first step', () => {
    const r = ratios(nb);
    expect(r.simpleRNN[0]).toBeLessThan(r.lstm[0]);
    expect(r.lstm[0]).toBeLessThan(r.gru[0]);
    expect(r.gru[0]).toBeLessThan(1);
    expect(r.gru[1]).toBeGreaterThan(1);
    expect(r.lstm[1]).toBeLessThan(r.lstm[0]);
    const gates = memoryGates(nb);
    expect(gates.lstm[0]).toBeCloseTo(1 / (1 + Math.exp(-1)), 2);
    expect(gates.gru[0]).toBeCloseTo(1 / (1 + Math.exp(-2)), 2);
    expect(gates.lstm[1]).toBeLessThan(gates.lstm[0]);
    const specs = chartSpecs(nb);
    expect(specs.filter((s) => s.includes('em cada passo, T = 40'))).toHaveLength(1);
  });

  it('accuracy against T over three seeds: what the answer to Questão 3 claims holds for every seed shown', () => {
    const table = accuracyByLength(nb);
    expect(Object.keys(table).map(Number)).toEqual([10, 20, 40]);
    const passed = (T: number, cell: string) => table[T][cell].filter((a) => a >= 0.9).length;
    for (const cell of CELLS) {
      expect(table[10][cell]).toHaveLength(3);
      expect(passed(10, cell)).toBe(3);
    }
    expect(passed(20, 'simpleRNN')).toBeLessThan(3);
    expect(passed(20, 'lstm')).toBeLessThan(3);
    expect(passed(20, 'gru')).toBe(3);
    for (const a of [...table[40].simpleRNN, ...table[40].lstm]) expect(a).toBeLessThan(0.7);
    expect(passed(40, 'gru')).toBe(3);
    expect(chartSpecs(nb).filter((s) => s.includes('Acurácia de teste × comprimento T'))).toHaveLength(1);
  });

  it('the code exercise: a larger forget-gate bias opens the gate and raises the first/last ratio', () => {
    const text = streamText(findCell(nb, 'for (const vies of [0, 1, 3])'));
    const rows = [...text.matchAll(/viés (\d): porta de esquecimento média (\S+) .* primeiro passo \/ último (\S+)/g)];
    expect(rows.map((m) => Number(m[1]))).toEqual([0, 1, 3]);
    const gates = rows.map((m) => Number(m[2]));
    const ratiosByBias = rows.map((m) => Number(m[3]));
    expect(gates).toEqual([0.5, 0.73, 0.95]);
    expect(ratiosByBias[0]).toBeLessThan(ratiosByBias[1]);
    expect(ratiosByBias[1]).toBeLessThan(ratiosByBias[2]);
  });

  it('exploding through time: the gradient grows towards the first step, terminateOnNaN stops at the first bad batch', () => {
    const init = streamText(findCell(nb, 'const rnnInicial = criarRnnExplosiva()'));
    const ratio = Number(init.match(/primeiro passo \/ último: (\S+)/)![1]);
    expect(ratio).toBeGreaterThan(10);
    const growth = Number(init.match(/reta ajustada aos 20 passos\): (\S+)×/)![1]);
    expect(growth).toBeGreaterThan(1.2);
    expect(growth).toBeLessThan(1.5);
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
    const dump = readWithTensorBoard(nb.logDir, runs, {}, { histogramRows: [] });
    const keras = { simpleRNN: 'SimpleRNN', lstm: 'LSTM', gru: 'GRU' };
    for (const [model, cell] of models) {
      const tags = dump.runs[`${model}/train`];
      // EPOCAS = 20 epochs, one point each.
      expect(tags.epoch_loss.points.map((p) => p.step)).toEqual(Array.from({ length: 20 }, (_, i) => i));
      for (const tag of [`${cell}/recurrent_kernel_0_grads`, `${model}/${cell}/recurrent_kernel/histogram`]) {
        expect(tags[tag].plugin).toBe('histograms');
        expect(tags[tag].points).toHaveLength(20);
      }
      expect(tags.keras.plugin).toBe('graph_keras_model');
      expect(tags.keras.points[0].nodes!.map((n) => n.keras_class)).toContain(keras[cell]);
    }
    // One histogram per epoch: the notebook trains the deep networks for EPOCAS_FUNDAS = 100 epochs.
    expect(dump.runs['modelo_relu_he/train']['relu_1/kernel_0_grads'].points).toHaveLength(100);
  });

  it('the HTML handout shows every chart as SVG, offline', () => {
    expectHandoutShowsEveryChart(nb, 5);
  });
});
