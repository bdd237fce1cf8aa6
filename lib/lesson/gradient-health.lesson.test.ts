/**
 * diagnoseGradients on the lesson's own trainings: the deep uniform network vanishes, Xavier's and the
 * shallow one stay healthy, the exploding regression explodes (lib/gradients tests the rules on
 * synthetic numbers; these check that they hold where the lesson draws its conclusions).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { TensorBoardCallback } from '../callbacks/index';
import { diagnoseGradients, type GradientStats, gradientStats, readGradientSeries } from '../gradients/index';
import { setDisplaySink } from '../notebook/index';
import { fitSeeded, kerasSGD } from '../training/index';
import { explodingRegression, type LessonNetwork, lessonData, lessonNetworks } from './networks';
import { runModel } from './run-model';

const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'gradient-health-lesson-test-'));
afterAll(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));

/** Enough epochs to see each verdict hold past the start (the notebook checks all 500 of its run). */
const LESSON_EPOCHS = 30;

describe(`on the lesson's networks (seed 1, runModel, ${LESSON_EPOCHS} epochs)`, () => {
  const d = lessonData();
  const measured: Record<LessonNetwork, { at: Map<number, GradientStats>; all: GradientStats[] }> = {} as never;

  beforeAll(async () => {
    const restore = setDisplaySink(() => undefined);
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const nets = lessonNetworks(1);
      for (const name of ['modelo_raso', 'modelo_fundo', 'modelo_xavier'] as const) {
        const model = nets[name];
        const all: GradientStats[] = [];
        const look = () => all.push(gradientStats(model, d.trainX, d.trainY));
        const probe = new tf.CustomCallback({
          onTrainBegin: async () => void look(),
          onEpochEnd: async () => void look(),
        });
        await runModel(model, d, {
          epochs: LESSON_EPOCHS,
          summary: false,
          plot: false,
          callbacks: [probe as unknown as tf.Callback],
        });
        // all[e]: after e epochs
        measured[name] = { all, at: new Map([0, 10, LESSON_EPOCHS].map((e) => [e, all[e]])) };
        model.dispose();
      }
    } finally {
      restore();
      log.mockRestore();
    }
  }, 300_000);

  it(`modelo_fundo: vanishing at epochs 0, 10 and ${LESSON_EPOCHS}, and over the training`, () => {
    for (const [epoch, s] of measured.modelo_fundo.at) {
      const v = diagnoseGradients(s);
      expect([epoch, v.verdict]).toEqual([epoch, 'vanishing']);
      expect(v.weakest!.ratio).toBeLessThan(0.025); // measured 0.0086, 0.0045, 0.0181
      expect(v.message).toMatch(
        /^Gradientes desaparecendo: a camada funda_\d recebe gradientes \d+× menores que a última \(funda_output\)/,
      );
    }
    const whole = diagnoseGradients(measured.modelo_fundo.all);
    expect(whole.verdict).toBe('vanishing');
    expect(whole.vanishingShare).toBeGreaterThan(0.9); // measured 0.97 (30 of 31 looks)
  });

  it(`modelo_xavier and modelo_raso: healthy at epochs 0, 10 and ${LESSON_EPOCHS}, and over the training`, () => {
    for (const name of ['modelo_xavier', 'modelo_raso'] as const) {
      for (const [epoch, s] of measured[name].at) {
        const v = diagnoseGradients(s);
        expect([name, epoch, v.verdict, v.message]).toEqual([name, epoch, 'healthy', undefined]);
        expect(v.weakest!.ratio).toBeGreaterThan(0.09); // lowest measured: 0.097 (xavier, epoch 10)
      }
      expect(diagnoseGradients(measured[name].all)).toMatchObject({ verdict: 'healthy', vanishingShare: 0 });
    }
  });
});

describe("on the lesson's exploding regression (Dense(1), y = 5 + 10x, SGD 0.01, MSE)", () => {
  it('is exploding after one epoch (norm), then NaN within six epochs; vanishing cannot apply to one layer', async () => {
    const { model, x, y } = explodingRegression(kerasSGD({ learningRate: 0.01 }));
    const looks: GradientStats[] = [gradientStats(model, x, y)];
    const history = await fitSeeded(model, x, y, {
      epochs: 6,
      seed: 1,
      callbacks: { onEpochEnd: async () => void looks.push(gradientStats(model, x, y)) },
    });
    const losses = history.history.loss as number[];
    expect(losses.some((l) => l === Infinity)).toBe(true);
    expect(Number.isNaN(losses[losses.length - 1])).toBe(true);

    // At the start the gradient is large (6.6×10⁴) but finite and below the threshold.
    expect(looks[0].weights[0].norm).toBeGreaterThan(1e4);
    expect(diagnoseGradients(looks[0]).verdict).toBe('healthy');
    const afterOne = diagnoseGradients(looks[1]);
    expect(afterOne).toMatchObject({ verdict: 'exploding', ratioFirstToLast: 1 });
    expect(afterOne.weakest).toBeUndefined();
    expect(afterOne.message).toMatch(/^Gradientes explodindo: a norma do gradiente é \d/);
    const last = diagnoseGradients(looks[looks.length - 1]);
    expect(last.verdict).toBe('exploding');
    expect(last.message).toMatch(
      /^Gradientes explodindo: o gradiente de densa\/kernel não é finito \(NaN ou Infinity\), e a loss é NaN\./,
    );
    model.dispose();
    tf.dispose([x, y]);
  });

  it('is exploding from its logs, read back with readGradientSeries', async () => {
    const { model, x, y } = explodingRegression(kerasSGD({ learningRate: 0.01 }));
    const logDir = path.join(tmpRoot, 'explosion');
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await fitSeeded(model, x, y, { epochs: 8, seed: 1, callbacks: [new TensorBoardCallback({ x, y, logDir })] });
    } finally {
      log.mockRestore();
    }
    const s = readGradientSeries(path.join(logDir, 'regressao', 'train'));
    expect(s.steps).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const d = diagnoseGradients(s);
    expect(d.verdict).toBe('exploding');
    expect(d.message).toMatch(/^Gradientes explodindo: a norma do gradiente chega a .* na época 0 \(acima de 10⁶\)/);
    // Without the absolute bound, the growth (≈10⁷× per epoch) gives it away before the NaNs.
    expect(diagnoseGradients(s, { explodingNorm: Infinity }).message).toMatch(
      /cresce 10× ou mais por época da época 0 à 3/,
    );
    model.dispose();
    tf.dispose([x, y]);
  });
});
