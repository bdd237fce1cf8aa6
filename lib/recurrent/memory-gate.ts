/**
 * `memoryGate`: how open the gate that keeps a gated cell's memory is, on given sequences — the LSTM's
 * forget gate f_t (c_t = f_t·c_{t−1} + …) or the GRU's update gate z_t (h_t = z_t·h_{t−1} + …). Along
 * the memory's direct path the gradient is multiplied by this gate at every step, so its mean says how
 * far back the gradient can reach: σ(1) ≈ 0.73 (the LSTM's forget-gate bias 1) kept for 39 steps is
 * 0.73³⁹ ≈ 5 × 10⁻⁶. Computed by the fused kernels' forward pass (the numbers of tfjs' layers).
 */
import * as tf from '@tensorflow/tfjs';
import { describeValue, InvalidParameterError } from '../errors/index.js';
import { FUSED_ACTIVATIONS, type FusedActivation } from './activations.js';
import type { RnnInternals } from './fused-recurrent.js';
import { gruForward } from './gru-kernel.js';
import { lstmForward } from './lstm-kernel.js';

/** What {@link memoryGate} measured. */
export interface MemoryGate {
  /** The layer's name. */
  layer: string;
  /** `forget` (LSTM's f) or `update` (GRU's z). */
  gate: 'forget' | 'update';
  /** The gate's mean over the examples, the units and the steps. */
  mean: number;
  /** Its mean at each step t = 1 … T (over the examples and the units). */
  perStep: number[];
}

function activationOf(where: string, a: { getClassName?(): string } | null | undefined): FusedActivation {
  const name = a?.getClassName?.() ?? 'linear';
  if (!FUSED_ACTIVATIONS.includes(name))
    throw new InvalidParameterError(where, 'layer', `has activation ${name}, which memoryGate does not compute`);
  return name as FusedActivation;
}

/**
 * The mean of the memory gate of an `lstm` or `gru` layer over the sequences `x` (`[batch, steps,
 * features]`, the layer's input): the first such layer of a model, or the layer itself.
 *
 * @throws InvalidParameterError naming the argument when there is no LSTM or GRU layer, or x is not a
 *   float32 tensor of rank 3
 * @example
 * console.log(l5.memoryGate(rede, x).mean.toFixed(2)); // 0.73 for an LSTM with forget bias 1, at init
 */
export function memoryGate(modelOrLayer: tf.LayersModel | tf.layers.Layer, x: tf.Tensor): MemoryGate {
  const where = 'memoryGate';
  const layers = modelOrLayer instanceof tf.LayersModel ? modelOrLayer.layers : [modelOrLayer];
  const layer = layers.find((l) => l instanceof tf.layers.Layer && ['LSTM', 'GRU'].includes(l.getClassName()));
  if (layer === undefined)
    throw new InvalidParameterError(
      where,
      'modelOrLayer',
      `must be (or hold) an lstm or gru layer, got ${describeValue(modelOrLayer)}`,
    );
  if (!(x instanceof tf.Tensor) || x.rank !== 3 || x.dtype !== 'float32')
    throw new InvalidParameterError(
      where,
      'x',
      `must be a float32 tensor [batch, steps, features], got ${describeValue(x)}`,
    );
  const cell = (layer as unknown as RnnInternals).cell;
  if (cell?.kernel === undefined || cell.recurrentKernel === undefined)
    throw new InvalidParameterError(
      where,
      'modelOrLayer',
      `has an unbuilt layer ${layer.name}: call the model once first`,
    );
  const isLstm = layer.getClassName() === 'LSTM';
  const [batch, steps, features] = x.shape as [number, number, number];
  const units = cell.units;
  const forward = (isLstm ? lstmForward : gruForward)(
    {
      batch,
      steps,
      features,
      units,
      x: x.dataSync(),
      kernel: cell.kernel.read().dataSync(),
      recurrentKernel: cell.recurrentKernel.read().dataSync(),
      bias: cell.bias ? cell.bias.read().dataSync() : null,
    },
    activationOf(where, cell.activation),
    activationOf(where, cell.recurrentActivation),
  );
  const gates = forward.gates!;
  const width = (isLstm ? 4 : 3) * units;
  const offset = isLstm ? units : 0; // LSTM (i, f, c, o), GRU (z, r, h)
  const perStep = new Array<number>(steps).fill(0);
  for (let b = 0; b < batch; b++)
    for (let t = 0; t < steps; t++)
      for (let j = 0; j < units; j++) perStep[t] += gates[(b * steps + t) * width + offset + j];
  for (let t = 0; t < steps; t++) perStep[t] /= batch * units;
  const mean = perStep.reduce((a, v) => a + v, 0) / steps;
  return { layer: layer.name, gate: isLstm ? 'forget' : 'update', mean, perStep };
}
