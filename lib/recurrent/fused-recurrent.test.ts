import * as tf from '@tensorflow/tfjs';
import { fuseRecurrent, isFused } from './fused-recurrent';

type Cell = 'simpleRNN' | 'lstm' | 'gru';

/** One recurrent layer and Dense(1, sigmoid), as the lesson builds them; `extra` is added to the layer's config. */
function network(cell: Cell, steps: number, features: number, extra: Record<string, unknown> = {}, seed = 3) {
  const layer = tf.layers[cell]({
    units: 5,
    inputShape: [steps, features],
    kernelInitializer: tf.initializers.glorotUniform({ seed }),
    recurrentInitializer: tf.initializers.orthogonal({ seed: seed + 1 }),
    biasInitializer: tf.initializers.randomUniform({ minval: -0.5, maxval: 0.5, seed: seed + 2 }),
    name: cell,
    ...extra,
  } as never);
  return tf.sequential({
    layers: [
      layer,
      tf.layers.dense({
        units: 1,
        activation: 'sigmoid',
        kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 3 }),
      }),
    ],
  });
}

function batch(b: number, steps: number, features: number) {
  const values = Array.from({ length: b * steps * features }, (_, i) => 1.5 * Math.sin(1.7 * i + 0.3));
  const labels = Array.from({ length: b }, (_, i) => ((i * 7) % 3 === 0 ? 1 : 0));
  return { x: tf.tensor3d(values, [b, steps, features]), y: tf.tensor2d(labels, [b, 1]) };
}

/** The batch-mean binary cross-entropy and its gradients with respect to x and every trainable weight. */
function lossAndGradients(model: tf.LayersModel, x: tf.Tensor, y: tf.Tensor) {
  return tf.tidy(() => {
    const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const loss = (input: tf.Tensor) =>
      tf.mean(tf.metrics.binaryCrossentropy(y, model.apply(input, { training: true }) as tf.Tensor)) as tf.Scalar;
    const dx = tf.grad(loss)(x);
    const { value, grads } = tf.variableGrads(() => loss(x), variables);
    return {
      loss: value.dataSync()[0],
      output: Array.from((model.apply(x) as tf.Tensor).dataSync()),
      grads: [dx, ...variables.map((v) => grads[v.name])].map((g) => Array.from(g.dataSync())),
    };
  });
}

/** Largest difference, relative to the largest |value| of each array of `b`. */
function relativeDifference(a: number[][], b: number[][]): number {
  return Math.max(
    ...a.map((g, i) => {
      const scale = Math.max(...b[i].map(Math.abs), 1e-30);
      return Math.max(...g.map((v, j) => Math.abs(v - b[i][j]) / scale));
    }),
  );
}

/** A generic model and a fused copy with the same weights. */
function pair(cell: Cell, steps: number, features: number, extra: Record<string, unknown> = {}) {
  const generic = network(cell, steps, features, extra);
  const fused = network(cell, steps, features, extra);
  fused.setWeights(generic.getWeights());
  return { generic, fused, paths: fuseRecurrent(fused) };
}

