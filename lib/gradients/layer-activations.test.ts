import * as tf from '@tensorflow/tfjs';
import { InvalidParameterError } from '../errors/index';
import { layerActivations, LayerActivations, summarizeActivations } from './layer-activations';

/** A hand-written forward pass through Dense layers (the reference): rows × kernel + bias, then the activation. */
function dense(rows: number[][], kernel: number[][], bias: number[], f: (z: number) => number): number[][] {
  return rows.map((r) => bias.map((b, j) => f(r.reduce((s, v, i) => s + v * kernel[i][j], b))));
}
const tanh = Math.tanh;
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const relu = (z: number) => Math.max(0, z);

/** The kernel (as rows) and bias of a Dense layer. */
function weightsOf(layer: tf.layers.Layer): { kernel: number[][]; bias: number[] } {
  const [k, b] = layer.getWeights();
  return { kernel: k.arraySync() as number[][], bias: b.arraySync() as number[] };
}

function expectClose(values: Float32Array, rows: number[][]): void {
  const flat = rows.flat();
  expect(values).toHaveLength(flat.length);
  flat.forEach((v, i) => expect(values[i]).toBeCloseTo(v, 5));
}

const X = [
  [0.5, -1],
  [-0.25, 0.75],
  [1, 1],
];

describe('layerActivations', () => {
  it('gives each Dense layer’s output after its activation (hand-computed weights)', () => {
    const model = tf.sequential({
      layers: [
        tf.layers.dense({ units: 2, inputShape: [2], activation: 'tanh', name: 'oculta' }),
        tf.layers.dense({ units: 1, activation: 'sigmoid', name: 'saida' }),
      ],
    });
    model.layers[0].setWeights([
      tf.tensor2d([
        [2, -1],
        [0.5, 3],
      ]),
      tf.tensor1d([0.1, -0.2]),
    ]);
    model.layers[1].setWeights([tf.tensor2d([[1.5], [-2]]), tf.tensor1d([0.3])]);
    const acts = layerActivations(model, X);
    expect(acts.map((a) => [a.layer, a.activation, a.shape])).toEqual([
      ['oculta', 'tanh', [3, 2]],
      ['saida', 'sigmoid', [3, 1]],
    ]);
    // e.g. first row, first unit: tanh(0.5·2 + (−1)·0.5 + 0.1) = tanh(0.6)
    expect(acts[0].values[0]).toBeCloseTo(Math.tanh(0.6), 6);
    const hidden = dense(
      X,
      [
        [2, -1],
        [0.5, 3],
      ],
      [0.1, -0.2],
      tanh,
    );
    expectClose(acts[0].values, hidden);
    expectClose(acts[1].values, dense(hidden, [[1.5], [-2]], [0.3], sigmoid));
    model.dispose();
  });

  it('agrees with a hand-written forward pass and with model.predict on a deeper random network', () => {
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 4, inputShape: [2], activation: 'relu', biasInitializer: 'randomNormal' }));
    model.add(tf.layers.dense({ units: 3, activation: 'tanh', biasInitializer: 'randomNormal' }));
    model.add(tf.layers.dense({ units: 1, activation: 'linear' }));
    const x = tf.randomUniform([50, 2], -1, 1, 'float32', 3);
    const acts = layerActivations(model, x);
    let h = x.arraySync() as number[][];
    [relu, tanh, (z: number) => z].forEach((f, i) => {
      const { kernel, bias } = weightsOf(model.layers[i]);
      h = dense(h, kernel, bias, f);
      expectClose(acts[i].values, h);
    });
    const predicted = model.predict(x) as tf.Tensor;
    expect(Array.from(acts[2].values)).toEqual(Array.from(predicted.dataSync()));
    expect(acts.map((a) => a.activation)).toEqual(['relu', 'tanh', 'linear']);
    tf.dispose([x, predicted]);
    model.dispose();
  });

  it('reads any functional model through every layer’s output (a branch and a concatenation)', () => {
    const input = tf.input({ shape: [2] });
    const a = tf.layers.dense({ units: 3, activation: 'tanh', name: 'a' }).apply(input) as tf.SymbolicTensor;
    const b = tf.layers.dense({ units: 2, activation: 'relu', name: 'b' }).apply(input) as tf.SymbolicTensor;
    const joined = tf.layers.concatenate({ name: 'juntas' }).apply([a, b]) as tf.SymbolicTensor;
    const out = tf.layers.dense({ units: 1, activation: 'sigmoid', name: 'out' }).apply(joined) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: out });
    const acts = layerActivations(model, X);
    expect(acts.map((l) => [l.layer, l.activation])).toEqual([
      ['a', 'tanh'],
      ['b', 'relu'],
      ['juntas', 'none'],
      ['out', 'sigmoid'],
    ]);
    const layer = (name: string) => weightsOf(model.getLayer(name));
    const ha = dense(X, layer('a').kernel, layer('a').bias, tanh);
    const hb = dense(X, layer('b').kernel, layer('b').bias, relu);
    const hj = ha.map((r, i) => [...r, ...hb[i]]);
    expectClose(acts[0].values, ha);
    expectClose(acts[1].values, hb);
    expectClose(acts[2].values, hj);
    expectClose(acts[3].values, dense(hj, layer('out').kernel, layer('out').bias, sigmoid));
    model.dispose();
  });

  it('leaves no tensor behind and does not change the model', () => {
    const model = tf.sequential({
      layers: [
        tf.layers.dense({ units: 5, inputShape: [2], activation: 'tanh' }),
        tf.layers.dense({ units: 1, activation: 'sigmoid' }),
      ],
    });
    const x = tf.tensor2d(X);
    const weights = model.getWeights().map((w) => Array.from(w.dataSync()));
    layerActivations(model, x); // the first call may build tfjs' own caches
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) layerActivations(model, x);
    layerActivations(model, X);
    expect(tf.memory().numTensors).toBe(before);
    expect(model.getWeights().map((w) => Array.from(w.dataSync()))).toEqual(weights);
    // the same through a functional model (every layer's output)
    const input = tf.input({ shape: [2] });
    const functional = tf.model({ inputs: input, outputs: model.apply(input) as tf.SymbolicTensor });
    layerActivations(functional, x);
    const again = tf.memory().numTensors;
    layerActivations(functional, x);
    expect(tf.memory().numTensors).toBe(again);
    x.dispose();
    model.dispose();
  });

  it('names the bad argument', () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
    expect(() => layerActivations(undefined as unknown as tf.LayersModel, X)).toThrow(
      /^layerActivations: model must be a tf.LayersModel/,
    );
    expect(() => layerActivations(model, undefined as unknown as number[][])).toThrow(
      new InvalidParameterError(
        'layerActivations',
        'x',
        'must be the inputs as a tensor of rank >= 2, a Matrix or an array of rows, got undefined',
      ),
    );
    expect(() => layerActivations(model, [1, 2])).toThrow(/^layerActivations: x must be the inputs as a tensor/);
    expect(() => layerActivations(model, [[1, 2, 3]])).toThrow(
      "layerActivations: x must have 2 features per row (the model's input), got 3",
    );
    model.dispose();
  });
});

