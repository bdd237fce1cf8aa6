/**
 * lib/training: Keras-style optimizers and gradient clipping for TensorFlow.js, and a seeded `fit`.
 *
 * May import: errors, data, recurrent.
 */
export * from './gradient-clipping.js';
export * from './keras-sgd.js';
export * from './fit-seeded.js';
export * from './seeds.js';
