/**
 * Gradients of a compiled model's loss with respect to its trainable weights, over a whole data set,
 * and their size per weight (mean |g|, L2 norm, largest |g|, all finite or not).
 *
 * Shared by {@link gradientStats} (one look, any time) and the TensorBoard callback (every epoch).
 */
import * as tf from '@tensorflow/tfjs';
import { InvalidParameterError } from '../errors/index.js';
import { isMatrix, type Matrix } from '../data/matrix.js';
import { compiledParts } from '../training/fit-seeded.js';
import { summarizeValues } from './summarize-values.js';
import { denseChainData, denseChainGradients, denseChainPlan, readWeights } from './dense-chain.js';

/**
 * Data for a gradient computation: a tensor, a {@link Matrix} (lib/data), an array of rows, or a flat
 * array of numbers (labels). Labels are reshaped to the model's output shape when they hold one
 * number per output value (e.g. `[500]` labels for a `[500, 1]` output).
 */
export type GradientInput = tf.Tensor | Matrix | ReadonlyArray<ArrayLike<number>> | ArrayLike<number>;

/** The size of the gradient of one trainable weight. */
export interface WeightGradientStats {
  /**
   * The weight as its layer names it, e.g. `funda_1/kernel` (tfjs' `originalName`: without the `_1`
   * tfjs appends when a model with the same layer names is built again).
   */
  name: string;
  /** The layer that owns the weight, e.g. `funda_1`. */
  layer: string;
  /** The weight's own name in the layer: `kernel`, `bias`, ... */
  param: string;
  /** Number of elements. */
  size: number;
  /** Mean of |g| over the elements (NaN when one is NaN; Infinity when one is infinite). */
  meanAbs: number;
  /** L2 norm of g (NaN / Infinity as above). */
  norm: number;
  /** Largest |g| (NaN when one is NaN). */
  maxAbs: number;
  /** Whether every element of g is finite. */
  finite: boolean;
}

/** What {@link gradientStats} measured. */
export interface GradientStats {
  /** The model's compiled loss over the whole data set (mean over samples). */
  loss: number;
  /** The gradient of every layer's `kernel`, in layer order (first hidden layer first, output layer last). */
  kernels: WeightGradientStats[];
  /** Every trainable weight (kernels, biases, ...), in layer order. */
  weights: WeightGradientStats[];
}

/** A trainable weight of a model, with the names the logs use. */
export interface TrainableWeightRef {
  variable: tf.LayerVariable;
  /** `layer/param`, without tfjs' uniqueness suffix. */
  name: string;
  layer: string;
  param: string;
}

/** The trainable weights of a model, layer by layer (the order of `model.trainableWeights`). */
export function trainableWeightRefs(model: tf.LayersModel): TrainableWeightRef[] {
  const refs: TrainableWeightRef[] = [];
  const seen = new Set<tf.LayerVariable>();
  for (const layer of model.layers) {
    for (const variable of layer.trainableWeights) {
      if (seen.has(variable)) continue; // a weight shared by two layers is listed once
      seen.add(variable);
      const name = variable.originalName || variable.name;
      const slash = name.lastIndexOf('/');
      const param = slash >= 0 ? name.slice(slash + 1) : name;
      refs.push({ variable, name: slash >= 0 ? name : `${layer.name}/${name}`, layer: layer.name, param });
    }
  }
  return refs;
}

/**
 * The layers of a model that is a plain chain (a `tf.Sequential`, or the functional model tfjs builds
 * inside one, named `<name>_model`, without its `InputLayer`), else `undefined`. Applying these one
 * after the other computes what `model.apply` computes, with less bookkeeping per call.
 */
