#!/usr/bin/env node
/**
 * Where the TypeScript training's time goes: runs one row of bench/ts-bench.mjs under `node --cpu-prof`
 * and summarizes the profile.
 *
 *   node bench/profile.mjs [--row xavier] [--epochs 500] [--interval 250] [--top 30] [--dir DIR]
 *                          [--lib-dist DIR/lib/dist/index.js]   (another build, e.g. check-patch.mjs --keep DIR)
 *   node bench/profile.mjs --analyze FILE.cpuprofile [--top 30]
 *
 * Prints (Markdown):
 *  - time by phase of the training loop: the share of samples whose stack passes through a marker
 *    function (innermost marker wins, so phases do not overlap): the gradient pass (optimizer.minimize:
 *    forward + backward, then applyGradients), batch gathering, validation (model.predict), the epoch's
 *    data() read, callbacks, shuffling, the per-batch sums, evaluation after training, idle;
 *  - self time by package (tfjs-core engine, tfjs-backend-cpu kernels, tfjs-layers, lista5, node, GC);
 *  - the top functions by self time.
 * The .cpuprofile is kept (its path is printed) for Chrome DevTools / speedscope.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { option, root, usage } from './cli.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Phase markers. A sample belongs to the innermost marker on its stack. `fn` matches the function name
 * without its class (`Optimizer.minimize` → `minimize`); `file` a substring of the script URL; `parent`
 * the caller's name; `line` the source line the function starts on (for the anonymous callbacks of
 * fit-seeded.js); `notUnder` names that must not appear between it and fitSeeded.
 */
export const PHASES = [
  { phase: 'evaluate after training (runModel)', fn: /^accuracyOf$/ },
  { phase: 'fitSeeded: loop bookkeeping (other)', fn: /^fitSeeded$/, file: 'fit-seeded' },
  {
    phase: 'validation (predict, loss and metrics on the test set)',
    fn: /^\(anonymous\)$/,
    file: 'fit-seeded',
    line: /validation/,
  },
  { phase: 'validation (predict, loss and metrics on the test set)', fn: /^(predict|predictLoop)$/ },
  { phase: 'shuffle (RandomState.permutation)', fn: /^permutation$/ },
  { phase: 'batch indices (tensor1d)', fn: /^tensor1d$/ },
  { phase: 'batch gathering (tf.gather)', fn: /^gather_$/ },
  {
    phase: 'per-batch loss/metric sums (stack, mul, add)',
    fn: /^(stack_|add_|mul_|zeros)$/,
    notUnder: /^(minimize|gradients|applyGradients|predict|variableGrads|validation|binaryAccuracy.*)$/,
  },
  { phase: 'gradient pass: minimize, other', fn: /^minimize$/ },
  { phase: 'gradient pass: backward (backprop through the tape)', fn: /^gradients$/ },
  { phase: 'gradient pass: tape filtering (getFilteredNodesXToY)', fn: /^getFilteredNodesXToY$/ },
  { phase: 'gradient pass: forward on the tape (model.apply + loss)', fn: /^scopedRun$/, parent: /^gradients$/ },
  {
    phase: 'gradient pass: metrics on the tape (accuracy)',
    fn: /^(binaryAccuracy.*|accuracy.*)$/,
    under: /^gradients$/,
  },
  {
    phase: 'per-batch metrics off the tape (accuracy)',
    fn: /^(binaryAccuracy.*|accuracy.*)$/,
    notUnder: /^(gradients|validation|predict)$/,
  },
  { phase: 'gradient pass: optimizer update (applyGradients)', fn: /^applyGradients$/ },
  { phase: 'epoch read-back (data())', fn: /^(data|dataSync|read|readSync)$/, parent: /^fitSeeded$/ },
];

/**
 * Callback work is reported as one phase whatever it does inside (its own gradient pass would otherwise
 * count as the training's): a sample under a callback method (called from fitSeeded through tfjs'
 * CallbackList) belongs to `callbacks › <what>`.
 */
const CALLBACK_METHOD = /^(onEpochEnd|onEpochBegin|onBatchEnd|onBatchBegin|onTrainBegin|onTrainEnd)$/;
const CALLBACK_INNER = [
  ['gradient pass over the training set', /^(gradients|variableGrads|computeGradients|valueAndGrads|grads)$/],
  ['event file writing', /^(writeSync|appendEvent|flush|drain|fsyncSync|openSync|closeSync|encodeTFRecord)$/],
  ['histograms and summaries', /^(histogram|scalar|text|graph|computeHistogramBuckets|histogramRows|summarizeValues)$/],
  ['tensor reads (data/dataSync)', /^(data|dataSync|arraySync|array)$/],
];

