/**
 * The gradient of the loss over a whole data set for a chain of `Dense` layers (the lesson's
 * networks), computed in plain JavaScript: the same mathematics as tfjs' automatic differentiation
 * (`lossAndGradients`), in float64, without creating a tensor per operation.
 *
 * On the pure-JS CPU backend, one tfjs forward and backward pass of the lesson's `modelo_fundo` over
 * its 500 training samples takes ~3 ms, most of it in tfjs' per-operation work (matMul packing,
 * transposes, tensor bookkeeping); these loops take about a quarter of that. The fast path behind
 * `FullSetGradients` (on that backend only), so the TensorBoard callback and `gradientStats` always
 * give the same numbers; any model it does not cover (other layers or activations, another loss)
 * goes through tfjs instead. The only module that reads tfjs' private `Dense` fields.
 */
import * as tf from '@tensorflow/tfjs';
import type { TrainableWeightRef } from './weight-refs.js';

/** Activations computed here, by the names tfjs' activation classes give (`getClassName()`). */
type Activation = 'linear' | 'relu' | 'tanh' | 'sigmoid';
const ACTIVATIONS: readonly string[] = ['linear', 'relu', 'tanh', 'sigmoid'];
/** Losses computed here, by the names given to `model.compile({ loss })`. */
type Loss = 'binaryCrossentropy' | 'meanSquaredError';
const LOSSES: readonly string[] = ['binaryCrossentropy', 'meanSquaredError'];

interface PlannedLayer {
  inputs: number;
  units: number;
  activation: Activation;
  /** Index in the refs of the kernel, and of the bias (-1: no bias). */
  kernelRef: number;
  biasRef: number;
}

/** How to compute a model's gradients with {@link denseChainGradients}; from {@link denseChainPlan}. */
export interface DenseChainPlan {
  layers: PlannedLayer[];
  loss: Loss;
  /** Features per sample (the first layer's inputs) and values per target (the last layer's units). */
  inputs: number;
  outputs: number;
}

/** What a tfjs `Dense` layer keeps (private fields of tfjs-layers 4.22's `Dense`). */
interface DenseInternals {
  kernel?: tf.LayerVariable | null;
  bias?: tf.LayerVariable | null;
  activation?: { getClassName?(): string } | null;
}

/**
 * A plan when `layers` (from `chainLayers`) are all `Dense` layers on flat inputs, with activations
 * linear, relu, tanh or sigmoid, the compiled loss is `binaryCrossentropy` or `meanSquaredError`
 * (given by name), and `refs` are exactly their kernels and biases; otherwise `undefined`.
 */
export function denseChainPlan(
  model: tf.LayersModel,
  layers: readonly tf.layers.Layer[] | undefined,
  refs: readonly TrainableWeightRef[],
): DenseChainPlan | undefined {
  const lossName = Array.isArray(model.loss) ? (model.loss.length === 1 ? model.loss[0] : undefined) : model.loss;
  if (typeof lossName !== 'string' || !LOSSES.includes(lossName) || layers === undefined || layers.length === 0)
    return undefined;
  const refIndex = new Map(refs.map((r, i) => [r.variable, i]));
  const planned: PlannedLayer[] = [];
  let used = 0;
  for (const layer of layers) {
    if (layer.getClassName() !== 'Dense') return undefined;
    const { kernel, bias, activation } = layer as unknown as DenseInternals;
    const name = activation?.getClassName?.();
    if (!kernel || kernel.shape.length !== 2 || name === undefined || !ACTIVATIONS.includes(name)) return undefined;
    const [inputs, units] = kernel.shape as [number, number];
    if (planned.length > 0 && planned[planned.length - 1].units !== inputs) return undefined;
    const kernelRef = refIndex.get(kernel);
    const biasRef = bias ? refIndex.get(bias) : -1;
    if (kernelRef === undefined || biasRef === undefined) return undefined; // a frozen weight: leave it to tfjs
    used += bias ? 2 : 1;
    planned.push({ inputs, units, activation: name as Activation, kernelRef, biasRef });
  }
  if (used !== refs.length) return undefined;
  return {
    layers: planned,
    loss: lossName as Loss,
    inputs: planned[0].inputs,
    outputs: planned[planned.length - 1].units,
  };
}

/** tfjs' `epsilon()` on float32 backends: binaryCrossentropy clips predictions to [ε, 1 − ε]. */
const EPSILON = 1e-7;

function activate(kind: Activation, z: Float64Array): void {
  if (kind === 'tanh') for (let i = 0; i < z.length; i++) z[i] = Math.tanh(z[i]);
  else if (kind === 'sigmoid') for (let i = 0; i < z.length; i++) z[i] = 1 / (1 + Math.exp(-z[i]));
  else if (kind === 'relu') for (let i = 0; i < z.length; i++) z[i] = Math.max(z[i], 0);
}

