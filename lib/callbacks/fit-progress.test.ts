import * as tf from '@tensorflow/tfjs';
import { MimeBundle, setDisplaySink } from '../notebook/display';
import { epochLine, fitProgress, lossLog } from './fit-progress';

describe('epochLine', () => {
  it('formats the epoch and each metric', () => {
    expect(epochLine(3, 400, { loss: Infinity, acc: 0.51234 })).toBe('Época 3/400 — loss: Infinity · acc: 0.5123');
    expect(epochLine(1, 2)).toBe('Época 1/2');
  });
});

describe('fitProgress', () => {
  it('updates one line during model.fit and ends on the last epoch', async () => {
    const texts: string[] = [];
    const ids = new Set<string | undefined>();
    const restore = setDisplaySink((bundle: MimeBundle, options) => {
      texts.push(String(bundle['text/plain']));
      ids.add(options.displayId);
    });
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });
    model.compile({ optimizer: tf.train.sgd(0.01), loss: 'meanSquaredError' });
    const x = tf.tensor2d([[0], [1], [2]]);
    const y = tf.tensor2d([[1], [3], [5]]);
    try {
      await model.fit(x, y, { epochs: 5, verbose: 0, callbacks: fitProgress(5, 'teste') });
    } finally {
      restore();
      tf.dispose([x, y]);
      model.dispose();
    }
    expect(ids.size).toBe(1);
    expect(texts[texts.length - 1]).toMatch(/^teste: Época 5\/5 — loss: \S+ ✓$/);
  });
});

describe('lossLog', () => {
  it('keeps the first epochs, every n-th and the last, marking the gaps', () => {
    const losses = Array.from({ length: 12 }, (_, i) => (i < 6 ? 10 ** i : i < 8 ? Infinity : NaN));
    expect(lossLog(losses, { head: 3, every: 5 })).toBe(
      [
        'Época  1/12  loss: 1.000',
        'Época  2/12  loss: 10.00',
        'Época  3/12  loss: 100.0',
        '  …',
        'Época  5/12  loss: 1.000e+4',
        '  …',
        'Época 10/12  loss: NaN',
        '  …',
        'Época 12/12  loss: NaN',
      ].join('\n'),
    );
  });
});
