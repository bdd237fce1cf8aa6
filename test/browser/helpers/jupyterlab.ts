/**
 * `npm run lab`'s JupyterLab, headless: the venv's `jupyter lab` with the project's Jupyter
 * environment (scripts/paths.mjs: the tslab kernel registered in .venv), on 127.0.0.1, a free port
 * and a random token, serving a folder of the test's choosing, with its own settings, workspaces and
 * runtime folders so that nothing of the user's (or of an earlier run) leaks in.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { projectRoot, toolsEnv, venvTool } from '../../helpers/python';
import { freePort, ServerProcess, startServerProcess, waitUntilServing } from './processes';

export interface JupyterLab {
  /** `http://127.0.0.1:<port>` */
  base: string;
  token: string;
  /** The URL that opens `file` (relative to the served folder) in JupyterLab, logging in with the token. */
  notebookUrl(file: string): string;
  /** GET (or DELETE) on the server's REST API with the token. */
  api<T = unknown>(pathAndQuery: string, method?: 'GET' | 'DELETE'): Promise<T>;
  /** Everything the server printed. */
  output(): string;
  /** Shuts every kernel down, then stops the server and whatever it started. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts JupyterLab on `rootDir`. `stateDir` receives its config, runtime, settings and workspace
 * folders; `env` is added to the Jupyter environment (and so reaches the kernels).
 */
export async function startJupyterLab(options: {
  rootDir: string;
  stateDir: string;
  env?: Record<string, string>;
}): Promise<JupyterLab> {
  const token = randomBytes(24).toString('hex');
  const port = await freePort();
  const state = (name: string) => {
    const dir = path.join(options.stateDir, name);
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  };
  const env = toolsEnv({
    JUPYTER_CONFIG_DIR: state('config'),
    JUPYTER_RUNTIME_DIR: state('runtime'),
    JUPYTER_DATA_DIR: state('data'),
    JUPYTERLAB_SETTINGS_DIR: state('settings'),
    JUPYTERLAB_WORKSPACES_DIR: state('workspaces'),
    ...options.env,
  });
  const args = [
    'lab',
    '--no-browser',
    `--ServerApp.token=${token}`,
    '--ServerApp.ip=127.0.0.1',
    `--port=${port}`,
    '--ServerApp.port_retries=0',
    `--ServerApp.root_dir=${options.rootDir}`,
    // no look-ups on the internet: extension manager and update check
    '--LabApp.extension_manager=readonly',
    '--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate',
  ];
  // CI and these machines run as root, where Jupyter refuses to start without this flag.
  if (process.getuid?.() === 0) args.push('--allow-root');
  const server: ServerProcess = startServerProcess(venvTool('jupyter'), args, { cwd: projectRoot, env });
  const base = `http://127.0.0.1:${port}`;

  const api = async <T>(p: string, method: 'GET' | 'DELETE' = 'GET'): Promise<T> => {
    const res = await fetch(`${base}${p}`, { method, headers: { Authorization: `token ${token}` } });
    const body = await res.text();
    if (!res.ok) throw new Error(`${method} ${p}: HTTP ${res.status}: ${body.slice(0, 500)}`);
    return (body ? JSON.parse(body) : undefined) as T;
  };

  const lab: JupyterLab = {
    base,
    token,
    notebookUrl: (file) => `${base}/lab/tree/${file.split('/').map(encodeURIComponent).join('/')}?token=${token}`,
    api,
    output: server.output,
    stop: async () => {
      if (server.alive()) {
        try {
          const kernels = await api<{ id: string }[]>('/api/kernels');
          await Promise.all(kernels.map((k) => api(`/api/kernels/${k.id}`, 'DELETE').catch(() => undefined)));
        } catch {
          // the server is not answering: the signals below still stop it and its kernels
        }
      }
      await server.stop();
    },
  };
  try {
    const specs = await waitUntilServing(server, 'jupyter lab', () =>
      api<{ kernelspecs: Record<string, unknown> }>('/api/kernelspecs'),
    );
    if (!specs.kernelspecs.tslab) {
      throw new Error(
        `JupyterLab does not see the tslab kernel (run "npm install"); it has: ${Object.keys(specs.kernelspecs).join(', ')}`,
      );
    }
  } catch (e) {
    await lab.stop();
    throw e;
  }
  return lab;
}

/**
 * A fresh user's JupyterLab on `<tmp>/notebooks`, holding `notebooks` (file name → notebook JSON,
 * or the path of a notebook to copy): the kernels import "lista5" and TensorFlow.js from this
 * project's node_modules (linked above the folder), and no question about Jupyter news covers the page.
 */
export async function startLabWithNotebooks(
  tmp: string,
  notebooks: Record<string, string | object>,
  env: Record<string, string> = {},
): Promise<JupyterLab> {
  const notebooksDir = path.join(tmp, 'notebooks');
  fs.mkdirSync(notebooksDir, { recursive: true });
  for (const [name, notebook] of Object.entries(notebooks)) {
    const target = path.join(notebooksDir, name);
    if (typeof notebook === 'string') fs.copyFileSync(notebook, target);
    else fs.writeFileSync(target, JSON.stringify(notebook, null, 1));
  }
  fs.symlinkSync(path.join(projectRoot, 'node_modules'), path.join(tmp, 'node_modules'), 'dir');
  const notificationSettings = path.join(tmp, 'jupyter', 'settings', '@jupyterlab', 'apputils-extension');
  fs.mkdirSync(notificationSettings, { recursive: true });
  fs.writeFileSync(
    path.join(notificationSettings, 'notification.jupyterlab-settings'),
    JSON.stringify({ fetchNews: 'false' }),
  );
  return startJupyterLab({ rootDir: notebooksDir, stateDir: path.join(tmp, 'jupyter'), env });
}

/**
 * What a browser suite's `afterAll` undoes, in order: the browser, the JupyterLab server (and its
 * kernels), the temporary folder. Each may be missing (a `beforeAll` that failed half-way).
 */
export async function closeLabSuite(opened: { browser?: Browser; lab?: JupyterLab; tmp?: string }): Promise<void> {
  await opened.browser?.close().catch(() => undefined);
  await opened.lab?.stop();
  if (opened.tmp) fs.rmSync(opened.tmp, { recursive: true, force: true });
}
