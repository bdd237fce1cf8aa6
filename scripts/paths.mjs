/** Paths and environment shared by the project's scripts. */
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const venv = join(root, '.venv');
export const venvBin = join(venv, 'bin');
export const python = join(venvBin, 'python');

/**
 * The environment for Jupyter and TensorBoard: the venv first on PATH, and Jupyter looking in
 * .venv before the user's or the system's folders, so that the project's tslab kernel is the one used.
 */
export function pythonToolsEnv(extra = {}) {
  return {
    ...process.env,
    PATH: `${venvBin}:${process.env.PATH ?? ''}`,
    VIRTUAL_ENV: venv,
    JUPYTER_PATH: join(venv, 'share', 'jupyter'),
    PIP_RETRIES: '0',
    ...extra,
  };
}

/** Exits with one clear message when python3 or its venv module is missing. */
export function checkPython() {
  const r = spawnSync('python3', ['-c', 'import venv, ensurepip'], { stdio: 'ignore' });
  if (r.error || r.status !== 0) {
    console.error(
      '\nlista5 needs Python 3 (3.9 or newer) with the venv module for JupyterLab, nbconvert and TensorBoard.\n' +
        'Install it and run "npm install" again. On Debian/Ubuntu: sudo apt-get install python3 python3-venv\n',
    );
    process.exit(1);
  }
}
