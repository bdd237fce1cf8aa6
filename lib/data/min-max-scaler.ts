/**
 * scikit-learn's `MinMaxScaler` (sklearn/preprocessing/_data.py, 1.9.1) with the same arithmetic:
 *
 *     scale = (featureRange[1] - featureRange[0]) / dataRange   (dataRange < 10·eps counts as 1)
 *     min   = featureRange[0] - dataMin * scale
 *     transform(X)        = X * scale + min      (then clipped to featureRange when `clip`)
 *     inverseTransform(X) = (X - min) / scale
 *
 * NaN values are ignored when fitting and kept as NaN when transforming, as in scikit-learn.
 */
import { InvalidParameterError, describeValue } from '../errors/index.js';
import { toMatrix, type Matrix, type MatrixLike } from './matrix.js';

/** Options of {@link MinMaxScaler}. */
export interface MinMaxScalerOptions {
  /** The range `[min, max]` to scale each feature to, with min < max. Default `[0, 1]`. */
  featureRange?: readonly [min: number, max: number];
  /** Whether {@link MinMaxScaler.transform} clips its output to `featureRange`. Default `false`. */
  clip?: boolean;
}

const WHERE = 'MinMaxScaler';
/** scikit-learn's `_handle_zeros_in_scale`: ranges below this count as constant features. */
const CONSTANT_RANGE = 10 * Number.EPSILON;

interface Fitted {
  dataMin: Float64Array;
  dataMax: Float64Array;
  dataRange: Float64Array;
  scale: Float64Array;
  min: Float64Array;
  nSamplesSeen: number;
}

/**
 * Scales each feature (column) to a given range, fitted on data: scikit-learn's `MinMaxScaler`.
 *
 * @example The lesson
 * ```ts
 * const scaler = new MinMaxScaler({ featureRange: [-1, 1] });
 * const Xs = scaler.fitTransform(X);
 * ```
 */
export class MinMaxScaler {
  /** The target range of each feature. */
  readonly featureRange: readonly [number, number];
  /** Whether transformed data is clipped to {@link MinMaxScaler.featureRange}. */
  readonly clip: boolean;
  private fitted: Fitted | undefined;

  /**
   * @throws InvalidParameterError when `featureRange` is not two finite numbers with min < max
   *   (scikit-learn: "Minimum of desired feature range must be smaller than maximum"),
   *   or `clip` is not a boolean.
   */
  constructor(options: MinMaxScalerOptions = {}) {
    const { featureRange = [0, 1], clip = false } = options;
    if (
      !Array.isArray(featureRange) ||
      featureRange.length !== 2 ||
      !featureRange.every((v) => typeof v === 'number' && Number.isFinite(v))
    ) {
      throw new InvalidParameterError(
        WHERE,
        'featureRange',
        `must be two finite numbers [min, max], got ${describeValue(featureRange)}`,
      );
    }
    if (featureRange[0] >= featureRange[1]) {
      throw new InvalidParameterError(
        WHERE,
        'featureRange',
        `minimum must be smaller than maximum, got ${describeValue(featureRange)}`,
      );
    }
    if (typeof clip !== 'boolean') {
      throw new InvalidParameterError(WHERE, 'clip', `must be a boolean, got ${describeValue(clip)}`);
    }
    this.featureRange = [featureRange[0], featureRange[1]];
    this.clip = clip;
  }

  /** Whether {@link MinMaxScaler.fit} (or `partialFit`) has run. */
  get isFitted(): boolean {
    return this.fitted !== undefined;
  }

  private get state(): Fitted {
    if (this.fitted === undefined) {
      throw new Error(`${WHERE}: this instance is not fitted yet; call fit before using it`);
    }
    return this.fitted;
  }

  /** Per-feature minimum seen in the data (scikit-learn's `data_min_`). */
  get dataMin(): Float64Array {
    return this.state.dataMin.slice();
  }
  /** Per-feature maximum seen in the data (`data_max_`). */
  get dataMax(): Float64Array {
    return this.state.dataMax.slice();
  }
  /** Per-feature `dataMax - dataMin` (`data_range_`). */
  get dataRange(): Float64Array {
    return this.state.dataRange.slice();
  }
  /** Per-feature multiplier (`scale_`). */
  get scale(): Float64Array {
    return this.state.scale.slice();
  }
  /** Per-feature offset added after scaling (`min_`). */
  get min(): Float64Array {
    return this.state.min.slice();
  }
  /** Number of rows fitted so far (`n_samples_seen_`). */
  get nSamplesSeen(): number {
    return this.state.nSamplesSeen;
  }
  /** Number of features (columns) seen in fit (`n_features_in_`). */
  get nFeaturesIn(): number {
    return this.state.scale.length;
  }

