#!/usr/bin/env node
/**
 * `npm run bench`: the lesson's trainings, TypeScript (TensorFlow.js, pure-JS CPU backend) against the
 * Python original (TensorFlow 2.21 / Keras 3), timed on this machine in one run, side by side.
 *
 *   npm run bench                         (builds lib first; about 25 minutes with the defaults on a quiet
 *                                          machine, 35+ when other work shares its 2 cores)
 *   npm run bench -- --help
 *   node bench/run.mjs [options]
 *
 * Options:
 *   --reps N              TypeScript repetitions of every row (3)
 *   --keras-reps N        Keras repetitions of every row (2; a 500-epoch Keras fit takes 60–120 s here,
 *                         140–290 s with the gradient-logging TensorBoard callback)
 *   --epochs N            override the lesson's epochs (400 for exploding/clipped, 500 for the others)
 *   --rows a,b,...        rows to run (exploding,clipped,raso,fundo,fundo_tb,xavier,xavier_tb)
 *   --no-keras            TypeScript side only (no Python, no virtualenv)
 *   --no-scaling          skip the modelo_xavier scaling runs
 *   --scaling-epochs L    epochs of the "fit time vs epochs" runs, 500 training points (100,250,500)
 *   --scaling-sizes L     training points:epochs of the "fit time vs data size" runs (500:100,5000:10,50000:3)
 *   --scaling-reps N      repetitions of every scaling run (1)
 *   --keras-scaling       run the data-size series on Keras too (adds ~2 minutes with the default sizes)
 *   --python PATH         Python 3.11 that makes the benchmark virtualenv (python3)
 *   --venv DIR            the benchmark virtualenv (bench/.venv-keras); made when missing, with
 *                         tensorflow-cpu 2.21.0, scikit-learn and tensorboard from the local wheelhouse
 *   --out FILE            where the Markdown report goes besides stdout (bench/results/latest.md);
 *                         the raw JSON lines go next to it (<FILE without .md>.jsonl)
 *   --help                this text
 *
 * Order: all TypeScript runs first (one Node process per row, so each row's peak memory is its own), then
 * all Keras runs (one Python process, repetitions interleaved across rows): the machine has 2 cores and
 * running both sides at once would distort both. Progress goes to stderr; the report to stdout.
 * The *_tb rows use runModel(..., { logToTb: true, logDir }) and the Keras-3 version of the lesson's
 * ExtendedTensorBoard (bench/keras_bench.py); on the TypeScript side they print "n/a (not built)" when
 * the library has no l5.TensorBoardCallback.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { root, usage } from './cli.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

export const ROWS = ['exploding', 'clipped', 'raso', 'fundo', 'fundo_tb', 'xavier', 'xavier_tb'];
export const ROW_LABELS = {
  exploding: 'exploding (Dense(1), SGD 0.01)',
  clipped: 'clipped (clipvalue 1)',
  raso: 'modelo_raso',
  fundo: 'modelo_fundo',
  fundo_tb: 'modelo_fundo + TensorBoard & gradients',
  xavier: 'modelo_xavier',
  xavier_tb: 'modelo_xavier + TensorBoard & gradients',
};
const TARGET_SPEEDUP = 3;

const DEFAULTS = {
  reps: 3,
  kerasReps: 2,
  epochs: 0,
  rows: ROWS.join(','),
  scalingEpochs: '100,250,500',
  scalingSizes: '500:100,5000:10,50000:3',
  scalingReps: 1,
  python: 'python3',
  venv: path.join(root, 'bench', '.venv-keras'),
  out: path.join(root, 'bench', 'results', 'latest.md'),
};
const FLAGS = ['noKeras', 'noScaling', 'kerasScaling', 'help'];

export function parseArgs(argv) {
  const o = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h') {
      o.help = true;
      continue;
    }
    if (!arg.startsWith('--')) throw new Error(`unexpected argument ${arg} (see --help)`);
    const name = arg.slice(2).replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    if (FLAGS.includes(name)) {
      o[name] = true;
      continue;
    }
    if (!(name in DEFAULTS)) throw new Error(`unknown option ${arg} (see --help)`);
    const value = argv[++i];
    if (value === undefined) throw new Error(`${arg} needs a value`);
    o[name] = typeof DEFAULTS[name] === 'number' ? Number(value) : value;
  }
  for (const name of ['reps', 'kerasReps', 'scalingReps']) {
    if (!Number.isInteger(o[name]) || o[name] < 1)
      throw new Error(`--${kebab(name)} must be a positive integer, got ${o[name]}`);
  }
  if (!Number.isInteger(o.epochs) || o.epochs < 0)
    throw new Error(`--epochs must be a positive integer, got ${o.epochs}`);
  o.rowList = o.rows.split(',').filter(Boolean);
  const unknown = o.rowList.filter((r) => !ROWS.includes(r));
  if (unknown.length || !o.rowList.length)
    throw new Error(`--rows: unknown rows ${unknown.join(', ')}; known: ${ROWS.join(', ')}`);
  o.scalingEpochList = positiveList(o.scalingEpochs, '--scaling-epochs');
  o.scalingSizeList = o.scalingSizes
    .split(',')
    .filter(Boolean)
    .map((item) => {
      const [n, e] = item.split(':').map(Number);
      if (!Number.isInteger(n) || n < 1 || !Number.isInteger(e) || e < 1)
        throw new Error(`--scaling-sizes: "${item}" is not points:epochs`);
      return { nTrain: n, epochs: e };
    });
  return o;
}

function kebab(name) {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function positiveList(text, option) {
  const list = text.split(',').filter(Boolean).map(Number);
  if (!list.length || list.some((v) => !Number.isInteger(v) || v < 1))
    throw new Error(`${option}: "${text}" is not a list of positive integers`);
  return list;
}

const progress = (line) => process.stderr.write(`${line}\n`);

/** Parses the JSON lines of a child's stdout ("NaN"/"Infinity" strings and bare NaN/Infinity become numbers). */
export function parseJsonLines(text) {
  const revive = (_, v) => (v === 'NaN' ? NaN : v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : v);
  return text
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line.replace(/:\s*(-?Infinity|NaN)\b/g, ': "$1"'), revive));
}

