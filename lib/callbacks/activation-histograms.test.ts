import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { layerActivations } from '../gradients/layer-activations.js';
import { readRun } from '../tensorboard/event-reader.js';
import { SummaryWriter } from '../tensorboard/summary-writer.js';
import { writeActivationHistograms } from './activation-histograms.js';

const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'activation-histograms-test-'));
afterAll(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));

function network(): tf.Sequential {
  return tf.sequential({
    layers: [
      tf.layers.dense({ units: 3, inputShape: [2], activation: 'tanh', name: 'oculta' }),
      tf.layers.dense({ units: 1, activation: 'sigmoid', name: 'saida' }),
    ],
  });
}

describe('writeActivationHistograms', () => {
  it('writes one histogram per layer, tagged <layer>/activations, whose buckets hold every value', () => {
    const model = network();
    const x = tf.randomUniform([40, 2], -1, 1, 'float32', 5);
    const writer = new SummaryWriter(path.join(tmpRoot, 'run'), { flushIntervalMs: 0 });
    const first = writeActivationHistograms(writer, model, x, 0);
    expect(first.map((w) => [w.tag, w.written, w.count])).toEqual([
      ['oculta/activations', true, 120],
      ['saida/activations', true, 40],
    ]);
    writeActivationHistograms(writer, model, x, 1, { buckets: 10 });
    writer.close();

    const run = readRun(path.join(tmpRoot, 'run'));
    expect([...run.histograms.keys()]).toEqual(['oculta/activations', 'saida/activations']);
    const expected = layerActivations(model, x);
    for (const [i, tag] of ['oculta/activations', 'saida/activations'].entries()) {
      const points = run.histograms.get(tag)!;
      expect(points.map((p) => [p.step, p.value.length])).toEqual([
        [0, 30],
        [1, 10],
      ]);
      const values = Array.from(expected[i].values);
      for (const p of points) {
        expect(p.value.reduce((n, [, , count]) => n + count, 0)).toBe(values.length);
        expect(p.value[0][0]).toBeCloseTo(Math.min(...values), 6);
        expect(p.value[p.value.length - 1][1]).toBeCloseTo(Math.max(...values), 6);
      }
    }
    x.dispose();
    model.dispose();
  });

  it('leaves no tensor behind', () => {
    const model = network();
    const x = tf.randomUniform([10, 2]);
    const writer = new SummaryWriter(path.join(tmpRoot, 'memory'), { flushIntervalMs: 0 });
    writeActivationHistograms(writer, model, x, 0);
    const before = tf.memory().numTensors;
    writeActivationHistograms(writer, model, x, 1);
    expect(tf.memory().numTensors).toBe(before);
    writer.close();
    x.dispose();
    model.dispose();
  });

  it('names the bad argument', () => {
    const model = network();
    const writer = new SummaryWriter(path.join(tmpRoot, 'errors'), { flushIntervalMs: 0 });
    expect(() => writeActivationHistograms(undefined as unknown as SummaryWriter, model, [[0, 0]], 0)).toThrow(
      /^writeActivationHistograms: writer must be a SummaryWriter/,
    );
    expect(() => writeActivationHistograms(writer, model, [[0, 0]], 0.5)).toThrow(
      'writeActivationHistograms: step must be an integer (e.g. the epoch), got 0.5',
    );
    expect(() => writeActivationHistograms(writer, undefined as unknown as tf.LayersModel, [[0, 0]], 0)).toThrow(
      /^layerActivations: model must be a tf.LayersModel/,
    );
    writer.close();
    model.dispose();
  });
});