export function chainLayers(model: tf.LayersModel): tf.layers.Layer[] | undefined {
  if (model instanceof tf.Sequential) return model.layers;
  const first = model.layers[0];
  if (
    model.name.endsWith('_model') &&
    model.inputs.length === 1 &&
    model.outputs.length === 1 &&
    first !== undefined &&
    first.getClassName() === 'InputLayer' &&
    model.layers
      .slice(1)
      .every(
        (layer, i) =>
          layer.inboundNodes.length === 1 &&
          layer.inboundNodes[0].inboundLayers.length === 1 &&
          layer.inboundNodes[0].inboundLayers[0] === model.layers[i],
      ) &&
    model.outputs[0].sourceLayer === model.layers[model.layers.length - 1]
  ) {
    return model.layers.slice(1);
  }
  return undefined;
}

/** What a tfjs `Dense` layer keeps (private fields of tfjs-layers 4.22's `Dense`). */
interface DenseInternals {
  kernel?: tf.LayerVariable | null;
  bias?: tf.LayerVariable | null;
  activation?: { apply(x: tf.Tensor): tf.Tensor } | null;
}

/**
 * `layer.apply(h)` for concrete tensors. A `Dense` layer on a matrix is computed as
 * `activation(h · kernel + bias)` with plain `matMul` and `add`: the same numbers as its own `call`,
 * whose fused matMul costs ~30% more to differentiate on the CPU backend (measured on the lesson's
 * networks over 500 samples; the gradients agree to float32 rounding, see the tests).
 */
function applyLayer(layer: tf.layers.Layer, h: tf.Tensor): tf.Tensor {
  if (layer.getClassName() === 'Dense' && h.rank === 2) {
    const dense = layer as unknown as DenseInternals;
    if (dense.kernel && dense.activation && typeof dense.activation.apply === 'function') {
      let z = tf.matMul(h, dense.kernel.read());
      if (dense.bias) z = tf.add(z, dense.bias.read());
      return dense.activation.apply(z);
    }
  }
  return layer.apply(h) as tf.Tensor;
}

/** A tensor for `input`, and whether it was made here (then the caller disposes it). */
export function toInputTensor(
  input: GradientInput,
  where: string,
  parameter: string,
): { tensor: tf.Tensor; owned: boolean } {
  if (input instanceof tf.Tensor) {
    if (input.isDisposed) {
      throw new InvalidParameterError(where, parameter, `${parameter}: the tensor has been disposed`, {
        sentence: true,
      });
    }
    return { tensor: input, owned: false };
  }
  if (isMatrix(input)) {
    return {
      tensor: tf.tensor2d(Float32Array.from(input.data), [input.shape[0], input.shape[1]], 'float32'),
      owned: true,
    };
  }
  if (Array.isArray(input) && input.length > 0 && typeof input[0] === 'object' && input[0] !== null) {
    const rows = input as ReadonlyArray<ArrayLike<number>>;
    return {
      tensor: tf.tensor2d(
        rows.map((r) => Array.from(r)),
        undefined,
        'float32',
      ),
      owned: true,
    };
  }
  if (typeof input === 'object' && input !== null && typeof (input as ArrayLike<number>).length === 'number') {
    return { tensor: tf.tensor1d(Array.from(input as ArrayLike<number>), 'float32'), owned: true };
  }
  throw new InvalidParameterError(
    where,
    parameter,
    `${parameter}: expected a tensor, a Matrix, an array of rows or an array of numbers, got ${typeof input}`,
    { sentence: true },
  );
}

/**
 * The mean loss over `(x, y)` and its gradient with respect to each weight, computed in one tidy.
 * The returned tensors belong to the caller.
 */
export function lossAndGradients(
  model: tf.LayersModel,
  refs: readonly TrainableWeightRef[],
  x: tf.Tensor,
  y: tf.Tensor,
  caller: string,
): { loss: tf.Scalar; grads: tf.Tensor[] } {
  const lossFn = compiledParts(model, caller).lossFunctions[0];
  if (x.shape[0] !== y.shape[0])
    throw new InvalidParameterError(caller, 'y', `x has ${x.shape[0]} samples but y has ${y.shape[0]}`, {
      sentence: true,
    });
  const variables = refs.map((r) => r.variable.read() as tf.Variable);
  const chain = chainLayers(model);
  return tf.tidy(() => {
    const { value, grads } = tf.variableGrads(() => {
      const input = x.dtype === 'float32' ? x : x.toFloat();
      let prediction: tf.Tensor;
      if (chain) {
        prediction = input;
        for (const layer of chain) prediction = applyLayer(layer, prediction);
      } else {
        prediction = model.apply(input) as tf.Tensor;
      }
      let target = y.dtype === 'float32' ? y : y.toFloat();
      if (target.shape.join() !== prediction.shape.join() && target.size === prediction.size)
        target = target.reshape(prediction.shape);
      return tf.mean(lossFn(target, prediction)) as tf.Scalar;
    }, variables);
    return { loss: value, grads: variables.map((v) => grads[v.name]) };
  });
}