/** Runs a child, forwarding stderr, echoing each result line to our stderr as progress; resolves to its records. */
function runChild(command, args, { env, label }) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let pending = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop();
      for (const record of parseJsonLines(lines.join('\n'))) {
        if (record.row && record.fitSeconds !== undefined) {
          const size = record.nTrain && record.nTrain !== 500 ? `, ${record.nTrain} points` : '';
          progress(
            `  ${label} ${record.row} rep ${record.rep + 1} (${record.epochs} epochs${size}): ${record.fitSeconds.toFixed(2)} s`,
          );
        } else if (record.unavailable) {
          progress(`  ${label} ${record.row}: ${record.unavailable}`);
        }
      }
    });
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) {
        const tail = err
          .split('\n')
          .filter((l) => !/^(I0000|W0000|WARNING: All log)/.test(l))
          .slice(-30)
          .join('\n');
        reject(new Error(`${label}: ${command} ${args.join(' ')} exited with ${code}\n${tail}`));
      } else {
        resolve(parseJsonLines(out));
      }
    });
  });
}

/** Makes the benchmark virtualenv when it lacks TensorFlow. */
export function ensureVenv(o) {
  const py = path.join(o.venv, 'bin', 'python');
  const check = () =>
    fs.existsSync(py) &&
    spawnSync(py, ['-c', 'import tensorflow, keras, sklearn, tensorboard'], {
      env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '3' },
    }).status === 0;
  if (check()) return py;
  progress(
    `Making the benchmark virtualenv ${path.relative(root, o.venv)} (tensorflow-cpu 2.21.0 from the local wheelhouse)…`,
  );
  const run = (cmd, args) => {
    const r = spawnSync(cmd, args, {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, PIP_RETRIES: '0', PIP_DISABLE_PIP_VERSION_CHECK: '1' },
    });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.error})`);
  };
  if (!fs.existsSync(py)) run(o.python, ['-m', 'venv', o.venv]);
  run(py, ['-m', 'pip', 'install', '-q', 'tensorflow-cpu==2.21.0', 'scikit-learn', 'tensorboard==2.21.0']);
  if (!check()) throw new Error(`${o.venv}: tensorflow, keras, scikit-learn or tensorboard still cannot be imported`);
  return py;
}

// ---------- statistics and formatting ----------

export function median(values) {
  const v = values.filter((x) => typeof x === 'number' && !Number.isNaN(x)).sort((a, b) => a - b);
  if (!v.length) return NaN;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

const fmtS = (s) => (Number.isFinite(s) ? (s >= 100 ? s.toFixed(0) : s >= 10 ? s.toFixed(1) : s.toFixed(2)) : '–');
const fmtAcc = (a) => (typeof a === 'number' && Number.isFinite(a) ? a.toFixed(3) : '–');

function fmtLoss(values) {
  const v = values.filter((x) => typeof x === 'number');
  if (!v.length) return '–';
  const one = (x) =>
    Number.isNaN(x)
      ? 'NaN'
      : !Number.isFinite(x)
        ? x > 0
          ? 'inf'
          : '-inf'
        : Math.abs(x) >= 1e4
          ? x.toExponential(2)
          : x.toPrecision(3);
  const shown = [...new Set(v.map(one))];
  return shown.join(' / ');
}

/** "0.816 (0.81–0.82)" over the repetitions. */
function fmtAccuracies(values) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x));
  if (!v.length) return '–';
  const lo = Math.min(...v);
  const hi = Math.max(...v);
  return v.length === 1 || lo === hi ? fmtAcc(v[0]) : `${fmtAcc(median(v))} (${fmtAcc(lo)}–${fmtAcc(hi)})`;
}

function summarize(records, row) {
  const rs = records.filter(
    (r) => r.row === row && r.fitSeconds !== undefined && (r.nTrain === undefined || r.nTrain === 500),
  );
  const unavailable = records.find((r) => r.row === row && r.unavailable)?.unavailable;
  return {
    n: rs.length,
    unavailable,
    fit: median(rs.map((r) => r.fitSeconds)),
    fits: rs.map((r) => r.fitSeconds),
    cpu: median(rs.map((r) => r.cpuSeconds)),
    epochs: rs[0]?.epochs,
    train: rs.map((r) => r.trainAccuracy),
    test: rs.map((r) => r.testAccuracy),
    loss: rs.map((r) => r.finalLoss),
  };
}

function table(header, rows) {
  const lines = [`| ${header.join(' | ')} |`, `|${header.map((h, i) => (i === 0 ? '---' : '---:')).join('|')}|`];
  for (const r of rows) lines.push(`| ${r.join(' | ')} |`);
  return lines.join('\n');
}

export function report(o, results) {
  const { ts, keras, memory, scaling, kerasScaling, info, startedAt, seconds } = results;
  const out = [];
  out.push('# Lista 5 benchmark: TypeScript (TensorFlow.js) vs the Python original (Keras)');
  out.push('');
  out.push(
    `Run ${startedAt}, ${seconds.toFixed(0)} s in all, on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB.`,
  );
  if (info.ts)
    out.push(
      `- TypeScript: TensorFlow.js ${info.ts.tfjs}, backend "${info.ts.backend}" (${info.ts.description}), Node ${info.ts.node}.`,
    );
  if (info.keras)
    out.push(
      `- Python: TensorFlow ${info.keras.tensorflow}, Keras ${info.keras.keras}, numpy ${info.keras.numpy}, Python ${info.keras.python} (bench/keras_bench.py).`,
    );
  const load = (l) => (l ? l.map((x) => x.toFixed(2)).join(' / ') : '–');
  out.push(
    `- Load average (1 / 5 / 15 min) at the start ${load(results.load?.start)}, after the TypeScript runs ${load(results.load?.afterTs)}, at the end ${load(results.load?.end)}: with ${os.cpus().length} cores, a 1-minute load well above 1 at the start means other work shared the machine and the wall times are inflated; the CPU-time columns (user + system of the training process over the fit; for Keras all its threads) are less sensitive to that.`,
  );
  out.push(
    `- Fit time = wall time of the training loop alone (runModel's fitSeconds / model.fit), median of ${o.reps} TypeScript and ${o.noKeras ? 0 : o.kerasReps} Keras repetitions; ratio = ours / Keras (lower is better), speed-up = Keras / ours. Accuracy: after training (evaluate), median (min–max) over the repetitions.`,
  );
  out.push(
    '- Command: `node bench/run.mjs ' +
      process.argv.slice(2).join(' ') +
      '`' +
      (o.epochs ? ` (epochs overridden: ${o.epochs})` : ''),
  );
  out.push('');
  const header = [
    'row',
    'epochs',
    'TS fit s',
    'Keras fit s',
    'ours/Keras',
    'speed-up',
    `≥${TARGET_SPEEDUP}x`,
    'TS CPU s',
    'Keras CPU s',
    'TS train acc',
    'TS test acc',
    'Keras train acc',
    'Keras test acc',
    'final loss TS',
    'final loss Keras',
  ];
  const rows = o.rowList.map((row) => {
    const a = summarize(ts, row);
    const b = summarize(keras, row);
    const tsFit = a.unavailable && !a.n ? a.unavailable : fmtS(a.fit);
    const kFit = o.noKeras ? 'skipped' : b.n ? fmtS(b.fit) : '–';
    const both = a.n && b.n;
    const ratio = both ? a.fit / b.fit : NaN;
    const classification = !['exploding', 'clipped'].includes(row);
    return [
      ROW_LABELS[row],
      String(a.epochs ?? b.epochs ?? '–'),
      tsFit,
      kFit,
      both ? ratio.toFixed(3) : '–',
      both ? `${(1 / ratio).toFixed(1)}x` : '–',
      both ? (1 / ratio >= TARGET_SPEEDUP ? 'yes' : '**no**') : '–',
      a.n ? fmtS(a.cpu) : '–',
      b.n ? fmtS(b.cpu) : '–',
      classification ? fmtAccuracies(a.train) : '–',
      classification ? fmtAccuracies(a.test) : '–',
      classification ? fmtAccuracies(b.train) : '–',
      classification ? fmtAccuracies(b.test) : '–',
      fmtLoss(a.loss),
      fmtLoss(b.loss),
    ];
  });
  out.push('## Fit time and accuracy');
  out.push('');
  out.push(table(header, rows));
  out.push('');
  const reps = (list) => (list.length ? `[${list.map(fmtS).join(', ')}]` : 'none');
  out.push(
    'Per repetition (fit s): ' +
      o.rowList
        .map(
          (row) =>
            `${row} TS ${reps(summarize(ts, row).fits)}` +
            (o.noKeras ? '' : `, Keras ${reps(summarize(keras, row).fits)}`),
        )
        .join('; ') +
      '.',
  );
  out.push('');
  out.push('## Peak memory of the TypeScript runs (one Node process per row)');
  out.push('');
  out.push(
    table(
      ['row', 'max RSS MB (resourceUsage)', 'RSS at end MB', 'heap used MB', 'tf tensors left', 'tf bytes left'],
      o.rowList
        .filter((row) => memory[row])
        .map((row) => {
          const m = memory[row];
          return [
            ROW_LABELS[row],
            String(m.maxRssMB),
            String(m.rssMB),
            String(m.heapUsedMB),
            String(m.tfNumTensors),
            String(m.tfNumBytes),
          ];
        }),
    ),
  );
  if (scaling.length) {
    out.push('');
    out.push("## How modelo_xavier's fit time grows (TypeScript, no logging)");
    out.push('');
    const per = (list) => list.map((r) => r.fitSeconds / r.epochs);
    const groups = new Map();
    for (const r of scaling) {
      const key = `${r.series}|${r.nTrain}|${r.epochs}`;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(r);
    }
    const kGroups = new Map();
    for (const r of kerasScaling) {
      const key = `${r.nTrain}|${r.epochs}`;
      if (!kGroups.has(key)) kGroups.set(key, []);
      kGroups.get(key).push(r);
    }
    const hasKeras = kerasScaling.length > 0;
    const head = [
      'series',
      'training points',
      'epochs',
      'fit s',
      'ms / epoch',
      'CPU ms / epoch',
      'µs / sample·epoch',
      'test acc',
    ];
    if (hasKeras) head.push('Keras fit s', 'Keras ms / epoch', 'Keras test acc', 'speed-up');
    out.push(
      table(
        head,
        [...groups.values()].map((list) => {
          const r0 = list[0];
          const fit = median(list.map((r) => r.fitSeconds));
          const msEpoch = median(per(list)) * 1000;
          const cpuEpoch = median(list.map((r) => r.cpuSeconds / r.epochs)) * 1000;
          const line = [
            r0.series === 'epochs' ? 'vs epochs' : 'vs data size',
            String(r0.nTrain),
            String(r0.epochs),
            fmtS(fit),
            msEpoch.toFixed(1),
            cpuEpoch.toFixed(1),
            ((msEpoch * 1000) / r0.nTrain).toFixed(2),
            fmtAccuracies(list.map((r) => r.testAccuracy)),
          ];
          if (hasKeras) {
            const k = r0.series === 'sizes' ? kGroups.get(`${r0.nTrain}|${r0.epochs}`) : undefined;
            if (k) {
              const kFit = median(k.map((r) => r.fitSeconds));
              line.push(
                fmtS(kFit),
                ((kFit / r0.epochs) * 1000).toFixed(1),
                fmtAccuracies(k.map((r) => r.testAccuracy)),
                `${(kFit / fit).toFixed(1)}x`,
              );
            } else line.push('–', '–', '–', '–');
          }
          return line;
        }),
      ),
    );
    out.push('');
    out.push('ms / epoch includes the per-epoch validation on as many test points as training points.');
  }
  return out.join('\n') + '\n';
}

