/**
 * What each layer of a network outputs on some inputs, and how much of it is saturated: the
 * activations CS231n ("Neural Networks Part 2") plots layer by layer at initialization. With too
 * large weights every tanh unit sits at ±1 (its derivative ≈ 0: the gradient vanishes), with Xavier
 * they spread over (−1, 1).
 */
import * as tf from '@tensorflow/tfjs';
import { isMatrix } from '../data/index.js';
import { checkModel, describeValue, InvalidParameterError } from '../errors/index.js';
import { type GradientInput, toInputTensor } from './gradient-input.js';
import { chainLayers } from './weight-refs.js';

/** One layer's output (after its activation) on every input. */
export interface LayerActivations {
  /** The layer's name, e.g. `funda_1`. */
  layer: string;
  /**
   * The layer's activation function as its config names it (`tanh`, `relu`, `sigmoid`, `linear`,
   * ...), or `none` for a layer without one (e.g. `Dropout`, `Concatenate`).
   */
  activation: string;
  /** The output's shape, e.g. `[500, 5]` (samples first). */
  shape: number[];
  /** The output values, row-major (`values[i * units + j]`: sample `i`, unit `j`). */
  values: Float32Array;
}

/** How saturated one layer's activations are (see {@link summarizeActivations}). */
export interface ActivationSummary {
  layer: string;
  activation: string;
  /** Number of values (samples × units). */
  size: number;
  /**
   * Fraction of the values that are saturated: |a| > `threshold` for tanh (and softsign), a below
   * 1 − `threshold` or above `threshold` for sigmoid (and hardSigmoid), exactly 0 for relu (and
   * relu6): a unit that passes no gradient for that input. NaN for activations that do not saturate
   * (linear, elu, ...).
   */
  saturated: number;
  /**
   * Units (columns) saturated on every input: for tanh / sigmoid stuck at their limits, for relu
   * dead (0 for every input). NaN as for `saturated`.
   */
  saturatedUnits: number;
  /**
   * Mean derivative of the activation function at these values, from the output `a`: 1 − a² for
   * tanh, a(1 − a) for sigmoid, 1 where a > 0 (else 0) for relu, 1 for linear; NaN for others. The
   * factor by which, on average, the layer's activation scales the gradient passing back through it
   * (tanh saturated at ±1: ≈ 0).
   */
  meanDerivative: number;
  /** Mean of the values. */
  mean: number;
  /** Standard deviation of the values (population, as numpy's `std`). */
  std: number;
}

/** Options of {@link summarizeActivations}. */
export interface ActivationSummaryOptions {
  /** Where tanh and sigmoid count as saturated (default 0.99): |tanh| > 0.99, sigmoid < 0.01 or > 0.99. */
  threshold?: number;
}

/** Activation names by the kind of saturation they have. */
const SYMMETRIC = new Set(['tanh', 'softsign']);
const LOGISTIC = new Set(['sigmoid', 'hardSigmoid', 'hard_sigmoid']);
const RECTIFIED = new Set(['relu', 'relu6']);

/** The derivative of an activation function written in terms of its output `a`, where it can be. */
const DERIVATIVE: Record<string, ((a: number) => number) | undefined> = {
  tanh: (a) => 1 - a * a,
  sigmoid: (a) => a * (1 - a),
  relu: (a) => (a > 0 ? 1 : 0),
  linear: () => 1,
};

/**
 * The saturation test of an activation function (see {@link ActivationSummary.saturated}), or
 * `undefined` when it has none.
 */
function saturationTest(activation: string, threshold = 0.99): ((a: number) => boolean) | undefined {
  if (SYMMETRIC.has(activation)) return (a) => Math.abs(a) > threshold;
  if (LOGISTIC.has(activation)) return (a) => a > threshold || a < 1 - threshold;
  if (RECTIFIED.has(activation)) return (a) => a === 0;
  return undefined;
}

/** The activation's name from a layer's config, or `none`. */
function activationName(layer: tf.layers.Layer): string {
  const name = (layer.getConfig() as { activation?: unknown }).activation;
  return typeof name === 'string' ? name : 'none';
}

/** Throws an InvalidParameterError unless `x` is something {@link toInputTensor} turns into a matrix. */
function checkInput(where: string, x: unknown): void {
  const ok =
    (x instanceof tf.Tensor && x.rank >= 2) ||
    isMatrix(x) ||
    (Array.isArray(x) && x.length > 0 && typeof x[0] === 'object' && x[0] !== null);
  if (!ok) {
    throw new InvalidParameterError(
      where,
      'x',
      `must be the inputs as a tensor of rank >= 2, a Matrix or an array of rows, got ${describeValue(x)}`,
    );
  }
}

/**
 * For each layer of `model`'s graph, the indices of its nodes (its calls) that the graph uses, found
 * by walking back from the model's outputs (a layer may also be called in other models, e.g. a
 * `tf.Sequential` used inside a functional model: then `layer.output` is ambiguous).
 */
function nodesInModel(model: tf.LayersModel): Map<tf.layers.Layer, Set<number>> {
  const nodes = new Map<tf.layers.Layer, Set<number>>();
  const pending = [...model.outputs];
  for (let t = pending.pop(); t !== undefined; t = pending.pop()) {
    const layer = t.sourceLayer as tf.layers.Layer;
    let used = nodes.get(layer);
    if (used === undefined) nodes.set(layer, (used = new Set()));
    if (used.has(t.nodeIndex)) continue;
    used.add(t.nodeIndex);
    pending.push(...layer.inboundNodes[t.nodeIndex].inputTensors);
  }
  return nodes;
}

