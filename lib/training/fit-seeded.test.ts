import * as tf from '@tensorflow/tfjs';
import { fitSeeded } from './fit-seeded';

function tinyClassifier(seed: number): tf.Sequential {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({
        units: 4,
        inputShape: [2],
        activation: 'tanh',
        kernelInitializer: tf.initializers.glorotUniform({ seed }),
      }),
      tf.layers.dense({
        units: 1,
        activation: 'sigmoid',
        kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }),
      }),
    ],
  });
  model.compile({ optimizer: tf.train.momentum(0.1, 0.9), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  return model;
}

function data() {
  const xs: number[][] = [];
  const ys: number[] = [];
  for (let i = 0; i < 70; i++) {
    const a = (i * 2.399) % (2 * Math.PI);
    const r = i % 2 ? 0.4 : 1;
    xs.push([r * Math.cos(a), r * Math.sin(a)]);
    ys.push(i % 2);
  }
  return { x: tf.tensor2d(xs), y: tf.tensor2d(ys, [70, 1]) };
}

describe('fitSeeded', () => {
  it('is reproducible: same seed, same history and weights; another seed differs', async () => {
    const { x, y } = data();
    const run = async (shuffleSeed: number) => {
      const model = tinyClassifier(3);
      const h = await fitSeeded(model, x, y, { epochs: 5, batchSize: 16, seed: shuffleSeed, validationData: [x, y] });
      const weights = model.getWeights().map((w) => Array.from(w.dataSync()));
      model.dispose();
      return { history: h.history, weights };
    };
    const a = await run(7);
    const b = await run(7);
    const c = await run(8);
    expect(b).toEqual(a);
    expect(c.weights).not.toEqual(a.weights);
    expect(Object.keys(a.history).sort()).toEqual(['acc', 'loss', 'val_acc', 'val_loss']);
    expect(a.history.loss).toHaveLength(5);
    tf.dispose([x, y]);
  });

  it('reports what model.fit reports for the same batches (no shuffle)', async () => {
    const { x, y } = data();
    const ours = tinyClassifier(11);
    const theirs = tinyClassifier(11);
    const h1 = await fitSeeded(ours, x, y, {
      epochs: 3,
      batchSize: 16,
      seed: 0,
      shuffle: false,
      validationData: [x, y],
    });
    const h2 = await theirs.fit(x, y, { epochs: 3, batchSize: 16, shuffle: false, validationData: [x, y], verbose: 0 });
    for (const key of ['loss', 'acc', 'val_loss', 'val_acc']) {
      const expected = h2.history[key] as number[];
      (h1.history[key] as number[]).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
    }
    const w1 = ours.getWeights().map((w) => Array.from(w.dataSync()));
    const w2 = theirs.getWeights().map((w) => Array.from(w.dataSync()));
    w1.flat().forEach((v, i) => expect(v).toBeCloseTo(w2.flat()[i], 5));
    ours.dispose();
    theirs.dispose();
    tf.dispose([x, y]);
  });

  it('leaks no tensors and calls the callbacks like model.fit', async () => {
    const { x, y } = data();
    const model = tinyClassifier(5);
    const events: string[] = [];
    // A first run creates the optimizer's slots (one momentum accumulator per weight) once.
    await fitSeeded(model, x, y, { epochs: 1, seed: 1, validationData: [x, y] });
    const before = tf.memory().numTensors;
    await fitSeeded(model, x, y, {
      epochs: 3,
      seed: 1,
      validationData: [x, y],
      callbacks: {
        onTrainBegin: async () => void events.push('begin'),
        onEpochEnd: async (epoch: number, logs?: tf.Logs) =>
          void events.push(`epoch ${epoch} ${Object.keys(logs ?? {}).join(',')}`),
        onTrainEnd: async () => void events.push('end'),
      },
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(events).toEqual([
      'begin',
      'epoch 0 loss,acc,val_loss,val_acc',
      'epoch 1 loss,acc,val_loss,val_acc',
      'epoch 2 loss,acc,val_loss,val_acc',
      'end',
    ]);
    model.dispose();
    tf.dispose([x, y]);
  });

  it('calls per-batch callbacks as model.fit does, without changing a single number', async () => {
    const { x, y } = data();
    const run = async (withBatchCallbacks: boolean) => {
      const model = tinyClassifier(3);
      const seen: { begin: number[]; end: { batch: number; size: number; loss: number; acc: number }[] } = {
        begin: [],
        end: [],
      };
      const callbacks = withBatchCallbacks
        ? {
            onBatchBegin: async (batch: number) => void seen.begin.push(batch),
            onBatchEnd: async (batch: number, logs?: tf.Logs) =>
              void seen.end.push({ batch, size: logs!.size, loss: logs!.loss, acc: logs!.acc }),
          }
        : undefined;
      const before = tf.memory().numTensors;
      const h = await fitSeeded(model, x, y, { epochs: 2, batchSize: 32, seed: 4, callbacks });
      const weights = model.getWeights().map((w) => Array.from(w.dataSync()));
      const leaked = tf.memory().numTensors - before;
      model.dispose();
      return { history: h.history, weights, seen, leaked };
    };
    const plain = await run(false);
    const withBatches = await run(true);
    expect(withBatches.history).toEqual(plain.history);
    expect(withBatches.weights).toEqual(plain.weights);
    expect(withBatches.leaked).toBe(plain.leaked);
    // 70 samples in batches of 32: 32, 32, 6 per epoch; indices restart every epoch.
    expect(withBatches.seen.begin).toEqual([0, 1, 2, 0, 1, 2]);
    expect(withBatches.seen.end.map((e) => [e.batch, e.size])).toEqual([
      [0, 32],
      [1, 32],
      [2, 6],
      [0, 32],
      [1, 32],
      [2, 6],
    ]);
    // The epoch's loss is the size-weighted mean of its batches' losses.
    const firstEpoch = withBatches.seen.end.slice(0, 3);
    const weighted = firstEpoch.reduce((s, e) => s + e.loss * e.size, 0) / 70;
    expect(withBatches.history.loss[0]).toBeCloseTo(weighted, 5);
    tf.dispose([x, y]);
  });

  it('stops after the batch in which a callback sets model.stopTraining', async () => {
    const { x, y } = data();
    const model = tinyClassifier(3);
    const batches: number[] = [];
    const h = await fitSeeded(model, x, y, {
      epochs: 3,
      batchSize: 16,
      seed: 1,
      callbacks: {
        onBatchEnd: async (batch: number) => {
          batches.push(batch);
          if (batches.length === 7) model.stopTraining = true; // batch 1 of the second epoch (5 per epoch)
        },
      },
    });
    expect(batches).toEqual([0, 1, 2, 3, 4, 0, 1]);
    expect(h.history.loss).toHaveLength(2);
    expect(Number.isFinite(h.history.loss[1] as number)).toBe(true);
    model.dispose();
    tf.dispose([x, y]);
  });

  it('refuses an uncompiled model and bad options, naming them', async () => {
    const { x, y } = data();
    const raw = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
    await expect(fitSeeded(raw, x, y, { epochs: 1, seed: 0 })).rejects.toThrow(/must be compiled/);
    const model = tinyClassifier(1);
    await expect(fitSeeded(model, x, y, { epochs: 0, seed: 0 })).rejects.toThrow(
      'fitSeeded: epochs must be a positive integer, got 0',
    );
    await expect(fitSeeded(model, x, y.slice(0, 10), { epochs: 1, seed: 0 })).rejects.toThrow(
      'x has 70 samples but y has 10',
    );
    tf.dispose([x, y]);
  });
});
