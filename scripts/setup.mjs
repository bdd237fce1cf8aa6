#!/usr/bin/env node
/**
 * `npm install` runs this (postinstall). It prepares everything besides node_modules:
 *  1. the compiled library (lib/dist), which the notebooks import as "lista5" (and these scripts use);
 *  2. the project-local Python environment `.venv` (JupyterLab, nbconvert, TensorBoard),
 *     installed from python/requirements.txt;
 *  3. the tslab kernel, registered inside `.venv` and started as `node node_modules/tslab/bin/tslab`.
 * It is idempotent: a second run only redoes what changed. Works on Windows, macOS and Linux.
 * Set LISTA5_SKIP_PYTHON=1 to skip steps 2–3 (the library and its unit tests need no Python).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

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

step('compiling the library (lib/ → lib/dist)');
run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', 'lib']);
const { platform, venv, venvBin, python, jupyterData } = await import('./paths.mjs');

function setupPython() {
  const requirements = join(root, 'python', 'requirements.txt');
  const stamp = join(venv, '.requirements.sha256');
  const wanted = createHash('sha256').update(readFileSync(requirements)).digest('hex');
  if (!existsSync(python)) {
    step('creating the Python environment .venv');
    const found = platform.findSystemPython();
    if (!found.ok) {
      console.error(`\n${found.error}\n`);
      process.exit(1);
    }
    run(found.command, [...found.args, '-m', 'venv', venv]);
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
  // Written by hand rather than by `tslab install`: node itself runs tslab's script, with no .cmd shim
  // or PATH lookup, so the kernel starts (and stops) the same way on Windows (see lib/platform/tslab-kernel.ts).
  const tslabScript = join(root, 'node_modules', 'tslab', 'bin', 'tslab');
  for (const [file, json] of platform.tslabKernelFiles(jupyterData, { nodePath: process.execPath, tslabScript })) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, json);
  }
}

if (process.env.LISTA5_SKIP_PYTHON === '1') {
  step('LISTA5_SKIP_PYTHON=1: skipping the Python environment and the kernel');
} else {
  setupPython();
}
step(`ready. Python tools: ${venvBin}`);
