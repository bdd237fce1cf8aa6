/**
 * `npm run bench:rnn`: recurrent training, TypeScript (tfjs pure-JS backend, lista5's fused kernels)
 * against Keras 3 (TensorFlow 2.21 CPU), side by side in one run on this machine. The model is the
 * Para ir além notebook's: one recurrent layer of 8 units (simpleRNN, LSTM, GRU) and Dense(1, sigmoid),
 * Adam, on `firstSignSequences` (T = 40, 512 sequences, batch 32, 10 epochs by default); the same
 * sequences go to both sides. TypeScript and Keras never run at the same time.
 *
 *   npm run bench:rnn
 *   npm run bench:rnn -- --epochs 40 --n 1024 --lr 0.005 --reps 3 --cells lstm,gru
 *   npm run bench:rnn -- --no-keras          # TypeScript only (fused and tfjs' generic loop)
 *
 * Options: --cells LIST, --T N, --n N, --epochs N, --batch-size N, --lr X, --reps N (median),
 * --no-generic (skip tfjs' own loop), --no-keras, --python PATH, --venv DIR (as `npm run bench`).
 *
 * Prints one JSON line per cell:
 *   { cell, T, n, epochs, batchSize, ours_s, ours_cpu_s, tfjs_generic_s, keras_s, keras_cpu_s,
 *     ratio: ours_s / keras_s (below 1: faster than Keras), max_loss_difference, load }
 * Wall times are the medians of the repetitions of `fitSeeded` / `model.fit` alone; CPU times the
 * process's user + system time over the same span (Keras uses both cores). max_loss_difference is the
 * largest difference of the per-epoch training loss between the fused kernels and tfjs' generic loop
 * (same weights, same batches): 0 until the training leaves its plateau, where float32 rounding
 * differences grow (a 1e-6 nudge of one weight does the same to tfjs' own loop).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureVenv, median } from './run.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(here);

function parse(argv) {
  const o = {
    cells: ['simpleRNN', 'lstm', 'gru'],
    T: 40,
    n: 512,
    epochs: 10,
    batchSize: 32,
    lr: 0.02,
    reps: 1,
    generic: true,
    keras: true,
    python: 'python3',
    venv: path.join(here, '.venv-keras'),
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => argv[++i];
    if (a === '--cells') o.cells = next().split(',');
    else if (a === '--T') o.T = Number(next());
    else if (a === '--n') o.n = Number(next());
    else if (a === '--epochs') o.epochs = Number(next());
    else if (a === '--batch-size') o.batchSize = Number(next());
    else if (a === '--lr') o.lr = Number(next());
    else if (a === '--reps') o.reps = Number(next());
    else if (a === '--no-generic') o.generic = false;
    else if (a === '--no-keras') o.keras = false;
    else if (a === '--python') o.python = next();
    else if (a === '--venv') o.venv = path.resolve(next());
    else throw new Error(`bench/rnn.mjs: unknown option ${a} (see the comment at the top of bench/rnn.mjs)`);
  }
  return o;
}

function jsonLines(text) {
  return text
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l));
}

function run(command, args) {
  const r = spawnSync(command, args, {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '3' },
  });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${r.status}):\n${r.stderr}`);
  return jsonLines(r.stdout);
}

const o = parse(process.argv.slice(2));
const l5 = await import('../lib/dist/index.js');
const data = l5.firstSignSequences({ nSamples: o.n, length: o.T, randomState: 1000 + o.T });
const ts = run(process.execPath, [
  path.join(here, 'rnn-ts.mjs'),
  JSON.stringify({
    cells: o.cells,
    T: o.T,
    n: o.n,
    epochs: o.epochs,
    batchSize: o.batchSize,
    lr: o.lr,
    reps: o.reps,
    generic: o.generic,
  }),
]);
let keras = [];
if (o.keras) {
  const py = ensureVenv(o);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-rnn-'));
  const file = path.join(dir, 'data.json');
  fs.writeFileSync(
    file,
    JSON.stringify({ x: Array.from(data.x), xShape: data.xShape, y: Array.from(data.y), yShape: data.yShape }),
  );
  try {
    keras = run(py, [
      path.join(here, 'keras_rnn_bench.py'),
      '--data',
      file,
      '--cells',
      o.cells.join(','),
      '--epochs',
      String(o.epochs),
      '--batch-size',
      String(o.batchSize),
      '--lr',
      String(o.lr),
      '--reps',
      String(o.reps),
    ]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
const round = (v) => (Number.isFinite(v) ? Math.round(v * 1000) / 1000 : null);
for (const cell of o.cells) {
  const fused = ts.find((r) => r.cell === cell && r.path === 'fused');
  const generic = ts.find((r) => r.cell === cell && r.path === 'generic');
  const k = keras.find((r) => r.cell === cell);
  const ours = median(fused.seconds);
  const kerasSeconds = k ? median(k.seconds) : NaN;
  const lossDifference = generic ? Math.max(...fused.loss.map((v, i) => Math.abs(v - generic.loss[i]))) : NaN;
  const line = {
    cell,
    T: o.T,
    n: o.n,
    epochs: o.epochs,
    batchSize: o.batchSize,
    ours_s: round(ours),
    ours_cpu_s: round(median(fused.cpuSeconds)),
    tfjs_generic_s: generic ? round(median(generic.seconds)) : null,
    keras_s: round(kerasSeconds),
    keras_cpu_s: k ? round(median(k.cpuSeconds)) : null,
    ratio: round(ours / kerasSeconds),
    max_loss_difference: generic ? lossDifference : null,
    load: round(os.loadavg()[0]),
  };
  process.stdout.write(JSON.stringify(line) + '\n');
}