/** da ← da · activation'(z), from the activation's output `a` (tfjs' relu gradient is 0 at 0). */
function activationGrad(kind: Activation, a: Float64Array, da: Float64Array): void {
  if (kind === 'tanh') for (let i = 0; i < da.length; i++) da[i] *= 1 - a[i] * a[i];
  else if (kind === 'sigmoid') for (let i = 0; i < da.length; i++) da[i] *= a[i] * (1 - a[i]);
  else if (kind === 'relu') for (let i = 0; i < da.length; i++) da[i] *= a[i] > 0 ? 1 : 0;
}

const float64 = (values: ArrayLike<number>): Float64Array =>
  values instanceof Float64Array ? values : Float64Array.from(values);

/**
 * The mean loss over `(x, y)` and its gradient with respect to each weight of `refs` (in their
 * order), as `lossAndGradients` computes them, in float64.
 *
 * @param weights the current value of each ref's variable, in the refs' order (row-major)
 * @param x `n × plan.inputs` inputs, row-major
 * @param y `n × plan.outputs` targets, row-major
 */
export function denseChainGradients(
  plan: DenseChainPlan,
  weightValues: readonly ArrayLike<number>[],
  xValues: ArrayLike<number>,
  yValues: ArrayLike<number>,
): { loss: number; grads: Float64Array[] } {
  // One element type everywhere keeps the loops below fast.
  const weights = weightValues.map(float64);
  const x = float64(xValues);
  const y = float64(yValues);
  const n = x.length / plan.inputs;
  if (!Number.isInteger(n) || y.length !== n * plan.outputs) {
    throw new Error(
      `denseChainGradients: ${x.length} inputs and ${y.length} targets do not make samples of ${plan.inputs} → ${plan.outputs}`,
    );
  }
  // Forward: the output of every layer, after its activation.
  const outs: Float64Array[] = [];
  let h = x;
  for (const layer of plan.layers) {
    const { inputs, units } = layer;
    const kernel = weights[layer.kernelRef];
    const bias = layer.biasRef >= 0 ? weights[layer.biasRef] : undefined;
    const z = new Float64Array(n * units);
    for (let s = 0; s < n; s++) {
      for (let u = 0; u < units; u++) {
        let sum = bias ? bias[u] : 0;
        for (let i = 0; i < inputs; i++) sum += h[s * inputs + i] * kernel[i * units + u];
        z[s * units + u] = sum;
      }
    }
    activate(layer.activation, z);
    outs.push(z);
    h = z;
  }
  // The loss: mean over the outputs of a sample, then over the samples; and its gradient.
  const pred = outs[outs.length - 1];
  let da = new Float64Array(pred.length);
  const scale = 1 / pred.length;
  let loss = 0;
  for (let i = 0; i < pred.length; i++) {
    const p = pred[i];
    const t = y[i];
    if (plan.loss === 'meanSquaredError') {
      loss += (p - t) * (p - t);
      da[i] = 2 * (p - t) * scale;
    } else {
      // tfjs clips p to [ε, 1 − ε] (no gradient outside), then relu(l) − l·t + log1p(exp(−|l|)) with
      // l = log(c / (1 − c)), which is −t·log(c) − (1 − t)·log(1 − c).
      const c = Math.min(Math.max(p, EPSILON), 1 - EPSILON);
      loss += -t * Math.log(c) - (1 - t) * Math.log(1 - c);
      da[i] = p >= EPSILON && p <= 1 - EPSILON ? ((c - t) / (c * (1 - c))) * scale : 0;
    }
  }
  loss *= scale;
  // Backward: da is the gradient with respect to the current layer's output.
  const grads: Float64Array[] = weights.map((w) => new Float64Array(w.length));
  for (let l = plan.layers.length - 1; l >= 0; l--) {
    const layer = plan.layers[l];
    const { inputs, units } = layer;
    activationGrad(layer.activation, outs[l], da);
    const input = l > 0 ? outs[l - 1] : x;
    const kernel = weights[layer.kernelRef];
    const gk = grads[layer.kernelRef];
    const gb = layer.biasRef >= 0 ? grads[layer.biasRef] : undefined;
    const dh = new Float64Array(l > 0 ? n * inputs : 0);
    for (let s = 0; s < n; s++) {
      for (let u = 0; u < units; u++) {
        const g = da[s * units + u];
        if (gb) gb[u] += g;
        for (let i = 0; i < inputs; i++) {
          gk[i * units + u] += input[s * inputs + i] * g;
          if (l > 0) dh[s * inputs + i] += g * kernel[i * units + u];
        }
      }
    }
    da = dh;
  }
  return { loss, grads };
}

/**
 * The values of `x` and `y` for {@link denseChainGradients} (read once from the backend), or
 * `undefined` when their shapes do not fit the plan (then tfjs computes, and reports the mistake).
 */
export function denseChainData(
  plan: DenseChainPlan,
  x: tf.Tensor,
  y: tf.Tensor,
): { x: ArrayLike<number>; y: ArrayLike<number> } | undefined {
  if (x.rank !== 2 || x.shape[1] !== plan.inputs || y.size !== x.shape[0] * plan.outputs) return undefined;
  return { x: Float64Array.from(x.dataSync()), y: Float64Array.from(y.dataSync()) };
}
