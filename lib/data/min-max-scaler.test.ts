import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { InvalidParameterError } from '../errors/invalid-parameter-error.js';
import { makeCircles } from './make-circles.js';
import { toMatrix, toRows } from './matrix.js';
import { MinMaxScaler } from './min-max-scaler.js';

type Num = number | 'NaN';
interface ScalerCase {
  name: string;
  featureRange: [number, number];
  clip: boolean;
  fit: Num[][];
  partial: Num[][][] | null;
  transformInput: Num[][];
  transformed: Num[][];
  inverse: Num[][];
  dataMin: Num[];
  dataMax: Num[];
  dataRange: Num[];
  scale: Num[];
  min: Num[];
  nSamplesSeen: number;
}
interface Golden {
  cases: { X: number[][] }[];
  lesson: {
    Xscaled: number[][];
    dataMin: number[];
    dataMax: number[];
    dataRange: number[];
    scale: number[];
    min: number[];
  };
  scalers: ScalerCase[];
}
const golden: Golden = JSON.parse(
  readFileSync(path.join(__dirname, '..', '..', 'test', 'fixtures', 'make_circles_golden.json'), 'utf8'),
);
const num = (v: Num): number => (v === 'NaN' ? NaN : v);
const vec = (a: Num[]): number[] => a.map(num);
const rows = (a: Num[][]): number[][] => a.map(vec);

describe('MinMaxScaler against sklearn.preprocessing.MinMaxScaler (bit for bit on the same input)', () => {
  test.each(golden.scalers.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const scaler = new MinMaxScaler({ featureRange: c.featureRange, clip: c.clip });
    if (c.partial === null) scaler.fit(rows(c.fit));
    else for (const chunk of c.partial) scaler.partialFit(rows(chunk));
    expect(Array.from(scaler.dataMin)).toEqual(vec(c.dataMin));
    expect(Array.from(scaler.dataMax)).toEqual(vec(c.dataMax));
    expect(Array.from(scaler.dataRange)).toEqual(vec(c.dataRange));
    expect(Array.from(scaler.scale)).toEqual(vec(c.scale));
    expect(Array.from(scaler.min)).toEqual(vec(c.min));
    expect(scaler.nSamplesSeen).toBe(c.nSamplesSeen);
    const t = scaler.transform(rows(c.transformInput));
    expect(toRows(t)).toEqual(rows(c.transformed));
    expect(toRows(scaler.inverseTransform(t))).toEqual(rows(c.inverse));
  });

  test('the cases cover constant columns (scale falls back to 1), NaN, clipping and partial fits', () => {
    const byName = Object.fromEntries(golden.scalers.map((c) => [c.name, c]));
    const constant = byName['constant and near-constant columns'];
    expect(constant.dataRange[1]).toBe(0);
    expect(constant.dataRange[2]).toBeGreaterThan(0);
    expect(constant.dataRange[2]).toBeLessThan(10 * Number.EPSILON);
    expect(constant.scale.slice(1, 3)).toEqual([2, 2]);
    expect(constant.dataRange[3]).toBeGreaterThan(10 * Number.EPSILON);
    expect(constant.scale[3]).toBeGreaterThan(1e14);
    expect(byName['all-NaN column'].scale[1]).toBe('NaN');
    expect(byName['NaN ignored'].transformed[1][0]).toBe('NaN');
    expect(byName.clip.transformed.flat().every((v) => v === 'NaN' || (v >= 0 && v <= 1))).toBe(true);
    expect(byName['partial fit'].nSamplesSeen).toBe(40);
  });

  test("the lesson: feature_range=(-1, 1) on sklearn's make_circles output", () => {
    const X = golden.cases[0].X;
    const scaler = new MinMaxScaler({ featureRange: [-1, 1] });
    const Xs = scaler.fitTransform(X);
    const l = golden.lesson;
    expect(Xs.shape).toEqual([1000, 2]);
    expect(Array.from(scaler.dataMin)).toEqual(l.dataMin);
    expect(Array.from(scaler.dataMax)).toEqual(l.dataMax);
    expect(Array.from(scaler.dataRange)).toEqual(l.dataRange);
    expect(Array.from(scaler.scale)).toEqual(l.scale);
    expect(Array.from(scaler.min)).toEqual(l.min);
    expect(toRows(Xs)).toEqual(l.Xscaled);
  });

  test('the lesson end to end (makeCircles then the scaler) stays within 1e-15 of sklearn', () => {
    const { X } = makeCircles({ nSamples: 1000, noise: 0.1, randomState: 1 });
    const Xs = new MinMaxScaler({ featureRange: [-1, 1] }).fitTransform(X);
    const expected = golden.lesson.Xscaled.flat();
    let worst = 0;
    for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(Xs.data[i] - expected[i]));
    expect(worst).toBeLessThanOrEqual(1e-15);
    expect(Math.min(...Xs.data)).toBe(-1);
    expect(Math.max(...Xs.data)).toBe(1);
  });
});

