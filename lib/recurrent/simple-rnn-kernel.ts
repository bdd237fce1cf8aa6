/**
 * A `simpleRNN` layer over a whole sequence in plain loops: h_t = a(x_t·K + b + h_{t−1}·R), h_0 = 0,
 * and its exact gradient through time (the mathematics of tfjs' `SimpleRNNCell`, in float64).
 */
import { activationDerivative, activationFunction, type FusedActivation } from './activations.js';
import { inputGradients, inputProjection, type SequenceForward, type SequenceProblem } from './sequence-arrays.js';

/** The forward pass; keeps what its `backward` needs. */
export function simpleRnnForward(p: SequenceProblem, activation: FusedActivation): SequenceForward {
  const { batch: B, steps: T, units: U, recurrentKernel: R } = p;
  const act = activationFunction(activation);
  const dAct = activationDerivative(activation);
  const pre = inputProjection(p, U); // becomes the pre-activations, [B·T, U]
  const hs = new Float64Array((T + 1) * B * U); // h_0 … h_T, [T+1, B, U]
  for (let t = 0; t < T; t++) {
    for (let b = 0; b < B; b++) {
      const hp = t * B * U + b * U;
      const hn = hp + B * U;
      const o = (b * T + t) * U;
      for (let u = 0; u < U; u++) {
        const h = hs[hp + u];
        if (h === 0) continue;
        for (let j = 0; j < U; j++) pre[o + j] += h * R[u * U + j];
      }
      for (let j = 0; j < U; j++) hs[hn + j] = act(pre[o + j]);
    }
  }
  return {
    last: hs.slice(T * B * U),
    backward(dLast) {
      const dPre = new Float64Array(B * T * U);
      const dR = new Float64Array(U * U);
      let dh = Float64Array.from(dLast);
      for (let t = T - 1; t >= 0; t--) {
        const next = new Float64Array(B * U);
        for (let b = 0; b < B; b++) {
          const hp = t * B * U + b * U;
          const o = (b * T + t) * U;
          for (let j = 0; j < U; j++) dPre[o + j] = dh[b * U + j] * dAct(pre[o + j], hs[hp + B * U + j]);
          for (let u = 0; u < U; u++) {
            const h = hs[hp + u];
            let s = 0;
            for (let j = 0; j < U; j++) {
              s += dPre[o + j] * R[u * U + j];
              dR[u * U + j] += h * dPre[o + j];
            }
            next[b * U + u] = s;
          }
        }
        dh = next;
      }
      return inputGradients(p, U, dPre, dR);
    },
  };
}
