/**
 * The lesson as a student uses it: `npm run lab`'s JupyterLab in Chromium, the lesson's student
 * notebook run with Run → Run All Cells through the tslab kernel, the other notebooks opened as the
 * test run executed them (test/helpers/notebooks.ts; every chart drawn by JupyterLab), then
 * `tensorboard --logdir` on the logs the students' runs wrote, through its HTTP API and its web UI.
 *
 * One JupyterLab server (on a temporary copy of notebooks/, so the repository's notebooks stay
 * clean) and one Chromium serve every test here. Screenshots: test-artifacts/jupyterlab/ and
 * test-artifacts/tensorboard/. Nothing here asserts speed; the timeouts only stop a hung run.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { listRuns, readRun, RunData } from '../../lib/tensorboard/index.js';
import {
  executedNotebook,
  ExecutedNotebook as ExecutedNotebookRun,
  NotebookCell,
  releaseExecutedNotebook,
} from '../helpers/notebooks';
import { projectRoot } from '../helpers/python';
import { startTensorBoard, TensorBoardServer } from '../helpers/tensorboard';
import {
  artifactsDir,
  describeWithBrowser,
  collectPageErrors,
  guardRequests,
  launchChromium,
} from './helpers/chromium';
import { closeLabSuite, JupyterLab, startLabWithNotebooks } from './helpers/jupyterlab';
import {
  chartDrawing,
  openNotebook,
  runAllCells,
  saveNotebook,
  shownOutputs,
  vegaOutputs,
} from './helpers/notebook-ui';

const VEGA_LITE = 'application/vnd.vegalite.v5+json';
const STDERR = 'application/vnd.jupyter.stderr';
/** Running a notebook takes minutes (500-epoch trainings); this only stops a hung kernel. */
const NOTEBOOK_TIMEOUT_MS = 30 * 60_000;
const NOTEBOOKS = fs
  .readdirSync(path.join(projectRoot, 'notebooks'))
  .filter((f) => f.endsWith('.ipynb'))
  .sort();
/**
 * Run with Run All here, as students do: the lesson's student notebook. Para ir além's student
 * notebook trains 27 recurrent networks (minutes of every core): the test run executes it headless,
 * through the same tslab kernel, and it is opened here as executed, with the solutions notebooks.
 */
const STUDENT_NOTEBOOKS = ['lista5-aluno.ipynb'];
/** Opened as the test run executed them (headless, once per run). */
const SOLUTION_NOTEBOOKS = NOTEBOOKS.filter((name) => !STUDENT_NOTEBOOKS.includes(name));

interface SavedOutput {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, unknown>;
}
interface SavedNotebook {
  cells: { cell_type: NotebookCell['cell_type']; execution_count?: number | null; outputs?: SavedOutput[] }[];
}

