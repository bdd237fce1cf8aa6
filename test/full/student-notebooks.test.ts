/**
 * Full tier: the student notebooks, executed once per test run (test/helpers/notebooks.ts) and
 * compared with the solutions runs number for number. The trainings are seeded, so two independent
 * kernels must print and plot the same numbers to the last digit: this is also the check that the
 * lesson is reproducible (the exploding part's losses, every epoch of every training).
 */
import * as fs from 'node:fs';
import { cellIn, explodingCharts, explodingPart, plottedLosses } from '../helpers/exploding-part';
import {
  accuracies,
  accuracyByLength,
  expectGradientCharts,
  expectHandoutShowsEveryChart,
  expectNoErrors,
  LESSON_MODELS,
  MAX_NOTEBOOK_BYTES,
  ratios,
  reluTable,
} from '../helpers/lesson-outputs';
import {
  cellText,
  executedNotebook,
  ExecutedNotebook,
  findCell,
  join,
  releaseExecutedNotebook,
  streamText,
} from '../helpers/notebooks';

/** Waits for the runs (minutes each); only stops a hung run. */
const NOTEBOOK_TIMEOUT_MS = 40 * 60_000;

describe('lista5-aluno.ipynb, executed', () => {
  let nb: ExecutedNotebook;
  let solutions: ExecutedNotebook;
  beforeAll(async () => {
    nb = await executedNotebook('lista5-aluno.ipynb');
    solutions = await executedNotebook('lista5-solucoes.ipynb');
  }, NOTEBOOK_TIMEOUT_MS);
  afterAll(() => {
    releaseExecutedNotebook(nb);
    releaseExecutedNotebook(solutions);
  });

  it('is reproducible: its trainings give the same accuracies as the solutions notebook run', () => {
    for (const model of LESSON_MODELS) expect(accuracies(nb, model)).toEqual(accuracies(solutions, model));
  });

  it('is reproducible: the exploding regression prints and plots the same losses, every epoch', () => {
    // The cells both versions share (the clipping variants are in the solutions only; Node.js 26's run
    // prints them as this machine's does, see scripts/test-node.mjs).
    const [student, solution] = [nb, solutions].map((run) => explodingPart(run.cells));
    const fragment = 'perdasSemRecorte = await treinar';
    const [a, b] = [student, solution].map((cells) => plottedLosses(explodingCharts(cellIn(cells, fragment))[0]));
    expect(Object.values(a)[0].length).toBeGreaterThan(1);
    expect(a).toEqual(b);
    const [x, y] = [student, solution].map((cells) => streamText(cellIn(cells, fragment)));
    expect(x).toMatch(/[ÉéEe]poca/);
    expect(x).toBe(y);
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
    expect(fs.statSync(nb.executedPath).size).toBeLessThanOrEqual(MAX_NOTEBOOK_BYTES);
  });
});

describe('lista5-para-ir-alem-aluno.ipynb, executed', () => {
  let nb: ExecutedNotebook;
  let solutions: ExecutedNotebook;
  beforeAll(async () => {
    nb = await executedNotebook('lista5-para-ir-alem-aluno.ipynb');
    solutions = await executedNotebook('lista5-para-ir-alem-solucoes.ipynb');
  }, NOTEBOOK_TIMEOUT_MS);
  afterAll(() => {
    releaseExecutedNotebook(nb);
    releaseExecutedNotebook(solutions);
  });

  it('runs without errors, leaves the answers to the student and has no model answer', () => {
    expectNoErrors(nb);
    const sources = nb.cells.map((c) => join(c.source)).join('\n');
    // Questão 3, the code exercise and Questão 4.
    expect(sources.match(/Sua resposta aqui/g)).toHaveLength(3);
    expect(sources).not.toContain('**Resposta.**');
  });

  it('is reproducible: same measurements as the solutions notebook', () => {
    expect(reluTable(nb)).toEqual(reluTable(solutions));
    expect(ratios(nb)).toEqual(ratios(solutions));
    expect(accuracyByLength(nb)).toEqual(accuracyByLength(solutions));
  });

  it('the HTML handout shows every chart as SVG, offline', () => {
    expectHandoutShowsEveryChart(nb, 5);
  });

  it('the executed notebook weighs at most 2 MB', () => {
    expect(fs.statSync(nb.executedPath).size).toBeLessThanOrEqual(MAX_NOTEBOOK_BYTES);
  });
});
