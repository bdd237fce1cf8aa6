/**
 * Where the lesson's TensorBoard logs go: `<project root>/logs`, whatever the current folder is
 * (notebooks run with their own folder, `notebooks/`, as the current folder).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkString } from '../errors/index.js';

/** The `name` in the project's root `package.json`. */
export const PROJECT_PACKAGE_NAME = 'lista5-gradientes';

/** The environment variable that overrides {@link defaultLogDir} (tests and the notebook runner set it). */
export const LOGDIR_ENV = 'LISTA5_LOGDIR';

function packageName(dir: string): string | undefined {
  try {
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown };
    return typeof json.name === 'string' ? json.name : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The project's root folder: the nearest folder at or above `from` whose `package.json` is named
 * `"lista5-gradientes"`, or `undefined` when there is none (the library used outside the project).
 *
 * @param from where to start looking (default: this module's folder, which lies inside the project)
 */
export function findProjectRoot(from: string = __dirname): string | undefined {
  let dir = path.resolve(from);
  for (;;) {
    if (packageName(dir) === PROJECT_PACKAGE_NAME) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * The environment variable Jupyter sets in a notebook's kernel to the notebook's path (jupyter_server
 * 2 does; python/run_notebook.py sets it too): each notebook's runs get their own folder.
 */
export const SESSION_NAME_ENV = 'JPY_SESSION_NAME';

/** The name of the notebook this kernel runs (`lista5-solucoes`), from {@link SESSION_NAME_ENV}, if any. */
export function notebookName(): string | undefined {
  const session = process.env[SESSION_NAME_ENV] ?? '';
  const file = session.split(/[\\/]/).pop() ?? '';
  return /\.ipynb$/i.test(file) ? file.replace(/\.ipynb$/i, '') : undefined;
}

/**
 * The folder for TensorBoard logs: the environment variable `LISTA5_LOGDIR` when it is set (made
 * absolute against the current folder), else `<project root>/logs/<notebook>` in a notebook's
 * kernel (`logs/lista5-solucoes`: each notebook's runs together and apart from another notebook's;
 * `npm run tensorboard` shows them all), else `<project root>/logs` (see {@link findProjectRoot}),
 * else `logs` in the current folder. Always an absolute path.
 */
export function defaultLogDir(): string {
  const fromEnv = process.env[LOGDIR_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return path.resolve(fromEnv);
  const root = findProjectRoot();
  const logs = path.join(root ?? process.cwd(), 'logs');
  const notebook = notebookName();
  return notebook === undefined ? logs : path.join(logs, notebook);
}

/**
 * The environment variable that names the log folder in messages when it lies outside the project
 * (`npm run handouts -- --logdir DIR` sets it to `logs`, so that a handout made with its logs
 * elsewhere still tells its reader about `logs/`, never about a folder of the machine that made it).
 */
export const LOGDIR_SHOWN_ENV = 'LISTA5_LOGDIR_SHOWN';

/** `rel` with forward slashes, as the handouts and every OS's readers expect. */
const portable = (rel: string): string => rel.split(path.sep).join('/');

const inside = (dir: string, p: string): string | undefined => {
  const rel = path.relative(dir, p);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : undefined;
};

/**
 * A path as people should read it in messages: relative to the project root when it lies inside it
 * (`logs/modelo_fundo`, with `/` on every OS); inside a log folder set with `LISTA5_LOGDIR` and
 * named by `LISTA5_LOGDIR_SHOWN`, under that name; else absolute.
 */
export function displayPath(p: string): string {
  checkString('displayPath', 'p', p, 'a path');
  const absolute = path.resolve(p);
  const root = findProjectRoot();
  const inRoot = root === undefined ? undefined : inside(root, absolute);
  if (inRoot !== undefined) return portable(inRoot);
  const shown = process.env[LOGDIR_SHOWN_ENV];
  const logDir = process.env[LOGDIR_ENV];
  if (shown && logDir) {
    if (path.resolve(logDir) === absolute) return shown;
    const inLogs = inside(path.resolve(logDir), absolute);
    if (inLogs !== undefined) return `${shown}/${portable(inLogs)}`;
  }
  return absolute;
}
