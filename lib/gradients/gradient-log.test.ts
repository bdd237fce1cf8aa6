import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SummaryWriter } from '../tensorboard/index';
import { magnitudePoints } from './gradient-chart-data';
import { type EpochGradients, readGradientLog, readGradientSeries, writeGradientLog } from './gradient-log';

describe('the gradient log', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lista5-gradient-log-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads back what it wrote: magnitudes, histograms, and the same numbers handed over in memory', () => {
    const run = path.join(dir, 'm', 'train');
    const writer = new SummaryWriter(run);
    const weights = [{ name: 'd_1/kernel' }, { name: 'd_1/bias' }, { name: 'out/kernel' }];
    const written: EpochGradients[] = [];
    for (let epoch = 0; epoch < 3; epoch++) {
      const grads = [[0.1, -0.2, 0.3], [0.01], [NaN, 1]].map((g) => Float64Array.from(g, (v) => v * (epoch + 1)));
      written.push(writeGradientLog(writer, epoch, weights, grads));
    }
    writer.scalar('epoch_loss', 1, 0); // not part of the gradient log
    writer.close();

    expect(written[0].weights[0]).toEqual({
      name: 'd_1/kernel',
      layer: 'd_1',
      param: 'kernel',
      meanAbs: Math.fround(0.2),
      norm: Math.fround(Math.hypot(0.1, 0.2, 0.3)),
    });
    const log = readGradientLog(run);
    expect(log.series.steps).toEqual([0, 1, 2]);
    expect(log.series.weights.map((w) => w.name)).toEqual(['d_1/kernel', 'd_1/bias', 'out/kernel']);
    for (const [j, w] of log.series.weights.entries()) {
      expect(w.meanAbs).toEqual(written.map((e) => e.weights[j].meanAbs));
      expect(w.norm).toEqual(written.map((e) => e.weights[j].norm));
    }
    expect(log.series.weights[2].meanAbs.every(Number.isNaN)).toBe(true);
    expect([...log.histograms.keys()]).toEqual(['d_1/kernel', 'd_1/bias', 'out/kernel']);
    expect(log.histograms.get('d_1/kernel')!.map((p) => p.step)).toEqual([0, 1, 2]);
    expect(magnitudePoints('m', written)).toEqual(magnitudePoints('m', log));
    expect(readGradientSeries(run)).toEqual(log.series);
  });

  it('a run without gradients reads as an empty log; readGradientSeries says what to do', () => {
    const run = path.join(dir, 'empty', 'train');
    const writer = new SummaryWriter(run);
    writer.scalar('epoch_loss', 1, 0);
    writer.close();
    expect(readGradientLog(run).series).toEqual({ steps: [], weights: [] });
    expect(() => readGradientSeries(run)).toThrow(/TensorBoardCallback\(\{ x, y \}\)/);
  });
});
