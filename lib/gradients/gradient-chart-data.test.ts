import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  gradientDistributionsFromLogs,
  gradientHistogramsFromLogs,
  gradientMagnitudesFromLogs,
  trainRunDir,
} from './gradient-chart-data';
import { SummaryWriter } from '../tensorboard/index';

describe('gradient charts from logs', () => {
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lista5-grad-'));
  beforeAll(() => {
    for (const [model, prefix, scale] of [
      ['modelo_fundo', 'funda', 1e-4],
      ['modelo_xavier', 'xavier', 1e-2],
    ] as const) {
      const w = new SummaryWriter(trainRunDir(model, logDir));
      for (let epoch = 0; epoch < 3; epoch++) {
        for (const layer of [`${prefix}_1`, `${prefix}_output`]) {
          const g = [-2, -1, 0, 1, 2].map((v) => v * scale * (epoch + 1));
          w.histogram(`${layer}/kernel_0_grads`, g, epoch);
          w.histogram(`${layer}/bias_0_grads`, g, epoch);
          w.scalar(`${layer}/kernel_0_grads/mean_abs`, 1.2 * scale * (epoch + 1), epoch);
          w.scalar(`${layer}/kernel_0_grads/norm`, 3.2 * scale * (epoch + 1), epoch);
          w.scalar(`${layer}/bias_0_grads/mean_abs`, 9, epoch);
          w.scalar(`${layer}/bias_0_grads/norm`, 9, epoch);
        }
      }
      w.close();
    }
  });
  afterAll(() => fs.rmSync(logDir, { recursive: true, force: true }));

  it("reads the kernels' mean |g| of each model, per layer and epoch", () => {
    const points = gradientMagnitudesFromLogs(['modelo_fundo', 'modelo_xavier'], logDir);
    expect(points).toHaveLength(2 * 2 * 3);
    expect(points.filter((p) => p.modelo === 'modelo_fundo' && p.camada === 'funda_1').map((p) => p.valor)).toEqual(
      [1, 2, 3].map((k) => Math.fround(1.2e-4 * k)),
    );
    expect(points.some((p) => p.valor === 9)).toBe(false); // biases left out
  });

  it('summarises each kernel-gradient histogram by its percentiles', () => {
    const points = gradientDistributionsFromLogs('modelo_xavier', logDir);
    expect(points.map((p) => p.camada)).toEqual([
      'xavier_1',
      'xavier_1',
      'xavier_1',
      'xavier_output',
      'xavier_output',
      'xavier_output',
    ]);
    const first = points[0].percentis;
    expect(first[0]).toBeCloseTo(-2e-2, 10);
    expect(first[8]).toBeCloseTo(2e-2, 10);
  });

  it("reads every kernel-gradient histogram of each model, as TensorBoard's buckets", () => {
    const histograms = gradientHistogramsFromLogs(['modelo_fundo', 'modelo_xavier'], logDir);
    expect(histograms.map((h) => `${h.modelo} ${h.camada} ${h.epoca}`)).toEqual(
      ['modelo_fundo funda', 'modelo_xavier xavier'].flatMap((m) =>
        ['1', 'output'].flatMap((l) => [0, 1, 2].map((e) => `${m}_${l} ${e}`)),
      ),
    );
    const first = histograms[0].rows;
    expect(first).toHaveLength(30);
    expect(first[0][0]).toBeCloseTo(-2e-4, 12);
    expect(first[29][1]).toBeCloseTo(2e-4, 12);
    expect(first.reduce((s, r) => s + r[2], 0)).toBe(5);
  });

  it('says what to do when a model was not logged', () => {
    expect(() => gradientDistributionsFromLogs('modelo_raso', logDir)).toThrow(/modelo_raso/);
    expect(() => gradientHistogramsFromLogs(['modelo_fundo', 'modelo_raso'], logDir)).toThrow(/modelo_raso/);
  });
});
