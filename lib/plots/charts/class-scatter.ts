/**
 * A scatter plot of 2-D points coloured by class: the lesson's view of the circles data set.
 */
import type { VegaLiteSpec } from '../vega-lite-spec.js';
import { checkArray, checkObject, InvalidParameterError } from '../../errors/index.js';

/** Options of {@link classScatter}. */
export interface ClassScatterOptions {
  title?: string;
  /** Side of the (square) plot in pixels. */
  size?: number;
  /** Axis titles. */
  xTitle?: string;
  yTitle?: string;
}

/**
 * Points `(X[i][0], X[i][1])` coloured by `y[i]`.
 * @param X row-major coordinates: `data[2*i]`, `data[2*i+1]` (a lib/data `Matrix` fits).
 * @throws when X is not n×2 or y does not have n labels.
 */
export function classScatter(
  X: { readonly data: ArrayLike<number>; readonly shape: readonly [number, number] },
  y: ArrayLike<number>,
  options: ClassScatterOptions = {},
): VegaLiteSpec {
  checkObject('classScatter', 'X', X, 'a Matrix (e.g. from makeCircles)');
  checkArray('classScatter', 'y', y, 'an array of labels', true);
  const [n, columns] = X.shape;
  if (columns !== 2) throw new InvalidParameterError('classScatter', 'X', `must have 2 columns, got ${columns}`);
  if (y.length !== n)
    throw new InvalidParameterError('classScatter', 'y', `must have ${n} labels (one per row of X), got ${y.length}`);
  const { title = 'Dados', size = 360, xTitle = 'x₁', yTitle = 'x₂' } = options;
  const values = Array.from({ length: n }, (_, i) => ({
    x1: X.data[2 * i],
    x2: X.data[2 * i + 1],
    classe: String(y[i]),
  }));
  return {
    title,
    width: size,
    height: size,
    data: { values },
    mark: { type: 'point', filled: true, size: 18, opacity: 0.8 },
    encoding: {
      x: { field: 'x1', type: 'quantitative', title: xTitle, scale: { zero: false } },
      y: { field: 'x2', type: 'quantitative', title: yTitle, scale: { zero: false } },
      color: { field: 'classe', type: 'nominal', title: 'classe' },
      tooltip: [{ field: 'classe' }, { field: 'x1', format: '.3f' }, { field: 'x2', format: '.3f' }],
    },
  };
}
