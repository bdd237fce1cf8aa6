/**
 * The one place that knows the project's Python environment: where `.venv` keeps Python and its
 * tools on each OS, how to find a system Python able to create it, and the environment the tools
 * (Jupyter, TensorBoard) run with. Everything OS-specific is injected, so all three OSes are tested anywhere.
 */
import { spawnSync } from 'node:child_process';
import { type Env, envKey, pathApi } from './os-paths.js';

/** Where `.venv` keeps things, as paths of the target platform. */
export interface VenvLayout {
  /** `<root>/.venv` */
  venv: string;
  /** The scripts folder: `.venv\Scripts` on win32, `.venv/bin` elsewhere. */
  bin: string;
  /** The venv's interpreter: `.venv\Scripts\python.exe` on win32, `.venv/bin/python` elsewhere. */
  python: string;
  /** Jupyter's data folder inside the venv (`.venv/share/jupyter`): kernels, lab extensions. */
  jupyterData: string;
  /**
   * A console script of the venv: `tool('jupyter')` is `.venv\Scripts\jupyter.exe` on win32 (pip's
   * launchers are .exe files there), `.venv/bin/jupyter` elsewhere.
   */
  tool(name: string): string;
}

/**
 * The layout of the project's virtual environment `<root>/.venv` on `platform`.
 *
 * @param root the project's root folder (a path of `platform`)
 * @param platform the OS the venv is for (default: this one)
 */
export function venvLayout(root: string, platform: NodeJS.Platform = process.platform): VenvLayout {
  const p = pathApi(platform);
  const venv = p.join(p.resolve(root), '.venv');
  const bin = p.join(venv, platform === 'win32' ? 'Scripts' : 'bin');
  const tool = (name: string): string =>
    p.join(bin, platform === 'win32' && p.extname(name) === '' ? `${name}.exe` : name);
  return { venv, bin, python: tool('python'), jupyterData: p.join(venv, 'share', 'jupyter'), tool };
}

/** What a child process did, as `spawnSync` reports it (`error` set when it could not start). */
export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
  error?: Error;
}

/** Runs a command to completion. */
export type Run = (command: string, args: readonly string[]) => RunResult;

/** The default {@link Run}: `spawnSync` with text output and a 30 s limit. */
export const spawnRun: Run = (command, args) => {
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: 30_000, windowsHide: true });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', error: r.error };
};

/** The oldest Python the project supports. */
export const MIN_PYTHON: readonly [number, number] = [3, 9];

/** Prints the version, then fails (non-zero exit) when the venv machinery is missing. Valid in Python 2 too. */
export const PYTHON_CHECK_SCRIPT =
  "import sys; print('%d.%d.%d' % tuple(sys.version_info[:3])); sys.stdout.flush(); import venv, ensurepip";

/** A Python that can create the venv: run `command` with `args` first, then the venv arguments. */
export interface PythonFound {
  ok: true;
  command: string;
  args: string[];
  version: string;
}

/** No usable Python: `error` is the message to show, `tried` what was tried and why it failed. */
export interface PythonMissing {
  ok: false;
  error: string;
  tried: string[];
}

/** Candidates in the order they are tried: the `py` launcher first on win32 (it skips the Store alias). */
export function pythonCandidates(platform: NodeJS.Platform): Array<{ command: string; args: string[] }> {
  const python3 = { command: 'python3', args: [] };
  const python = { command: 'python', args: [] };
  return platform === 'win32' ? [{ command: 'py', args: ['-3'] }, python, python3] : [python3, python];
}

/** How to install Python with its venv module on `platform`, one or two lines. */
export function pythonInstallHint(platform: NodeJS.Platform): string {
  const min = MIN_PYTHON.join('.');
  if (platform === 'win32') {
    return (
      `Install Python ${min}+ from https://www.python.org/downloads/windows/ (tick "Add python.exe to PATH") ` +
      'or run: winget install Python.Python.3.12'
    );
  }
  if (platform === 'darwin') {
    return (
      `Install Python ${min}+ with the installer from https://www.python.org/downloads/macos/ ` +
      'or run: brew install python'
    );
  }
  return (
    'On Debian/Ubuntu: sudo apt-get install python3 python3-venv\n' +
    `Elsewhere: install Python ${min}+ and its venv module with your package manager.`
  );
}

