#!/usr/bin/env node
/**
 * Checks a proposed patch to lib/ (e.g. a speed-up of fitSeeded) without touching lib/: copies lib/ (sources only) to a temporary
 * folder, applies the patch there, builds it, and then trains the lesson's three classifiers with both
 * builds (the current lib/dist and the patched copy), alternating which goes first:
 *  - results: the histories (loss, acc, val_loss, val_acc for every epoch), the final weights and the
 *    train/test accuracies must be bit-identical (Object.is on every number);
 *  - speed: median fitSeconds of each, and the ratio.
 *
 *   node bench/check-patch.mjs --patch my-change.patch [--reps 3] [--epochs 500]
 *                              [--models raso,fundo,xavier] [--keep DIR]
 *
 * Needs a built lib/dist (npm run build). Exits 1 if anything differs.
 * With --keep DIR the patched copy stays in DIR (DIR/lib/dist can then be profiled:
 * BENCH_LIB_DIST=DIR/lib/dist/index.js node bench/profile.mjs).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { option, root, usage } from './cli.mjs';

function copyDir(from, to, skip) {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (skip.includes(entry.name)) continue;
    const a = path.join(from, entry.name);
    const b = path.join(to, entry.name);
    if (entry.isDirectory()) copyDir(a, b, []);
    else if (entry.isFile()) fs.copyFileSync(a, b);
  }
}

/** Copies lib/ to `dir`/lib, applies the patch, builds it; returns the patched dist entry. */
export function buildPatched(patch, dir) {
  copyDir(path.join(root, 'lib'), path.join(dir, 'lib'), ['dist', 'node_modules']);
  // Same dependencies (same realpath, so the same @tensorflow/tfjs instance as lib/dist).
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
  if (fs.existsSync(path.join(root, 'lib', 'node_modules')))
    fs.symlinkSync(path.join(root, 'lib', 'node_modules'), path.join(dir, 'lib', 'node_modules'));
  const apply = spawnSync('git', ['apply', '--verbose', path.resolve(patch)], { cwd: dir, encoding: 'utf8' });
  if (apply.status !== 0) throw new Error(`git apply ${patch} failed:\n${apply.stderr}`);
  const tsc = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(dir, 'lib', 'tsconfig.json')],
    { cwd: dir, encoding: 'utf8' },
  );
  if (tsc.status !== 0) throw new Error(`building the patched copy failed:\n${tsc.stdout}${tsc.stderr}`);
  return path.join(dir, 'lib', 'dist', 'index.js');
}

