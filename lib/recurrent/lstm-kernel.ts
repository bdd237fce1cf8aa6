/**
 * An `lstm` layer over a whole sequence in plain loops, and its exact gradient through time: the
 * mathematics of tfjs' `LSTMCell` (gates i, f, c, o in that order, as in the kernel's columns), in
 * float64. With z = x_t·K + h_{t−1}·R + b: i = σ(z_i), f = σ(z_f), g = a(z_c), o = σ(z_o),
 * c_t = f·c_{t−1} + i·g, h_t = o·a(c_t); h_0 = c_0 = 0 (σ the recurrent activation).
 */
import { activationDerivative, activationFunction, type FusedActivation } from './activations.js';
import { inputGradients, inputProjection, type SequenceForward, type SequenceProblem } from './sequence-arrays.js';

/** The forward pass; keeps what its `backward` needs. */
export function lstmForward(
  p: SequenceProblem,
  activation: FusedActivation,
  recurrentActivation: FusedActivation,
): SequenceForward {
  const { batch: B, steps: T, units: U, recurrentKernel: R } = p;
  const G = 4 * U;
  const act = activationFunction(activation);
  const dAct = activationDerivative(activation);
  const rec = activationFunction(recurrentActivation);
  const dRec = activationDerivative(recurrentActivation);
  const pre = inputProjection(p, G); // becomes the gates' pre-activations, [B·T, 4U]
  const gate = new Float64Array(B * T * G); // i, f, g, o
  const hs = new Float64Array((T + 1) * B * U); // h_0 … h_T
  const cs = new Float64Array((T + 1) * B * U); // c_0 … c_T
  const ac = new Float64Array(T * B * U); // a(c_t), t = 1 … T
  for (let t = 0; t < T; t++) {
    for (let b = 0; b < B; b++) {
      const hp = t * B * U + b * U;
      const o = (b * T + t) * G;
      for (let u = 0; u < U; u++) {
        const h = hs[hp + u];
        if (h === 0) continue;
        for (let g = 0; g < G; g++) pre[o + g] += h * R[u * G + g];
      }
      for (let j = 0; j < U; j++) {
        const i = (gate[o + j] = rec(pre[o + j]));
        const f = (gate[o + U + j] = rec(pre[o + U + j]));
        const g = (gate[o + 2 * U + j] = act(pre[o + 2 * U + j]));
        const out = (gate[o + 3 * U + j] = rec(pre[o + 3 * U + j]));
        const c = f * cs[hp + j] + i * g;
        cs[hp + B * U + j] = c;
        const a = (ac[hp + j] = act(c));
        hs[hp + B * U + j] = out * a;
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
      const dc = new Float64Array(B * U);
      for (let t = T - 1; t >= 0; t--) {
        const next = new Float64Array(B * U);
        for (let b = 0; b < B; b++) {
          const hp = t * B * U + b * U;
          const o = (b * T + t) * G;
          for (let j = 0; j < U; j++) {
            const i = gate[o + j],
              f = gate[o + U + j],
              g = gate[o + 2 * U + j],
              out = gate[o + 3 * U + j];
            const d = dh[b * U + j];
            const a = ac[hp + j];
            const dC = dc[b * U + j] + d * out * dAct(cs[hp + B * U + j], a);
            dc[b * U + j] = dC * f;
            dPre[o + j] = dC * g * dRec(pre[o + j], i);
            dPre[o + U + j] = dC * cs[hp + j] * dRec(pre[o + U + j], f);
            dPre[o + 2 * U + j] = dC * i * dAct(pre[o + 2 * U + j], g);
            dPre[o + 3 * U + j] = d * a * dRec(pre[o + 3 * U + j], out);
          }
          for (let u = 0; u < U; u++) {
            const h = hs[hp + u];
            let s = 0;
            for (let g = 0; g < G; g++) {
              s += dPre[o + g] * R[u * G + g];
              dR[u * G + g] += h * dPre[o + g];
            }
            next[b * U + u] = s;
          }
        }
        dh = next;
      }
      return inputGradients(p, G, dPre, dR);
    },
  };
}
