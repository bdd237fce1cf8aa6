import { InvalidParameterError } from '../errors/invalid-parameter-error.js';
import { getRow, isMatrix, matrix, sliceRows, takeRows, toMatrix, toRows } from './matrix.js';

describe('Matrix helpers', () => {
  const m = matrix(new Float64Array([1, 2, 3, 4, 5, 6]), [3, 2]);

  test('matrix wraps row-major data with its shape (no copy)', () => {
    const data = new Float64Array(4);
    const w = matrix(data, [2, 2]);
    expect(w.data).toBe(data);
    expect(w.shape).toEqual([2, 2]);
    expect(() => matrix(new Float64Array(5), [2, 2])).toThrow('matrix: shape [2, 2] does not match data of length 5');
    expect(() => matrix(new Float64Array(0), [-1, 0])).toThrow(InvalidParameterError);
  });

  test('toMatrix copies rows; a Matrix comes back as is', () => {
    const rows = [
      [1, 2],
      [3, 4],
      [5, 6],
    ];
    const t = toMatrix(rows);
    expect(Array.from(t.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(t.shape).toEqual([3, 2]);
    rows[0][0] = 100;
    expect(t.data[0]).toBe(1);
    expect(toMatrix(m)).toBe(m);
    expect(toMatrix([[1, 2], new Float64Array([3, 4])]).shape).toEqual([2, 2]);
    expect(toMatrix([]).shape).toEqual([0, 0]);
    expect(() => toMatrix([[1, 2], [3]], 'f', 'A')).toThrow(
      'f: A must have rows of equal length: row 0 has 2 values, row 1 has 1',
    );
    expect(() => toMatrix({ data: new Float64Array(3), shape: [2, 2] })).toThrow(/has shape \[2, 2\] but 3 values/);
    expect(() => toMatrix(new Float64Array(4) as never)).toThrow(/must be a Matrix or an array of rows/);
  });

  test('isMatrix tells a Matrix from rows', () => {
    expect(isMatrix(m)).toBe(true);
    expect(isMatrix([[1]])).toBe(false);
    expect(isMatrix(null)).toBe(false);
  });

  test('getRow, toRows, sliceRows, takeRows', () => {
    expect(Array.from(getRow(m, 1))).toEqual([3, 4]);
    expect(toRows(m)).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    const s = sliceRows(m, 1, 3);
    expect(s.shape).toEqual([2, 2]);
    expect(Array.from(s.data)).toEqual([3, 4, 5, 6]);
    s.data[0] = 0;
    expect(m.data[2]).toBe(3);
    const t = takeRows(m, [2, 0, 2]);
    expect(toRows(t)).toEqual([
      [5, 6],
      [1, 2],
      [5, 6],
    ]);
    expect(() => takeRows(m, [3])).toThrow('takeRows: indices must be integers in [0, 3), got 3 at 0');
  });
});
