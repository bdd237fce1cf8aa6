/**
 * showTensorBoard decides from the environment it is given (no global state): headless run, the
 * student's own machine, or a Jupyter server with or without jupyter-server-proxy. The proxy case
 * starts the project's real TensorBoard (from .venv) and is skipped, with one line, where it is missing.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MimeBundle, setDisplaySink } from '../notebook/display';
import { venvLayout } from '../platform/python-env';
import { findProjectRoot } from './log-dir';
import { HEADLESS_ENV } from '../notebook/index';
import { showTensorBoard } from './show-tensorboard';
import { runningTensorBoards, stopTensorBoard } from './tensorboard-server';

let outputs: MimeBundle[] = [];
let restore: () => void;
const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'show-tb-'));

beforeEach(() => {
  outputs = [];
  restore = setDisplaySink((bundle) => outputs.push(bundle));
});
afterEach(async () => {
  await stopTensorBoard();
  restore();
});
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

describe('showTensorBoard', () => {
  it('in a headless run, starts nothing and tells how to open TensorBoard', async () => {
    const env = { [HEADLESS_ENV]: '1', JUPYTERHUB_SERVICE_PREFIX: '/user/ana/' };
    expect(await showTensorBoard({ logDir: '/tmp/lista5-logs', env })).toBeUndefined();
    expect(runningTensorBoards().size).toBe(0);
    expect(outputs).toHaveLength(1);
    expect(outputs[0]['text/plain']).toBe(
      'TensorBoard não aberto (execução sem navegador). Para ver os logs (pasta /tmp/lista5-logs), rode npm run tensorboard',
    );
    expect(String(outputs[0]['text/html'])).not.toMatch(/<iframe|href=/);
  });

  it('behind a Jupyter server without jupyter-server-proxy, starts nothing and says where to see the views', async () => {
    // An empty project folder: no .venv, so no proxy there (nor TensorBoard, which must not be needed).
    const env = { JUPYTERHUB_SERVICE_PREFIX: '/user/ana/', JUPYTER_CONFIG_PATH: path.join(temp, 'none') };
    expect(await showTensorBoard({ logDir: path.join(temp, 'logs'), projectRoot: temp, env })).toBeUndefined();
    expect(runningTensorBoards().size).toBe(0);
    expect(outputs).toHaveLength(1);
    const text = String(outputs[0]['text/plain']);
    expect(text).toMatch(/^TensorBoard não aberto: este Jupyter roda num servidor .* sem o jupyter-server-proxy/);
    expect(text).toContain('npm run tensorboard');
    expect(text).not.toContain('\n');
    expect(String(outputs[0]['text/html'])).not.toMatch(/<iframe|href=/);
  });

  const root = findProjectRoot();
  const haveTensorBoard = root !== undefined && fs.existsSync(venvLayout(root).tool('tensorboard'));
  if (!haveTensorBoard) {
    if (process.env.CI === 'true') throw new Error('CI: the project .venv (TensorBoard) is missing: run npm install');
    console.log('skipped: the proxied TensorBoard test needs the project .venv (npm install)');
  }
  (haveTensorBoard ? it : it.skip)(
    "behind a server with jupyter-server-proxy, starts TensorBoard and shows it at the proxy's path",
    async () => {
      // jupyter-server-proxy enabled in a config folder of the server (JUPYTER_CONFIG_PATH).
      const configDir = path.join(temp, 'etc-jupyter');
      fs.mkdirSync(path.join(configDir, 'jupyter_server_config.d'), { recursive: true });
      fs.writeFileSync(path.join(configDir, 'jupyter_server_config.d', 'jupyter_server_proxy.json'), '{}');
      const env = { JUPYTERHUB_SERVICE_PREFIX: '/user/ana/', JUPYTER_CONFIG_PATH: configDir };
      const tb = await showTensorBoard({ logDir: path.join(temp, 'logs'), projectRoot: root, env });
      expect(tb).toBeDefined();
      expect(tb!.browserUrl).toBe(`/user/ana/proxy/${tb!.port}/`);
      expect(tb!.url).toBe(`http://127.0.0.1:${tb!.port}/`);
      expect((await fetch(`${tb!.url}data/logdir`)).ok).toBe(true);
      // A line while it starts, then (in its place, in JupyterLab) the link and the frame.
      expect(outputs).toHaveLength(2);
      expect(outputs[0]['text/plain']).toMatch(/^Iniciando o TensorBoard sobre /);
      expect(outputs[1]['text/plain']).toMatch(new RegExp(`^TensorBoard: /user/ana/proxy/${tb!.port}/ \\(logs em `));
      expect(String(outputs[1]['text/html'])).toContain(`<iframe src="/user/ana/proxy/${tb!.port}/"`);
    },
    180_000,
  );
});
