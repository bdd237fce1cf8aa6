/**
 * The activations a fused recurrent kernel computes, by the names tfjs' activation classes give
 * (`getClassName()`), with the derivatives tfjs' automatic differentiation uses (relu's is 0 at 0;
 * hardSigmoid's passes where 0 ≤ 0.2·z + 0.5 ≤ 1, as `clipByValue`'s gradient does).
 */

/** An activation the fused kernels compute. */
export type FusedActivation = 'tanh' | 'sigmoid' | 'hardSigmoid' | 'linear' | 'relu';

/** The names of {@link FusedActivation}, for checking a layer's configuration. */
export const FUSED_ACTIVATIONS: readonly string[] = ['tanh', 'sigmoid', 'hardSigmoid', 'linear', 'relu'];

/** The activation as a function of its input. */
export function activationFunction(kind: FusedActivation): (z: number) => number {
  switch (kind) {
    case 'tanh':
      return Math.tanh;
    case 'sigmoid':
      return (z) => 1 / (1 + Math.exp(-z));
    case 'hardSigmoid':
      return (z) => Math.min(Math.max(0.2 * z + 0.5, 0), 1);
    case 'relu':
      return (z) => (z > 0 ? z : 0);
    default:
      return (z) => z;
  }
}

/** The derivative, from the activation's input `z` and output `a`. */
export function activationDerivative(kind: FusedActivation): (z: number, a: number) => number {
  switch (kind) {
    case 'tanh':
      return (_z, a) => 1 - a * a;
    case 'sigmoid':
      return (_z, a) => a * (1 - a);
    case 'hardSigmoid':
      return (z) => {
        const y = 0.2 * z + 0.5;
        return y >= 0 && y <= 1 ? 0.2 : 0;
      };
    case 'relu':
      return (z) => (z > 0 ? 1 : 0);
    default:
      return () => 1;
  }
}
