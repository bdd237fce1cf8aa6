/**
 * The TypeScript side of `npm run bench:rnn` (bench/rnn.mjs): the Para ir além notebook's recurrent
 * classifier — one recurrent layer of 8 units (Keras' activations: recurrentActivation 'sigmoid', LSTM
 * forget bias 1, GRU update-gate bias 2) and Dense(1, sigmoid) — trained with Adam on
 * `firstSignSequences`, timed per training. Runs against the compiled lib/dist.
 *
 *   node bench/rnn-ts.mjs '{"cells":["lstm"],"T":40,"n":512,"epochs":10,"batchSize":32,"lr":0.02,"reps":1,"generic":true}'
 *
 * One JSON line per cell and path on stdout:
 *   { side: 'ts', cell, path: 'fused' | 'generic', seconds: [..], cpuSeconds: [..], loss: [..], acc }
 * seconds is the wall time of `fitSeeded` alone, cpuSeconds the process's CPU time over the same span.
 * `fused` is `l5.fitSeeded` (fused kernels), `generic` the same with `fuseRecurrent: false` (tfjs' loop).
 */
import * as tf from '@tensorflow/tfjs';
import * as l5 from '../lib/dist/index.js';

const o = JSON.parse(process.argv[2] ?? '{}');
const { cells = ['simpleRNN', 'lstm', 'gru'], T = 40, n = 512, epochs = 10, batchSize = 32, lr = 0.02 } = o;
const reps = o.reps ?? 1;
await tf.setBackend('cpu');

/** The notebook's criarRede (notebooks/lista5-para-ir-alem-solucoes.ipynb). */
function network(cell, seed = 0) {
  const semente = l5.seedSequence(seed);
  const config = {
    units: 8,
    inputShape: [T, 1],
    kernelInitializer: tf.initializers.glorotUniform({ seed: semente() }),
    recurrentInitializer: tf.initializers.orthogonal({ seed: semente() }),
    name: cell,
  };
  const layer =
    cell === 'simpleRNN' ? tf.layers.simpleRNN(config) : tf.layers[cell]({ ...config, recurrentActivation: 'sigmoid' });
  const model = tf.sequential({ layers: [layer] });
  model.add(
    tf.layers.dense({
      units: 1,
      activation: 'sigmoid',
      kernelInitializer: tf.initializers.glorotUniform({ seed: semente() }),
    }),
  );
  if (cell !== 'simpleRNN') {
    const [k, r, b] = layer.getWeights();
    const bias = b.arraySync();
    const start = cell === 'lstm' ? 8 : 0;
    for (let i = start; i < start + 8; i++) bias[i] = cell === 'lstm' ? 1 : 2;
    const nb = tf.tensor1d(bias);
    layer.setWeights([k, r, nb]);
    nb.dispose();
  }
  model.compile({ optimizer: tf.train.adam(lr), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  return model;
}

const d = l5.firstSignSequences({ nSamples: n, length: T, randomState: 1000 + T });
const x = tf.tensor3d(d.x, d.xShape);
const y = tf.tensor2d(d.y, d.yShape);
const paths = o.generic === false ? ['fused'] : ['fused', 'generic'];

async function train(cell, path, trainEpochs) {
  const model = network(cell);
  const start = performance.now();
  const cpu = process.cpuUsage();
  const history = await l5.fitSeeded(model, x, y, {
    epochs: trainEpochs,
    batchSize,
    seed: 0,
    fuseRecurrent: path === 'fused',
  });
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  model.optimizer.dispose();
  model.dispose();
  return { seconds, cpuSeconds: (used.user + used.system) / 1e6, history };
}

// One epoch of each cell first, not timed: the JIT's warm-up (a notebook pays it once, not per training).
if (o.warmup !== false) for (const cell of cells) await train(cell, 'fused', 1);
for (const cell of cells) {
  for (const path of paths) {
    const seconds = [];
    const cpuSeconds = [];
    let history;
    for (let r = 0; r < reps; r++) {
      const t = await train(cell, path, epochs);
      seconds.push(t.seconds);
      cpuSeconds.push(t.cpuSeconds);
      history = t.history;
    }
    const line = {
      side: 'ts',
      cell,
      path,
      T,
      n,
      epochs,
      seconds,
      cpuSeconds,
      loss: history.history.loss,
      acc: history.history.acc.at(-1),
    };
    process.stdout.write(JSON.stringify(line) + '\n');
  }
}
tf.dispose([x, y]);
