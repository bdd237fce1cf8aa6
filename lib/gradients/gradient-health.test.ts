import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { diagnoseGradients, formatNumberPt, GradientSeries } from './gradient-health.js';
import { readGradientSeries } from './gradient-log.js';
import { GradientStats, WeightGradientStats } from './gradient-stats.js';
import { SummaryWriter } from '../tensorboard/summary-writer.js';

const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'gradient-health-test-'));
afterAll(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));

/** Synthetic stats: one kernel (and a small bias) per layer with the given mean |g|. */
function stats(
  meanAbs: number[],
  layers = meanAbs.map((_, i) => (i === meanAbs.length - 1 ? 'saida' : `oculta_${i + 1}`)),
): GradientStats {
  const weights: WeightGradientStats[] = meanAbs.flatMap((m, i) => [
    {
      name: `${layers[i]}/kernel`,
      layer: layers[i],
      param: 'kernel',
      size: 4,
      meanAbs: m,
      norm: 2 * Math.abs(m),
      maxAbs: Math.abs(m),
      finite: Number.isFinite(m),
    },
    {
      name: `${layers[i]}/bias`,
      layer: layers[i],
      param: 'bias',
      size: 1,
      meanAbs: m / 10,
      norm: Math.abs(m / 10),
      maxAbs: Math.abs(m / 10),
      finite: Number.isFinite(m),
    },
  ]);
  return { loss: 0.69, weights, kernels: weights.filter((w) => w.param === 'kernel') };
}

describe('formatNumberPt', () => {
  it('writes two significant digits with a decimal comma, and powers of ten with superscripts', () => {
    expect(formatNumberPt(220.4)).toBe('220');
    expect(formatNumberPt(1.63)).toBe('1,6');
    expect(formatNumberPt(0.045)).toBe('0,045');
    expect(formatNumberPt(6572)).toBe('6600');
    expect(formatNumberPt(0.0031)).toBe('3,1×10⁻³');
    expect(formatNumberPt(0.003)).toBe('3×10⁻³');
    expect(formatNumberPt(1e6)).toBe('10⁶');
    expect(formatNumberPt(6.01e11)).toBe('6×10¹¹');
    expect(formatNumberPt(-2.5e-5)).toBe('-2,5×10⁻⁵');
    expect(formatNumberPt(0)).toBe('0');
    expect(formatNumberPt(NaN)).toBe('NaN');
    expect(formatNumberPt(Infinity)).toBe('Infinity');
  });
});

describe('diagnoseGradients on one look', () => {
  it("vanishing: a hidden layer gets less than 0.05× the output layer's gradient; the message names it", () => {
    const d = diagnoseGradients(stats([2e-3, 1e-5, 4e-3]));
    expect(d.verdict).toBe('vanishing');
    expect(d.ratioFirstToLast).toBeCloseTo(0.5, 12);
    expect(d.weakest).toEqual({ layer: 'oculta_2', ratio: 1e-5 / 4e-3 });
    expect(d.message).toBe(
      'Gradientes desaparecendo: a camada oculta_2 recebe gradientes 400× menores que a última (saida), ' +
        'e a 1ª camada (oculta_1), 2× menores (média de |g| da última: 4×10⁻³). ' +
        'As camadas com gradientes pequenos quase não aprendem; experimente a inicialização de Xavier Glorot (glorotUniform).',
    );
    const first = diagnoseGradients(stats([3e-6, 1e-3], ['funda_1', 'funda_output']));
    expect(first.verdict).toBe('vanishing');
    expect(first.message).toMatch(
      /^Gradientes desaparecendo: a 1ª camada \(funda_1\) recebe gradientes 330× menores que a última \(funda_output\)/,
    );
  });

  it('healthy: no message; and a one-layer model cannot have vanishing gradients', () => {
    expect(diagnoseGradients(stats([1e-3, 5e-4, 4e-3]))).toEqual({
      verdict: 'healthy',
      ratioFirstToLast: 0.25,
      weakest: { layer: 'oculta_2', ratio: 0.125 },
    });
    const one = diagnoseGradients(stats([1e-9]));
    expect(one).toEqual({ verdict: 'healthy', ratioFirstToLast: 1 });
    expect(one.message).toBeUndefined();
    // All gradients zero: no evidence of anything.
    expect(diagnoseGradients(stats([0, 0, 0])).verdict).toBe('healthy');
  });

  it('exploding: a gradient that is not finite, or a gradient norm above 1e6', () => {
    const nan = diagnoseGradients(stats([1e-3, NaN, 1e-3]));
    expect(nan.verdict).toBe('exploding');
    expect(nan.message).toMatch(
      /^Gradientes explodindo: o gradiente de oculta_2\/kernel não é finito \(NaN ou Infinity\)/,
    );
    expect(nan.message).toContain('gradient clipping');
    const big = diagnoseGradients(stats([1e6, 3]));
    expect(big.verdict).toBe('exploding');
    expect(big.message).toMatch(/a norma do gradiente é 2×10⁶ \(acima de 10⁶\)/);
    expect(diagnoseGradients(stats([1e6, 3]), { explodingNorm: 1e7 }).verdict).toBe('healthy');
  });
});

