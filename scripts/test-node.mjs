#!/usr/bin/env node
/**
 * `npm run test:node -- 22 24 26`: the lesson on other Node.js versions. For each version it
 *  1. installs that Node.js from the npm registry (the package node-<os>-<arch>@<version>, a real
 *     Node binary) into .node-versions/<version>/ (ignored by git; reused on the next run);
 *  2. runs the unit tests with it;
 *  3. runs the solutions notebook on a tslab kernel started by that Node (a kernel spec in a
 *     temporary Jupyter folder, so .venv's own kernel is untouched), and checks that every cell
 *     prints what it prints on this Node (the trainings are seeded: same numbers), timings aside.
 * Versions default to 22 24 26. Exit status 1 if anything differs or fails.
 * `--reference FILE`: compare with this already executed solutions notebook (the test run's own,
 * see scripts/test.mjs) instead of executing it once more on this Node.js.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { jupyterData, platform, python, pythonToolsEnv, root } from './paths.mjs';

const NOTEBOOK = 'lista5-solucoes.ipynb';
const args = process.argv.slice(2);
const referenceAt = args.indexOf('--reference');
const referenceFile = referenceAt >= 0 ? args[referenceAt + 1] : undefined;
if (referenceAt >= 0) {
  if (!referenceFile || !fs.existsSync(referenceFile)) {
    console.error(`test-node: --reference needs an executed ${NOTEBOOK} (got ${referenceFile ?? 'nothing'})`);
    process.exit(2);
  }
  args.splice(referenceAt, 2);
}
const versions = args.length ? args : ['22', '24', '26'];
for (const v of versions) {
  if (!/^\d+(\.\d+){0,2}$/.test(v)) {
    console.error(`test-node: "${v}" is not a Node.js version (e.g. 26 or 24.22.3)`);
    process.exit(2);
  }
}

const npmPackage = `node-${{ win32: 'win', darwin: 'darwin', linux: 'linux' }[process.platform] ?? process.platform}-${process.arch}`;

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...options });
  if (r.error) throw r.error;
  return r;
}

/** Installs Node.js `version` (once) and returns its executable. */
function installNode(version) {
  const prefix = path.join(root, '.node-versions', version);
  const bin = path.join(prefix, 'node_modules', npmPackage, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
  if (!fs.existsSync(bin)) {
    console.log(`[test:node] installing ${npmPackage}@${version} into ${path.relative(root, prefix)}/`);
    fs.mkdirSync(prefix, { recursive: true });
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const r = run(
      npm,
      [
        'install',
        '--no-save',
        '--no-package-lock',
        '--no-audit',
        '--no-fund',
        '--prefix',
        prefix,
        `${npmPackage}@${version}`,
      ],
      {
        stdio: 'inherit',
        shell: process.platform === 'win32',
      },
    );
    if (r.status !== 0 || !fs.existsSync(bin)) throw new Error(`could not install ${npmPackage}@${version}`);
  }
  return bin;
}

/** Runs the notebook on a tslab kernel started by `node`; returns the executed notebook's cells. */
function runNotebook(node, label) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lista5-node-'));
  try {
    const kernels = path.join(tmp, 'jupyter');
    const tslabScript = path.join(root, 'node_modules', 'tslab', 'bin', 'tslab');
    for (const [file, json] of platform.tslabKernelFiles(kernels, { nodePath: node, tslabScript })) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, json);
    }
    const executed = path.join(tmp, NOTEBOOK);
    const r = run(
      python,
      [path.join(root, 'python', 'run_notebook.py'), path.join(root, 'notebooks', NOTEBOOK), '--executed', executed],
      {
        // Our kernel folder first: it wins over the one registered in .venv.
        env: pythonToolsEnv({
          JUPYTER_PATH: `${kernels}${path.delimiter}${jupyterData}`,
          // As npm start and the test runs name it (scripts/run-lesson.mjs): logs/<notebook>.
          LISTA5_LOGDIR: path.join(tmp, 'logs'),
          LISTA5_LOGDIR_SHOWN: `logs/${path.basename(NOTEBOOK, '.ipynb')}`,
        }),
      },
    );
    if (r.status !== 0) throw new Error(`${NOTEBOOK} failed on ${label}:\n${r.stderr}`);
    return JSON.parse(fs.readFileSync(executed, 'utf8')).cells;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** What a cell printed, with what may differ between runs masked: timings and the Node.js version. */
function printed(cell) {
  const text = (cell.outputs ?? [])
    .map((o) =>
      o.output_type === 'stream' ? [o.text].flat().join('') : [o.data?.['text/plain'] ?? ''].flat().join(''),
    )
    .join('\n');
  return text.replace(/Node\.js v[\d.]+/g, 'Node.js v*').replace(/\d+(?:[.,]\d+)?\s?(?:ms|s)\b/g, '<tempo>');
}

let failed = false;
const reference = referenceFile
  ? JSON.parse(fs.readFileSync(referenceFile, 'utf8')).cells
  : runNotebook(process.execPath, `this Node.js ${process.version}`);
for (const version of versions) {
  const started = Date.now();
  const node = installNode(version);
  const actual = run(node, ['--version']).stdout.trim();
  console.log(`\n[test:node] Node.js ${actual}: unit tests`);
  const unit = run(
    node,
    [
      '--experimental-vm-modules',
      path.join(root, 'node_modules', 'jest', 'bin', 'jest.js'),
      '--selectProjects',
      'unit',
    ],
    {
      stdio: 'inherit',
    },
  );
  if (unit.status !== 0) {
    failed = true;
    console.error(`[test:node] Node.js ${actual}: unit tests FAILED`);
  }
  console.log(`[test:node] Node.js ${actual}: ${NOTEBOOK} on a tslab kernel started by it`);
  const cells = runNotebook(node, `Node.js ${actual}`);
  const backendLine = cells.map(printed).find((t) => t.includes('backend:')) ?? '';
  const ranOn = /Node\.js (v[\d.]+)/.exec(
    cells.map((c) => (c.outputs ?? []).map((o) => [o.text].flat().join('')).join('')).join(''),
  )?.[1];
  if (ranOn !== actual) {
    failed = true;
    console.error(`[test:node] the kernel ran on ${ranOn ?? 'an unknown Node.js'}, not ${actual}`);
  }
  const differing = cells.filter((c, i) => c.cell_type === 'code' && printed(c) !== printed(reference[i] ?? {}));
  if (differing.length > 0 || cells.length !== reference.length) {
    failed = true;
    for (const c of differing)
      console.error(
        `[test:node] differs from ${process.version}:\n${[c.source].flat().join('').slice(0, 200)}\n---\n${printed(c).slice(0, 800)}`,
      );
  } else {
    console.log(
      `[test:node] Node.js ${actual}: every cell prints what it prints on ${process.version} (${backendLine.trim()})`,
    );
  }
  console.log(`[test:node] Node.js ${actual} done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
process.exit(failed ? 1 : 0);