describeWithBrowser('JupyterLab and TensorBoard in Chromium', () => {
  let tmp: string;
  let lab: JupyterLab | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  /** Requests the pages tried to send off this machine (aborted). */
  let blocked: string[] = [];
  /** The page of each notebook, after its run, and the notebook as JupyterLab saved it. */
  const runs = new Map<string, { page: Page; saved: SavedNotebook; pageErrors: string[] }>();
  let labShots: string;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lista5-lab-'));
    lab = await startLabWithNotebooks(
      tmp,
      Object.fromEntries(STUDENT_NOTEBOOKS.map((name) => [name, path.join(projectRoot, 'notebooks', name)])),
      { LISTA5_LOGDIR: path.join(tmp, 'logs') },
    );
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    blocked = await guardRequests(context, staysOnThisMachine);
    labShots = artifactsDir('jupyterlab');
  }, 300_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await closeLabSuite({ browser, lab, tmp });
  }, 120_000);

  /**
   * JupyterLab, its kernels' WebSockets, TensorBoard (ours, or one a notebook starts and shows in an
   * iframe) are all on 127.0.0.1; anything else would leave the machine.
   */
  function staysOnThisMachine(url: string): boolean {
    if (url.startsWith('data:') || url.startsWith('blob:')) return true;
    try {
      return ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname);
    } catch {
      return false;
    }
  }

  /** Polls `ready` until it holds or `giveUpMs` passes (then the assertion after it reports). */
  async function waitFor(ready: () => Promise<boolean>, giveUpMs: number): Promise<void> {
    const giveUpAt = Date.now() + giveUpMs;
    while (Date.now() < giveUpAt) {
      if (await ready().catch(() => false)) return;
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  function savedCharts(nb: SavedNotebook): number[] {
    return nb.cells.map((c) => (c.outputs ?? []).filter((o) => o.data?.[VEGA_LITE] !== undefined).length);
  }

  function titleOf(output: SavedOutput): string {
    const spec = output.data?.[VEGA_LITE] as { title?: string | { text?: string } } | undefined;
    const title = typeof spec?.title === 'string' ? spec.title : (spec?.title?.text ?? 'grafico');
    return title
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^\w]+/g, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase()
      .slice(0, 50);
  }

  /** The notebook's page (after its run, or opened executed) draws each chart it saved, once. */
  async function expectEveryChartDrawnOnce(name: string, stem: string): Promise<void> {
    const run = runs.get(name);
    if (!run) throw new Error(`${name} did not run (see the test above)`);
    const { page, saved } = run;
    const expectedPerCell = savedCharts(saved);
    const total = expectedPerCell.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(0);

    const shown = await shownOutputs(page);
    const shownPerCell = saved.cells.map(
      (_, i) => shown.filter((o) => o.cell === i && o.classes.includes('jp-RenderedVegaCommon5')).length,
    );
    expect(shownPerCell).toEqual(expectedPerCell);
    // One bundle, one output: the SVG travels with each chart but JupyterLab must not show it as well.
    const images = shown.filter((o) => o.mime.startsWith('image/'));
    const savedImagesAlone = saved.cells.flatMap((c) =>
      (c.outputs ?? []).filter(
        (o) => o.data?.[VEGA_LITE] === undefined && Object.keys(o.data ?? {}).some((m) => m.startsWith('image/')),
      ),
    );
    expect(images.length).toBe(savedImagesAlone.length);
    for (const o of images) expect(expectedPerCell[o.cell]).toBe(0);

    const savedChartOutputs = saved.cells.flatMap((c) =>
      (c.outputs ?? []).filter((o) => o.data?.[VEGA_LITE] !== undefined),
    );
    const charts = vegaOutputs(page);
    expect(await charts.count()).toBe(total);
    for (let i = 0; i < total; i++) {
      const chart = charts.nth(i);
      const drawing = await chartDrawing(chart);
      expect({ chart: i + 1, element: drawing.element }).toEqual({
        chart: i + 1,
        element: expect.stringMatching(/^(canvas|svg)$/),
      });
      expect(drawing.width).toBeGreaterThan(100);
      expect(drawing.height).toBeGreaterThan(100);
      expect(drawing.ink).toBeGreaterThan(100);
      await chart.screenshot({
        path: path.join(labShots, `${stem}-${String(i + 1).padStart(2, '0')}-${titleOf(savedChartOutputs[i])}.png`),
      });
    }
    // The whole window around the last chart, as the student sees it.
    await page.screenshot({ path: path.join(labShots, `${stem}-window.png`) });
    expect(run.pageErrors.filter((e) => /vega|render/i.test(e))).toEqual([]);
  }

  describe.each(STUDENT_NOTEBOOKS)('%s in JupyterLab', (name) => {
    const stem = path.basename(name, '.ipynb');

    test(
      'Run → Run All Cells runs every code cell through the tslab kernel, with no error shown',
      async () => {
        const page = await context!.newPage();
        const pageErrors = collectPageErrors(page);
        await openNotebook(page, lab!.notebookUrl(name), 'TypeScript');
        const state = await runAllCells(page, NOTEBOOK_TIMEOUT_MS - 120_000);

        // tslab reports compile and runtime errors on stderr, not as "error" outputs; a chart that
        // JupyterLab cannot draw shows "Javascript Error: ..." there too.
        const shown = await shownOutputs(page);
        const problems = shown.filter(
          (o) => o.mime === STDERR || /Error:/.test(o.text) || /error rendering/i.test(o.text),
        );
        expect(problems.map((o) => `cell ${o.cell + 1}: ${o.text.slice(0, 2000)}`)).toEqual([]);
        expect(state.prompts.filter((p) => !/^\[\d+\]:$/.test(p))).toEqual([]);

        await saveNotebook(page);
        const saved = JSON.parse(fs.readFileSync(path.join(tmp, 'notebooks', name), 'utf8')) as SavedNotebook;
        runs.set(name, { page, saved, pageErrors });
        const code = saved.cells.filter((c) => c.cell_type === 'code');
        expect(code.length).toBe(state.prompts.length);
        expect(code.map((c) => `[${c.execution_count}]:`)).toEqual(state.prompts);
        const savedProblems = code.flatMap((c) =>
          (c.outputs ?? []).filter(
            (o) => o.output_type === 'error' || (o.output_type === 'stream' && o.name === 'stderr'),
          ),
        );
        expect(savedProblems).toEqual([]);
      },
      NOTEBOOK_TIMEOUT_MS,
    );

    test(
      "every chart is drawn once, by JupyterLab's Vega-Lite renderer, with no static copy beside it",
      () => expectEveryChartDrawnOnce(name, stem),
      300_000,
    );
  });

  describe.each(SOLUTION_NOTEBOOKS)('%s in JupyterLab, as the test run executed it', (name) => {
    const stem = path.basename(name, '.ipynb');
    const solutionRuns: ExecutedNotebookRun[] = [];
    afterAll(() => solutionRuns.forEach(releaseExecutedNotebook));

    test(
      'opens with every output, and no error shown',
      async () => {
        const run = await executedNotebook(name);
        solutionRuns.push(run);
        fs.copyFileSync(run.executedPath, path.join(tmp, 'notebooks', name));
        const page = await context!.newPage();
        const pageErrors = collectPageErrors(page);
        await openNotebook(page, lab!.notebookUrl(name), 'TypeScript');
        const saved = JSON.parse(fs.readFileSync(run.executedPath, 'utf8')) as SavedNotebook;
        // JupyterLab draws the saved charts one by one after opening (Vega renders asynchronously).
        const total = savedCharts(saved).reduce((a, b) => a + b, 0);
        await waitFor(async () => (await vegaOutputs(page).count()) === total, 120_000);
        runs.set(name, { page, saved, pageErrors });
        const shown = await shownOutputs(page);
        const problems = shown.filter((o) => o.mime === STDERR || /error rendering/i.test(o.text));
        expect(problems.map((o) => `cell ${o.cell + 1}: ${o.text.slice(0, 2000)}`)).toEqual([]);
        const outputs = saved.cells.reduce((n, c) => n + (c.outputs ?? []).length, 0);
        expect(outputs).toBeGreaterThan(0);
      },
      NOTEBOOK_TIMEOUT_MS,
    );

    test(
      "every chart is drawn once, by JupyterLab's Vega-Lite renderer, with no static copy beside it",
      () => expectEveryChartDrawnOnce(name, stem),
      300_000,
    );
  });

  describe('tensorboard --logdir on the logs the notebooks wrote', () => {
    let tb: TensorBoardServer | undefined;
    let logdir: string;
    let runNames: string[];
    const ours: Record<string, RunData> = {};
    const q = (run: string, tag: string) => `run=${encodeURIComponent(run)}&tag=${encodeURIComponent(tag)}`;

    beforeAll(async () => {
      logdir = path.join(tmp, 'logs');
      runNames = fs.existsSync(logdir) ? listRuns(logdir) : [];
      if (runNames.length === 0)
        throw new Error(`the notebooks wrote no TensorBoard logs to LISTA5_LOGDIR (${logdir})`);
      for (const run of runNames) ours[run] = readRun(path.join(logdir, run));
      tb = await startTensorBoard(logdir, runNames);
    }, 300_000);

    afterAll(async () => {
      await tb?.stop();
    }, 60_000);

    test('its HTTP API serves the runs, the scalar and histogram tags and the Keras graph our reader finds', async () => {
      expect([...(await tb!.getJson<string[]>('/data/runs'))].sort()).toEqual(runNames);
      const plugins = await tb!.getJson<Record<string, { enabled: boolean }>>('/data/plugins_listing');
      for (const plugin of ['scalars', 'histograms', 'distributions', 'graphs'])
        expect({ plugin, enabled: plugins[plugin]?.enabled }).toEqual({ plugin, enabled: true });

      const scalarTags = await tb!.getJson<Record<string, Record<string, unknown>>>('/data/plugin/scalars/tags');
      const histogramTags = await tb!.getJson<Record<string, Record<string, unknown>>>('/data/plugin/histograms/tags');
      const graphInfo =
        await tb!.getJson<Record<string, { tags: Record<string, { conceptual_graph: boolean }> }>>(
          '/data/plugin/graphs/info',
        );
      const trainRuns = runNames.filter((r) => ours[r].graphs.has('keras'));
      expect(trainRuns.length).toBeGreaterThan(0);
      for (const run of runNames) {
        expect({ run, scalars: Object.keys(scalarTags[run] ?? {}).sort() }).toEqual({
          run,
          scalars: [...ours[run].scalars.keys()].sort(),
        });
        expect({ run, histograms: Object.keys(histogramTags[run] ?? {}).sort() }).toEqual({
          run,
          histograms: [...ours[run].histograms.keys()].sort(),
        });
        expect(ours[run].scalars.has('epoch_loss')).toBe(true);
      }
      for (const run of trainRuns) {
        expect(graphInfo[run]?.tags.keras?.conceptual_graph).toBe(true);
        const layers = (
          JSON.parse(ours[run].graphs.get('keras')![0].value) as {
            config: { layers: { class_name: string; config: { name: string } }[] };
          }
        ).config.layers;
        const pbtxt = await tb!.getText(`/data/plugin/graphs/graph?${q(run, 'keras')}&conceptual=true`);
        const nodes = [...pbtxt.matchAll(/^ {2}name: "(.*)"$/gm)].map((m) => m[1].split('/').pop());
        const dense = layers.filter((l) => l.class_name === 'Dense').map((l) => l.config.name);
        expect(dense.length).toBeGreaterThan(0);
        for (const layer of layers) expect(nodes).toContain(layer.config.name);
        // The lesson's gradient histograms: one per Dense kernel, every epoch. TensorBoard serves a
        // sample of the steps (always with the last one).
        for (const layer of dense) {
          const written = ours[run].histograms.get(`${layer}/kernel_0_grads`)!.map((p) => p.step);
          const served = (
            await tb!.getJson<[number, number, number[][]][]>(
              `/data/plugin/histograms/histograms?${q(run, `${layer}/kernel_0_grads`)}`,
            )
          ).map((p) => p[1]);
          expect(served.length).toBeGreaterThan(1);
          expect({ layer, last: served[served.length - 1] }).toEqual({ layer, last: written[written.length - 1] });
          expect(served.filter((s) => !written.includes(s))).toEqual([]);
        }
      }
    });

    test('the Histograms dashboard, filtered by kernel_0_grads, draws the gradient histograms of every run', async () => {
      const expected = runNames.flatMap((run) =>
        [...ours[run].histograms.keys()].filter((t) => /kernel_0_grads/.test(t)).map((t) => `${run}|${t}`),
      );
      expect(expected.length).toBeGreaterThan(0);
      const page = await context!.newPage();
      const pageErrors = collectPageErrors(page);
      await page.goto(`${tb!.url}/#histograms`);
      const filter = page.locator('tf-tag-filterer input');
      await filter.fill('kernel_0_grads');
      const matching = page.locator('tf-category-paginated-view', { hasText: 'Tags matching' });
      const count = matching.locator('.count');
      await waitFor(async () => (await count.innerText()).trim() === String(expected.length), 60_000);
      expect((await count.innerText()).trim()).toBe(String(expected.length));
      const cards = matching.locator('tf-histogram-loader:visible');
      await cards.first().locator('vz-histogram-timeseries path').first().waitFor({ timeout: 60_000 });
      const shownCards = await cards.count();
      expect(shownCards).toBeGreaterThan(0);
      expect(shownCards).toBeLessThanOrEqual(expected.length);
      for (let i = 0; i < shownCards; i++) {
        const card = cards.nth(i);
        await card
          .getByText(/kernel_0_grads/)
          .first()
          .waitFor({ timeout: 60_000 });
        await card.locator('vz-histogram-timeseries path').first().waitFor({ timeout: 60_000 });
      }
      // TensorBoard scrolls inside its own panel: a tall window shows the whole first page of cards.
      await page.setViewportSize({ width: 1400, height: 2600 });
      await cards.last().locator('vz-histogram-timeseries path').first().waitFor({ timeout: 60_000 });
      await page.screenshot({ path: path.join(artifactsDir('tensorboard'), 'histograms-kernel_0_grads.png') });
      expect(pageErrors).toEqual([]);
      await page.close();
    }, 300_000);
  });

  describe('the browser, after all of the above', () => {
    test('tried to reach nothing off this machine', () => {
      expect(blocked).toEqual([]);
    });
  });
});