function tooOld(version: string): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major < MIN_PYTHON[0] || (major === MIN_PYTHON[0] && minor < MIN_PYTHON[1]);
}

/**
 * Finds a system Python that can create the project's venv: version {@link MIN_PYTHON} or newer,
 * with `venv` and `ensurepip` (Debian ships them apart, in python3-venv).
 *
 * @returns the command to run, or an error naming what to install on this OS
 */
export function findSystemPython(options: { platform?: NodeJS.Platform; run?: Run } = {}): PythonFound | PythonMissing {
  const platform = options.platform ?? process.platform;
  const run = options.run ?? spawnRun;
  const tried: string[] = [];
  for (const { command, args } of pythonCandidates(platform)) {
    const shown = [command, ...args].join(' ');
    const r = run(command, [...args, '-c', PYTHON_CHECK_SCRIPT]);
    const version = /^(\d+\.\d+\.\d+)\s*$/m.exec(r.stdout)?.[1];
    if (r.error || version === undefined) {
      tried.push(`${shown}: not found${r.error ? '' : ` (exit ${r.status ?? 'signal'})`}`);
    } else if (tooOld(version)) {
      tried.push(`${shown}: Python ${version} is older than ${MIN_PYTHON.join('.')}`);
    } else if (r.status !== 0) {
      tried.push(`${shown}: Python ${version} lacks the venv module (import venv, ensurepip failed)`);
    } else {
      return { ok: true, command, args: [...args], version };
    }
  }
  const error =
    `lista5 needs Python ${MIN_PYTHON.join('.')} or newer with the venv module ` +
    '(for JupyterLab, nbconvert and TensorBoard). Tried:\n' +
    tried.map((line) => `  ${line}\n`).join('') +
    `${pythonInstallHint(platform)}\nThen run "npm install" again.`;
  return { ok: false, error, tried };
}

/**
 * The environment for the venv's tools, as the venv's `activate` makes it: the venv's scripts
 * folder first on PATH (kept under its existing name, e.g. `Path` on win32), `VIRTUAL_ENV`,
 * `JUPYTER_PATH` (so the project's tslab kernel wins over the user's), `PIP_RETRIES=0` (offline
 * machines fail at once) and no `PYTHONHOME`.
 *
 * @param root the project's root folder
 * @param options `platform` and `env` (default: this process's), `extra` variables set last
 */
export function pythonToolsEnv(
  root: string,
  options: { platform?: NodeJS.Platform; env?: Env; extra?: Env } = {},
): Record<string, string | undefined> {
  const platform = options.platform ?? process.platform;
  const source = options.env ?? process.env;
  const { venv, bin, jupyterData } = venvLayout(root, platform);
  const pathKey = envKey(source, 'PATH', platform) ?? 'PATH';
  const delimiter = pathApi(platform).delimiter;
  // Windows names (variables, paths) ignore case: on win32 any spelling of them (Path, Virtual_Env) goes.
  const norm = (key: string): string => (platform === 'win32' ? key.toUpperCase() : key);
  const rest = (source[pathKey] ?? '').split(delimiter).filter((dir) => dir !== '' && norm(dir) !== norm(bin));
  const set: Env = { VIRTUAL_ENV: venv, JUPYTER_PATH: jupyterData, PIP_RETRIES: '0', ...options.extra };
  const replaced = new Set(['PATH', 'PYTHONHOME', ...Object.keys(set)].map(norm));
  const env: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(source)) if (!replaced.has(norm(key))) env[key] = value;
  env[pathKey] = [bin, ...rest].join(delimiter);
  Object.assign(env, set);
  return env;
}
