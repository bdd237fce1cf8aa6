/**
 * Headless mode: the notebook runs with no one watching (`npm start`, the handouts, the tests), set by
 * the headless notebook runner (python/run_notebook.py). This module is the one reader of it.
 */

/** The environment variable of headless mode (`LISTA5_HEADLESS=1`). */
export const HEADLESS_ENV = 'LISTA5_HEADLESS';

/**
 * Whether this process runs a notebook with no one watching (`LISTA5_HEADLESS=1`): live charts draw
 * only their final frame, charts leave out their controls, TensorBoard is not opened.
 *
 * @param env the environment to read (default `process.env`)
 */
export function isHeadless(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  return env[HEADLESS_ENV] === '1';
}