  /** Checks X as scikit-learn's `validate_data` does here: >= 1 row and column, no infinity, same width as fitted. */
  private check(X: MatrixLike, method: string, requireFitted: boolean): Matrix {
    const where = `${WHERE}.${method}`;
    const m = toMatrix(X, where, 'X');
    const [rows, cols] = m.shape;
    if (rows < 1)
      throw new InvalidParameterError(where, 'X', `must have at least 1 sample, got shape [${rows}, ${cols}]`);
    if (cols < 1)
      throw new InvalidParameterError(where, 'X', `must have at least 1 feature, got shape [${rows}, ${cols}]`);
    for (let k = 0; k < m.data.length; k++) {
      const v = m.data[k];
      if (v === Infinity || v === -Infinity) {
        throw new InvalidParameterError(
          where,
          'X',
          `must not contain infinity, got ${v} at row ${Math.floor(k / cols)}, column ${k % cols}`,
        );
      }
    }
    if (requireFitted && cols !== this.state.scale.length) {
      throw new InvalidParameterError(
        where,
        'X',
        `has ${cols} features, but the scaler was fitted with ${this.state.scale.length}`,
      );
    }
    return m;
  }

  /** Forgets any previous fit and computes the per-feature minimum and maximum of X. */
  fit(X: MatrixLike): this {
    this.fitted = undefined;
    return this.partialFit(X);
  }

  /** Updates the per-feature minimum and maximum with X (for data that comes in chunks). */
  partialFit(X: MatrixLike): this {
    const m = this.check(X, 'partialFit', this.fitted !== undefined);
    const [rows, cols] = m.shape;
    // numpy's nanmin / nanmax over axis 0: NaN only when a column has no other value.
    const dataMin = new Float64Array(cols).fill(NaN);
    const dataMax = new Float64Array(cols).fill(NaN);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const v = m.data[i * cols + j];
        if (Number.isNaN(v)) continue;
        if (!(v >= dataMin[j])) dataMin[j] = v;
        if (!(v <= dataMax[j])) dataMax[j] = v;
      }
    }
    let nSamplesSeen = rows;
    if (this.fitted !== undefined) {
      // np.minimum / np.maximum: NaN propagates.
      for (let j = 0; j < cols; j++) {
        dataMin[j] = Math.min(this.fitted.dataMin[j], dataMin[j]);
        dataMax[j] = Math.max(this.fitted.dataMax[j], dataMax[j]);
      }
      nSamplesSeen += this.fitted.nSamplesSeen;
    }
    const [lo, hi] = this.featureRange;
    const dataRange = new Float64Array(cols);
    const scale = new Float64Array(cols);
    const min = new Float64Array(cols);
    for (let j = 0; j < cols; j++) {
      dataRange[j] = dataMax[j] - dataMin[j];
      scale[j] = (hi - lo) / (dataRange[j] < CONSTANT_RANGE ? 1.0 : dataRange[j]);
      min[j] = lo - dataMin[j] * scale[j];
    }
    this.fitted = { dataMin, dataMax, dataRange, scale, min, nSamplesSeen };
    return this;
  }

  /** Scales X: `X * scale + min` per feature, clipped to the range when `clip`. Returns a new matrix. */
  transform(X: MatrixLike): Matrix {
    const m = this.check(X, 'transform', true);
    const { scale, min } = this.state;
    const [rows, cols] = m.shape;
    const [lo, hi] = this.featureRange;
    const out = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const k = i * cols + j;
        let v = m.data[k] * scale[j];
        v += min[j];
        if (this.clip) v = v < lo ? lo : v > hi ? hi : v;
        out[k] = v;
      }
    }
    return { data: out, shape: [rows, cols] };
  }

  /** {@link MinMaxScaler.fit} then {@link MinMaxScaler.transform} on the same data. */
  fitTransform(X: MatrixLike): Matrix {
    const m = toMatrix(X, `${WHERE}.fitTransform`, 'X');
    return this.fit(m).transform(m);
  }

  /** Undoes the scaling: `(X - min) / scale` per feature. Returns a new matrix. */
  inverseTransform(X: MatrixLike): Matrix {
    const m = this.check(X, 'inverseTransform', true);
    const { scale, min } = this.state;
    const [rows, cols] = m.shape;
    const out = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const k = i * cols + j;
        out[k] = (m.data[k] - min[j]) / scale[j];
      }
    }
    return { data: out, shape: [rows, cols] };
  }
}