// ---------- main ----------

async function main() {
  let o;
  try {
    o = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(e.message);
    process.exit(2);
  }
  if (o.help) {
    console.log(usage(import.meta.url));
    return;
  }
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const node = process.execPath;
  const tsBench = path.join(here, 'ts-bench.mjs');
  const epochArgs = o.epochs ? ['--epochs', String(o.epochs)] : [];
  const results = { ts: [], keras: [], memory: {}, scaling: [], kerasScaling: [], info: {}, startedAt };
  const take = (records, into, extra = {}) => {
    for (const r of records) {
      if (r.info) results.info[r.side] = r.info;
      else if (r.memory) continue;
      else into.push({ ...r, ...extra });
    }
  };

  results.load = { start: os.loadavg() };
  progress(`TypeScript: ${o.rowList.length} rows × ${o.reps} repetitions`);
  for (const row of o.rowList) {
    const records = await runChild(node, [tsBench, '--rows', row, '--reps', String(o.reps), ...epochArgs], {
      label: 'ts',
    });
    take(records, results.ts);
    const memory = records.find((r) => r.memory);
    if (memory && !records.every((r) => r.unavailable || r.info || r.memory)) results.memory[row] = memory.memory;
  }
  if (!o.noScaling) {
    progress('TypeScript scaling (modelo_xavier, no logging)');
    const runs = [
      ...o.scalingEpochList.map((epochs) => ({ series: 'epochs', nTrain: 500, epochs })),
      ...o.scalingSizeList.map(({ nTrain, epochs }) => ({ series: 'sizes', nTrain, epochs })),
    ];
    for (const run of runs) {
      const records = await runChild(
        node,
        [
          tsBench,
          '--rows',
          'xavier',
          '--reps',
          String(o.scalingReps),
          '--epochs',
          String(run.epochs),
          '--n-train',
          String(run.nTrain),
        ],
        { label: 'ts scaling' },
      );
      take(records, results.scaling, { series: run.series });
      const memory = records.find((r) => r.memory);
      if (memory) results.memory[`xavier@${run.nTrain}x${run.epochs}`] = memory.memory;
    }
  }
  results.load.afterTs = os.loadavg();
  if (!o.noKeras) {
    const py = ensureVenv(o);
    const env = { TF_CPP_MIN_LOG_LEVEL: '3', PYTHONUNBUFFERED: '1' };
    progress(`Keras: ${o.rowList.length} rows × ${o.kerasReps} repetitions`);
    take(
      await runChild(
        py,
        [path.join(here, 'keras_bench.py'), '--rows', o.rowList.join(','), '--reps', String(o.kerasReps), ...epochArgs],
        { env, label: 'keras' },
      ),
      results.keras,
    );
    if (o.kerasScaling && !o.noScaling) {
      progress('Keras scaling (modelo_xavier, data sizes)');
      for (const { nTrain, epochs } of o.scalingSizeList) {
        take(
          await runChild(
            py,
            [
              path.join(here, 'keras_bench.py'),
              '--rows',
              'xavier',
              '--reps',
              String(o.scalingReps),
              '--epochs',
              String(epochs),
              '--n-train',
              String(nTrain),
            ],
            { env, label: 'keras scaling' },
          ),
          results.kerasScaling,
        );
      }
    }
  }
  results.load.end = os.loadavg();
  results.seconds = (performance.now() - started) / 1000;

  // Scaling memory rows are reported under their own labels.
  for (const key of Object.keys(results.memory))
    if (key.startsWith('xavier@'))
      ROW_LABELS[key] = `modelo_xavier scaling, ${key.slice(7).replace('x', ' points × ')} epochs`;
  const reportOptions = { ...o, rowList: o.rowList };
  let text = report(reportOptions, results);
  const scalingMemory = Object.keys(results.memory).filter((k) => k.startsWith('xavier@'));
  if (scalingMemory.length) {
    text +=
      '\nPeak memory of the scaling runs: ' +
      scalingMemory.map((k) => `${ROW_LABELS[k]}: max RSS ${results.memory[k].maxRssMB} MB`).join('; ') +
      '.\n';
  }
  process.stdout.write(text);
  fs.mkdirSync(path.dirname(path.resolve(o.out)), { recursive: true });
  fs.writeFileSync(o.out, text);
  const jsonl = o.out.replace(/\.md$/, '') + '.jsonl';
  const all = [
    ...results.ts,
    ...results.keras,
    ...results.scaling.map((r) => ({ ...r, scaling: true })),
    ...results.kerasScaling.map((r) => ({ ...r, scaling: true })),
    ...Object.entries(results.memory).map(([row, memory]) => ({ side: 'ts', row, memory })),
  ];
  fs.writeFileSync(
    jsonl,
    all
      .map((r) => JSON.stringify(r, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)))
      .join('\n') + '\n',
  );
  progress(
    `\nWritten: ${path.relative(process.cwd(), o.out) || o.out} and ${path.relative(process.cwd(), jsonl) || jsonl}`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
