/**
 * The notebook's "open TensorBoard" cell (the lesson's `%tensorboard --logdir logs`).
 */
import { displayBundle } from '../notebook/display.js';
import { defaultLogDir, displayPath } from './log-dir.js';
import { startTensorBoard, StartTensorBoardOptions, TensorBoardHandle } from './tensorboard-server.js';

/** Set by the headless notebook runner (python/run_notebook.py): no one is there to open a browser. */
export const HEADLESS_ENV = 'LISTA5_HEADLESS';

/**
 * In JupyterLab: starts TensorBoard on the logs and shows it in the notebook (see
 * {@link startTensorBoard}). In a headless run (`npm start`, handouts, tests — `LISTA5_HEADLESS=1`)
 * a dashboard would only leave a dead link in the handout, so it starts nothing and shows how to
 * open TensorBoard instead; then it returns `undefined`.
 */
export async function showTensorBoard(options: StartTensorBoardOptions = {}): Promise<TensorBoardHandle | undefined> {
  if (process.env[HEADLESS_ENV] !== '1') return startTensorBoard(options);
  const where = displayPath(options.logDir ?? defaultLogDir());
  const html = where.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  displayBundle({
    'text/html':
      `<p><b>TensorBoard</b>: este notebook rodou sem navegador, então o TensorBoard não foi aberto aqui. ` +
      `Para explorar os logs (<code>${html}</code>), rode <code>npm run tensorboard</code> na pasta do projeto ` +
      `e abra o endereço que ele mostrar (em geral <code>http://localhost:6006</code>).</p>`,
    'text/plain': `TensorBoard não aberto (execução sem navegador). Para ver os logs em ${where}: npm run tensorboard`,
  });
  return undefined;
}
