#!/usr/bin/env node
/**
 * `npm test` and `npm run test:full`: the project's two test tiers, each notebook executed once.
 *
 *   npm test             build, typecheck, lint, every unit and integration test, and the solutions
 *                        notebooks executed and checked.
 *   npm run test:full    all of that, plus the full tier (what CI runs): the student notebooks
 *                        (compared with the solutions, number for number), the handouts and their
 *                        PDF, JupyterLab and TensorBoard in a browser, the live chart and the histogram
 *                        explorer, and the lesson on Node.js 26 (`scripts/test-node.mjs`).
 *
 * The notebooks start executing right after the build, in the background (one at a time in `npm test`,
 * two at a time in the full tier), into a temporary folder (scripts/notebook-runs.mjs); typecheck, lint
 * and the jest suites run meanwhile, and the suites that read an executed notebook wait for it (in the
 * full tier, the unit and integration suites run in a second jest beside the browser suites). Jest is
 * told where the runs are with LISTA5_TEST_RUNS; the folder is removed at the end (kept, and named,
 * with LISTA5_KEEP_TEST_RUNS=1). Extra arguments go to jest; with a file or pattern among them
 * (`npm test -- lib/data`) no notebook runs in the background: a suite that needs one executes it.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { entryFor, executeNotebook, logTail, writeManifest } from './notebook-runs.mjs';
import { root } from './paths.mjs';

const argv = process.argv.slice(2);
const full = argv.includes('--full');
const jestArgs = argv.filter((a) => a !== '--full');
const started = Date.now();
const clock = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
const say = (text) => console.log(`[test] ${text} (${clock()})`);

/** Notebooks executed in each tier, in the order they start. */
const SOLUTIONS = ['lista5-solucoes.ipynb', 'lista5-para-ir-alem-solucoes.ipynb'];
const STUDENTS = ['lista5-aluno.ipynb', 'lista5-para-ir-alem-aluno.ipynb'];
/** Newer Node.js versions the full tier runs the unit tests and the solutions notebook on. */
const OTHER_NODES = ['26'];

/** Child processes still running (stopped if the run ends early). */
const children = new Set();

/**
 * Stops a child and what it started (a notebook run starts a kernel): on POSIX each child leads its
 * own process group, which is signalled whole.
 */
function stop(child) {
  try {
    if (process.platform === 'win32') child.kill();
    else process.kill(-child.pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

/** Runs a command to its end, its output shown; resolves to its exit status. */
function run(command, args, env = process.env) {
  return new Promise((resolve) => {
    // npm is npm.cmd on Windows, which Node starts only through a shell.
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env, shell: process.platform === 'win32' });
    children.add(child);
    child.on('error', () => resolve(1));
    child.on('close', (code) => {
      children.delete(child);
      resolve(code ?? 1);
    });
  });
}

/** Stops whatever still runs (a failed step ends the run) and removes the runs folder. */
function finish(status, runs) {
  for (const child of children) stop(child);
  if (runs && process.env.LISTA5_KEEP_TEST_RUNS !== '1') rmSync(runs, { recursive: true, force: true });
  else if (runs) console.log(`[test] the executed notebooks are kept in ${runs}`);
  say(status === 0 ? `${full ? 'full tier' : 'npm test'}: all passed` : `${full ? 'full tier' : 'npm test'}: FAILED`);
  process.exit(status);
}

/**
 * The background runs: `lanes` jobs at a time, in order; a job may wait for an earlier one (`after`).
 * Resolves to [{ name, status, seconds, error? }] once all have ended.
 */
function startRuns(jobs, lanes) {
  const ended = new Map();
  for (const job of jobs) {
    let settle;
    ended.set(job.name, { promise: new Promise((r) => (settle = r)), settle });
  }
  const queue = [...jobs];
  const results = [];
  const lane = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      if (job.after) await ended.get(job.after).promise;
      const result = await job.run();
      ended.get(job.name).settle(result);
      results.push({ name: job.name, ...result });
      say(`${job.name}: ${result.status === 0 ? 'passed' : 'FAILED'} in ${result.seconds.toFixed(0)} s`);
    }
  };
  return Promise.all(Array.from({ length: lanes }, lane)).then(() => results);
}

/** Runs a command with its output to `logFile`; resolves to { status, seconds }. */
function runLogged(command, args, logFile) {
  return runLoggedWithEnv(command, args, logFile, process.env);
}

