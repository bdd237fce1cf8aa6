/**
 * The one gradient computation of lib/: the mean loss of a compiled model over a whole data set and
 * its gradient with respect to every trainable weight, as `gradientStats` and the TensorBoard
 * callback (every epoch) need it.
 *
 * tfjs computes it (`lossAndGradients`: `model.apply` under `tf.variableGrads`, in one `tf.tidy`).
 * On the pure-JS CPU backend, where it was measured, a chain of Dense layers goes through
 * `denseChainGradients` instead: the same mathematics in plain JavaScript, about 4 times faster
 * there (dense-chain.ts), equal to tfjs' gradients up to float32 rounding (dense-chain.test.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { invalidArgument } from '../errors/index.js';
import { compiledParts } from '../training/index.js';
import { type DenseChainPlan, denseChainData, denseChainGradients, denseChainPlan } from './dense-chain.js';
import { chainLayers, readWeights, type TrainableWeightRef, trainableWeightRefs } from './weight-refs.js';

/**
 * The mean loss over `(x, y)` and its gradient with respect to each weight of `refs`, computed by
 * tfjs in one tidy (`model.apply` under `tf.variableGrads`). The returned tensors belong to the caller.
 */
export function lossAndGradients(
  model: tf.LayersModel,
  refs: readonly TrainableWeightRef[],
  x: tf.Tensor,
  y: tf.Tensor,
  caller: string,
): { loss: tf.Scalar; grads: tf.Tensor[] } {
  const lossFn = compiledParts(model, caller).lossFunctions[0];
  checkSamples(caller, x, y);
  const variables = refs.map((r) => r.variable.read() as tf.Variable);
  return tf.tidy(() => {
    const { value, grads } = tf.variableGrads(() => {
      const prediction = model.apply(x.dtype === 'float32' ? x : x.toFloat()) as tf.Tensor;
      let target = y.dtype === 'float32' ? y : y.toFloat();
      if (target.shape.join() !== prediction.shape.join() && target.size === prediction.size)
        target = target.reshape(prediction.shape);
      return tf.mean(lossFn(target, prediction)) as tf.Scalar;
    }, variables);
    return { loss: value, grads: variables.map((v) => grads[v.name]) };
  });
}

function checkSamples(caller: string, x: tf.Tensor, y: tf.Tensor): void {
  if (x.shape[0] !== y.shape[0]) {
    throw invalidArgument(caller, 'y', `x has ${x.shape[0]} samples but y has ${y.shape[0]}`);
  }
}

/** Options of {@link FullSetGradients}. */
export interface FullSetGradientsOptions {
  /** The weights to differentiate (default: all trainable weights of the model, in layer order). */
  refs?: readonly TrainableWeightRef[];
  /** Allow the Dense fast path (default: only on the `cpu` backend, where it was measured to help). */
  fastPath?: boolean;
}

/**
 * The gradient of a compiled model's loss over the whole of `(x, y)`, computed as often as needed:
 * the model and data are checked, and the way to compute planned, once (a caller that asks every
 * epoch reads the data from the backend once). `x` and `y` stay the caller's.
 */
export class FullSetGradients {
  /** The weights differentiated, in the order of the gradients. */
  readonly refs: readonly TrainableWeightRef[];
  private readonly plan: DenseChainPlan | undefined;
  private readonly values: { x: ArrayLike<number>; y: ArrayLike<number> } | undefined;

  /**
   * @param caller the public function or class, named in errors
   * @throws InvalidParameterError when the model is not compiled or x and y differ in length
   */
  constructor(
    private readonly model: tf.LayersModel,
    private readonly x: tf.Tensor,
    private readonly y: tf.Tensor,
    private readonly caller: string,
    options: FullSetGradientsOptions = {},
  ) {
    compiledParts(model, caller);
    checkSamples(caller, x, y);
    this.refs = options.refs ?? trainableWeightRefs(model);
    const fast = options.fastPath ?? tf.getBackend() === 'cpu';
    const plan = fast ? denseChainPlan(model, chainLayers(model), this.refs) : undefined;
    this.values = plan && denseChainData(plan, x, y);
    this.plan = this.values && plan;
  }

  /** Whether the Dense fast path computes these gradients (else tfjs does). */
  get fastPath(): boolean {
    return this.plan !== undefined;
  }

  /**
   * The mean loss and each ref's gradient, as numbers.
   *
   * @param weights the refs' current values when the caller has read them already (`readWeights`)
   */
  compute(weights?: readonly ArrayLike<number>[]): { loss: number; grads: (Float32Array | Float64Array)[] } {
    if (this.plan && this.values) {
      return denseChainGradients(this.plan, weights ?? readWeights(this.refs).each, this.values.x, this.values.y);
    }
    const { loss, grads } = lossAndGradients(this.model, this.refs, this.x, this.y, this.caller);
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
}
