import * as tf from '@tensorflow/tfjs';
import { toFloat64Values, toScalarNumber } from './inputs.js';

const W = 'histogram("w")';

describe('toFloat64Values', () => {
  it('flattens tensors of any shape and numeric dtype', () => {
    const t2 = tf.tensor2d([
      [1, 2],
      [3, 4.5],
    ]);
    const ti = tf.tensor1d([1, -2], 'int32');
    const tb = tf.tensor1d([true, false, true], 'bool');
    expect(Array.from(toFloat64Values(t2, W))).toEqual([1, 2, 3, 4.5]);
    expect(Array.from(toFloat64Values(ti, W))).toEqual([1, -2]);
    expect(Array.from(toFloat64Values(tb, W))).toEqual([1, 0, 1]);
    tf.dispose([t2, ti, tb]);
  });

  it("reads a variable's value through read() (tfjs LayerVariable)", () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [3] })] });
    const kernel = model.layers[0].getWeights()[0];
    const fromVariable = toFloat64Values((model.layers[0] as unknown as { kernel: { read(): tf.Tensor } }).kernel, W);
    expect(Array.from(fromVariable)).toEqual(Array.from(kernel.dataSync()));
    expect(fromVariable.length).toBe(6);
    model.dispose();
  });

  it('does not create tensors', () => {
    const t = tf.randomNormal([10, 10]);
    const s = tf.scalar(1);
    const before = tf.memory().numTensors;
    toFloat64Values(t, W);
    toScalarNumber(s, 's');
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([t, s]);
  });

  it('accepts typed arrays (BigInt ones included) and nested arrays', () => {
    expect(Array.from(toFloat64Values(Float32Array.from([0.5, 1]), W))).toEqual([0.5, 1]);
    expect(Array.from(toFloat64Values(Uint8Array.from([1, 255]), W))).toEqual([1, 255]);
    expect(Array.from(toFloat64Values(BigInt64Array.from([-3n, 4n]), W))).toEqual([-3, 4]);
    expect(Array.from(toFloat64Values([1, [2, [3, NaN]], []], W))).toEqual([1, 2, 3, NaN]);
    const f = Float64Array.from([1, 2]);
    expect(toFloat64Values(f, W)).toBe(f);
  });

  it('rejects non-numeric input with an error naming the problem', () => {
    const ts = tf.tensor1d(['a', 'b']);
    expect(() => toFloat64Values(ts, W)).toThrow(/histogram\("w"\): expected a numeric tensor, got dtype string/);
    ts.dispose();
    expect(() => toFloat64Values([1, [2, '3']], W)).toThrow(
      /histogram\("w"\): element \[1\]\[1\] is a string \("3"\), not a number/,
    );
    expect(() => toFloat64Values([1, null], W)).toThrow(/element \[1\] is null/);
    expect(() => toFloat64Values([true], W)).toThrow(/element \[0\] is a boolean/);
    expect(() => toFloat64Values('1,2,3', W)).toThrow(
      /expected a tensor, a typed array or an array of numbers, got a string/,
    );
    expect(() => toFloat64Values(undefined, W)).toThrow(/got undefined/);
    expect(() => toFloat64Values({ a: 1 }, W)).toThrow(/got an object/);
  });

  it('rejects a disposed tensor clearly', () => {
    const t = tf.tensor1d([1, 2]);
    t.dispose();
    expect(() => toFloat64Values(t, W)).toThrow(/histogram\("w"\): the tensor has been disposed/);
  });
});

describe('toScalarNumber', () => {
  it('accepts numbers (NaN and ±Infinity included) and one-element tensors', () => {
    expect(toScalarNumber(1.25, 's')).toBe(1.25);
    expect(toScalarNumber(NaN, 's')).toBeNaN();
    expect(toScalarNumber(-Infinity, 's')).toBe(-Infinity);
    const a = tf.scalar(2.5);
    const b = tf.tensor2d([[7]], [1, 1], 'int32');
    expect(toScalarNumber(a, 's')).toBe(2.5);
    expect(toScalarNumber(b, 's')).toBe(7);
    tf.dispose([a, b]);
  });

  it('rejects empty and multi-element tensors and non-numbers', () => {
    const empty = tf.tensor1d([]);
    const two = tf.tensor1d([1, 2]);
    expect(() => toScalarNumber(empty, 'scalar("loss")')).toThrow(
      /scalar\("loss"\): the tensor is empty \(shape \[0\]\); a scalar needs exactly one value/,
    );
    expect(() => toScalarNumber(two, 's')).toThrow(/the tensor has 2 elements/);
    tf.dispose([empty, two]);
    expect(() => toScalarNumber('1.5', 'scalar("loss")')).toThrow(
      /scalar\("loss"\): expected a number or a one-element tensor, got a string/,
    );
    expect(() => toScalarNumber(true, 's')).toThrow(/got a boolean/);
    expect(() => toScalarNumber(1n, 's')).toThrow(/got a bigint/);
  });
});
