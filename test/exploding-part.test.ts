/**
 * The exploding part of lista5-solucoes.ipynb (from the first cell up to "# Vanishing": the
 * exploding regression, Questão 1 and the clipping variants), cut out of the notebook and executed
 * twice headless through nbconvert and the tslab kernel, as `npm start` runs it.
 *
 * - Reproducible: both runs give the same losses, every epoch of every training, to the last bit
 *   (the batches are shuffled with a seed, `l5.fitSeeded`; `model.fit` would use Math.random).
 * - Headless outputs: each training leaves one chart (the live chart's final frame, with its SVG
 *   for the handout), not a trail of intermediate copies; the variants share one chart.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { join, NotebookCell, NotebookOutput, streamText } from './helpers/notebooks';
import { projectRoot, python, toolsEnv } from './helpers/python';
import { inlineRows } from '../lib/plots/compact';

const VEGA_LITE = 'application/vnd.vegalite.v5+json';
const TIMEOUT_MS = 15 * 60_000; // a kernel start and five 400-epoch trainings per run; only stops a hung run

interface Notebook {
  cells: NotebookCell[];
  metadata: unknown;
}

/** The solutions notebook's cells before the "# Vanishing" heading. */
function explodingPart(): Notebook {
  const nb = JSON.parse(fs.readFileSync(path.join(projectRoot, 'notebooks', 'lista5-solucoes.ipynb'), 'utf8'));
  const end = (nb.cells as NotebookCell[]).findIndex((c) => /^#\s*Vanishing/m.test(join(c.source)));
  if (end < 0) throw new Error('lista5-solucoes.ipynb has no "# Vanishing" heading');
  return { ...nb, cells: nb.cells.slice(0, end) };
}

/** Executes `nb` in a fresh temporary folder (node_modules linked, so "lista5" resolves) and returns it executed. */
function execute(nb: Notebook, dirs: string[]): NotebookCell[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lista5-exploding-'));
  dirs.push(dir);
  fs.symlinkSync(path.join(projectRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  const source = path.join(dir, 'exploding.ipynb');
  const executed = path.join(dir, 'executed.ipynb');
  fs.writeFileSync(source, JSON.stringify(nb));
  const r = spawnSync(python, [path.join(projectRoot, 'python', 'run_notebook.py'), source, '--executed', executed], {
    cwd: projectRoot,
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
    maxBuffer: 64 * 1024 * 1024,
    env: toolsEnv({ LISTA5_LOGDIR: path.join(dir, 'logs') }),
  });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`executing the exploding part failed:\n${r.stderr}`);
  return (JSON.parse(fs.readFileSync(executed, 'utf8')) as Notebook).cells;
}

const charts = (cell: NotebookCell): NotebookOutput[] => (cell.outputs ?? []).filter((o) => o.data?.[VEGA_LITE]);

function cellWith(cells: NotebookCell[], fragment: string): NotebookCell {
  const cell = cells.find((c) => c.cell_type === 'code' && join(c.source).includes(fragment));
  if (!cell) throw new Error(`no code cell contains ${JSON.stringify(fragment)}`);
  return cell;
}

/** The loss per epoch of every line of a loss chart: `{ line: [[epoch, loss], ...] }` as plotted. */
function plottedLosses(output: NotebookOutput): Record<string, [number, number][]> {
  const spec = output.data![VEGA_LITE] as { layer: Parameters<typeof inlineRows>[0][] };
  const lines: Record<string, [number, number][]> = {};
  for (const p of inlineRows(spec.layer[0])) {
    (lines[String(p.serie ?? 'loss')] ??= []).push([Number(p.epoca), Number(p.loss)]);
  }
  return lines;
}

describe('the exploding part of lista5-solucoes.ipynb, executed twice', () => {
  const dirs: string[] = [];
  let runs: NotebookCell[][];
  beforeAll(() => {
    const part = explodingPart();
    runs = [execute(part, dirs), execute(part, dirs)];
  }, 2 * TIMEOUT_MS);
  afterAll(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('gives the same losses in both runs, every epoch of every training', () => {
    const variants = runs.map((cells) => charts(cellWith(cells, 'const variantes')));
    expect(variants.map((c) => c.length)).toEqual([1, 1]);
    const [first, second] = variants.map((c) => plottedLosses(c[0]));
    expect(Object.keys(first).sort()).toEqual(['clipnorm 1', 'clipvalue 1', 'clipvalue 1000', 'sem recorte'].sort());
    expect(first['clipvalue 1'].length).toBe(400); // a finite loss every epoch
    expect(second).toEqual(first);
    // What the cells printed (loss logs, final MSEs) is the same too.
    for (const fragment of ['perdasSemRecorte = await treinar', 'modeloRecortado.optimizer', 'const variantes']) {
      const [a, b] = runs.map((cells) => streamText(cellWith(cells, fragment)));
      expect(a).toMatch(/[ÉéEe]poca/);
      expect(b).toBe(a);
    }
  });

  it('leaves one chart per training (the variants share one), each with its SVG for the handout', () => {
    const [cells] = runs;
    const perCell = cells
      .filter((c) => c.cell_type === 'code')
      .map((c) => [join(c.source).slice(0, 40), charts(c).length]);
    const count = (fragment: string) => charts(cellWith(cells, fragment)).length;
    expect({
      exploding: count('perdasSemRecorte = await treinar'),
      zoom: count('maxEpoch: 12'),
      clipped: count('modeloRecortado.optimizer'),
      variants: count('const variantes'),
      all: perCell.reduce((n, [, k]) => n + Number(k), 0),
    }).toEqual({ exploding: 1, zoom: 1, clipped: 1, variants: 1, all: 4 });
    for (const cell of cells)
      for (const output of charts(cell)) expect(String(output.data!['image/svg+xml'])).toMatch(/^<svg[\s\S]*<\/svg>$/);
    // The clipped training's chart holds all 400 epochs.
    const clipped = plottedLosses(charts(cellWith(cells, 'modeloRecortado.optimizer'))[0]);
    expect(Object.values(clipped)[0].map(([epoch]) => epoch)).toEqual(Array.from({ length: 400 }, (_, i) => i + 1));
  });
});
