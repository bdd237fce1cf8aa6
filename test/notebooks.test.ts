/**
 * Both lesson notebooks, executed through nbconvert and the tslab kernel as `npm start` does.
 * A failing cell fails the test with the cell's source and error (see executeNotebook).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cellText, executeNotebook, ExecutedNotebook, findCell, join, NotebookCell, streamText } from './helpers/notebooks';
import { projectRoot } from './helpers/python';

const VEGA_LITE = 'application/vnd.vegalite.v5+json';

/** Final loss printed by l5.lossLog (its last line, "Época 400/400  loss: X"). */
function finalLoss(cell: NotebookCell, label: string): number {
  const match = cellText(cell).match(new RegExp(`${label}.*Época 400/400 — loss: (\\S+)`));
  if (!match) throw new Error(`no final "${label}" loss in:\n${cellText(cell)}`);
  return Number(match[1]);
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
    const r = spawnSync(process.execPath, [path.join(projectRoot, 'scripts', 'make-student-notebook.mjs'), '--check'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('use the tslab kernel and keep "// Seu código aqui" for the student', () => {
    const student = JSON.parse(fs.readFileSync(path.join(projectRoot, 'notebooks', 'lista5-aluno.ipynb'), 'utf8'));
    expect(student.metadata.kernelspec.name).toBe('tslab');
    const question1 = student.cells.map((c: NotebookCell) => join(c.source)).find((s: string) => s.startsWith('const modeloRecortado'));
    expect(question1).toContain('// Seu código aqui');
    expect(question1).not.toContain('withGradientClipping');
  });
});

describe('lista5-solucoes.ipynb, executed', () => {
  let nb: ExecutedNotebook;
  beforeAll(() => {
    nb = executeNotebook('lista5-solucoes.ipynb');
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

  it('the HTML handout shows every chart as SVG, offline', () => {
    expect(charts(nb).length).toBe(3);
    expectHandoutShowsEveryChart(nb);
  });
});

describe('lista5-aluno.ipynb, executed', () => {
  let nb: ExecutedNotebook;
  beforeAll(() => {
    nb = executeNotebook('lista5-aluno.ipynb');
  });

  it('runs without errors and asks the student to compile the clipped model', () => {
    expect(cellText(findCell(nb, 'if (modeloRecortado.optimizer === undefined)'))).toContain('Compile o modeloRecortado');
  });

  it('the HTML handout shows every chart as SVG, offline', () => {
    expectHandoutShowsEveryChart(nb);
  });
});
