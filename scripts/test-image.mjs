#!/usr/bin/env node
/**
 * `npm run test:image`: the class image (Dockerfile), built and run here as a student's server.
 *  1. builds the image (base images made locally when missing; this machine's npm registry, CA
 *     certificates and pip mirror passed as build arguments);
 *  2. runs `npm start -- lista5-aluno.ipynb` in it as uid 1000: the executed notebook has no error output;
 *  3. starts it the way Binder does (`jupyter notebook --ip … --port …`, a base URL, a token,
 *     JUPYTERHUB_SERVICE_PREFIX), and over the REST API and the kernel websocket starts the TypeScript
 *     kernel, runs a cell that imports lista5 and trains a tiny model, and opens TensorBoard;
 *  4. checks that the containers wrote nothing outside the home folder (`docker diff`).
 * Prints the image size, the build time and the time from `docker run` to a server that answers.
 * Without Docker it prints one line and skips (exit 0); with CI=true it fails instead.
 *
 *   npm run test:image                 the whole test
 *   npm run image:build                only step 1 (the image lista5:local)
 *   node scripts/test-image.mjs [--tag NAME] [--build-only] [--no-build] [--no-cache]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// Not paths.mjs: this runs from a clean clone too (no npm install, no lib/dist).
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// Node 20 has a WebSocket only behind a flag: run again with it.
if (typeof WebSocket === 'undefined') {
  const r = spawnSync(process.execPath, ['--experimental-websocket', ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

const { buildImage, docker, ensureDaemon, ensureNodeBase, freePort, imageSize, mirrorBuildArgs, nodeImageArg } =
  await import('./image/docker.mjs');
const { jupyterServer, outputsText } = await import('./image/jupyter-client.mjs');

const argv = process.argv.slice(2);
const tagAt = argv.indexOf('--tag');
const tag = tagAt >= 0 ? argv[tagAt + 1] : 'lista5:local';
const buildOnly = argv.includes('--build-only');
const noBuild = argv.includes('--no-build');
const noCache = argv.includes('--no-cache');
const HOME = '/home/jovyan';
const started = Date.now();
const since = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
const log = (text) => console.log(`[test:image ${since()}] ${text}`);
const failures = [];
function check(ok, what) {
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
}

const daemon = await ensureDaemon();
if (!daemon.ok) {
  const line = `test:image skipped: ${daemon.why}`;
  if (process.env.CI === 'true') {
    console.error(`${line} (CI=true: failing)`);
    process.exit(1);
  }
  console.log(line);
  process.exit(0);
}
log(`Docker ${daemon.version}`);

/** Step 1: the image. */
let buildSeconds;
if (!noBuild) {
  const base = ensureNodeBase();
  log(`base image ${base.tag} (${base.made ? 'made now' : 'reused'})`);
  const mirror = await mirrorBuildArgs();
  try {
    log(`building ${tag} (build arguments: ${Object.keys(mirror.args).join(', ') || 'none'})`);
    buildSeconds = buildImage(root, tag, { ...nodeImageArg(base.tag), ...mirror.args }, { noCache });
  } finally {
    mirror.stop();
  }
}
const size = imageSize(tag);
log(
  `image ${tag}: ${(size / 1e9).toFixed(2)} GB${buildSeconds === undefined ? '' : `, built in ${buildSeconds.toFixed(0)} s`}`,
);
if (buildOnly) process.exit(0);

const containers = [];
const run = (args) => docker(['run', '--network', 'host', '--user', '1000', ...args]);
process.on('exit', () => {
  for (const c of containers) spawnSync('docker', ['rm', '-f', c], { stdio: 'ignore' });
});

/**
 * What a container changed (docker diff): `inHome`, the changes under the home folder, and `outside`,
 * those anywhere else. "C /home" is the home folder's parent changing because of what is inside it.
 */
function containerChanges(container) {
  const lines = docker(['diff', container]).stdout.split('\n').filter(Boolean);
  const inHome = lines.filter((l) => /^[ACD] \/home\/jovyan(\/|$)/.test(l));
  return { inHome, outside: lines.filter((l) => !inHome.includes(l) && l !== 'C /home') };
}

/** Checks that `container` wrote `expected` in the home folder (docker diff sees it) and nothing outside. */
function checkWrites(container, what, expected) {
  const { inHome, outside } = containerChanges(container);
  check(inHome.includes(`A ${expected}`), `docker diff sees what ${what} wrote in the home folder (${expected})`);
  check(
    outside.length === 0,
    `nothing written outside ${HOME} by ${what}${outside.length ? `:\n${outside.join('\n')}` : ''}`,
  );
}