/** The layers whose outputs are reported, and a function computing all their outputs on `x`. */
function plan(where: string, model: tf.LayersModel): { layers: tf.layers.Layer[]; run: (x: tf.Tensor) => tf.Tensor[] } {
  const chain = chainLayers(model);
  if (chain) {
    // A plain chain: each layer applied to the previous one's output, with tfjs' own layers.
    return {
      layers: chain,
      run: (x) => {
        const outputs: tf.Tensor[] = [];
        let h = x;
        for (const layer of chain) outputs.push((h = layer.apply(h) as tf.Tensor));
        return outputs;
      },
    };
  }
  // Any other graph: a functional model sharing the layers, with every layer's output as an output.
  if (!Array.isArray(model.inputs) || model.inputs.length !== 1) {
    throw new InvalidParameterError(where, 'model', 'must have exactly one input');
  }
  const nodes = nodesInModel(model);
  const layers = model.layers.filter((l) => l.getClassName() !== 'InputLayer' && nodes.has(l));
  const outputs = layers.map((l) => {
    const used = nodes.get(l)!;
    if (used.size > 1) throw new InvalidParameterError(where, 'model', `uses the layer ${l.name} more than once`);
    const out = l.getOutputAt([...used][0]);
    if (Array.isArray(out))
      throw new InvalidParameterError(where, 'model', `has a layer with several outputs (${l.name})`);
    return out;
  });
  const probe = tf.model({ inputs: model.inputs, outputs });
  return {
    layers,
    run: (x) => {
      const out = probe.predict(x);
      return Array.isArray(out) ? out : [out];
    },
  };
}

/**
 * The output of every layer of `model` (after the layer's activation) on the inputs `x`, computed
 * by tfjs' own layers (applied one after the other for a `tf.Sequential`; for another graph, a
 * functional model with every layer's output) and read back as plain arrays. Disposes every tensor
 * it makes; the model is not changed.
 *
 * @param model a built model (e.g. the lesson's `modelo_fundo`) with one input
 * @param x inputs: a tensor, a Matrix (lib/data) or an array of rows, e.g. the training set
 * @throws InvalidParameterError when `model` is not a model, or `x` is not a matrix of inputs with
 *   the model's number of features
 *
 * @example
 * const acts = l5.layerActivations(modelo_fundo, dados.trainX);
 * l5.summarizeActivations(acts).map((s) => `${s.layer}: ${(100 * s.saturated).toFixed(0)} % saturadas`);
 */
export function layerActivations(model: tf.LayersModel, x: GradientInput): LayerActivations[] {
  const where = 'layerActivations';
  checkModel(where, 'model', model);
  checkInput(where, x);
  const { layers, run } = plan(where, model);
  const input = toInputTensor(x, where, 'x');
  try {
    const features = model.inputs?.[0]?.shape;
    const expected = features?.[features.length - 1];
    const got = input.tensor.shape[input.tensor.rank - 1];
    if (typeof expected === 'number' && got !== expected) {
      throw new InvalidParameterError(
        where,
        'x',
        `must have ${expected} features per row (the model's input), got ${got}`,
      );
    }
    const outputs = tf.tidy(() => run(input.tensor.dtype === 'float32' ? input.tensor : input.tensor.toFloat()));
    try {
      return layers.map((layer, i) => ({
        layer: layer.name,
        activation: activationName(layer),
        shape: outputs[i].shape.slice(),
        values: Float32Array.from(outputs[i].dataSync()),
      }));
    } finally {
      tf.dispose(outputs);
    }
  } finally {
    if (input.owned) input.tensor.dispose();
  }
}

/**
 * For each layer of {@link layerActivations}' result: the fraction of saturated values (see
 * {@link ActivationSummary.saturated}), the units saturated on every input, the activation's mean
 * derivative, the mean and the standard deviation.
 *
 * @throws InvalidParameterError when `activations` is not an array, or `threshold` is not in (0.5, 1)
 */
export function summarizeActivations(
  activations: readonly LayerActivations[],
  options: ActivationSummaryOptions = {},
): ActivationSummary[] {
  const where = 'summarizeActivations';
  if (!Array.isArray(activations)) {
    throw new InvalidParameterError(
      where,
      'activations',
      `must be an array (see layerActivations), got ${describeValue(activations)}`,
    );
  }
  const threshold = options.threshold ?? 0.99;
  if (typeof threshold !== 'number' || !(threshold > 0.5 && threshold < 1)) {
    throw new InvalidParameterError(
      where,
      'threshold',
      `must be a number in (0.5, 1), got ${describeValue(threshold)}`,
    );
  }
  return activations.map(({ layer, activation, shape, values }) => {
    const n = values.length;
    const units = shape.length > 1 ? shape[shape.length - 1] : 1;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[i];
    const mean = n > 0 ? sum / n : NaN;
    let squares = 0;
    for (let i = 0; i < n; i++) squares += (values[i] - mean) ** 2;
    const derivative = DERIVATIVE[activation];
    let slopes = 0;
    if (derivative) for (let i = 0; i < n; i++) slopes += derivative(values[i]);
    const test = saturationTest(activation, threshold);
    let saturated = NaN;
    let saturatedUnits = NaN;
    if (test) {
      let count = 0;
      const unsaturated = new Uint8Array(units);
      for (let i = 0; i < n; i++) {
        if (test(values[i])) count++;
        else unsaturated[i % units] = 1;
      }
      saturated = n > 0 ? count / n : NaN;
      saturatedUnits = n > 0 ? unsaturated.reduce((s, u) => s + (1 - u), 0) : NaN;
    }
    const meanDerivative = derivative && n > 0 ? slopes / n : NaN;
    const std = n > 0 ? Math.sqrt(squares / n) : NaN;
    return { layer, activation, size: n, saturated, saturatedUnits, meanDerivative, mean, std };
  });
}