/**
 * The mean loss over `(x, y)` and its gradient with respect to each weight of `refs`, as numbers:
 * computed in plain JavaScript for a chain of Dense layers (see `denseChainGradients`, ~4 times
 * faster on the CPU backend), else by tfjs (`lossAndGradients`) and read back in one `dataSync`.
 * `data`, when given, is what `denseChainData` read from `x` and `y` before (a caller that asks
 * every epoch reads them once).
 */
export function fullSetGradients(
  model: tf.LayersModel,
  refs: readonly TrainableWeightRef[],
  x: tf.Tensor,
  y: tf.Tensor,
  caller: string,
  weights?: readonly ArrayLike<number>[],
  data?: { x: ArrayLike<number>; y: ArrayLike<number> },
): { loss: number; grads: (Float32Array | Float64Array)[] } {
  compiledParts(model, caller);
  if (x.shape[0] !== y.shape[0])
    throw new InvalidParameterError(caller, 'y', `x has ${x.shape[0]} samples but y has ${y.shape[0]}`, {
      sentence: true,
    });
  const plan = denseChainPlan(model, chainLayers(model), refs);
  const values = plan && (data ?? denseChainData(plan, x, y));
  if (plan && values) return denseChainGradients(plan, weights ?? readWeights(refs).each, values.x, values.y);
  const { loss, grads } = lossAndGradients(model, refs, x, y, caller);
  const packed = tf.tidy(() => tf.concat([loss.reshape([1]), ...grads.map((g) => g.reshape([-1]))]));
  const all = packed.dataSync() as Float32Array;
  tf.dispose([packed, loss, ...grads]);
  let offset = 1;
  return {
    loss: all[0],
    grads: grads.map((g) => {
      const part = all.subarray(offset, offset + g.size);
      offset += g.size;
      return part;
    }),
  };
}

/**
 * Measures the gradient of a compiled model's loss with respect to each trainable weight, over the
 * whole of `(x, y)` in one pass (as the lesson's `ExtendedTensorBoard` does every epoch), without
 * changing the model. Use it before, during (in a callback) or after training; feed the result to
 * `diagnoseGradients`.
 *
 * @param model a compiled model (its compiled loss is used)
 * @param x inputs, e.g. the training set
 * @param y targets
 * @throws Error when the model is not compiled, or x and y differ in length
 *
 * @example
 * const s = gradientStats(model, trainX, trainY);
 * s.kernels.map((k) => `${k.layer}: ${k.meanAbs.toExponential(1)}`);
 */
export function gradientStats(model: tf.LayersModel, x: GradientInput, y: GradientInput): GradientStats {
  const caller = 'gradientStats';
  const xs = toInputTensor(x, caller, 'x');
  const ys = toInputTensor(y, caller, 'y');
  try {
    const refs = trainableWeightRefs(model);
    const measured = fullSetGradients(model, refs, xs.tensor, ys.tensor, caller);
    const weights = refs.map((r, i): WeightGradientStats => ({
      name: r.name,
      layer: r.layer,
      param: r.param,
      ...summarizeValues(measured.grads[i]),
    }));
    return { loss: measured.loss, kernels: weights.filter((w) => w.param === 'kernel'), weights };
  } finally {
    if (xs.owned) xs.tensor.dispose();
    if (ys.owned) ys.tensor.dispose();
  }
}
