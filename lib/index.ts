/**
 * lista5 – the library behind the Portuguese lesson "Lista 5 – Vanishing & Exploding Gradient".
 * Everything the notebooks need comes from here: `import * as l5 from "lista5"`.
 *
 * One folder per idea, lowest layer first; a folder imports only from folders earlier in this list,
 * only those its index.ts names on its `May import:` line, and only through their front doors
 * (`index.ts`, or `internal.ts` for what other folders use beyond this API); lib/architecture.test.ts
 * checks all three. `platform/` serves the scripts (scripts/paths.mjs) and is not part of the
 * notebooks' API:
 *
 * | folder        | what it is                                                                   |
 * | ------------- | ---------------------------------------------------------------------------- |
 * | `errors/`     | clear errors that name the bad argument                                      |
 * | `platform/`   | the user's machine: Python venv layout, finding Python and a browser         |
 * | `data/`       | the data: scikit-learn's circles, numpy's RandomState, MinMaxScaler          |
 * | `backend/`    | which TensorFlow.js backend runs                                             |
 * | `notebook/`   | rich output in Jupyter (MIME bundles, a progress line)                       |
 * | `tensorboard/`| TensorBoard's event files (write and read) and the TensorBoard server        |
 * | `recurrent/`  | simpleRNN, LSTM and GRU as fused sequence kernels behind tfjs' layers        |
 * | `training/`   | Keras-style SGD, gradient clipping, seeded `fit`                             |
 * | `gradients/`  | measuring gradients and diagnosing vanishing / exploding ones                |
 * | `plots/`      | Vega-Lite charts, rendered to SVG for the handouts                           |
 * | `callbacks/`  | things that watch a training: TensorBoard logging, progress                  |
 * | `lesson/`     | the lesson's own `runModel`, its networks, its RNN trainings (in workers)    |
 */
export { InvalidParameterError } from './errors/index.js';
export * from './backend/index.js';
export * from './data/index.js';
export * from './notebook/index.js';
export * from './tensorboard/index.js';
export * from './recurrent/index.js';
export * from './training/index.js';
export * from './gradients/index.js';
export * from './plots/index.js';
export * from './callbacks/index.js';
export * from './lesson/index.js';
