/**
 * Paths and environment shared by the project's scripts, on Windows, macOS and Linux. The logic
 * lives in the library (lib/platform, compiled to lib/dist by `npm install` / `npm run build`);
 * this file only applies it to this project.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const platformModule = join(root, 'lib', 'dist', 'platform', 'index.js');
if (!existsSync(platformModule)) {
  console.error('lib/dist is missing: run "npm install" (or "npm run build") first.');
  process.exit(1);
}
/** lib/platform, compiled. */
export const platform = await import(new URL(`file://${platformModule.replace(/\\/g, '/')}`).href);

const layout = platform.venvLayout(root);
/** `<root>/.venv` */
export const venv = layout.venv;
/** The venv's scripts folder (`.venv/bin`, or `.venv\Scripts` on Windows). */
export const venvBin = layout.bin;
/** The venv's Python. */
export const python = layout.python;
/** Jupyter's data folder in the venv, where the tslab kernel is registered. */
export const jupyterData = layout.jupyterData;
/** A console script of the venv (`jupyter`, `tensorboard`), with `.exe` on Windows. */
export const venvTool = (name) => layout.tool(name);

/**
 * The environment for Jupyter and TensorBoard: the venv first on PATH, and Jupyter looking in
 * .venv before the user's or the system's folders, so that the project's tslab kernel is the one used.
 */
export function pythonToolsEnv(extra = {}) {
  return platform.pythonToolsEnv(root, { extra });
}
