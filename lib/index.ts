/**
 * lista5 – the library behind the Portuguese lesson "Lista 5 – Vanishing & Exploding Gradient".
 * Everything the notebooks need comes from here: `import * as l5 from "lista5"`.
 *
 * Folders: backend (which TensorFlow.js backend runs), notebook (rich output and progress),
 * plots (Vega-Lite charts).
 */
export * from './backend/index.js';
export * from './notebook/index.js';
export * from './plots/index.js';
