/**
 * Where the project's Python environment lives (made by `npm install`, see scripts/setup.mjs).
 * Integration tests use it to ask the real tools (scikit-learn, TensorBoard, nbconvert).
 */
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';

export const projectRoot = path.resolve(__dirname, '..', '..');
export const venvBin = path.join(projectRoot, '.venv', 'bin');
export const python = path.join(venvBin, 'python');

/** Runs a Python snippet in the project venv and returns its stdout; throws with stderr on failure. */
export function runPython(code: string, args: string[] = [], timeoutMs = 120_000): string {
  const r = spawnSync(python, ['-c', code, ...args], { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`python exited with ${r.status}:\n${r.stderr}`);
  return r.stdout;
}
