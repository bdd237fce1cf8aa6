/**
 * Every chart the lesson draws, live frames and final ones, reads at a glance in the browser
 * (test/browser/helpers/chart-checks.ts): no legend entry without a visible mark, no two series on top
 * of each other unless one is dashed and the legend says so, no colliding ticks, no `0e+0`, axes that
 * fit the data shown, and each series keeps its colour while a live chart grows.
 *
 * The charts are made by the library from the lesson's own trainings: the exploding regression and the
 * clipping variants exactly as lista5-solucoes.ipynb trains them (400 epochs), and the deep networks
 * with their TensorBoard logs (fewer epochs than the lesson's 500, to keep this suite short: the charts
 * are built the same way). Drawn by Vega in Chromium; screenshots: test-artifacts/chart-legibility/.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { Browser, Page } from 'playwright-core';
import { artifactsDir, describeWithBrowser, launchChromium } from './helpers/chromium';
import { checkChart, openChartPage, type ChartReport } from './helpers/chart-checks';
import { fitSeeded, withGradientClipping, type GradientClippingOptions } from '../../lib/training';
import { LiveChart } from '../../lib/callbacks/live-chart';
import { lossCurve } from '../../lib/plots/charts/loss-curve';
import { gradientMagnitudeChart } from '../../lib/plots/charts/gradient-magnitudes';
import { gradientDistributionChart } from '../../lib/plots/charts/gradient-distributions';
import { histogramExplorerChart } from '../../lib/plots/charts/histogram-explorer';
import {
  gradientDistributionsFromLogs,
  gradientHistogramsFromLogs,
  gradientMagnitudesFromLogs,
} from '../../lib/gradients';
import { explodingRegression, lessonData, lessonNetworks } from '../../lib/lesson/networks';
import { runModel } from '../../lib/lesson/run-model';
import type { VegaLiteSpec } from '../../lib/plots/vega-lite-spec';

const DEEP_EPOCHS = 60;

/** The exploding regression of the notebook: y = 5 + 10x, Dense(1), SGD 0.01, 400 epochs, seed 1. */
async function regressionLosses(clip?: GradientClippingOptions): Promise<number[]> {
  const sgd = tf.train.sgd(0.01);
  const { model, x, y } = explodingRegression(clip ? withGradientClipping(sgd, clip) : sgd, 5);
  const history = await fitSeeded(model, x, y, { epochs: 400, seed: 1 });
  model.dispose();
  tf.dispose([x, y]);
  return history.history.loss as number[];
}

/** The frames a live chart sends while `lines` grow, epoch by epoch (a few of them), and the final one. */
function frames(make: () => LiveChart, base: Record<string, number[]>, growing: Record<string, number[]>) {
  const at = [1, 2, 3, 6, 79, 200, 400];
  const out: [string, VegaLiteSpec][] = [];
  const chart = make();
  for (const [name, values] of Object.entries(base)) chart.add(name, values);
  const names = Object.keys(growing);
  names.forEach((name, k) => {
    for (const n of at) {
      chart.add(name, growing[name].slice(0, n));
      if (n < 400) out.push([`${name} época ${n}`, chart.spec()]);
    }
    if (k === names.length - 1) out.push([`final`, chart.spec()]);
  });
  return out;
}

