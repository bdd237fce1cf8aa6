import * as tf from '@tensorflow/tfjs';
import { fitSeeded } from '../training/fit-seeded';
import { terminateOnNaN } from './terminate-on-nan';

/** y = 5 + 10x on x = 0..99 with SGD(lr) — the lesson's exploding regression: NaN within a few batches at lr 0.01. */
function exploding(learningRate: number) {
  const xs = Array.from({ length: 100 }, (_, i) => i);
  const x = tf.tensor2d(xs, [100, 1]);
  const y = tf.tensor2d(
    xs.map((v) => 5 + 10 * v),
    [100, 1],
  );
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ units: 1, inputShape: [1], kernelInitializer: tf.initializers.glorotUniform({ seed: 5 }) }),
    ],
  });
  const optimizer = tf.train.sgd(learningRate);
  model.compile({ optimizer, loss: 'meanSquaredError' });
  return { model, x, y, optimizer };
}

/** The per-batch losses of the same training, one number per batch, until the first non-finite one. */
async function batchLossesUntilNaN(learningRate: number) {
  const { model, x, y, optimizer } = exploding(learningRate);
  const losses: number[] = [];
  await fitSeeded(model, x, y, {
    epochs: 20,
    batchSize: 32,
    seed: 0,
    shuffle: false,
    callbacks: {
      onBatchEnd: async (_batch: number, logs?: tf.Logs) => {
        losses.push(logs!.loss as number);
        if (!Number.isFinite(logs!.loss as number)) model.stopTraining = true;
      },
    },
  });
  tf.dispose([x, y]);
  optimizer.dispose();
  model.dispose();
  return losses;
}

describe('terminateOnNaN', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('stops fitSeeded at the first batch whose loss is not finite, and names the batch and epoch (from 1)', async () => {
    const losses = await batchLossesUntilNaN(0.01);
    const firstBad = losses.findIndex((l) => !Number.isFinite(l));
    expect(firstBad).toBeGreaterThan(0); // the first batches are finite but growing
    const batchesPerEpoch = 4; // 100 samples, batches of 32
    const { model, x, y, optimizer } = exploding(0.01);
    const lines: string[] = [];
    const callback = terminateOnNaN((line) => lines.push(line));
    const history = await fitSeeded(model, x, y, {
      epochs: 20,
      batchSize: 32,
      seed: 0,
      shuffle: false,
      callbacks: [callback],
    });
    const expected = { epoch: Math.floor(firstBad / batchesPerEpoch), batch: firstBad % batchesPerEpoch };
    expect(callback.stoppedAt).toMatchObject(expected);
    expect(Number.isFinite(callback.stoppedAt!.loss)).toBe(false);
    expect(lines).toEqual([
      `TerminateOnNaN: loss ${callback.stoppedAt!.loss} no lote ${expected.batch + 1} da época ${expected.epoch + 1} — treino interrompido`,
    ]);
    expect(history.history.loss).toHaveLength(expected.epoch + 1); // no epoch after the bad one
    expect((optimizer as unknown as { iterations: number }).iterations).toBe(firstBad + 1);
    tf.dispose([x, y]);
    optimizer.dispose();
    model.dispose();
  });

  it("works in tfjs' own model.fit too (loss handed over as a tensor)", async () => {
    const { model, x, y, optimizer } = exploding(0.01);
    const lines: string[] = [];
    const callback = terminateOnNaN((line) => lines.push(line));
    const before = tf.memory().numTensors;
    await model.fit(x, y, { epochs: 20, batchSize: 32, shuffle: false, verbose: 0, callbacks: [callback] });
    expect(callback.stoppedAt).not.toBeNull();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^TerminateOnNaN: loss (NaN|-?Infinity) no lote \d+ da época \d+ — treino interrompido$/);
    expect(tf.memory().numTensors).toBeLessThanOrEqual(before);
    tf.dispose([x, y]);
    optimizer.dispose();
    model.dispose();
  });

  it('does nothing while the loss stays finite', async () => {
    const { model, x, y, optimizer } = exploding(1e-5);
    const callback = terminateOnNaN(() => {
      throw new Error('must not print');
    });
    const history = await fitSeeded(model, x, y, { epochs: 3, seed: 0, callbacks: [callback] });
    expect(callback.stoppedAt).toBeNull();
    expect(history.history.loss).toHaveLength(3);
    tf.dispose([x, y]);
    optimizer.dispose();
    model.dispose();
  });

  it('names a bad print argument', () => {
    expect(() => terminateOnNaN(42 as never)).toThrow(/terminateOnNaN: print must be a function/);
  });
});
