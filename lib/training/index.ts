/** Training helpers: Keras-style optimizers and gradient clipping for TensorFlow.js. */
export * from './gradient-clipping.js';
export * from './keras-sgd.js';
export * from './fit-seeded.js';
export * from './seeds.js';
