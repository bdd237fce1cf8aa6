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
    const dump = readWithTensorBoard(nb.logDir, runs, {}, { histogramRows: [] });
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
    expectHandoutShowsEveryChart(nb, 5);
  });
});