const PACKAGES = [
  ['tfjs-backend-cpu (kernels)', /tfjs-backend-cpu/],
  ['tfjs-core (engine, ops, tape, gradients)', /tfjs-core/],
  ['tfjs-layers', /tfjs-layers/],
  ['tfjs (umbrella)', /@tensorflow\/tfjs\//],
  ['lista5 (lib/dist)', /lib\/dist\//],
  ['bench scripts', /\/bench\//],
  ['node internals', /^node:|^internal\//],
];

function loadProfile(file) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  return { profile, byId, parent };
}

const fname = (n) => n.callFrame.functionName || '(anonymous)';

/** Summaries of a .cpuprofile; `top` functions by self time. */
export function analyze(file, top = 30) {
  const { profile, byId, parent } = loadProfile(file);
  const { samples, timeDeltas } = profile;
  const totalUs = profile.endTime - profile.startTime;
  const phaseUs = new Map();
  const selfUs = new Map();
  const pkgUs = new Map();
  const phaseCache = new Map();

  const sourceLines = new Map();
  const lineText = (url, line) => {
    if (!url.startsWith('file://')) return '';
    if (!sourceLines.has(url)) {
      try {
        sourceLines.set(url, fs.readFileSync(fileURLToPath(url), 'utf8').split('\n'));
      } catch {
        sourceLines.set(url, []);
      }
    }
    return sourceLines.get(url)[line] ?? '';
  };
  const shortName = (n) => fname(n).replace(/^.*\./, '');
  /** Is there a frame matching `re` between `id` (excluded) and the enclosing fitSeeded? */
  const ancestorCache = new Map();
  const under = (id, re) => {
    const key = `${id}|${re.source}`;
    if (ancestorCache.has(key)) return ancestorCache.get(key);
    let found = false;
    for (let cur = parent.get(id); cur !== undefined; cur = parent.get(cur)) {
      const n = byId.get(cur);
      // fit-seeded.js's validation callback (`const validation = tf.tidy(() => …`) counts as "validation".
      const name =
        n.callFrame.url.includes('fit-seeded') && /validation/.test(lineText(n.callFrame.url, n.callFrame.lineNumber))
          ? 'validation'
          : shortName(n);
      if (re.test(name)) {
        found = true;
        break;
      }
      if (name === 'fitSeeded') break;
    }
    ancestorCache.set(key, found);
    return found;
  };
  const matches = (m, id) => {
    const n = byId.get(id);
    if (!m.fn.test(shortName(n)) && !m.fn.test(fname(n))) return false;
    if (m.file && !n.callFrame.url.includes(m.file)) return false;
    if (m.parent) {
      const p = parent.get(id);
      if (p === undefined || !m.parent.test(shortName(byId.get(p)))) return false;
    }
    if (m.line && !m.line.test(lineText(n.callFrame.url, n.callFrame.lineNumber))) return false;
    if (m.under && !under(id, m.under)) return false;
    if (m.notUnder && under(id, m.notUnder)) return false;
    return true;
  };
  /** `callbacks › …` when a callback method of a callback (not tfjs' CallbackList itself) is on the stack. */
  const callbackPhase = (id) => {
    let inner = '';
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const n = byId.get(cur);
      const name = shortName(n);
      if (name === 'fitSeeded') return null;
      if (!inner) inner = CALLBACK_INNER.find(([, re]) => re.test(name))?.[0] ?? '';
      const full = fname(n);
      const isListMethod = /^CallbackList\./.test(full) || n.callFrame.url.includes('tfjs-layers');
      if (CALLBACK_METHOD.test(name) && !isListMethod) {
        const owner = full.includes('.') ? full.split('.')[0] : path.basename(n.callFrame.url).replace(/\.js$/, '');
        return `callbacks › ${owner || 'callback'}: ${inner || 'other'}`;
      }
    }
    return null;
  };
  const phaseOf = (id) => {
    if (phaseCache.has(id)) return phaseCache.get(id);
    let result = callbackPhase(id);
    for (let cur = id; cur !== undefined && !result; cur = parent.get(cur)) {
      result = PHASES.find((m) => matches(m, cur))?.phase ?? null;
    }
    if (!result) {
      const leaf = fname(byId.get(id));
      result =
        leaf === '(idle)'
          ? 'idle (event loop)'
          : leaf === '(garbage collector)'
            ? 'garbage collector (outside a phase)'
            : leaf === '(program)'
              ? '(program)'
              : 'outside training (startup, model building, data)';
    }
    phaseCache.set(id, result);
    return result;
  };

  for (let i = 0; i < samples.length; i++) {
    const dt = timeDeltas[i + 1] ?? 0; // the delta after a sample is the time it stood for
    const id = samples[i];
    const n = byId.get(id);
    phaseUs.set(phaseOf(id), (phaseUs.get(phaseOf(id)) ?? 0) + dt);
    const key = `${fname(n)}  ${path.basename(n.callFrame.url || '')}:${n.callFrame.lineNumber + 1}`;
    selfUs.set(key, (selfUs.get(key) ?? 0) + dt);
    const url = n.callFrame.url || '';
    const pkg = PACKAGES.find(([, re]) => re.test(url))?.[0] ?? (url ? 'other scripts' : fname(n));
    pkgUs.set(pkg, (pkgUs.get(pkg) ?? 0) + dt);
  }
  const sorted = (m) => [...m.entries()].sort((a, b) => b[1] - a[1]);
  const trainingUs = sorted(phaseUs)
    .filter(
      ([k]) =>
        !k.startsWith('outside') &&
        !k.startsWith('idle') &&
        k !== '(program)' &&
        !k.startsWith('garbage') &&
        !k.startsWith('evaluate'),
    )
    .reduce((s, [, v]) => s + v, 0);
  return { totalUs, trainingUs, phases: sorted(phaseUs), packages: sorted(pkgUs), self: sorted(selfUs).slice(0, top) };
}

export function format(summary, title = '') {
  const ms = (us) => (us / 1000).toFixed(0);
  const pct = (us, of) => ((100 * us) / of).toFixed(1);
  const lines = [];
  if (title) lines.push(`### ${title}`, '');
  lines.push(
    `Profile: ${ms(summary.totalUs)} ms in all, ${ms(summary.trainingUs)} ms inside the training phases below.`,
    '',
  );
  lines.push('| phase (innermost marker on the stack) | ms | % of total | % of training |', '|---|---:|---:|---:|');
  for (const [k, v] of summary.phases) {
    const inTraining =
      !k.startsWith('outside') &&
      !k.startsWith('idle') &&
      k !== '(program)' &&
      !k.startsWith('garbage') &&
      !k.startsWith('evaluate');
    lines.push(`| ${k} | ${ms(v)} | ${pct(v, summary.totalUs)} | ${inTraining ? pct(v, summary.trainingUs) : ''} |`);
  }
  lines.push('', '| self time by package | ms | % |', '|---|---:|---:|');
  // Packages under 0.5 % of the profile are summed into one line.
  const small = summary.packages.filter(([, v]) => v < summary.totalUs * 0.005);
  for (const [k, v] of summary.packages)
    if (!small.some(([s]) => s === k)) lines.push(`| ${k} | ${ms(v)} | ${pct(v, summary.totalUs)} |`);
  if (small.length) {
    const v = small.reduce((s, [, x]) => s + x, 0);
    lines.push(`| ${small.length} others (each < 0.5 %) | ${ms(v)} | ${pct(v, summary.totalUs)} |`);
  }
  lines.push('', '| top functions by self time | ms | % |', '|---|---:|---:|');
  for (const [k, v] of summary.self)
    lines.push(`| \`${k.replace(/\|/g, '\\|')}\` | ${ms(v)} | ${pct(v, summary.totalUs)} |`);
  return lines.join('\n') + '\n';
}

function main() {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(usage(import.meta.url));
    return;
  }
  const top = option('top', 30, argv);
  const existing = option('analyze', '', argv);
  if (existing) {
    process.stdout.write(format(analyze(existing, top), path.basename(existing)));
    return;
  }
  const row = option('row', 'xavier', argv);
  const epochs = option('epochs', 500, argv);
  const interval = option('interval', 250, argv);
  const libDist = option('lib-dist', '', argv);
  const dir = path.resolve(option('dir', fs.mkdtempSync(path.join(os.tmpdir(), 'bench-profile-')), argv));
  fs.mkdirSync(dir, { recursive: true });
  const name = `${row}-${epochs}.cpuprofile`;
  const r = spawnSync(
    process.execPath,
    [
      '--cpu-prof',
      `--cpu-prof-dir=${dir}`,
      `--cpu-prof-name=${name}`,
      `--cpu-prof-interval=${interval}`,
      path.join(here, 'ts-bench.mjs'),
      '--rows',
      row,
      '--reps',
      '1',
      '--epochs',
      String(epochs),
    ],
    {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ...(libDist ? { BENCH_LIB_DIST: path.resolve(libDist) } : {}) },
    },
  );
  if (r.status !== 0) throw new Error(`ts-bench.mjs failed:\n${r.stderr}`);
  const result = r.stdout.split('\n').find((l) => l.includes('"fitSeconds"'));
  const file = path.join(dir, name);
  if (libDist) console.log(`Library: ${libDist}`);
  console.log(
    `Profiled: bench/ts-bench.mjs --rows ${row} --epochs ${epochs} (sampling every ${interval} µs): ${result ?? r.stdout.trim()}`,
  );
  console.log(`Profile file: ${file}\n`);
  process.stdout.write(format(analyze(file, top), `${row}, ${epochs} epochs`));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