describe('MinMaxScaler API', () => {
  test('default range [0, 1]; accepts a Matrix or rows; returns new matrices', () => {
    const m = toMatrix([
      [1, 10],
      [3, 30],
      [2, 20],
    ]);
    const scaler = new MinMaxScaler();
    expect(scaler.featureRange).toEqual([0, 1]);
    expect(scaler.isFitted).toBe(false);
    const out = scaler.fitTransform(m);
    expect(scaler.isFitted).toBe(true);
    expect(scaler.nFeaturesIn).toBe(2);
    expect(toRows(out)).toEqual([
      [0, 0],
      [1, 1],
      [0.5, 0.5],
    ]);
    expect(Array.from(m.data)).toEqual([1, 10, 3, 30, 2, 20]);
    expect(toRows(scaler.inverseTransform(out))).toEqual([
      [1, 10],
      [3, 30],
      [2, 20],
    ]);
  });

  test('fit forgets the previous fit; partialFit accumulates', () => {
    const s = new MinMaxScaler();
    s.fit([[0], [1]]);
    s.fit([[5], [6]]);
    expect(Array.from(s.dataMin)).toEqual([5]);
    s.partialFit([[-1]]);
    expect(Array.from(s.dataMin)).toEqual([-1]);
    expect(s.nSamplesSeen).toBe(3);
  });

  test('fitted attributes are copies', () => {
    const s = new MinMaxScaler().fit([[0], [2]]);
    s.scale[0] = 99;
    expect(s.scale[0]).toBe(0.5);
  });

  test('bad input names the argument', () => {
    expect(() => new MinMaxScaler({ featureRange: [1, 1] })).toThrow(
      'MinMaxScaler: featureRange minimum must be smaller than maximum, got [1, 1]',
    );
    expect(() => new MinMaxScaler({ featureRange: [2, 1] })).toThrow(InvalidParameterError);
    expect(() => new MinMaxScaler({ featureRange: [0, NaN] })).toThrow(/featureRange must be two finite numbers/);
    expect(() => new MinMaxScaler({ featureRange: [0] as unknown as [number, number] })).toThrow(
      /featureRange must be two finite numbers/,
    );
    expect(() => new MinMaxScaler({ clip: 1 as unknown as boolean })).toThrow(
      'MinMaxScaler: clip must be a boolean, got 1',
    );
    const s = new MinMaxScaler();
    expect(() => s.transform([[1]])).toThrow(/not fitted yet/);
    expect(() => s.scale).toThrow(/not fitted yet/);
    expect(() => s.fit([])).toThrow('MinMaxScaler.partialFit: X must have at least 1 sample, got shape [0, 0]');
    expect(() => s.fit([[1, Infinity]])).toThrow(
      'MinMaxScaler.partialFit: X must not contain infinity, got Infinity at row 0, column 1',
    );
    expect(() => s.fit([[1, 2], [3]])).toThrow(/X must have rows of equal length/);
    s.fit([
      [1, 2],
      [3, 4],
    ]);
    expect(() => s.transform([[1, 2, 3]])).toThrow(
      'MinMaxScaler.transform: X has 3 features, but the scaler was fitted with 2',
    );
    expect(() => s.inverseTransform([[1]])).toThrow(/inverseTransform: X has 1 features/);
    expect(() => s.partialFit([[1]])).toThrow(/partialFit: X has 1 features/);
  });
});
