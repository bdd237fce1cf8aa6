/**
 * The exploding part of lista5-solucoes.ipynb (from the first cell up to "# Vanishing": the
 * exploding regression, Questão 1 and the clipping variants), read from the test run's execution of
 * the notebook (headless through nbconvert and the tslab kernel, as `npm start` runs it).
 *
 * - Headless outputs: each training leaves one chart (the live chart's final frame, with its SVG
 *   for the handout), not a trail of intermediate copies; the variants share one chart.
 * - Reproducible to the last bit: the full tier compares these cells with the student notebook's
 *   run, every epoch of every training (test/full/student-notebooks.test.ts).
 */
import { cellIn, explodingCharts as charts, explodingPart, plottedLosses } from './helpers/exploding-part';
import {
  executedNotebook,
  ExecutedNotebook,
  findCell,
  join,
  NotebookCell,
  releaseExecutedNotebook,
} from './helpers/notebooks';

const TIMEOUT_MS = 40 * 60_000; // waits for the notebook's run; only stops a hung run

describe('the exploding part of lista5-solucoes.ipynb, executed', () => {
  let nb: ExecutedNotebook;
  let cells: NotebookCell[];
  beforeAll(async () => {
    nb = await executedNotebook('lista5-solucoes.ipynb');
    cells = explodingPart(nb.cells);
  }, TIMEOUT_MS);
  afterAll(() => releaseExecutedNotebook(nb));

  it('holds the four clipping variants, each with a finite loss every epoch but the unclipped one', () => {
    const variants = charts(findCell(nb, 'const variantes'));
    expect(variants).toHaveLength(1);
    const lines = plottedLosses(variants[0]);
    expect(Object.keys(lines).sort()).toEqual(['clipnorm 1', 'clipvalue 1', 'clipvalue 1000', 'sem recorte'].sort());
    // A finite loss plotted at every epoch of the clipped trainings; the unclipped one blows up.
    for (const name of ['clipvalue 1', 'clipnorm 1', 'clipvalue 1000']) expect(lines[name]).toHaveLength(400);
    expect(lines['sem recorte'].length).toBeLessThan(400);
  });

  it('leaves one chart per training (the variants share one), each with its SVG for the handout', () => {
    const perCell = cells
      .filter((c) => c.cell_type === 'code')
      .map((c) => [join(c.source).slice(0, 40), charts(c).length]);
    const count = (fragment: string) => charts(cellIn(cells, fragment)).length;
    expect({
      exploding: count('perdasSemRecorte = await treinar'),
      clipped: count('modeloRecortado.optimizer'),
      variants: count('const variantes'),
      all: perCell.reduce((n, [, k]) => n + Number(k), 0),
    }).toEqual({ exploding: 1, clipped: 1, variants: 1, all: 3 });
    for (const cell of cells)
      for (const output of charts(cell)) expect(String(output.data!['image/svg+xml'])).toMatch(/^<svg[\s\S]*<\/svg>$/);
    // The clipped training's chart holds all 400 epochs.
    const clipped = plottedLosses(charts(cellIn(cells, 'modeloRecortado.optimizer'))[0]);
    expect(Object.values(clipped)[0].map(([epoch]) => epoch)).toEqual(Array.from({ length: 400 }, (_, i) => i + 1));
  });
});
