/**
 * `fuseRecurrent`: the lesson's recurrent layers (`tf.layers.simpleRNN`, `lstm`, `gru`) run as one
 * operation over the whole sequence — a plain-JavaScript kernel forward and backward, wrapped with
 * `tf.customGrad` — instead of tfjs' generic loop, which dispatches dozens of tiny tensor operations
 * per time step (the cost of a small RNN on the pure-JS backend). The same idea as Keras' fused cuDNN
 * kernel: the layer, its weights and its configuration stay those of tfjs; only the computation of
 * `call` changes, and only when the configuration allows it. Anything the kernels do not compute —
 * masks, an initial state, `stateful`, `returnSequences`, `returnState`, `goBackwards`, dropout,
 * another activation, a generic `tf.layers.rnn` — goes through tfjs' own layer, unchanged.
 *
 * The gradients flow to the input, the kernel, the recurrent kernel and the bias (tests compare
 * them with tfjs' own layers and with Keras). `fitSeeded` and `gradientsThroughTime` call it.
 */
import * as tf from '@tensorflow/tfjs';
import { checkModel } from '../errors/index.js';
import { FUSED_ACTIVATIONS, type FusedActivation } from './activations.js';
import { gruForward } from './gru-kernel.js';
import { lstmForward } from './lstm-kernel.js';
import type { SequenceForward, SequenceProblem } from './sequence-arrays.js';
import { simpleRnnForward } from './simple-rnn-kernel.js';

/** What tfjs-layers 4.22's `SimpleRNN`, `LSTM` and `GRU` keep (private fields; also read by memory-gate.ts). */
export interface RnnInternals {
  cell?: {
    units: number;
    kernel?: tf.LayerVariable;
    recurrentKernel?: tf.LayerVariable;
    bias?: tf.LayerVariable | null;
    activation?: { getClassName?(): string } | null;
    recurrentActivation?: { getClassName?(): string } | null;
    dropout?: number;
    recurrentDropout?: number;
    getClassName(): string;
  };
  returnSequences?: boolean;
  returnState?: boolean;
  goBackwards?: boolean;
  stateful?: boolean;
}

type Kernel = (p: SequenceProblem) => SequenceForward;

/** Which path a recurrent layer of a model takes (see {@link fuseRecurrent}). */
export interface RecurrentPath {
  /** The layer's name. */
  layer: string;
  /** `SimpleRNN`, `LSTM` or `GRU` (or another recurrent class, never fused). */
  className: string;
  /** Whether its training and inference run the fused sequence kernel. */
  fused: boolean;
  /** Why not, when `fused` is false. */
  reason?: string;
}

const CELLS: Record<string, string> = { SimpleRNN: 'SimpleRNNCell', LSTM: 'LSTMCell', GRU: 'GRUCell' };
const RECURRENT = ['SimpleRNN', 'LSTM', 'GRU', 'RNN'];

/** The layer's kernel, or why its configuration needs tfjs' generic loop. */
function kernelFor(layer: tf.layers.Layer): Kernel | string {
  const className = layer.getClassName();
  const l = layer as unknown as RnnInternals;
  const cell = l.cell;
  if (CELLS[className] === undefined || cell?.getClassName() !== CELLS[className])
    return `${className} is not a simpleRNN, lstm or gru layer`;
  for (const flag of ['stateful', 'returnSequences', 'returnState', 'goBackwards'] as const)
    if (l[flag]) return `${flag} is on`;
  if ((cell.dropout ?? 0) > 0 || (cell.recurrentDropout ?? 0) > 0) return 'it has dropout';
  const activation = cell.activation?.getClassName?.() ?? 'linear';
  if (!FUSED_ACTIVATIONS.includes(activation)) return `activation ${activation} is not fused`;
  if (className === 'SimpleRNN') return (p) => simpleRnnForward(p, activation as FusedActivation);
  const recurrent = cell.recurrentActivation?.getClassName?.() ?? 'linear';
  if (!FUSED_ACTIVATIONS.includes(recurrent)) return `recurrentActivation ${recurrent} is not fused`;
  const forward = className === 'LSTM' ? lstmForward : gruForward;
  return (p) => forward(p, activation as FusedActivation, recurrent as FusedActivation);
}