/** {@link runLogged} with the environment `env`. */
function runLoggedWithEnv(command, args, logFile, env) {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const out = createWriteStream(logFile);
    const child = spawn(command, args, {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
    });
    children.add(child);
    child.stdout.pipe(out, { end: false });
    child.stderr.pipe(out, { end: false });
    const end = (status) => {
      children.delete(child);
      out.end(() => resolve({ status, seconds: (Date.now() - t0) / 1000 }));
    };
    child.on('error', () => end(1));
    child.on('close', (code) => end(code ?? 1));
  });
}

// Ctrl-C (or a CI time-out) stops the background runs too: they lead their own process groups.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of children) stop(child);
    process.exit(130);
  });
}

const buildStatus = await run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', 'lib']);
if (buildStatus !== 0) finish(buildStatus);
say('lib/ built');

const runs = mkdtempSync(join(tmpdir(), 'lista5-test-runs-'));
const focused = jestArgs.some((a) => !a.startsWith('-'));
const notebooks = focused ? [] : full ? [...SOLUTIONS, ...STUDENTS] : SOLUTIONS;
writeManifest(runs, notebooks);
const track = (child) => {
  children.add(child);
  child.on('close', () => children.delete(child));
};
const jobs = notebooks.map((name) => ({ name, run: () => executeNotebook(runs, name, { onSpawn: track }) }));
if (full && !focused) {
  const reference = entryFor(runs, 'lista5-solucoes.ipynb').executed;
  for (const version of OTHER_NODES) {
    jobs.push({
      name: `Node.js ${version}`,
      after: 'lista5-solucoes.ipynb',
      log: join(runs, `node-${version}.log`),
      run() {
        return runLogged(
          process.execPath,
          [join(root, 'scripts', 'test-node.mjs'), '--reference', reference, version],
          this.log,
        );
      },
    });
  }
}
if (jobs.length > 0) say(`executing ${jobs.map((j) => j.name).join(', ')} in the background`);
const background = startRuns(jobs, full ? 2 : 1);

for (const [label, script] of [
  ['typecheck', 'typecheck'],
  ['lint', 'lint'],
]) {
  const status = await run('npm', ['run', '--silent', script]);
  if (status !== 0) {
    console.error(`[test] ${label} failed`);
    finish(status, runs);
  }
  say(`${label} passed`);
}

const jestEnv = {
  ...process.env,
  ...(focused ? {} : { LISTA5_TEST_RUNS: runs }),
  LISTA5_TEST_TIER: full ? 'full' : 'fast',
};
const jest = (projects) => [
  '--experimental-vm-modules',
  '--no-warnings=ExperimentalWarning',
  join(root, 'node_modules', 'jest', 'bin', 'jest.js'),
  '--runInBand',
  ...projects.flatMap((p) => ['--selectProjects', p]),
  ...jestArgs,
];
let jestStatus;
if (full && !focused) {
  // The full tier's browser suites spend much of their time waiting on JupyterLab, TensorBoard and
  // Chromium: the unit and integration suites run beside them, in a second jest (its output goes to
  // a log, printed at the end), so that the two cores stay busy.
  const sideLog = join(runs, 'jest-unit-integration.log');
  const [browser, side] = await Promise.all([
    run(process.execPath, jest(['full']), jestEnv),
    runLoggedWithEnv(process.execPath, jest(['unit', 'integration']), sideLog, jestEnv),
  ]);
  console.log(
    `\n[test] unit and integration suites (run beside the full tier's):\n${logTail({ log: sideLog }, side.status === 0 ? 8 : 400)}`,
  );
  jestStatus = browser !== 0 || side.status !== 0 ? 1 : 0;
} else {
  jestStatus = await run(process.execPath, jest(full ? [] : ['unit', 'integration']), jestEnv);
}
say(`jest ${jestStatus === 0 ? 'passed' : 'FAILED'}`);

const results = await background;
const failed = results.filter((r) => r.status !== 0);
for (const r of failed) {
  const job = jobs.find((j) => j.name === r.name);
  const tail = job.log ? logTail({ log: job.log }, 60) : (r.error ?? logTail(entryFor(runs, r.name)));
  console.error(`[test] ${r.name} failed:\n${tail}`);
}
finish(jestStatus !== 0 || failed.length > 0 ? 1 : 0, runs);
