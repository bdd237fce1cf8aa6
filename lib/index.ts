/**
 * lista5 – the library behind the Portuguese lesson "Lista 5 – Vanishing & Exploding Gradient".
 * Everything the notebooks need comes from here: `import * as l5 from "lista5"`.
 *
 * Folders: backend (which TensorFlow.js backend runs), data (scikit-learn's circles, numpy's
 * RandomState, MinMaxScaler), notebook (rich output and progress),
 * plots (Vega-Lite charts), tensorboard (event files TensorBoard reads), training (Keras-style SGD and gradient clipping).
 */
export * from './backend/index.js';
export * from './data/index.js';
export * from './notebook/index.js';
export * from './plots/index.js';
export * from './tensorboard/index.js';
export * from './training/index.js';
