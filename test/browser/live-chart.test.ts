/**
 * `l5.liveChart` in JupyterLab, in Chromium: a small temporary notebook trains a network with
 * `model.fit` and the live chart; while it runs, the chart JupyterLab draws is sampled and must
 * change several times (it grows), end with every epoch, and stay ONE output of its cell (redrawn
 * in place, not a trail of copies). Screenshots: test-artifacts/live-chart/.
 * Nothing here asserts speed; the timeouts only stop a hung run.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Browser, Page } from 'playwright-core';
import { projectRoot } from '../helpers/python';
import { artifactsDir, collectPageErrors, describeWithBrowser, launchChromium } from './helpers/chromium';
import { closeLabSuite, JupyterLab, startLabWithNotebooks } from './helpers/jupyterlab';
import {
  drawingFingerprint,
  openNotebook,
  runAllCells,
  saveNotebook,
  shownOutputs,
  vegaOutputs,
} from './helpers/notebook-ui';
import { inlineRows } from '../../lib/plots/compact';

const VEGA_LITE = 'application/vnd.vegalite.v5+json';
const EPOCHS = 150;
const TIMEOUT_MS = 10 * 60_000;

/** The notebook: the lesson's circles and Xavier network, trained with model.fit and a live accuracy chart. */
const CELLS = [
  'import * as tf from "@tensorflow/tfjs";\nimport * as l5 from "lista5";\nawait l5.initBackend();',
  [
    'const dados = l5.lessonData();',
    'const rede = l5.lessonNetworks(1).modelo_xavier;',
    'rede.compile({ optimizer: tf.train.sgd(0.05), loss: "binaryCrossentropy", metrics: ["accuracy"] });',
    'const x = tf.tensor2d(Float32Array.from(dados.trainX.data), [500, 2]);',
    'const y = tf.tensor2d(Float32Array.from(dados.trainY), [500, 1]);',
    `const historico = await rede.fit(x, y, { epochs: ${EPOCHS}, batchSize: 32, verbose: 0, callbacks: [l5.fitProgress(${EPOCHS}, "rede"), l5.liveChart({ kind: "accuracy", title: "Acurácia ao vivo" })] });`,
  ].join('\n'),
];

describeWithBrowser('the live chart in JupyterLab', () => {
  let tmp: string;
  let lab: JupyterLab | undefined;
  let browser: Browser | undefined;
  let page: Page;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lista5-live-'));
    const lesson = JSON.parse(fs.readFileSync(path.join(projectRoot, 'notebooks', 'lista5-solucoes.ipynb'), 'utf8'));
    const cells = CELLS.map((source) => ({
      cell_type: 'code',
      execution_count: null,
      metadata: {},
      outputs: [],
      source,
    }));
    lab = await startLabWithNotebooks(tmp, {
      'live.ipynb': { cells, metadata: lesson.metadata, nbformat: 4, nbformat_minor: 4 },
    });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
  }, 300_000);

  afterAll(async () => {
    await closeLabSuite({ browser, lab, tmp });
  }, 120_000);

  test(
    'the chart grows while the network trains, ends with every epoch, and is one output',
    async () => {
      const shots = artifactsDir('live-chart');
      const pageErrors = collectPageErrors(page);
      await openNotebook(page, lab!.notebookUrl('live.ipynb'), 'TypeScript');

      // Sample the chart while the notebook runs.
      const drawings: string[] = [];
      let running = true;
      const sampling = (async () => {
        while (running) {
          const charts = vegaOutputs(page);
          if ((await charts.count()) > 0) {
            const drawing = await drawingFingerprint(charts.first()).catch(() => '');
            if (drawing && drawing !== drawings[drawings.length - 1]) {
              drawings.push(drawing);
              if (drawings.length === 2) await page.screenshot({ path: path.join(shots, 'while-training.png') });
            }
          }
          await new Promise((r) => setTimeout(r, 100));
        }
      })();
      try {
        await runAllCells(page, TIMEOUT_MS - 120_000);
      } finally {
        running = false;
        await sampling;
      }
      await page.screenshot({ path: path.join(shots, 'after-training.png') });
      fs.writeFileSync(
        path.join(shots, 'drawings.json'),
        JSON.stringify({ distinct: drawings.length, drawings }, null, 1),
      );
      // tslab shows compile and runtime errors on stderr.
      const errors = (await shownOutputs(page)).filter((o) => o.mime === 'application/vnd.jupyter.stderr');
      expect(errors.map((o) => o.text)).toEqual([]);

      // It changed several times while training: it grew, not just appeared at the end.
      if (drawings.length < 3)
        throw new Error(`the chart changed ${drawings.length} times: ${JSON.stringify({ drawings, pageErrors })}`);

      // One chart, in the training cell, and nothing shown twice there (progress line, chart).
      const shown = (await shownOutputs(page)).filter((o) => o.cell === 1);
      expect(shown.filter((o) => o.classes.includes('jp-RenderedVegaCommon5'))).toHaveLength(1);
      expect(await vegaOutputs(page).count()).toBe(1);
      expect(shown.map((o) => o.text).filter((t, i, all) => t && all.indexOf(t) !== i)).toEqual([]);
      expect(shown.some((o) => o.text.includes(`rede: Época ${EPOCHS}/${EPOCHS}`))).toBe(true);
      // What stays on screen is the last frame sampled.
      expect(await drawingFingerprint(vegaOutputs(page).first())).toBe(drawings[drawings.length - 1]);

      // As saved: one chart output, the final frame, with every epoch of both series and its SVG.
      await saveNotebook(page);
      const saved = JSON.parse(fs.readFileSync(path.join(tmp, 'notebooks', 'live.ipynb'), 'utf8')) as {
        cells: { outputs?: { data?: Record<string, unknown> }[] }[];
      };
      const charts = saved.cells[1].outputs!.filter((o) => o.data?.[VEGA_LITE]);
      expect(charts).toHaveLength(1);
      expect(String(charts[0].data!['image/svg+xml'])).toMatch(/^<svg[\s\S]*<\/svg>$/);
      const spec = charts[0].data![VEGA_LITE] as { layer: Parameters<typeof inlineRows>[0][] };
      const epochs = inlineRows(spec.layer[1])
        .filter((p) => p.serie === 'treino')
        .map((p) => p.epoca);
      expect(epochs).toEqual(Array.from({ length: EPOCHS }, (_, i) => i + 1));
    },
    TIMEOUT_MS,
  );
});
