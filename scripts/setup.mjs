#!/usr/bin/env node
/**
 * `npm install` runs this (postinstall). It prepares everything besides node_modules:
 *  1. the project-local Python environment `.venv` (JupyterLab, nbconvert, TensorBoard),
 *     installed from python/requirements.txt;
 *  2. the tslab kernel, registered inside `.venv` and started with this project's own tslab;
 *  3. the compiled library (lib/dist), which the notebooks import as "lista5".
 * It is idempotent: a second run only redoes what changed.
 * Set LISTA5_SKIP_PYTHON=1 to skip steps 1–2 (the library and its unit tests need no Python).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, venv, venvBin, python, checkPython } from './paths.mjs';

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...options });
  if (r.error) throw r.error;
  if (r.status !== 0) {
    console.error(`\nsetup: "${cmd} ${args.join(' ')}" failed (exit ${r.status}).`);
    process.exit(r.status ?? 1);
  }
}

function step(text) {
  console.log(`\n[lista5 setup] ${text}`);
}

function setupPython() {
  const requirements = join(root, 'python', 'requirements.txt');
  const stamp = join(venv, '.requirements.sha256');
  const wanted = createHash('sha256').update(readFileSync(requirements)).digest('hex');
  if (!existsSync(python)) {
    step('creating the Python environment .venv');
    checkPython();
    run('python3', ['-m', 'venv', venv]);
  }
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== wanted) {
    step('installing JupyterLab, nbconvert and TensorBoard into .venv (python/requirements.txt)');
    // PIP_RETRIES=0: on machines without internet pip otherwise retries an unreachable index for minutes.
    run(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '-r', requirements], {
      env: { ...process.env, PIP_RETRIES: '0' },
    });
    writeFileSync(stamp, wanted);
  }
  step('registering the tslab (TypeScript) kernel inside .venv');
  const tslab = join(root, 'node_modules', '.bin', 'tslab');
  run(tslab, ['install', '--python', python, '--sys-prefix', '--binary', tslab], { stdio: ['ignore', 'ignore', 'inherit'] });
  const kernelJson = join(venv, 'share', 'jupyter', 'kernels', 'tslab', 'kernel.json');
  if (!existsSync(kernelJson)) {
    console.error(`setup: tslab install did not create ${kernelJson}`);
    process.exit(1);
  }
}

if (process.env.LISTA5_SKIP_PYTHON === '1') {
  step('LISTA5_SKIP_PYTHON=1: skipping the Python environment and the kernel');
} else {
  setupPython();
}
step('compiling the library (lib/ → lib/dist)');
run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', 'lib']);
step(`ready. Python tools: ${venvBin}`);