/** The fused operation: `[B, T, F]` → the last output `[B, U]`, differentiable in x and the weights. */
function fusedCall(layer: tf.layers.Layer, kernel: Kernel, x: tf.Tensor): tf.Tensor {
  const cell = (layer as unknown as RnnInternals).cell!;
  const weights = [cell.kernel!.read(), cell.recurrentKernel!.read()];
  if (cell.bias) weights.push(cell.bias.read());
  const inputs = [x, ...weights];
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xs, k, r, b] = args.slice(0, inputs.length) as tf.Tensor[];
    const [batch, steps, features] = x.shape;
    const units = cell.units;
    const forward = kernel({
      batch,
      steps,
      features,
      units,
      x: xs.dataSync(),
      kernel: k.dataSync(),
      recurrentKernel: r.dataSync(),
      bias: b ? b.dataSync() : null,
    });
    return {
      value: tf.tensor2d(Float32Array.from(forward.last), [batch, units]),
      gradFunc: (dy: tf.Tensor) => {
        const g = forward.backward(dy.dataSync());
        const grads = [
          tf.tensor(Float32Array.from(g.x), x.shape),
          tf.tensor(Float32Array.from(g.kernel), k.shape),
          tf.tensor(Float32Array.from(g.recurrentKernel), r.shape),
        ];
        if (b) grads.push(tf.tensor(Float32Array.from(g.bias!), b.shape));
        return grads;
      },
    };
  });
  return op(...inputs);
}

type Call = (inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>) => tf.Tensor | tf.Tensor[];
const patched = new WeakSet<tf.layers.Layer>();

/** The one input tensor of a call, if that is what it got. */
function singleInput(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor | undefined {
  const x = Array.isArray(inputs) ? (inputs.length === 1 ? inputs[0] : undefined) : inputs;
  return x instanceof tf.Tensor && x.rank === 3 && x.dtype === 'float32' ? x : undefined;
}

function patch(layer: tf.layers.Layer): void {
  if (patched.has(layer)) return;
  const holder = layer as unknown as { call: Call };
  const generic = holder.call;
  holder.call = function (this: tf.layers.Layer, inputs, kwargs) {
    const x = singleInput(inputs);
    const kernel = kernelFor(layer);
    if (x === undefined || typeof kernel === 'string' || kwargs?.mask != null || kwargs?.initialState != null)
      return generic.call(this, inputs, kwargs);
    return fusedCall(layer, kernel, x);
  };
  patched.add(layer);
}

/**
 * Makes the model's `simpleRNN`, `lstm` and `gru` layers run the fused sequence kernel whenever their
 * configuration allows it (the others keep tfjs' generic loop); idempotent. The numbers are those of
 * tfjs' layers, up to float32 rounding (the kernels compute in float64).
 *
 * @throws Error naming the argument when `model` is not a tf.LayersModel
 * @returns the path each recurrent layer of the model takes, in the model's order
 * @example
 * for (const p of l5.fuseRecurrent(modelo)) console.log(`${p.layer}: ${p.fused ? "fused" : p.reason}`);
 */
export function fuseRecurrent(model: tf.LayersModel): RecurrentPath[] {
  checkModel('fuseRecurrent', 'model', model);
  const paths: RecurrentPath[] = [];
  for (const layer of model.layers) {
    const className = layer.getClassName();
    if (!RECURRENT.includes(className)) continue;
    const kernel = kernelFor(layer);
    if (typeof kernel === 'string') {
      paths.push({ layer: layer.name, className, fused: false, reason: kernel });
    } else {
      patch(layer);
      paths.push({ layer: layer.name, className, fused: true });
    }
  }
  return paths;
}

/** Whether {@link fuseRecurrent} patched this layer (its calls take the fused kernel when allowed). */
export function isFused(layer: tf.layers.Layer): boolean {
  return patched.has(layer);
}
