/**
 * The histogram explorer (`histogramExplorerChart`) in JupyterLab, driven as a student drives it: a
 * small notebook writes gradient histograms of two models to TensorBoard logs, reads them back and
 * shows the explorer; moving its epoch slider (the range input under the chart) redraws the chart.
 *
 * Its own JupyterLab on a temporary folder; no training, so it takes seconds, not the lesson's
 * minutes. Screenshots: test-artifacts/histogram-explorer/. Nothing here asserts speed.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Browser, Locator, Page } from 'playwright-core';
import { artifactsDir, collectPageErrors, describeWithBrowser, launchChromium } from './helpers/chromium';
import { closeLabSuite, JupyterLab, startLabWithNotebooks } from './helpers/jupyterlab';
import { drawingFingerprint, openNotebook, runAllCells, shownOutputs, vegaOutputs } from './helpers/notebook-ui';

const EPOCHS = 20;
const NOTEBOOK = 'explorador.ipynb';
const cell = (source: string) => ({ cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source });
const notebook = {
  cells: [
    cell('import * as l5 from "lista5";'),
    cell(
      [
        '// Histogramas de gradientes de dois modelos, escritos como o TensorBoardCallback os escreve.',
        'const logs = process.env.LISTA5_LOGDIR as string;',
        'for (const [modelo, camada, escala] of [["modelo_fundo", "funda_1", 1e-4], ["modelo_xavier", "xavier_1", 1e-2]] as const) {',
        '  const w = new l5.SummaryWriter(l5.trainRunDir(modelo, logs));',
        `  for (let epoca = 0; epoca < ${EPOCHS}; epoca++)`,
        '    w.histogram(`${camada}/kernel_0_grads`, Array.from({ length: 25 }, (_, i) => escala * (1 + epoca) * Math.sin(i * 7.1 + epoca)), epoca);',
        '  w.close();',
        '}',
        'const histogramas = l5.gradientHistogramsFromLogs(["modelo_fundo", "modelo_xavier"], logs);',
        'await l5.showChart(l5.histogramExplorerChart(histogramas, { epoch: 0 }), {',
        `  staticSpec: l5.histogramExplorerChart(histogramas, { staticEpochs: [0, ${EPOCHS - 1}] }),`,
        '});',
      ].join('\n'),
    ),
  ],
  metadata: {
    kernelspec: { display_name: 'TypeScript', language: 'typescript', name: 'tslab' },
    language_info: { name: 'typescript' },
  },
  nbformat: 4,
  nbformat_minor: 5,
};

describeWithBrowser('the histogram explorer in JupyterLab', () => {
  let tmp: string;
  let lab: JupyterLab | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lista5-explorer-'));
    lab = await startLabWithNotebooks(tmp, { [NOTEBOOK]: notebook }, { LISTA5_LOGDIR: path.join(tmp, 'logs') });
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await closeLabSuite({ browser, lab, tmp });
  }, 120_000);

  /** Polls until the chart's drawing differs from `before` (vega redraws asynchronously), or gives up. */
  async function drawingAfter(chart: Locator, before: string, giveUpMs = 10_000): Promise<string> {
    const giveUpAt = Date.now() + giveUpMs;
    let now = await drawingFingerprint(chart);
    while (now === before && Date.now() < giveUpAt) {
      await new Promise((r) => setTimeout(r, 200));
      now = await drawingFingerprint(chart);
    }
    return now;
  }

  test(
    'moving the epoch slider redraws the chart, and moving it back restores the drawing',
    async () => {
      const page: Page = await browser!.newPage({ viewport: { width: 1300, height: 1000 } });
      const errors = collectPageErrors(page);
      await openNotebook(page, lab!.notebookUrl(NOTEBOOK), 'TypeScript');
      await runAllCells(page, 10 * 60_000);
      const problems = (await shownOutputs(page)).filter((o) => /Error/.test(o.text));
      expect(problems.map((o) => o.text.slice(0, 1000))).toEqual([]);

      const chart = vegaOutputs(page).first();
      await chart.scrollIntoViewIfNeeded();
      const slider = chart.locator('input[type="range"]');
      await slider.waitFor({ timeout: 60_000 });
      expect(await slider.getAttribute('min')).toBe('0');
      expect(await slider.getAttribute('max')).toBe(String(EPOCHS - 1));
      expect(await slider.inputValue()).toBe('0');
      const shots = artifactsDir('histogram-explorer');
      const atStart = await drawingAfter(chart, '');
      // A real drawing: the fingerprint is `canvas|svg:<length of the pixels or markup>:<hash>`.
      expect(Number(atStart.split(':')[1])).toBeGreaterThan(1000);
      await chart.screenshot({ path: path.join(shots, 'epoca-0.png') });

      // As a person does: focus the slider and press End (last epoch), then Home (first epoch).
      await slider.focus();
      await slider.press('End');
      expect(await slider.inputValue()).toBe(String(EPOCHS - 1));
      const atEnd = await drawingAfter(chart, atStart);
      expect(atEnd).not.toBe(atStart);
      await chart.screenshot({ path: path.join(shots, `epoca-${EPOCHS - 1}.png`) });

      await slider.press('Home');
      expect(await slider.inputValue()).toBe('0');
      expect(await drawingAfter(chart, atEnd)).toBe(atStart);
      expect(errors.filter((e) => /vega|render/i.test(e))).toEqual([]);
      await page.close();
    },
    15 * 60_000,
  );
});