/** Step 2: the student's notebook, headless, as uid 1000. */
{
  log('running npm start -- lista5-aluno.ipynb in the image');
  const name = `lista5-test-notebook-${process.pid}`;
  containers.push(name);
  const t0 = Date.now();
  const r = spawnSync(
    'docker',
    ['run', '--network', 'host', '--user', '1000', '--name', name, tag, 'npm', 'start', '--', 'lista5-aluno.ipynb'],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  log(`notebook done in ${((Date.now() - t0) / 1000).toFixed(0)} s (exit ${r.status})`);
  check(
    r.status === 0,
    `npm start -- lista5-aluno.ipynb exits 0${r.status === 0 ? '' : `:\n${(r.stdout + r.stderr).slice(-4000)}`}`,
  );
  const out = mkdtempSync(join(tmpdir(), 'lista5-image-'));
  try {
    docker(['cp', `${name}:${HOME}/handouts/lista5-aluno.ipynb`, join(out, 'executed.ipynb')], { allowFail: true });
    let notebook;
    try {
      notebook = JSON.parse(readFileSync(join(out, 'executed.ipynb'), 'utf8'));
    } catch {
      notebook = undefined;
    }
    check(notebook !== undefined, 'the executed notebook is in ~/handouts/lista5-aluno.ipynb');
    if (notebook) {
      const code = notebook.cells.filter((c) => c.cell_type === 'code');
      const errors = code.flatMap((c) => c.outputs.filter((o) => o.output_type === 'error'));
      check(
        code.every((c) => c.source.length === 0 || c.execution_count !== null),
        `all ${code.length} code cells ran`,
      );
      check(
        errors.length === 0,
        `no error outputs${errors.length ? `: ${errors.map((e) => `${e.ename}: ${e.evalue}`).join('; ')}` : ''}`,
      );
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  checkWrites(name, 'the notebook run', `${HOME}/handouts/lista5-aluno.ipynb`);
}

/** Step 3: the server as Binder starts it, a kernel over the websocket. */
{
  const port = await freePort();
  const token = `lista5-${process.pid}-${Date.now()}`;
  const baseUrl = '/user/aluna/';
  const name = `lista5-test-server-${process.pid}`;
  containers.push(name);
  log(`starting it as Binder does: jupyter notebook --ip 127.0.0.1 --port ${port}, base URL ${baseUrl}`);
  const t0 = Date.now();
  run([
    '-d',
    '--name',
    name,
    '-e',
    `JUPYTERHUB_SERVICE_PREFIX=${baseUrl}`,
    tag,
    'jupyter',
    'notebook',
    '--ip=127.0.0.1',
    `--port=${port}`,
    '--no-browser',
    `--NotebookApp.base_url=${baseUrl}`,
    `--NotebookApp.token=${token}`,
    '--NotebookApp.default_url=/lab/tree/notebooks/lista5-aluno.ipynb',
  ]);
  const server = jupyterServer(`http://127.0.0.1:${port}`, baseUrl, token);
  let answered = false;
  while (Date.now() - t0 < 120_000) {
    if (await server.answers()) {
      answered = true;
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const startSeconds = (Date.now() - t0) / 1000;
  check(answered, `the server answers GET ${baseUrl}api/status (${startSeconds.toFixed(1)} s after docker run)`);
  if (answered) {
    const lab = await server.get('lab');
    check(lab.status === 200 && lab.text.includes('JupyterLab'), `JupyterLab is served at ${baseUrl}lab`);
    const specs = JSON.parse((await server.get('api/kernelspecs')).text);
    check(
      specs.default === 'tslab' && 'tslab' in specs.kernelspecs,
      `the default kernel is tslab (got ${specs.default})`,
    );
    const k0 = Date.now();
    const id = await server.startKernel('tslab');
    const kernel = await server.connect(id);
    const train = await kernel.execute(
      [
        'import * as tf from "@tensorflow/tfjs";',
        'import * as l5 from "lista5";',
        'await l5.initBackend();',
        'const { X, y } = l5.makeCircles({ nSamples: 100, noise: 0.1, randomState: 1 });',
        'const modelo = l5.lessonNetworks(1).modelo_raso;',
        'modelo.compile({ optimizer: tf.train.sgd(0.1), loss: "binaryCrossentropy" });',
        'const xs = tf.tensor2d(Float32Array.from(X.data), [X.shape[0], X.shape[1]]);',
        'const ys = tf.tensor2d(y, [y.length, 1]);',
        'const h = await modelo.fit(xs, ys, { epochs: 5, batchSize: 10, verbose: 0 });',
        'const perdas = h.history.loss as number[];',
        'console.log(`épocas: ${perdas.length}, perda final: ${perdas[perdas.length - 1].toFixed(4)}`);',
      ].join('\n'),
    );
    const text = outputsText(train.outputs);
    check(
      train.status === 'ok' && /épocas: 5, perda final: \d+\.\d{4}/.test(text),
      `a cell imports lista5 and trains a tiny model (${((Date.now() - k0) / 1000).toFixed(1)} s with the kernel start): ${text.trim()}`,
    );
    const tb = await kernel.execute(
      'const tb = await l5.showTensorBoard();\nconsole.log(tb === undefined ? "sem TensorBoard" : tb.browserUrl);',
    );
    const tbText = outputsText(tb.outputs);
    const hasProxy =
      docker(['exec', name, 'python', '-c', 'import jupyter_server_proxy'], { allowFail: true }).status === 0;
    if (hasProxy) {
      const m = tbText.match(new RegExp(`${baseUrl}proxy/(\\d+)/`));
      const proxied = m ? await server.get(`proxy/${m[1]}/data/logdir`) : { status: 0 };
      check(proxied.status === 200, `TensorBoard answers through jupyter-server-proxy (${m?.[0]})`);
    } else {
      check(
        tb.status === 'ok' && tbText.includes('sem o jupyter-server-proxy') && tbText.includes('sem TensorBoard'),
        `without jupyter-server-proxy, showTensorBoard says so in one line: ${tbText.split('\n')[0]}`,
      );
    }
    kernel.close();
    await server.deleteKernel(id);
  }
  docker(['stop', '-t', '10', name], { allowFail: true });
  checkWrites(name, 'the server', `${HOME}/.local/share/jupyter/runtime`);

  console.log(
    `\nimage ${tag}: ${(size / 1e9).toFixed(2)} GB; build ${buildSeconds === undefined ? 'skipped' : `${buildSeconds.toFixed(0)} s`}; docker run → server answers: ${startSeconds.toFixed(1)} s`,
  );
}

for (const c of containers.splice(0)) spawnSync('docker', ['rm', '-f', c], { stdio: 'ignore' });
if (failures.length) {
  console.error(`\ntest:image: ${failures.length} check(s) failed (${since()}).`);
  process.exit(1);
}
console.log(`test:image passed (${since()}).`);
