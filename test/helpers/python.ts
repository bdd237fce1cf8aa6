/**
 * Where the project's Python environment lives (made by `npm install`, see scripts/setup.mjs), as
 * lib/platform knows it on this OS. Integration tests use it to ask the real tools (scikit-learn,
 * TensorBoard, nbconvert).
 */
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { pythonToolsEnv, venvLayout } from '../../lib/platform/python-env';

export const projectRoot = path.resolve(__dirname, '..', '..');
const layout = venvLayout(projectRoot);
export const python = layout.python;
/** A console script of the venv (`jupyter`, `tensorboard`). */
export const venvTool = (name: string): string => layout.tool(name);
/** The environment the venv's tools run with (its scripts first on PATH, its Jupyter kernels). */
export const toolsEnv = (extra: Record<string, string> = {}) => pythonToolsEnv(projectRoot, { extra });

/** Runs a Python snippet in the project venv and returns its stdout; throws with stderr on failure. */
export function runPython(code: string, args: string[] = [], timeoutMs = 120_000): string {
  const r = spawnSync(python, ['-c', code, ...args], {
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`python exited with ${r.status}:\n${r.stderr}`);
  return r.stdout;
}
