/**
 * The notebook's "open TensorBoard" cell (the lesson's `%tensorboard --logdir logs`).
 */
import { displayBundle, isHeadless } from '../notebook/index.js';
import { type Env } from '../platform/index.js';
import { defaultLogDir, displayPath, findProjectRoot } from './log-dir.js';
import { proxiedUrl, serverProxyInstalled, tensorBoardRoute, unreachableMessage } from './remote-access.js';
import { startTensorBoard, StartTensorBoardOptions, TensorBoardHandle } from './tensorboard-server.js';

/** Options of {@link showTensorBoard}: those of `startTensorBoard`, and the environment to judge from. */
export interface ShowTensorBoardOptions extends StartTensorBoardOptions {
  /** The kernel's environment (default `process.env`): headless run? behind a Jupyter server? */
  env?: Env;
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function showText(text: string, html: string): void {
  displayBundle({ 'text/html': `<p>${html}</p>`, 'text/plain': text });
}

/**
 * In JupyterLab: starts TensorBoard on the logs and shows it in the notebook (see
 * {@link startTensorBoard}). Behind a Jupyter server on another machine (Binder, JupyterHub, the
 * lesson's image: `JUPYTERHUB_SERVICE_PREFIX` or `LISTA5_JUPYTER_BASE_URL` set) the browser reaches it
 * through the server's `jupyter-server-proxy` (`<base_url>proxy/<port>/`); where the server has no
 * such proxy it starts nothing and says, in one line, where to see the same views.
 * In a headless run (`npm start`, handouts, tests — `LISTA5_HEADLESS=1`) a dashboard would only leave
 * a dead link in the handout, so it starts nothing and shows how to open TensorBoard instead.
 * Returns `undefined` whenever it starts nothing.
 */
export async function showTensorBoard(options: ShowTensorBoardOptions = {}): Promise<TensorBoardHandle | undefined> {
  const { env = process.env, ...start } = options;
  const where = displayPath(start.logDir ?? defaultLogDir());
  if (isHeadless(env)) {
    showText(
      `TensorBoard não aberto (execução sem navegador). Para ver os logs (pasta ${where}), rode npm run tensorboard`,
      `<b>TensorBoard</b>: este notebook rodou sem navegador, então o TensorBoard não foi aberto aqui. ` +
        `Para explorar os logs (<code>${escapeHtml(where)}</code>), rode <code>npm run tensorboard</code> na pasta do projeto ` +
        `e abra o endereço que ele mostrar (em geral <code>http://localhost:6006</code>).`,
    );
    return undefined;
  }
  const projectRoot = start.projectRoot ?? findProjectRoot();
  const route = tensorBoardRoute(env, () => serverProxyInstalled(projectRoot, env));
  if (route.kind === 'unreachable') {
    const line = unreachableMessage(where);
    showText(line, escapeHtml(line));
    return undefined;
  }
  if (route.kind === 'proxy') {
    return startTensorBoard({ ...start, browserUrl: (port) => proxiedUrl(route.baseUrl, port) });
  }
  return startTensorBoard(start);
}
