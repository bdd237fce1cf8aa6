/**
 * How the student's browser reaches a TensorBoard that the kernel starts. On a laptop it is
 * `http://127.0.0.1:<port>/`. On a class server (Binder, JupyterHub, the lesson's container) the
 * browser runs on another machine: the container's localhost is not the student's, so TensorBoard
 * must go through the Jupyter server's proxy (`jupyter-server-proxy`, at `<base_url>proxy/<port>/`),
 * or, where the server has no such proxy, cannot be shown at all.
 * Everything is decided from what is passed in (the environment, the project folder): no hidden state.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Env, venvLayout } from '../platform/index.js';

/** Set by JupyterHub (and so by Binder) in the single-user server's and its kernels' environment: `/user/<name>/`. */
export const JUPYTERHUB_PREFIX_ENV = 'JUPYTERHUB_SERVICE_PREFIX';
/**
 * Set by the lesson's image (Dockerfile) to the Jupyter server's base URL (`/`): Jupyter runs in a
 * container, so TensorBoard is reached through the server even without a hub.
 */
export const JUPYTER_BASE_URL_ENV = 'LISTA5_JUPYTER_BASE_URL';

/** Where `jupyter-server-proxy` enables itself in a Python environment (its data file, as pip installs it). */
export const SERVER_PROXY_CONFIG = path.join('etc', 'jupyter', 'jupyter_server_config.d', 'jupyter_server_proxy.json');
/** The same file, relative to a Jupyter config folder (`JUPYTER_CONFIG_PATH`). */
const IN_CONFIG_DIR = path.join('jupyter_server_config.d', 'jupyter_server_proxy.json');

/** How the browser reaches TensorBoard (see {@link tensorBoardRoute}). */
export type TensorBoardRoute =
  { kind: 'local' } | { kind: 'proxy'; baseUrl: string } | { kind: 'unreachable'; baseUrl: string };

/**
 * The Jupyter server's base URL when the kernel runs behind one on another machine: the hub's
 * `JUPYTERHUB_SERVICE_PREFIX`, else the image's `LISTA5_JUPYTER_BASE_URL`, always ending in `/`;
 * `undefined` on a laptop (neither set, or set to an empty string).
 */
export function remoteBaseUrl(env: Env): string | undefined {
  const raw = env[JUPYTERHUB_PREFIX_ENV] || env[JUPYTER_BASE_URL_ENV];
  if (raw === undefined || raw === '') return undefined;
  const withSlashes = `${raw.startsWith('/') ? '' : '/'}${raw}${raw.endsWith('/') ? '' : '/'}`;
  return withSlashes.replace(/\/{2,}/g, '/');
}

/**
 * Whether `jupyter-server-proxy` is installed and enabled for the Jupyter server that runs this
 * kernel: its config file lies in the project's `.venv` (where the image installs it), in one of
 * the `JUPYTER_CONFIG_PATH` folders, or in the system's Jupyter folders.
 *
 * @param projectRoot the folder holding `.venv`
 * @param env the environment (for `JUPYTER_CONFIG_PATH`)
 * @param exists the file test (default: `fs.existsSync`)
 */
export function serverProxyInstalled(
  projectRoot: string | undefined,
  env: Env,
  exists: (file: string) => boolean = fs.existsSync,
): boolean {
  const configDirs = (env.JUPYTER_CONFIG_PATH ?? '').split(path.delimiter).filter((d) => d !== '');
  const candidates = [
    ...(projectRoot === undefined ? [] : [path.join(venvLayout(projectRoot).venv, SERVER_PROXY_CONFIG)]),
    ...configDirs.map((dir) => path.join(dir, IN_CONFIG_DIR)),
    ...['/usr/local', '/usr', '/'].map((prefix) => path.join(prefix, SERVER_PROXY_CONFIG)),
  ];
  return candidates.some((file) => exists(file));
}

/**
 * How the browser reaches a TensorBoard started by the kernel: `local` on the student's own machine,
 * `proxy` behind a Jupyter server that has `jupyter-server-proxy`, `unreachable` behind one that has not.
 *
 * @param env the kernel's environment (`process.env` in a notebook)
 * @param proxyInstalled whether the server has `jupyter-server-proxy` (see {@link serverProxyInstalled});
 *   asked only when the kernel runs behind a server
 */
export function tensorBoardRoute(env: Env, proxyInstalled: () => boolean): TensorBoardRoute {
  const baseUrl = remoteBaseUrl(env);
  if (baseUrl === undefined) return { kind: 'local' };
  return proxyInstalled() ? { kind: 'proxy', baseUrl } : { kind: 'unreachable', baseUrl };
}

/** TensorBoard's address through `jupyter-server-proxy`: `<baseUrl>proxy/<port>/` (a path on the Jupyter server). */
export function proxiedUrl(baseUrl: string, port: number): string {
  return `${baseUrl}proxy/${port}/`;
}

/** The one line shown where TensorBoard cannot reach the browser (a server without the proxy). */
export function unreachableMessage(logDirShown: string): string {
  return (
    `TensorBoard não aberto: este Jupyter roda num servidor (Binder, JupyterHub ou contêiner) sem o jupyter-server-proxy, ` +
    `então o seu navegador não alcança o TensorBoard. As mesmas curvas e histogramas estão nos gráficos deste notebook; ` +
    `para o TensorBoard completo, rode npm run tensorboard no seu computador (logs em ${logDirShown}).`
  );
}
