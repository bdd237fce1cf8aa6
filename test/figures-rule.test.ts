/**
 * The figures rule (issue #17), over the executed solutions notebooks of this test run: every figure a
 * markdown cell quotes as a result is printed by the same run, at the same rounding, or written in the
 * notebook's code; a number measured outside the notebook is printed by it or dropped. Theory figures
 * (test/helpers/figures.ts, THEORY_FIGURES: σ(1), 1,3^19, …) are printed too. And the number
 * convention: prose writes the decimal comma ("0,568", "7,5 × 10⁻⁵"), printed output the point ("0.568",
 * "7.5e-5"). What counts as a figure, and what is exempt, is listed in test/helpers/figures.ts.
 */
import { conventionIssues, quotedFigures, THEORY_FIGURES, unprintedFigures } from './helpers/figures';
import { executedNotebook, ExecutedNotebook, join, releaseExecutedNotebook } from './helpers/notebooks';

const NOTEBOOK_TIMEOUT_MS = 40 * 60_000;
const NOTEBOOKS = ['lista5-solucoes.ipynb', 'lista5-para-ir-alem-solucoes.ipynb'];

describe('the figures rule', () => {
  const executed = new Map<string, ExecutedNotebook>();
  beforeAll(async () => {
    for (const name of NOTEBOOKS) executed.set(name, await executedNotebook(name));
  }, NOTEBOOK_TIMEOUT_MS);
  afterAll(() => executed.forEach((nb) => releaseExecutedNotebook(nb)));

  it('the theory figures are the values their names say', () => {
    const theory = Object.fromEntries(THEORY_FIGURES.map((t) => [t.name, t.value]));
    expect(theory['σ(1)']).toBeCloseTo(0.7311, 4);
    expect(theory['1,3^19']).toBeCloseTo(146.19, 2);
  });

  it.each(NOTEBOOKS)('%s: every figure its text quotes is printed by the run or written in its code', (name) => {
    const nb = executed.get(name);
    if (!nb) throw new Error(`${name} was not executed`);
    // the rule reads figures at all (the answers quote accuracies and gradient sizes)
    const quoted = nb.cells.filter((c) => c.cell_type === 'markdown').flatMap((c) => quotedFigures(join(c.source)));
    expect(quoted.length).toBeGreaterThan(0);
    const lines = unprintedFigures(nb).map(
      (v) =>
        `${name} · cell ${v.cell} · ${v.figure} · ${v.context}` +
        (v.theory ? `  [theory ${v.theory}: print it too]` : ''),
    );
    if (lines.length > 0) {
      throw new Error(
        `${lines.length} figure(s) quoted by the text that the run neither prints nor writes in its code:\n` +
          lines.join('\n'),
      );
    }
  });

  it.each(NOTEBOOKS)('%s: decimal comma in the text, decimal point in the printed output', (name) => {
    const nb = executed.get(name);
    if (!nb) throw new Error(`${name} was not executed`);
    const lines = conventionIssues(nb).map(
      (i) =>
        `${name} · cell ${i.cell} · ${i.where === 'markdown' ? 'text with a decimal point or e-notation' : 'output with a decimal comma'} · ${i.figure} · ${i.context}`,
    );
    if (lines.length > 0) throw new Error(`${lines.length} number(s) against the convention:\n${lines.join('\n')}`);
  });
});