function sameNumbers(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

function median(v) {
  const s = [...v].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function main() {
  const argv = process.argv.slice(2);
  if (argv.includes('--help')) {
    console.log(usage(import.meta.url));
    return;
  }
  const patch = option('patch', undefined, argv);
  if (patch === undefined) {
    console.error('usage: node bench/check-patch.mjs --patch FILE [--reps 3] [--epochs 500]');
    process.exit(2);
  }
  const reps = option('reps', 3, argv);
  const epochs = option('epochs', 500, argv);
  const kinds = option('models', 'raso,fundo,xavier', argv).split(',');
  const keep = option('keep', '', argv);
  const dir = keep ? path.resolve(keep) : fs.mkdtempSync(path.join(os.tmpdir(), 'patched-lib-'));
  if (keep) fs.rmSync(dir, { recursive: true, force: true });
  let failed = false;
  try {
    const patchedEntry = buildPatched(patch, dir);
    const requireFromLib = createRequire(path.join(root, 'lib', 'package.json'));
    const tf = requireFromLib('@tensorflow/tfjs');
    const before = requireFromLib(path.join(root, 'lib', 'dist', 'index.js'));
    const after = createRequire(path.join(dir, 'lib', 'package.json'))(patchedEntry);
    if (createRequire(path.join(dir, 'lib', 'package.json'))('@tensorflow/tfjs') !== tf)
      throw new Error('the patched copy loaded another @tensorflow/tfjs');
    before.setDisplaySink(() => {});
    after.setDisplaySink(() => {});
    await before.initBackend();
    console.log(
      `Patch: ${path.relative(process.cwd(), patch)}; backend ${tf.getBackend()}; ${epochs} epochs; ${reps} repetitions per model, alternating which build goes first.\n`,
    );

    // The lesson's data and networks, from the unpatched build (lib/lesson/networks.ts).
    const data = before.lessonData();
    const build = (kind, seed) => {
      const models = before.lessonNetworks(seed);
      const name = `modelo_${kind}`;
      for (const [k, m] of Object.entries(models)) if (k !== name) m.dispose();
      return models[name];
    };
    const train = async (lib, kind, seed) => {
      const model = build(kind, seed);
      const log = console.log;
      console.log = () => {};
      let r;
      let cpuStart;
      let cpuSeconds = NaN;
      // CPU time of the fit (onTrainBegin → onTrainEnd): less sensitive than wall time to other load.
      const meter = new tf.CustomCallback({
        onTrainBegin: async () => {
          cpuStart = process.cpuUsage();
        },
        onTrainEnd: async () => {
          const d = process.cpuUsage(cpuStart);
          cpuSeconds = (d.user + d.system) / 1e6;
        },
      });
      try {
        r = await lib.runModel(model, data, { epochs, seed, summary: false, plot: false, callbacks: [meter] });
      } finally {
        console.log = log;
      }
      const weights = model.getWeights().map((w) => Array.from(w.dataSync()));
      model.optimizer.dispose();
      tf.dispose(model.optimizer.c);
      model.dispose();
      return { ...r, cpuSeconds, weights };
    };

    const rows = [];
    for (const kind of kinds) {
      const times = { before: [], after: [] };
      const cpu = { before: [], after: [] };
      let identical = true;
      let accuracies = '';
      for (let rep = 0; rep < reps; rep++) {
        const seed = rep + 1;
        const order = rep % 2 === 0 ? ['before', 'after'] : ['after', 'before'];
        const res = {};
        for (const which of order) res[which] = await train(which === 'before' ? before : after, kind, seed);
        times.before.push(res.before.fitSeconds);
        times.after.push(res.after.fitSeconds);
        cpu.before.push(res.before.cpuSeconds);
        cpu.after.push(res.after.cpuSeconds);
        const keys = Object.keys(res.before.history);
        const same =
          sameNumbers(keys, Object.keys(res.after.history)) &&
          keys.every((k) => sameNumbers(res.before.history[k], res.after.history[k])) &&
          res.before.weights.length === res.after.weights.length &&
          res.before.weights.every((w, i) => sameNumbers(w, res.after.weights[i])) &&
          Object.is(res.before.trainAccuracy, res.after.trainAccuracy) &&
          Object.is(res.before.testAccuracy, res.after.testAccuracy);
        if (!same) identical = false;
        accuracies += `${rep ? ', ' : ''}seed ${seed}: ${res.before.testAccuracy.toFixed(3)}`;
        console.log(
          `  modelo_${kind} seed ${seed}: before ${res.before.fitSeconds.toFixed(2)} s (CPU ${res.before.cpuSeconds.toFixed(2)} s), after ${res.after.fitSeconds.toFixed(2)} s (CPU ${res.after.cpuSeconds.toFixed(2)} s), ${same ? 'bit-identical' : 'DIFFERENT'} (${keys.join(', ')} × ${res.before.history.loss.length} epochs, ${res.before.weights.length} weight tensors)`,
        );
      }
      if (!identical) failed = true;
      const b = median(times.before);
      const a = median(times.after);
      const bc = median(cpu.before);
      const ac = median(cpu.after);
      const bMin = Math.min(...times.before);
      const aMin = Math.min(...times.after);
      rows.push(
        `| modelo_${kind} | ${b.toFixed(2)} | ${a.toFixed(2)} | ${(100 * (1 - a / b)).toFixed(1)} % | ${bMin.toFixed(2)} | ${aMin.toFixed(2)} | ${(100 * (1 - aMin / bMin)).toFixed(1)} % | ${bc.toFixed(2)} | ${ac.toFixed(2)} | ${(100 * (1 - ac / bc)).toFixed(1)} % | ${identical ? 'yes' : '**NO**'} | ${accuracies} |`,
      );
    }
    console.log(
      `\nLoad average (1 / 5 / 15 min) at the end: ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' / ')} on ${os.cpus().length} cores.`,
    );
    console.log(
      '\n| model | before: wall s (median) | after: wall s (median) | saved (median) | before: wall s (min) | after: wall s (min) | saved (min) | before: CPU s (median) | after: CPU s (median) | saved (CPU) | histories, weights, accuracies bit-identical | test accuracy |',
    );
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|');
    for (const r of rows) console.log(r);
    console.log(`\nNumbers ${failed ? 'DIFFER' : 'are bit-identical'} between the two builds.`);
  } finally {
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  }
  if (failed) process.exit(1);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