describeWithBrowser('the lesson’s charts read at a glance', () => {
  let browser: Browser | undefined;
  let page: Page;
  let tmp: string;
  let dir: string;
  const charts: [string, VegaLiteSpec][] = [];
  const live: Record<string, [string, VegaLiteSpec][]> = {};
  const reports = new Map<string, ChartReport>();

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lista5-legibility-'));
    dir = artifactsDir('chart-legibility');
    const semRecorte = await regressionLosses();
    const variants: Record<string, GradientClippingOptions> = {
      'clipvalue 1': { clipvalue: 1 },
      'clipnorm 1': { clipnorm: 1 },
      'clipvalue 1000': { clipvalue: 1000 },
    };
    const losses: Record<string, number[]> = {};
    for (const [name, clip] of Object.entries(variants)) losses[name] = await regressionLosses(clip);
    const options = (title: string) => ({ title, lossName: 'MSE', epochs: 400 });
    // c8: "sem recorte" alone; c14: "com recorte" alone; c16: the comparison, variant after variant.
    live.c8 = frames(() => new LiveChart(options('Loss (MSE) por época: sem recorte')), {}, { MSE: semRecorte });
    live.c14 = frames(
      () => new LiveChart(options('Loss (MSE) por época: com recorte')),
      {},
      { MSE: losses['clipvalue 1'] },
    );
    live.c16 = frames(
      () => new LiveChart(options('Loss (MSE) com e sem gradient clipping')),
      { 'sem recorte': semRecorte },
      losses,
    );
    charts.push([
      'c10 zoom',
      lossCurve(semRecorte, {
        title: 'Exploding gradient: loss (MSE) nas primeiras épocas',
        lossName: 'MSE',
        maxEpoch: 12,
      }),
    ]);

    // The deep networks, logged for TensorBoard as the notebook logs them.
    const data = lessonData();
    const nets = lessonNetworks();
    for (const name of ['modelo_raso', 'modelo_fundo', 'modelo_xavier'] as const) {
      const chart = new LiveChart({ kind: 'accuracy', title: `Acurácia ${name}`, epochs: DEEP_EPOCHS });
      const result = await runModel(nets[name], data, {
        epochs: DEEP_EPOCHS,
        summary: false,
        plot: false,
        logToTb: name !== 'modelo_raso',
        logDir: tmp,
      });
      for (const n of [1, 5, DEEP_EPOCHS]) {
        chart.add('treino', result.history.acc.slice(0, n)).add('teste', result.history.val_acc.slice(0, n));
        (live[name] ??= []).push([`época ${n}`, chart.spec()]);
      }
    }
    const deep = ['modelo_fundo', 'modelo_xavier'];
    charts.push(['c32 magnitudes', gradientMagnitudeChart(gradientMagnitudesFromLogs(deep, tmp))]);
    for (const name of deep)
      charts.push([
        `c34 ${name}`,
        gradientDistributionChart(gradientDistributionsFromLogs(name, tmp), {
          title: `Gradientes dos kernels por camada: ${name}`,
        }),
      ]);
    const histograms = gradientHistogramsFromLogs(deep, tmp);
    charts.push(['c36 explorer', histogramExplorerChart(histograms)]);
    // Each panel's x axis follows the slider: at an early epoch too, the chosen histogram spans its panel.
    for (const epoch of [0, 10])
      charts.push([`c36 explorer época ${epoch}`, histogramExplorerChart(histograms, { epoch })]);
    charts.push([
      'c36 explorer static',
      histogramExplorerChart(histograms, { staticEpochs: [0, 10, DEEP_EPOCHS - 1] }),
    ]);

    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await openChartPage(page);
    for (const [name, spec] of charts) reports.set(name, await checkChart(page, name, spec, dir));
    for (const [chart, list] of Object.entries(live))
      for (const [frame, spec] of list) {
        // A live frame spans the whole training on x from the start; accuracy is on [0, 1] by design.
        // One point (epoch 1): nothing to fit.
        const first = / época 1$/.test(frame);
        const fixed = { x: first || !/final|época (60|400)$/.test(frame), y: first || chart.startsWith('modelo_') };
        reports.set(`${chart} ${frame}`, await checkChart(page, `${chart} ${frame}`, spec, dir, fixed));
      }
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('no chart has a problem a reader would see', () => {
    const problems = Object.fromEntries(
      [...reports].filter(([, r]) => r.problems.length).map(([n, r]) => [n, r.problems]),
    );
    expect(problems).toEqual({});
    expect(reports.size).toBeGreaterThan(30);
  });

  test('each series keeps its colour while a live chart grows', () => {
    for (const [chart, list] of Object.entries(live)) {
      const colours: Record<string, string> = {};
      for (const [frame] of list) {
        const legend = reports.get(`${chart} ${frame}`)!.legend;
        for (const [label, colour] of Object.entries(legend)) {
          const series = label.replace(/ \(= .*\)$/, '');
          expect([chart, series, (colours[series] ??= colour)]).toEqual([chart, series, colour]);
        }
      }
    }
  });

  test('two series with the same values: one dashed over the other, and the legend says so', () => {
    const legend = reports.get('c16 final')!.legend;
    expect(Object.keys(legend)).toEqual(['sem recorte', 'clipvalue 1', 'clipnorm 1 (= clipvalue 1)', 'clipvalue 1000']);
  });

  test('the dotted line at 0.5 says what it is', () => {
    for (const name of ['modelo_raso', 'modelo_fundo', 'modelo_xavier'])
      expect(reports.get(`${name} época ${DEEP_EPOCHS}`)!.texts).toContain('acaso');
  });

  test('a live loss chart says "final" only once its training ended', () => {
    const subtitle = (name: string) => reports.get(name)!.texts.find((t) => /loss/.test(t) && /época|final/.test(t));
    expect(subtitle('c14 MSE época 79')).toMatch(/^treinando: época 79 de 400/);
    expect(subtitle('c14 final')).toMatch(/^loss final: /);
  });
});
