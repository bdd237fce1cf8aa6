/**
 * Both lesson notebooks, executed through nbconvert and the tslab kernel as `npm start` does.
 * A failing cell fails the test with the cell's source and error (see executeNotebook).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  cellText,
  executeNotebook,
  ExecutedNotebook,
  findCell,
  join,
  NotebookCell,
  removeExecutedNotebook,
  streamText,
} from './helpers/notebooks';
import { projectRoot } from './helpers/python';
import { readWithTensorBoard } from './helpers/tensorboard';

const VEGA_LITE = 'application/vnd.vegalite.v5+json';
/** Running a whole notebook takes minutes (500-epoch trainings); no speed is asserted. */
const NOTEBOOK_TIMEOUT_MS = 30 * 60_000;

/** Final loss printed by l5.lossLog (its last line, "Época 400/400  loss: X"). */
function finalLoss(cell: NotebookCell, label: string): number {
  const match = cellText(cell).match(new RegExp(`${label}.*Época 400/400 — loss: (\\S+)`));
  if (!match) throw new Error(`no final "${label}" loss in:\n${cellText(cell)}`);
  return Number(match[1]);
}

/** The accuracies runModel printed ("Train: 0.xxx, Test: 0.xxx") in the cell that trains `model`. */
function accuracies(nb: ExecutedNotebook, model: string): { train: number; test: number } {
  const text = streamText(findCell(nb, `l5.runModel(${model}`));
  const match = text.match(/Train: (\d\.\d{3}), Test: (\d\.\d{3})/);
  if (!match) throw new Error(`no "Train: …, Test: …" line for ${model} in:\n${text}`);
  return { train: Number(match[1]), test: Number(match[2]) };
}

const LESSON_MODELS = ['modeloRaso', 'modeloFundo', 'modeloXavier'];

/** The executed notebooks must stay light to open, share and submit (issue #13: they were ~6 MB). */
const MAX_NOTEBOOK_BYTES = 2 * 1024 * 1024;

