/**
 * lib/backend: which TensorFlow.js backend does the arithmetic: tfjs-node-gpu, tfjs-node or pure
 * JavaScript, chosen once per kernel ({@link initBackend}); `LISTA5_BACKEND` forces one.
 *
 * May import: errors.
 */
export * from './choose-backend.js';
export * from './init-backend.js';