const KERAS = { recurrentActivation: 'sigmoid' };
describe('fuseRecurrent', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each([
    ['simpleRNN', {}],
    ['simpleRNN', { activation: 'linear' }],
    ['simpleRNN', { activation: 'relu', useBias: false }],
    ['lstm', KERAS],
    ['lstm', {}], // tfjs' default recurrentActivation: hardSigmoid
    ['lstm', { ...KERAS, useBias: false, unitForgetBias: true }],
    ['gru', KERAS],
    ['gru', {}],
    ['gru', { ...KERAS, activation: 'sigmoid' }],
  ] as [Cell, Record<string, unknown>][])(
    '%s %j: the same outputs, loss and gradients (x, kernel, recurrent kernel, bias, Dense) as tfjs',
    (cell, extra) => {
      const { x, y } = batch(6, 7, 2);
      const { generic, fused, paths } = pair(cell, 7, 2, extra);
      expect(paths).toEqual([{ layer: cell, className: generic.layers[0].getClassName(), fused: true }]);
      const theirs = lossAndGradients(generic, x, y);
      const before = tf.memory().numTensors;
      const ours = lossAndGradients(fused, x, y);
      expect(tf.memory().numTensors).toBe(before);
      expect(ours.grads).toHaveLength(fused.trainableWeights.length + 1);
      expect(Math.abs(ours.loss - theirs.loss)).toBeLessThan(1e-6);
      expect(relativeDifference([ours.output], [theirs.output])).toBeLessThan(1e-6);
      expect(relativeDifference(ours.grads, theirs.grads)).toBeLessThan(1e-5);
      tf.dispose([x, y]);
      generic.dispose();
      fused.dispose();
    },
  );

  it('leaves to tfjs what the kernels do not compute, and reports why', () => {
    const cases: [Cell, Record<string, unknown>, RegExp][] = [
      ['lstm', { ...KERAS, returnSequences: true }, /returnSequences/],
      ['gru', { ...KERAS, goBackwards: true }, /goBackwards/],
      ['simpleRNN', { dropout: 0.2 }, /dropout/],
      ['lstm', { ...KERAS, recurrentDropout: 0.2 }, /dropout/],
      ['simpleRNN', { activation: 'elu' }, /elu/],
      ['lstm', { recurrentActivation: 'softplus' }, /softplus/],
    ];
    for (const [cell, extra, reason] of cases) {
      const model = network(cell, 4, 1, extra);
      const [path] = fuseRecurrent(model);
      expect(path.fused).toBe(false);
      expect(path.reason).toMatch(reason);
      expect(isFused(model.layers[0])).toBe(false);
      model.dispose();
    }
    const stateful = tf.sequential({
      layers: [tf.layers.lstm({ units: 2, batchInputShape: [2, 3, 1], stateful: true })],
    });
    expect(fuseRecurrent(stateful)[0]).toMatchObject({ fused: false, reason: 'stateful is on' });
    const generic = tf.sequential({
      layers: [tf.layers.rnn({ cell: tf.layers.lstmCell({ units: 2 }), inputShape: [3, 1] })],
    });
    expect(fuseRecurrent(generic)[0]).toMatchObject({ className: 'RNN', fused: false });
    const dense = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
    expect(fuseRecurrent(dense)).toEqual([]);
    for (const m of [stateful, generic, dense]) m.dispose();
  });

  it('a fused layer takes tfjs’ loop for what a call brings that it does not compute: a mask, an initial state', () => {
    const { x } = batch(3, 4, 2);
    for (const cell of ['simpleRNN', 'lstm', 'gru'] as Cell[]) {
      const { generic, fused } = pair(cell, 4, 2, cell === 'simpleRNN' ? {} : KERAS);
      expect(isFused(fused.layers[0])).toBe(true);
      const mask = tf.tensor2d([1, 1, 1, 0, 1, 1, 0, 0, 1, 1, 1, 1], [3, 4], 'bool');
      const outputs = tf.tidy(() =>
        [generic, fused].map((m) => Array.from((m.layers[0].apply(x, { mask }) as tf.Tensor).dataSync())),
      );
      expect(outputs[1]).toEqual(outputs[0]);
      const state = tf.fill([3, 5], 0.3);
      const initialState = cell === 'lstm' ? [state, state] : [state];
      const withState = tf.tidy(() =>
        [generic, fused].map((m) =>
          Array.from((m.layers[0].apply(x, { initialState } as never) as tf.Tensor).dataSync()),
        ),
      );
      expect(withState[1]).toEqual(withState[0]);
      // The same layer without them takes the fused kernel again (same numbers up to float32 rounding).
      const plain = tf.tidy(() => [generic, fused].map((m) => Array.from((m.predict(x) as tf.Tensor).dataSync())));
      expect(relativeDifference([plain[1]], [plain[0]])).toBeLessThan(1e-6);
      tf.dispose([mask, state]);
      generic.dispose();
      fused.dispose();
    }
    x.dispose();
  });

  it('is idempotent and leaves the config and the serialized layers as tfjs has them', () => {
    const { generic, fused } = pair('lstm', 5, 1, KERAS);
    fuseRecurrent(fused);
    expect(fuseRecurrent(fused)).toEqual([{ layer: 'lstm', className: 'LSTM', fused: true }]);
    expect(fused.layers[0].getConfig()).toEqual(generic.layers[0].getConfig());
    const layers = (m: tf.Sequential) => (m.toJSON(null, false) as { config: { layers: unknown[] } }).config.layers;
    expect(layers(fused)[0]).toEqual(layers(generic)[0]);
    generic.dispose();
    fused.dispose();
  });
});
