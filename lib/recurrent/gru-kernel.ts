/**
 * A `gru` layer over a whole sequence in plain loops, and its exact gradient through time: the
 * mathematics of tfjs' `GRUCell` (`resetAfter: false`, the only one tfjs has; gates z, r, h in the
 * kernel's columns), in float64. With σ the recurrent activation:
 * z = σ(x_t·K_z + b_z + h_{t−1}·R_z), r = σ(x_t·K_r + b_r + h_{t−1}·R_r),
 * ĥ = a(x_t·K_h + b_h + (r·h_{t−1})·R_h), h_t = z·h_{t−1} + (1 − z)·ĥ; h_0 = 0.
 */
import { activationDerivative, activationFunction, type FusedActivation } from './activations.js';
import { inputGradients, inputProjection, type SequenceForward, type SequenceProblem } from './sequence-arrays.js';

/** The forward pass; keeps what its `backward` needs. */
export function gruForward(
  p: SequenceProblem,
  activation: FusedActivation,
  recurrentActivation: FusedActivation,
): SequenceForward {
  const { batch: B, steps: T, units: U, recurrentKernel: R } = p;
  const G = 3 * U;
  const act = activationFunction(activation);
  const dAct = activationDerivative(activation);
  const rec = activationFunction(recurrentActivation);
  const dRec = activationDerivative(recurrentActivation);
  const pre = inputProjection(p, G); // becomes the pre-activations of z, r, ĥ, [B·T, 3U]
  const gate = new Float64Array(B * T * G); // z, r, ĥ
  const hs = new Float64Array((T + 1) * B * U); // h_0 … h_T
  const rh = new Float64Array(T * B * U); // r·h_{t−1}
  for (let t = 0; t < T; t++) {
    for (let b = 0; b < B; b++) {
      const hp = t * B * U + b * U;
      const o = (b * T + t) * G;
      for (let u = 0; u < U; u++) {
        const h = hs[hp + u];
        if (h === 0) continue;
        for (let g = 0; g < 2 * U; g++) pre[o + g] += h * R[u * G + g];
      }
      for (let g = 0; g < 2 * U; g++) gate[o + g] = rec(pre[o + g]);
      for (let u = 0; u < U; u++) {
        const v = (rh[hp + u] = gate[o + U + u] * hs[hp + u]);
        if (v === 0) continue;
        for (let j = 0; j < U; j++) pre[o + 2 * U + j] += v * R[u * G + 2 * U + j];
      }
      for (let j = 0; j < U; j++) {
        const hh = (gate[o + 2 * U + j] = act(pre[o + 2 * U + j]));
        const z = gate[o + j];
        hs[hp + B * U + j] = z * hs[hp + j] + (1 - z) * hh;
      }
    }
  }
  return {
    last: hs.slice(T * B * U),
    gates: gate,
    backward(dLast) {
      const dPre = new Float64Array(B * T * G);
      const dR = new Float64Array(U * G);
      let dh = Float64Array.from(dLast);
      for (let t = T - 1; t >= 0; t--) {
        const next = new Float64Array(B * U);
        for (let b = 0; b < B; b++) {
          const hp = t * B * U + b * U;
          const o = (b * T + t) * G;
          for (let j = 0; j < U; j++) {
            const z = gate[o + j],
              hh = gate[o + 2 * U + j];
            const d = dh[b * U + j];
            next[b * U + j] = d * z;
            dPre[o + j] = d * (hs[hp + j] - hh) * dRec(pre[o + j], z);
            dPre[o + 2 * U + j] = d * (1 - z) * dAct(pre[o + 2 * U + j], hh);
          }
          for (let u = 0; u < U; u++) {
            let dRh = 0;
            for (let j = 0; j < U; j++) {
              const dH = dPre[o + 2 * U + j];
              dRh += dH * R[u * G + 2 * U + j];
              dR[u * G + 2 * U + j] += rh[hp + u] * dH;
            }
            const r = gate[o + U + u];
            next[b * U + u] += dRh * r;
            dPre[o + U + u] = dRh * hs[hp + u] * dRec(pre[o + U + u], r);
          }
          for (let u = 0; u < U; u++) {
            const h = hs[hp + u];
            let s = 0;
            for (let g = 0; g < 2 * U; g++) {
              s += dPre[o + g] * R[u * G + g];
              dR[u * G + g] += h * dPre[o + g];
            }
            next[b * U + u] += s;
          }
        }
        dh = next;
      }
      return inputGradients(p, G, dPre, dR);
    },
  };
}