describe('diagnoseGradients on a training', () => {
  /** A series with the given per-epoch mean |g| of each layer's kernel (rows: epochs). */
  function series(rows: number[][]): GradientSeries {
    const layers = rows[0].map((_, i) => (i === rows[0].length - 1 ? 'saida' : `oculta_${i + 1}`));
    return {
      steps: rows.map((_, t) => t),
      weights: layers.map((layer, i) => ({
        name: `${layer}/kernel`,
        layer,
        param: 'kernel',
        meanAbs: rows.map((r) => r[i]),
        norm: rows.map((r) => 2 * r[i]),
      })),
    };
  }

  it('vanishing when at least a quarter of the epochs are, with medians in the message', () => {
    const rows = [
      [1e-3, 1e-5, 1e-3],
      [1e-3, 2e-5, 1e-3],
      [1e-3, 5e-4, 1e-3],
      [1e-3, 6e-4, 1e-3],
    ];
    const d = diagnoseGradients(series(rows));
    expect(d).toMatchObject({ verdict: 'vanishing', vanishingShare: 0.5, epochs: 4, ratioFirstToLast: 1 });
    expect(d.weakest!.layer).toBe('oculta_2');
    expect(d.weakest!.ratio).toBeCloseTo((0.02 + 0.5) / 2, 12);
    expect(d.message).toMatch(
      /^Gradientes desaparecendo em 50% das 4 épocas medidas: na mediana, a camada oculta_2 recebeu gradientes 3.8× menores que a última \(saida\), e a 1ª camada \(oculta_1\), do mesmo tamanho\./,
    );
    expect(
      diagnoseGradients(
        series(
          rows
            .slice(1)
            .concat([[1e-3, 6e-4, 1e-3]] as number[][])
            .concat([[1e-3, 6e-4, 1e-3]]),
        ),
      ).verdict,
    ).toBe('healthy'); // 1 of 5 epochs
  });

  it('exploding when a gradient stops being finite, passes 1e6, or grows 10× per epoch three epochs running', () => {
    const nan = diagnoseGradients(
      series([
        [1, 1],
        [2, 2],
        [NaN, 3],
      ]),
    );
    expect(nan.verdict).toBe('exploding');
    expect(nan.message).toMatch(/o gradiente de oculta_1\/kernel deixa de ser finito \(NaN ou Infinity\) na época 2/);
    expect(
      diagnoseGradients(
        series([
          [1, 1],
          [1e6, 1],
        ]),
      ).message,
    ).toMatch(/a norma do gradiente chega a 2×10⁶ na época 1 \(acima de 10⁶\)/);
    const growing = diagnoseGradients(
      series([
        [1e-3, 1e-3],
        [2e-2, 2e-2],
        [4e-1, 4e-1],
        [8, 8],
        [9, 9],
      ]),
    );
    expect(growing.verdict).toBe('exploding');
    expect(growing.message).toMatch(/cresce 10× ou mais por época da época 0 à 3 \(de 2.8×10⁻³ a 23\)/);
    expect(
      diagnoseGradients(
        series([
          [1e-3, 1e-3],
          [2e-2, 2e-2],
          [4e-1, 4e-1],
          [2, 2],
        ]),
      ).verdict,
    ).toBe('healthy');
    // The sign seen first is the one reported.
    expect(
      diagnoseGradients(
        series([
          [1, 1],
          [1e7, 1],
          [NaN, 1],
        ]),
      ).message,
    ).toMatch(/chega a .* na época 1/);
  });

  it('accepts an array of gradientStats looks, and rejects what it cannot read', () => {
    const d = diagnoseGradients([stats([1e-3, 1e-6, 1e-3]), stats([1e-3, 1e-6, 1e-3])]);
    expect(d).toMatchObject({ verdict: 'vanishing', epochs: 2, vanishingShare: 1 });
    expect(() => diagnoseGradients([])).toThrow('diagnoseGradients: no gradient statistics given (empty array)');
    expect(() => diagnoseGradients({} as GradientStats)).toThrow(/expected gradientStats\(\.\.\.\) output/);
  });
});

describe('readGradientSeries', () => {
  it('reads <weight>_0_grads/mean_abs and /norm back, in the order they were written', () => {
    const dir = path.join(tmpRoot, 'series', 'train');
    const w = new SummaryWriter(dir, { flushIntervalMs: 0 });
    for (let step = 0; step < 3; step++) {
      w.scalar('epoch_loss', 1, step);
      for (const [weight, m] of [
        ['a_1/kernel', 1e-5],
        ['a_1/bias', 1e-6],
        ['a_output/kernel', 1e-3],
      ] as const) {
        w.scalar(`${weight}_0_grads/mean_abs`, m * (step + 1), step);
        w.scalar(`${weight}_0_grads/norm`, 2 * m, step);
      }
    }
    w.close();
    const s = readGradientSeries(dir);
    expect(s.steps).toEqual([0, 1, 2]);
    expect(s.weights.map((x) => [x.name, x.layer, x.param])).toEqual([
      ['a_1/kernel', 'a_1', 'kernel'],
      ['a_1/bias', 'a_1', 'bias'],
      ['a_output/kernel', 'a_output', 'kernel'],
    ]);
    expect(s.weights[0].meanAbs.map((v) => v / 1e-5)).toEqual([
      expect.closeTo(1, 6),
      expect.closeTo(2, 6),
      expect.closeTo(3, 6),
    ]);
    expect(diagnoseGradients(s).verdict).toBe('vanishing');
  });

  it('says what to do when the run has no gradient magnitudes', () => {
    const dir = path.join(tmpRoot, 'no-grads', 'train');
    const w = new SummaryWriter(dir);
    w.scalar('epoch_loss', 1, 0);
    w.close();
    expect(() => readGradientSeries(dir)).toThrow(
      /no gradient magnitudes .* log the training with TensorBoardCallback\(\{ x, y \}\)/,
    );
  });
});