describe('summarizeActivations', () => {
  const of = (activation: string, rows: number[][]): LayerActivations => ({
    layer: activation,
    activation,
    shape: [rows.length, rows[0].length],
    values: Float32Array.from(rows.flat()),
  });

  it('counts saturated values and units, the mean derivative, mean and std (hand-computed)', () => {
    const [t, s, r, l] = summarizeActivations([
      // unit 0 saturated on both inputs, unit 1 on one
      of('tanh', [
        [0.995, 0.5],
        [-0.999, -1],
      ]),
      of('sigmoid', [
        [0.005, 0.5],
        [0.995, 0.25],
      ]),
      // unit 1 dead: 0 for every input
      of('relu', [
        [0, 0],
        [2, 0],
      ]),
      of('linear', [[1, 3]]),
    ]);
    expect(t.saturated).toBe(3 / 4);
    expect(t.saturatedUnits).toBe(1);
    const tanhValues = [0.995, 0.5, -0.999, -1].map(Math.fround);
    expect(t.meanDerivative).toBeCloseTo(tanhValues.reduce((sum, a) => sum + 1 - a * a, 0) / 4, 12);
    expect(t.mean).toBeCloseTo(tanhValues.reduce((sum, a) => sum + a, 0) / 4, 12);
    expect(s.saturated).toBe(2 / 4);
    expect(s.saturatedUnits).toBe(1);
    expect(s.meanDerivative).toBeCloseTo([0.005, 0.5, 0.995, 0.25].reduce((sum, a) => sum + a * (1 - a), 0) / 4, 6);
    expect([r.saturated, r.saturatedUnits, r.meanDerivative, r.mean]).toEqual([3 / 4, 1, 1 / 4, 0.5]);
    expect(r.std).toBeCloseTo(Math.sqrt((3 * 0.25 + 1.5 ** 2) / 4), 12);
    expect([l.saturated, l.saturatedUnits, l.meanDerivative, l.mean, l.std, l.size]).toEqual([NaN, NaN, 1, 2, 1, 2]);
  });

  it('takes another threshold, and names a bad one', () => {
    const [t] = summarizeActivations([of('tanh', [[0.95, 0.5]])], { threshold: 0.9 });
    expect(t.saturated).toBe(0.5);
    expect(() => summarizeActivations([], { threshold: 1 })).toThrow(
      'summarizeActivations: threshold must be a number in (0.5, 1), got 1',
    );
    expect(() => summarizeActivations(undefined as unknown as LayerActivations[])).toThrow(
      /^summarizeActivations: activations must be an array/,
    );
  });
});
