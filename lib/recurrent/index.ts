/**
 * lib/recurrent: the lesson's recurrent layers (simpleRNN, LSTM, GRU) as fused sequence kernels —
 * plain loops forward and backward through time behind tfjs' own layer API, used when the layer's
 * configuration allows it (tfjs' generic loop otherwise).
 *
 * May import: errors.
 */
export { fuseRecurrent, type RecurrentPath } from './fused-recurrent.js';
export { memoryGate, type MemoryGate } from './memory-gate.js';