/** Size in bytes of the executed notebook `name` written by executeNotebook. */
function executedBytes(nb: ExecutedNotebook, name: string): number {
  return fs.statSync(path.join(nb.dir, name)).size;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** The gradient plots of Questão 2 are in the notebook (and so, as SVG, in its handout). */
function expectGradientCharts(nb: ExecutedNotebook) {
  const specs = charts(nb).map((o) => JSON.stringify(o.data?.[VEGA_LITE]));
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

function charts(nb: ExecutedNotebook) {
  return nb.cells.flatMap((c) => (c.outputs ?? []).filter((o) => o.data?.[VEGA_LITE] !== undefined));
}

function expectHandoutShowsEveryChart(nb: ExecutedNotebook) {
  const chartOutputs = charts(nb);
  expect(chartOutputs.length).toBeGreaterThan(0);
  // Each chart output carries its SVG, which nbconvert embeds as an <img> data URI.
  for (const output of chartOutputs) expect(String(output.data?.['image/svg+xml'])).toMatch(/^<svg[\s\S]*<\/svg>$/);
  const svgImages = nb.html.match(/<img[^>]+src="data:image\/svg\+xml;base64,/g) ?? [];
  expect(svgImages).toHaveLength(chartOutputs.length);
  // Offline: no script or stylesheet is loaded from the network.
  expect(nb.html).not.toMatch(/<script[^>]+src="https?:/);
  expect(nb.html).not.toMatch(/<link[^>]+href="https?:/);
}

describe('notebooks as stored', () => {
  it('are clean (no outputs) and the student notebook is derived from the solutions', () => {
    const r = spawnSync(process.execPath, [path.join(projectRoot, 'scripts', 'make-student-notebook.mjs'), '--check'], {
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('use the tslab kernel and keep "// Seu código aqui" for the student', () => {
    const student = JSON.parse(fs.readFileSync(path.join(projectRoot, 'notebooks', 'lista5-aluno.ipynb'), 'utf8'));
    expect(student.metadata.kernelspec.name).toBe('tslab');
    const question1 = student.cells
      .map((c: NotebookCell) => join(c.source))
      .find((s: string) => s.startsWith('const modeloRecortado'));
    expect(question1).toContain('// Seu código aqui');
    expect(question1).not.toContain('withGradientClipping');
  });
});

let solutionsRun: ExecutedNotebook | undefined;
/** The solutions notebook, executed once for this file. */
function executedSolutions(): ExecutedNotebook {
  solutionsRun ??= executeNotebook('lista5-solucoes.ipynb');
  return solutionsRun;
}

describe('lista5-solucoes.ipynb, executed', () => {
  let nb: ExecutedNotebook;
  beforeAll(() => {
    nb = executedSolutions();
  }, NOTEBOOK_TIMEOUT_MS);

  it('numbers the executed cells (In [1], In [2], ...) for the handout', () => {
    const counts = nb.cells
      .filter((c) => c.cell_type === 'code')
      .map((c) => (c as { execution_count?: number }).execution_count);
    expect(counts).toEqual(counts.map((_, i) => i + 1));
    expect(nb.html).toMatch(/In(\u00a0|&nbsp;)\[1\]:/);
  });

  it('prints the backend it runs on', () => {
    expect(cellText(findCell(nb, 'initBackend'))).toMatch(/backend: (CPU em JavaScript puro|CPU nativa|GPU)/);
  });

  it('shows the exploding loss reaching Infinity and then NaN', () => {
    const text = streamText(findCell(nb, 'perdasSemRecorte = await treinar'));
    const infinity = text.search(/loss: Infinity/);
    const nan = text.search(/loss: NaN/);
    expect(infinity).toBeGreaterThan(-1);
    expect(nan).toBeGreaterThan(infinity);
  });

  it('Questão 1: the clipped training ends with a small finite loss', () => {
    const clipped = finalLoss(findCell(nb, 'if (modeloRecortado.optimizer === undefined)'), 'com recorte');
    expect(Number.isFinite(clipped)).toBe(true);
    expect(clipped).toBeLessThan(10);
    const variants = findCell(nb, 'const variantes');
    for (const name of ['clipvalue 1', 'clipnorm 1']) {
      const loss = finalLoss(variants, name);
      expect(loss).toBeLessThan(10);
    }
  });

  it('Vanishing: the shallow and the Xavier networks learn the circles, the deep uniform one stays near chance', () => {
    const raso = accuracies(nb, 'modeloRaso');
    const fundo = accuracies(nb, 'modeloFundo');
    const xavier = accuracies(nb, 'modeloXavier');
    // The Python original (TF 2.21, 3 seeds): raso ≈ 0.81–0.84, fundo ≈ 0.55–0.58, xavier ≈ 0.84 on test.
    expect(raso.test).toBeGreaterThan(0.75);
    expect(xavier.test).toBeGreaterThan(0.75);
    expect(fundo.test).toBeLessThan(0.65);
    expect(fundo.train).toBeLessThan(0.7); // it cannot even overfit the training set
  });

  it("Questão 2: TensorBoard reads 500 epochs of every tag of both deep models; fundo's first-layer gradients are much narrower", () => {
    const models = [
      ['modelo_fundo', 'funda'],
      ['modelo_xavier', 'xavier'],
    ] as const;
    const runs = models.flatMap(([model]) => [`${model}/train`, `${model}/validation`]);
    const dump = readWithTensorBoard(path.join(nb.dir, 'logs'), runs, {});
    const epochs = (run: string, tag: string) => {
      const found = dump.runs[run]?.[tag];
      if (!found) throw new Error(`TensorBoard found no tag ${tag} in run ${run}`);
      return found.points.map((p) => p.step);
    };
    const all500 = Array.from({ length: 500 }, (_, i) => i);
    for (const [model, prefix] of models) {
      for (const tag of ['epoch_loss', 'epoch_accuracy', 'epoch_learning_rate'])
        expect(epochs(`${model}/train`, tag)).toEqual(all500);
      for (const tag of ['epoch_loss', 'epoch_accuracy']) expect(epochs(`${model}/validation`, tag)).toEqual(all500);
      for (const layer of ['1', '2', '3', '4', '5', 'output'].map((l) => `${prefix}_${l}`)) {
        for (const tag of [
          `${layer}/kernel_0_grads`,
          `${layer}/bias_0_grads`,
          `${model}/${layer}/kernel/histogram`,
          `${model}/${layer}/bias/histogram`,
        ]) {
          expect(dump.runs[`${model}/train`][tag].plugin).toBe('histograms');
          expect(epochs(`${model}/train`, tag)).toEqual(all500);
        }
      }
      expect(dump.runs[`${model}/train`].keras.plugin).toBe('graph_keras_model');
    }
    // Width of the first layer's kernel-gradient histogram, epoch by epoch (measured: the median
    // ratio xavier / fundo is ~24, and xavier's is the wider one in 96% of the epochs).
    const spans = (model: string, layer: string) =>
      dump.runs[`${model}/train`][`${layer}/kernel_0_grads`].points.map(
        (p) => p.rows![p.rows!.length - 1][1] - p.rows![0][0],
      );
    const fundo = spans('modelo_fundo', 'funda_1');
    const xavier = spans('modelo_xavier', 'xavier_1');
    expect(median(xavier.map((w, i) => w / fundo[i]))).toBeGreaterThan(5);
    expect(xavier.filter((w, i) => w > fundo[i]).length / xavier.length).toBeGreaterThan(0.8);
  });

  it('Questão 2: the gradient plots and the diagnosis are shown', () => {
    expectGradientCharts(nb);
    const diagnosis = streamText(findCell(nb, 'l5.diagnoseGradients'));
    expect(diagnosis).toMatch(/modelo_fundo: Gradientes desaparecendo/);
    expect(diagnosis).toMatch(/modelo_xavier: gradientes saudáveis/);
  });

  it('shows the circles and one accuracy chart per network', () => {
    const specs = charts(nb).map((o) => JSON.stringify(o.data?.[VEGA_LITE]));
    expect(specs.filter((s) => s.includes('make_circles'))).toHaveLength(1);
    for (const name of ['modelo_raso', 'modelo_fundo', 'modelo_xavier']) {
      expect(specs.filter((s) => s.includes(`Acurácia ${name}`))).toHaveLength(1);
    }
  });

  it('the HTML handout shows every chart as SVG, offline', () => {
    expectHandoutShowsEveryChart(nb);
  });

  it('the executed notebook weighs at most 2 MB', () => {
    expect(executedBytes(nb, 'lista5-solucoes.ipynb')).toBeLessThanOrEqual(MAX_NOTEBOOK_BYTES);
  });
});

describe('lista5-aluno.ipynb, executed', () => {
  let nb: ExecutedNotebook;
  beforeAll(() => {
    nb = executeNotebook('lista5-aluno.ipynb');
  }, NOTEBOOK_TIMEOUT_MS);
  afterAll(() => {
    removeExecutedNotebook(nb);
    removeExecutedNotebook(solutionsRun);
  });

  it('is reproducible: its trainings give the same accuracies as the solutions notebook run', () => {
    const solutions = executedSolutions();
    for (const model of LESSON_MODELS) expect(accuracies(nb, model)).toEqual(accuracies(solutions, model));
  });

  it('shows the gradient plots too, and leaves the answer to the student', () => {
    expectGradientCharts(nb);
    expect(nb.cells.map((c) => join(c.source)).join('\n')).toContain('Sua resposta aqui');
  });

  it('runs without errors and asks the student to compile the clipped model', () => {
    expect(cellText(findCell(nb, 'if (modeloRecortado.optimizer === undefined)'))).toContain(
      'Compile o modeloRecortado',
    );
  });

  it('the HTML handout shows every chart as SVG, offline', () => {
    expectHandoutShowsEveryChart(nb);
  });

  it('the executed notebook weighs at most 2 MB', () => {
    expect(executedBytes(nb, 'lista5-aluno.ipynb')).toBeLessThanOrEqual(MAX_NOTEBOOK_BYTES);
  });
});
